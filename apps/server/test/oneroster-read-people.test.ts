import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/db/seed/index.ts';
import { readPeople } from '../src/modules/oneroster/export.repo.ts';
import { rowsOf } from '../src/modules/oneroster/repo.ts';
import { buildPerson } from './support/factories.ts';
import { openTestDatabase, testEngines, type TestDatabase } from './support/test-db.ts';

/**
 * What each person's homeClass and school are, looked up person by person (how readPeople read
 * them before it became one pass): the reference the single-pass read must agree with.
 */
const PER_PERSON = sql`SELECT p.sourced_id,
    (SELECT c.sourced_id FROM enrollments e JOIN classes c ON c.id = e.class_id
       WHERE e.student_id = p.id AND c.class_type = 'homeroom'
       ORDER BY e.end_date DESC, e.start_date DESC, e.id DESC LIMIT 1) AS home_class,
    COALESCE(
      (SELECT s.sourced_id FROM enrollments e JOIN schools s ON s.id = e.school_id
         WHERE e.student_id = p.id ORDER BY e.end_date DESC, e.id DESC LIMIT 1),
      (SELECT s.sourced_id FROM class_teachers t JOIN schools s ON s.id = t.school_id
         WHERE t.person_id = p.id ORDER BY t.class_id DESC LIMIT 1),
      (SELECT s.sourced_id FROM staff_assignments a JOIN schools s ON s.id = a.school_id
         WHERE a.person_id = p.id ORDER BY a.school_year_id DESC, a.id DESC LIMIT 1)) AS school_sourced_id
  FROM people p WHERE p.municipality_id = (SELECT min(id) FROM municipalities) ORDER BY p.sourced_id`;

describe.each(testEngines())('OneRoster users: homeClass and school of every person (%s)', (engine) => {
  let database: TestDatabase;
  let municipalityId: number;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    // several years of pupils (promotions, 小6→中1), homeroom teachers and other staff
    await seedDemo(database, { size: 'test', asOf: '2026-11-20', seed: 7 });
    municipalityId = rowsOf<{ id: number }>(
      await database.db.execute(sql`SELECT min(id) AS id FROM municipalities`),
    )[0]!.id;
  });
  afterAll(async () => database?.dispose());

  it('reads, in one pass, what looking each person up gives: pupils, teachers, staff and people with neither', async () => {
    const loner = await buildPerson(database.db, municipalityId, { kind: 'staff' });
    const expected = rowsOf<{
      sourced_id: string;
      home_class: string | null;
      school_sourced_id: string | null;
    }>(await database.db.execute(PER_PERSON));
    const read = await readPeople(database.db, municipalityId);
    expect(
      read.map((p) => ({
        sourced_id: p.sourced_id,
        home_class: p.home_class,
        school_sourced_id: p.school_sourced_id,
      })),
    ).toEqual(expected);
    // the data covers every branch: pupils with homerooms, staff placed by class or by assignment, and none
    const students = read.filter((p) => p.kind === 'student');
    const staff = read.filter((p) => p.kind === 'staff');
    expect(students.length).toBeGreaterThan(100);
    expect(students.every((p) => p.home_class !== null && p.school_sourced_id !== null)).toBe(true);
    expect(staff.filter((p) => p.school_sourced_id !== null).length).toBeGreaterThan(5);
    expect(read.find((p) => p.sourced_id === loner.sourcedId)).toMatchObject({
      home_class: null,
      school_sourced_id: null,
    });
  });
});

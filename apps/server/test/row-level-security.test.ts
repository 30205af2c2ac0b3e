import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { attendanceMarks, people, teacherNotes } from '../src/db/schema/index.ts';
import { withScope, type DbScope } from '../src/db/scope.ts';
import { databaseErrorOf } from './support/errors.ts';
import { openTestDatabase, testEngines, type TestDatabase } from './support/test-db.ts';
import {
  buildClass,
  buildEnrolledStudent,
  buildMunicipality,
  buildSchool,
  buildSchoolYear,
  buildStaff,
} from './support/factories.ts';

const staffScope = (schoolIds: number[], personId: number | null = null): DbScope => ({
  dbRole: 'edukarte_scoped',
  schoolIds,
  studentId: null,
  personId,
  callerIsStudent: false,
});

describe.each(testEngines())('row-level security on %s', (engine) => {
  let database: TestDatabase;
  let f: {
    schoolA: number;
    schoolB: number;
    pupilA1: number;
    pupilA2: number;
    pupilB: number;
    teacherA: number;
    otherTeacherA: number;
  };

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    const { db } = database;
    const m = await buildMunicipality(db);
    const year = await buildSchoolYear(db, m.id);
    const a = await buildSchool(db, m.id);
    const b = await buildSchool(db, m.id);
    const classA = await buildClass(db, a.id, year.id);
    const classB = await buildClass(db, b.id, year.id);
    const pupilA1 = await buildEnrolledStudent(db, classA, m.id, 1);
    const pupilA2 = await buildEnrolledStudent(db, classA, m.id, 2);
    const pupilB = await buildEnrolledStudent(db, classB, m.id, 1);
    const teacherA = await buildStaff(db, m.id, a.id, year.id);
    const otherTeacherA = await buildStaff(db, m.id, a.id, year.id);
    for (const [schoolId, studentId] of [
      [a.id, pupilA1.id],
      [a.id, pupilA2.id],
      [b.id, pupilB.id],
    ] as const) {
      await db
        .insert(attendanceMarks)
        .values({ schoolId, studentId, date: '2025-05-01', category: 'ABSENT_SICK', source: 'test' });
    }
    await db.insert(teacherNotes).values([
      {
        schoolId: a.id,
        studentId: pupilA1.id,
        authorId: teacherA.id,
        kind: 'observation',
        visibility: 'author',
        body: '本人のみ',
        notedOn: '2025-05-01',
        source: 'test',
      },
      {
        schoolId: a.id,
        studentId: pupilA1.id,
        authorId: teacherA.id,
        kind: 'consideration',
        visibility: 'school_staff',
        body: '共有',
        notedOn: '2025-05-01',
        source: 'test',
      },
    ]);
    f = {
      schoolA: a.id,
      schoolB: b.id,
      pupilA1: pupilA1.id,
      pupilA2: pupilA2.id,
      pupilB: pupilB.id,
      teacherA: teacherA.id,
      otherTeacherA: otherTeacherA.id,
    };
  });
  afterAll(async () => database?.dispose());

  it('a query without any WHERE school_id still returns only the scoped school', async () => {
    const rows = await withScope(database.db, staffScope([f.schoolA]), (tx) =>
      tx.select().from(attendanceMarks),
    );
    expect(rows.map((r) => r.studentId).sort()).toEqual([f.pupilA1, f.pupilA2].sort());
  });

  it('people of another school are invisible, even by id', async () => {
    const rows = await withScope(database.db, staffScope([f.schoolA]), (tx) =>
      tx.select().from(people).where(eq(people.id, f.pupilB)),
    );
    expect(rows).toEqual([]);
  });

  it('cannot write into another school', async () => {
    const message = await databaseErrorOf(
      withScope(database.db, staffScope([f.schoolA]), (tx) =>
        tx.insert(attendanceMarks).values({
          schoolId: f.schoolB,
          studentId: f.pupilB,
          date: '2025-05-02',
          category: 'LATE',
          source: 'test',
        }),
      ),
    );
    expect(message).toMatch(/row-level security/);
  });

  it('an empty scope sees nothing', async () => {
    const rows = await withScope(database.db, staffScope([]), (tx) => tx.select().from(attendanceMarks));
    expect(rows).toEqual([]);
  });

  it('a pupil sees only their own rows and no teacher notes', async () => {
    const scope: DbScope = { ...staffScope([f.schoolA]), studentId: f.pupilA1, callerIsStudent: true };
    const result = await withScope(database.db, scope, async (tx) => ({
      marks: await tx.select({ studentId: attendanceMarks.studentId }).from(attendanceMarks),
      notes: await tx.select().from(teacherNotes),
      people: await tx.select({ id: people.id }).from(people),
    }));
    expect(result.marks).toEqual([{ studentId: f.pupilA1 }]);
    expect(result.notes).toEqual([]);
    expect(result.people).toEqual([{ id: f.pupilA1 }]);
  });

  it('an author-only note is read by its author and not by a colleague', async () => {
    const read = (personId: number) =>
      withScope(database.db, staffScope([f.schoolA], personId), (tx) =>
        tx.select({ body: teacherNotes.body }).from(teacherNotes),
      );
    expect((await read(f.teacherA)).map((n) => n.body).sort()).toEqual(['共有', '本人のみ']);
    expect((await read(f.otherTeacherA)).map((n) => n.body)).toEqual(['共有']);
  });

  it('the board role cannot read names at all', async () => {
    const boardScope: DbScope = { ...staffScope([f.schoolA, f.schoolB]), dbRole: 'edukarte_board' };
    const ids = await withScope(database.db, boardScope, (tx) =>
      tx.select({ id: people.id, pseudonym: people.pseudonym }).from(people),
    );
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(
      await databaseErrorOf(
        withScope(database.db, boardScope, (tx) => tx.select({ name: people.familyName }).from(people)),
      ),
    ).toMatch(/permission denied/);
    expect(
      await databaseErrorOf(withScope(database.db, boardScope, (tx) => tx.select().from(teacherNotes))),
    ).toMatch(/permission denied/);
  });

  it('the scope ends with its transaction', async () => {
    await withScope(database.db, staffScope([f.schoolA]), (tx) => tx.execute(sql`select 1`));
    const all = await database.db.select().from(attendanceMarks);
    expect(all).toHaveLength(3);
  });
});

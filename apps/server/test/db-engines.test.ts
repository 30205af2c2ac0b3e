import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, sql } from 'drizzle-orm';
import pg from 'pg';
import {
  accessAudit,
  attendanceMarks,
  instructionDays,
  municipalities,
  people,
  userAccounts,
} from '../src/db/schema/index.ts';
import { openTestDatabase, testEngines, type TestDatabase } from './support/test-db.ts';
import {
  buildClass,
  buildEnrolledStudent,
  buildMunicipality,
  buildSchool,
  buildSchoolYear,
} from './support/factories.ts';

/**
 * The embedded and the production engine must hand the application identical JavaScript values:
 * type drift between them is the bug we most want to avoid (architecture.md).
 */
async function sampleValues(database: TestDatabase) {
  const { db } = database;
  const municipality = await buildMunicipality(db);
  const school = await buildSchool(db, municipality.id);
  const year = await buildSchoolYear(db, municipality.id);
  const cls = await buildClass(db, school.id, year.id);
  const student = await buildEnrolledStudent(db, cls, municipality.id);
  await db.insert(instructionDays).values({ schoolId: school.id, date: '2025-04-08', schoolYearId: year.id });
  await db.insert(attendanceMarks).values({
    schoolId: school.id,
    studentId: student.id,
    date: '2025-04-08',
    category: 'ABSENT_SICK',
    reason: '発熱',
    symptoms: ['発熱', 'せき'],
    recordedAt: new Date('2025-04-08T08:15:00+09:00'),
    source: 'test',
  });
  const [account] = await db
    .insert(userAccounts)
    .values({ loginId: `u${student.id}`, role: 'teacher', displayName: 't', municipalityId: municipality.id })
    .returning();
  await db
    .insert(accessAudit)
    .values({ userId: account!.id, role: 'teacher', action: 'probe', ip: '127.0.0.1' });
  await database.copyCsv(
    'instruction_days',
    ['school_id', 'date', 'school_year_id'],
    `${school.id},2025-04-09,${year.id}\n${school.id},2025-04-10,${year.id}\n`,
  );

  const [mark] = await db.select().from(attendanceMarks).where(eq(attendanceMarks.studentId, student.id));
  const [counted] = await db
    .select({ n: count() })
    .from(instructionDays)
    .where(eq(instructionDays.schoolId, school.id));
  const [summed] = await db
    .select({ total: sql<number>`sum(${instructionDays.schoolYearId})::bigint`.mapWith(Number) })
    .from(instructionDays);
  const [audit] = await db
    .select({ id: accessAudit.id, detail: accessAudit.detail, at: accessAudit.occurredAt })
    .from(accessAudit);
  const [person] = await db
    .select({ birthDate: people.birthDate })
    .from(people)
    .where(eq(people.id, student.id));
  return {
    mark: {
      date: mark!.date,
      symptoms: mark!.symptoms,
      recordedAt: mark!.recordedAt.toISOString(),
      category: mark!.category,
    },
    count: counted!.n,
    sum: summed!.total,
    auditIdType: typeof audit!.id,
    auditDetail: audit!.detail,
    auditAtIsDate: audit!.at instanceof Date,
    birthDate: person!.birthDate,
    sumOfYear: year.id * 3,
  };
}

describe.each(testEngines())('database layer on %s', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(async () => database?.dispose());

  it('returns dates as YYYY-MM-DD, timestamps as Date, counts and bigints as numbers, arrays as arrays', async () => {
    const values = await sampleValues(database);
    expect(values).toEqual({
      mark: {
        date: '2025-04-08',
        symptoms: ['発熱', 'せき'],
        recordedAt: '2025-04-07T23:15:00.000Z',
        category: 'ABSENT_SICK',
      },
      count: 3,
      sum: values.sumOfYear,
      auditIdType: 'number',
      auditDetail: {},
      auditAtIsDate: true,
      birthDate: '2014-06-01',
      sumOfYear: values.sumOfYear,
    });
  });

  it('rejects a school code whose shape is wrong at the database too', async () => {
    const municipality = await buildMunicipality(database.db);
    await expect(
      database.db.execute(
        sql`insert into schools (municipality_id, code, name, kind) values (${municipality.id}, 'X12345', 'x', 'elementary')`,
      ),
    ).rejects.toThrow();
  });
});

// Only a server can end connections under us; CI runs this with TEST_DATABASE_URL set.
describe.each(testEngines().filter((engine) => engine === 'postgres'))('connection loss on %s', (engine) => {
  it('survives the server ending idle connections, and the next query reconnects', async () => {
    const database = await openTestDatabase(engine);
    try {
      const municipality = await buildMunicipality(database.db);
      const [current] = await database.db
        .select({ name: sql<string>`current_database()` })
        .from(municipalities)
        .limit(1);
      const name = current!.name;
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      const terminated = await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [name],
      );
      await admin.end();
      expect(terminated.rowCount).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const [row] = await database.db
        .select({ n: count() })
        .from(municipalities)
        .where(eq(municipalities.id, municipality.id));
      expect(row!.n).toBe(1);
    } finally {
      await database.dispose();
    }
  });
});

import { and, eq, sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidSchoolCode, ROLES } from '@edukarte/shared';
import { openDatabase, type Database, type Db } from '../src/db/client.ts';
import { classes, enrollments, notices, people, schools, userAccounts } from '../src/db/schema/index.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, OTHER_SCHOOL_TEACHER } from '../src/db/seed/demo-accounts.ts';
import { isSeeded, seedDemo, type SeedOptions, type SeedSummary } from '../src/db/seed/index.ts';
import { TABLE_ORDER } from '../src/db/seed/tables.ts';

const OPTIONS: SeedOptions = { size: 'test', asOf: '2026-02-13', seed: 7 };
const CURRENT_FY = 2025;
/** every table the seed writes: a column left to a random or now() default shows up here */
const CHECKSUM_TABLES = [...TABLE_ORDER, 'drill_daily', 'ict_usage_daily'];

/** A number from a one-value query, read through the typed query builder (same shape on both engines). */
async function scalar(db: Db, query: SQL): Promise<number> {
  const [row] = await db
    .select({ value: sql<number>`(${query})`.mapWith(Number) })
    .from(sql`(SELECT 1) AS one`);
  return row?.value ?? Number.NaN;
}

async function checksum(db: Db, table: string): Promise<string> {
  const [row] = await db
    .select({ sum: sql<string>`md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), ''))` })
    .from(sql`${sql.identifier(table)} AS t`);
  return row?.sum ?? '';
}

interface Engine {
  name: string;
  open(): Promise<Database>;
  cleanup(): Promise<void>;
}

function pgliteEngine(): Engine {
  return {
    name: 'pglite',
    open: () => openDatabase({ dataDir: 'memory://' }),
    cleanup: async () => undefined,
  };
}

/** Fresh, uniquely named databases on the server of TEST_DATABASE_URL, dropped afterwards. */
function postgresEngine(url: string): Engine {
  const created: string[] = [];
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    name: 'postgres',
    async open() {
      const name = `edukarte_seed_test_${process.pid}_${created.length}`;
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name}`));
      await admin((c) => c.query(`CREATE DATABASE ${name}`));
      created.push(name);
      const target = new URL(url);
      target.pathname = `/${name}`;
      return openDatabase({ databaseUrl: target.toString() });
    },
    async cleanup() {
      for (const name of created) await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

const engines: Engine[] = [pgliteEngine()];
if (process.env.TEST_DATABASE_URL) engines.push(postgresEngine(process.env.TEST_DATABASE_URL));

describe.each(engines)('demo seed on $name', (engine) => {
  let database: Database;
  let summary: SeedSummary;
  let db: Db;

  beforeAll(async () => {
    database = await engine.open();
    db = database.db;
    summary = await seedDemo(database, OPTIONS);
  });
  afterAll(async () => {
    await database?.close();
    await engine.cleanup();
  });

  it('gives identical data for the same size, asOf and seed', async () => {
    const second = await engine.open();
    try {
      const again = await seedDemo(second, OPTIONS);
      expect(again.rows).toEqual(summary.rows);
      for (const table of CHECKSUM_TABLES)
        expect(await checksum(second.db, table), table).toBe(await checksum(db, table));
    } finally {
      await second.close();
    }
  });

  it('reports the rows it loaded, and refuses to seed twice', async () => {
    expect(summary.schoolYears).toEqual([2023, 2024, 2025]);
    for (const table of ['people', 'enrollments', 'attendance_marks', 'drill_answers', 'drill_daily'])
      expect(await scalar(db, sql`SELECT count(*) FROM ${sql.identifier(table)}`), table).toBe(
        summary.rows[table],
      );
    expect(summary.learningEvents).toBe(
      (summary.rows.drill_answers ?? 0) + (summary.rows.interactions ?? 0) + (summary.rows.ict_usage ?? 0),
    );
    expect(await isSeeded(db)).toBe(true);
    await expect(seedDemo(database, OPTIONS)).rejects.toThrow(/already/);
  });

  it('builds every school code with a valid check digit', async () => {
    const rows = await db
      .select({ code: schools.code, kind: schools.kind, name: schools.name })
      .from(schools);
    expect(rows.length).toBe(3);
    for (const s of rows) {
      expect(isValidSchoolCode(s.code), s.code).toBe(true);
      expect(s.code.slice(0, 2)).toBe(s.kind === 'elementary' ? 'B1' : 'C1');
      expect(s.name).toMatch(/^こもれび市立.+(小|中)学校$/);
    }
  });

  it('keeps every foreign key and event reference intact', async () => {
    await db.execute(
      sql.raw(`DO $$ DECLARE r record; n bigint; BEGIN
        FOR r IN SELECT c.conname, c.conrelid::regclass AS child, a.attname AS col, c.confrelid::regclass AS parent, pa.attname AS pcol
          FROM pg_constraint c
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
          JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
          WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace LOOP
          EXECUTE format('SELECT count(*) FROM %s x WHERE x.%I IS NOT NULL AND NOT EXISTS (SELECT 1 FROM %s p WHERE p.%I = x.%I)', r.child, r.col, r.parent, r.pcol, r.col) INTO n;
          IF n > 0 THEN RAISE EXCEPTION 'foreign key % has % orphan rows', r.conname, n; END IF;
        END LOOP;
      END $$`),
    );
    expect(
      await scalar(
        db,
        sql`SELECT count(*) FROM drill_answers d WHERE NOT EXISTS (SELECT 1 FROM people p WHERE p.id = d.student_id)`,
      ),
    ).toBe(0);
    expect(
      await scalar(
        db,
        sql`SELECT count(*) FROM interactions i WHERE NOT EXISTS (SELECT 1 FROM enrollments e WHERE e.class_id = i.class_id AND e.student_id = i.target_id)`,
      ),
    ).toBe(0);
    expect(
      await scalar(
        db,
        sql`SELECT count(*) FROM attendance_marks m WHERE NOT EXISTS (SELECT 1 FROM instruction_days d WHERE d.school_id = m.school_id AND d.date = m.date)`,
      ),
    ).toBe(0);
    expect(await scalar(db, sql`SELECT count(*) FROM attendance_marks WHERE date > ${OPTIONS.asOf}`)).toBe(0);
    expect(
      await scalar(db, sql`SELECT count(*) FROM attendance_marks WHERE source <> 'demo' OR batch_id IS NULL`),
    ).toBe(0);
  });

  it('moves a 小6 pupil on to 中1 of the next year as the same person', async () => {
    const advanced = await scalar(
      db,
      sql`SELECT count(*) FROM enrollments e6
      JOIN classes c6 ON c6.id = e6.class_id JOIN school_years y6 ON y6.id = e6.school_year_id
      JOIN enrollments e7 ON e7.student_id = e6.student_id JOIN classes c7 ON c7.id = e7.class_id
      JOIN school_years y7 ON y7.id = e7.school_year_id
      WHERE c6.grade_code = 'P6' AND e6.exit = 'graduated' AND c7.grade_code = 'J1' AND e7.entry = 'advanced'
        AND y7.fiscal_year = y6.fiscal_year + 1 AND e7.start_date = make_date(y7.fiscal_year, 4, 1)`,
    );
    const graduates = await scalar(
      db,
      sql`SELECT count(*) FROM enrollments e JOIN classes c ON c.id = e.class_id
      JOIN school_years y ON y.id = e.school_year_id WHERE c.grade_code = 'P6' AND e.exit = 'graduated' AND y.fiscal_year < ${CURRENT_FY}`,
    );
    expect(advanced).toBeGreaterThan(0);
    expect(advanced / graduates).toBeGreaterThan(0.85); // about 5 % go to private schools
  });

  it('numbers each class 男女混合 in 五十音 order, with transfers at the end', async () => {
    const rows = await db
      .select({
        classId: enrollments.classId,
        no: enrollments.attendanceNo,
        entry: enrollments.entry,
        kana: sql<string>`${people.familyNameKana} || ' ' || ${people.givenNameKana}`,
      })
      .from(enrollments)
      .innerJoin(people, eq(people.id, enrollments.studentId))
      .orderBy(enrollments.classId, enrollments.attendanceNo);
    const byClass = new Map<number, typeof rows>();
    for (const r of rows) byClass.set(r.classId, [...(byClass.get(r.classId) ?? []), r]);
    for (const list of byClass.values()) {
      const april = list.filter((r) => r.entry !== 'transfer_in');
      const kana = april.map((r) => r.kana);
      expect(kana).toEqual([...kana].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      const lastApril = Math.max(0, ...april.map((r) => r.no));
      for (const r of list) if (r.entry === 'transfer_in') expect(r.no).toBeGreaterThan(lastApril);
      expect(new Set(list.map((r) => r.no)).size).toBe(list.length);
    }
    expect(await scalar(db, sql`SELECT count(*) FROM classes WHERE is_special_needs`)).toBeGreaterThanOrEqual(
      9,
    );
  });

  it('creates one demo account per role, plus teacher2 at another school', async () => {
    expect(DEMO_ACCOUNTS.map((a) => a.role).sort()).toEqual([...ROLES].sort());
    const accounts = await db.select().from(userAccounts);
    const byLogin = new Map(accounts.map((a) => [a.loginId, a]));
    for (const demo of [...DEMO_ACCOUNTS, OTHER_SCHOOL_TEACHER]) {
      const account = byLogin.get(demo.loginId);
      expect(account?.role, demo.loginId).toBe(demo.role);
      expect(account?.personId).not.toBeNull();
      expect(account?.passwordHash).toMatch(/^\$argon2id\$/);
      expect(demo.password).toBe(DEMO_PASSWORD);
    }
    const school = byLogin.get('teacher')?.schoolId;
    for (const login of ['nurse', 'principal', 'student']) expect(byLogin.get(login)?.schoolId).toBe(school);
    for (const login of ['board', 'admin']) expect(byLogin.get(login)?.schoolId).toBeNull();
    expect(byLogin.get('teacher2')?.schoolId).not.toBe(school);
    expect(new Set(accounts.map((a) => a.passwordHash)).size).toBe(1);
  });

  it("plants a pupil near 30 days' absence in the demo teacher's class, while most miss few days", async () => {
    const teacherId = (await db.select().from(userAccounts).where(eq(userAccounts.loginId, 'teacher')))[0]
      ?.personId;
    const studentId = (await db.select().from(userAccounts).where(eq(userAccounts.loginId, 'student')))[0]
      ?.personId;
    const [klass] = await db
      .select({ id: classes.id, schoolId: classes.schoolId })
      .from(classes)
      .innerJoin(
        sql`class_teachers ct`,
        sql`ct.class_id = ${classes.id} AND ct.role = 'homeroom' AND ct.person_id = ${teacherId}`,
      )
      .innerJoin(sql`school_years y`, sql`y.id = ${classes.schoolYearId} AND y.fiscal_year = ${CURRENT_FY}`);
    if (!klass) throw new Error('the demo teacher has no class this year');
    const members = await db
      .select({ id: enrollments.studentId })
      .from(enrollments)
      .where(and(eq(enrollments.classId, klass.id)));
    expect(members.map((m) => m.id)).toContain(studentId);
    const daysSoFar = await scalar(
      db,
      sql`SELECT count(*) FROM instruction_days WHERE school_id = ${klass.schoolId} AND date BETWEEN '2025-04-01' AND ${OPTIONS.asOf}`,
    );
    const daysInYear = await scalar(
      db,
      sql`SELECT count(*) FROM instruction_days WHERE school_id = ${klass.schoolId} AND date BETWEEN '2025-04-01' AND '2026-03-31'`,
    );
    const absences: number[] = [];
    for (const m of members)
      absences.push(
        await scalar(
          db,
          sql`SELECT count(*) FROM attendance_marks WHERE student_id = ${m.id} AND school_id = ${klass.schoolId} AND date >= '2025-04-01' AND category IN ('ABSENT_SICK', 'ABSENT_OTHER')`,
        ),
      );
    // one child past the 30-day pace, another climbing towards it
    expect(
      absences.filter((n) => n >= 20 && (n / daysSoFar) * daysInYear >= 30).length,
    ).toBeGreaterThanOrEqual(1);
    expect(absences.filter((n) => n >= 20).length).toBeGreaterThanOrEqual(2);
    expect(absences.filter((n) => n <= 5).length / absences.length).toBeGreaterThan(0.6);
  });

  it('fills the daily rollups with exactly the aggregates of the raw events', async () => {
    expect(summary.rows.drill_daily).toBeGreaterThan(0);
    const drillDiff = sql`SELECT count(*) FROM (
      (SELECT school_id, student_id, date, unit_code, subject_code, answered, correct, duration_ms FROM drill_daily
       EXCEPT SELECT school_id, student_id, (answered_at AT TIME ZONE 'Asia/Tokyo')::date, unit_code, subject_code,
         count(*)::int, (count(*) FILTER (WHERE is_correct))::int, sum(duration_ms) FROM drill_answers GROUP BY 1, 2, 3, 4, 5)
      UNION ALL
      (SELECT school_id, student_id, (answered_at AT TIME ZONE 'Asia/Tokyo')::date, unit_code, subject_code,
         count(*)::int, (count(*) FILTER (WHERE is_correct))::int, sum(duration_ms) FROM drill_answers GROUP BY 1, 2, 3, 4, 5
       EXCEPT SELECT school_id, student_id, date, unit_code, subject_code, answered, correct, duration_ms FROM drill_daily)) x`;
    expect(await scalar(db, drillDiff)).toBe(0);
    const ictDiff = sql`SELECT count(*) FROM (
      (SELECT school_id, date, tool_id, device, purpose, launches, minutes FROM ict_usage_daily
       EXCEPT SELECT school_id, (started_at AT TIME ZONE 'Asia/Tokyo')::date, tool_id, device, purpose, count(*)::int, sum(minutes) FROM ict_usage GROUP BY 1, 2, 3, 4, 5)
      UNION ALL
      (SELECT school_id, (started_at AT TIME ZONE 'Asia/Tokyo')::date, tool_id, device, purpose, count(*)::int, sum(minutes) FROM ict_usage GROUP BY 1, 2, 3, 4, 5
       EXCEPT SELECT school_id, date, tool_id, device, purpose, launches, minutes FROM ict_usage_daily)) x`;
    expect(await scalar(db, ictDiff)).toBe(0);
  });

  it('leaves identity sequences past the generated ids', async () => {
    const maxId = await scalar(db, sql`SELECT max(id) FROM notices`);
    const [row] = await db
      .insert(notices)
      .values({
        municipalityId: summary.municipalityId,
        title: 'テスト',
        body: '本文',
        audience: ['teacher'],
        publishedAt: new Date(),
      })
      .returning({ id: notices.id });
    expect(row?.id).toBe(maxId + 1);
    await db.delete(notices).where(eq(notices.id, row?.id ?? 0));
  });

  it('records an influenza 学級閉鎖 with 出席停止 marks on its days', async () => {
    const closures = await scalar(
      db,
      sql`SELECT count(*) FROM class_closures WHERE disease = 'インフルエンザ'`,
    );
    expect(closures).toBe(1);
    const suspended = await scalar(
      db,
      sql`SELECT count(*) FROM attendance_marks m JOIN class_closures c ON c.school_id = m.school_id
      AND m.date BETWEEN c.start_date AND c.end_date JOIN enrollments e ON e.class_id = c.class_id AND e.student_id = m.student_id
      WHERE m.category = 'SUSPENDED' AND m.disease = 'インフルエンザ'`,
    );
    expect(suspended).toBeGreaterThan(10);
  });
});

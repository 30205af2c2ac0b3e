import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { schools } from '../src/db/schema/index.ts';
import { buildMunicipality, buildSchool } from './support/factories.ts';
import { openTestDatabase, testEngines, type TestDatabase } from './support/test-db.ts';

/** The SQLSTATE and message the database refused with (Drizzle wraps the driver's error as `cause`). */
async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code?: string; message: string; cause?: { code?: string; message: string } };
    const pgError = e.code ? e : (e.cause ?? e);
    return { code: pgError.code ?? '', message: pgError.message };
  }
  throw new Error('expected the database to refuse, but it did not');
}

const BULK_TABLES = ['drill_answers', 'drill_daily', 'interactions', 'ict_usage', 'ict_usage_daily'] as const;

/** One row for each bulk table, of this school (columns the table needs, nothing else). */
function insertRow(table: (typeof BULK_TABLES)[number], schoolId: number) {
  switch (table) {
    case 'drill_answers':
      return sql`INSERT INTO drill_answers (school_id, student_id, tool_id, answered_at, subject_code, unit_code,
        item_code, is_correct, duration_ms) VALUES (${schoolId}, 1, 1, now(), 'MATH', 'U', 'I', true, 1000)`;
    case 'drill_daily':
      return sql`INSERT INTO drill_daily (school_id, student_id, date, unit_code, subject_code, answered, correct,
        duration_ms) VALUES (${schoolId}, 1, '2026-11-20', ${randomUUID()}, 'MATH', 1, 1, 1000)`;
    case 'interactions':
      return sql`INSERT INTO interactions (school_id, class_id, actor_id, target_id, kind, occurred_at, tool_id)
        VALUES (${schoolId}, 1, 1, 2, 'view', now(), 1)`;
    case 'ict_usage':
      return sql`INSERT INTO ict_usage (school_id, person_id, tool_id, device, purpose, started_at, minutes)
        VALUES (${schoolId}, 1, 1, 'tablet', 'lesson', now(), 5)`;
    case 'ict_usage_daily':
      return sql`INSERT INTO ict_usage_daily (school_id, date, tool_id, device, purpose, launches, minutes)
        VALUES (${schoolId}, '2026-11-20', ${Math.floor(Math.random() * 1e9)}, 'tablet', 'lesson', 1, 5)`;
  }
}

const statementRow = (municipalityId: number, schoolId: number | null, authorityId = 1) =>
  sql`INSERT INTO xapi_statements (id, municipality_id, school_id, authority_id, "timestamp", verb_id, actor_key,
        statement)
      VALUES (${randomUUID()}, ${municipalityId}, ${schoolId}, ${authorityId}, now(),
        'http://adlnet.gov/expapi/verbs/answered', 'mbox:mailto:a@example.jp', '{}'::jsonb)`;

const count = async (database: TestDatabase, table: string) => {
  const { rows } = (await database.db.execute(
    sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`,
  )) as {
    rows: { n: number }[];
  };
  return rows[0]!.n;
};

describe.each(testEngines())(
  'school, municipality and authority checks of the bulk-written tables (%s)',
  (engine) => {
    let database: TestDatabase;
    let municipalityId: number;
    let schoolId: number;
    beforeAll(async () => {
      database = await openTestDatabase(engine);
      municipalityId = (await buildMunicipality(database.db)).id;
      schoolId = (await buildSchool(database.db, municipalityId)).id;
      await database.db.execute(sql`INSERT INTO xapi_authorities (id, agent_key, agent)
        VALUES (1, 'mbox:mailto:lrs@example.jp', '{"mbox": "mailto:lrs@example.jp"}')`);
    });
    afterAll(async () => database.dispose());

    it.each(BULK_TABLES)(
      '%s takes a row of a known school and refuses an unknown one with 23503',
      async (table) => {
        await database.db.execute(insertRow(table, schoolId));
        const before = await count(database, table);
        const refused = await refusal(database.db.execute(insertRow(table, 999_999)));
        expect(refused.code).toBe('23503');
        expect(refused.message).toContain('school_id 999999 is not in schools');
        expect(await count(database, table)).toBe(before);
      },
    );

    it('refuses a whole COPY when one of its rows names an unknown school', async () => {
      const before = await count(database, 'drill_answers');
      const refused = await refusal(
        database.copyCsv(
          'drill_answers',
          [
            'school_id',
            'student_id',
            'tool_id',
            'answered_at',
            'subject_code',
            'unit_code',
            'item_code',
            'is_correct',
            'duration_ms',
          ],
          `${schoolId},1,1,2026-11-20T10:00:00+09:00,MATH,U,I,t,1000\n999999,1,1,2026-11-20T10:00:00+09:00,MATH,U,I,t,1000\n`,
        ),
      );
      expect(refused.code).toBe('23503');
      expect(await count(database, 'drill_answers')).toBe(before);
    });

    it('xapi_statements needs a known municipality, and a known school when it has one', async () => {
      await database.db.execute(statementRow(municipalityId, schoolId));
      await database.db.execute(statementRow(municipalityId, null));
      expect((await refusal(database.db.execute(statementRow(999_999, null)))).message).toContain(
        'municipality_id 999999 is not in municipalities',
      );
      expect((await refusal(database.db.execute(statementRow(municipalityId, 999_999)))).code).toBe('23503');
    });

    it('xapi_statements needs a known authority, which never changes or goes', async () => {
      const missing = await refusal(database.db.execute(statementRow(municipalityId, null, 999_999)));
      expect(missing.code).toBe('23503');
      expect(missing.message).toContain('authority_id 999999 is not in xapi_authorities');
      await database.db.execute(sql`INSERT INTO xapi_authorities (id, agent_key, agent)
        VALUES (2, 'mbox:mailto:other@example.jp', '{"mbox": "mailto:other@example.jp"}')`);
      for (const change of [
        sql`UPDATE xapi_statements SET authority_id = 2 WHERE authority_id = 1`,
        sql`UPDATE xapi_authorities SET agent_key = 'x' WHERE id = 1`,
        sql`DELETE FROM xapi_authorities WHERE id = 2`,
        sql`TRUNCATE xapi_authorities`,
      ]) {
        const refused = await refusal(database.db.execute(change));
        expect(refused.message).toContain("a statement's authority never changes");
      }
      expect(await count(database, 'xapi_authorities')).toBe(2);
    });

    it('refuses an update that moves rows to an unknown school', async () => {
      const refused = await refusal(
        database.db.execute(sql`UPDATE drill_answers SET school_id = 999999 WHERE school_id = ${schoolId}`),
      );
      expect(refused.code).toBe('23503');
      // the rollup's own upsert (same school) still works
      await database.db.execute(
        sql`UPDATE drill_daily SET answered = answered + 1 WHERE school_id = ${schoolId}`,
      );
    });

    it('keeps a school and a municipality that rows still reference, and lets an unreferenced school go', async () => {
      const deleted = await refusal(database.db.delete(schools).where(eq(schools.id, schoolId)));
      expect(deleted.code).toBe('23503');
      expect(deleted.message).toContain('still referenced');
      const renumbered = await refusal(
        database.db.update(schools).set({ id: 999_998 }).where(eq(schools.id, schoolId)),
      );
      expect(renumbered.code).toBe('23503');

      const spare = await buildSchool(database.db, municipalityId);
      await database.db.delete(schools).where(eq(schools.id, spare.id));
      expect(await database.db.select().from(schools).where(eq(schools.id, spare.id))).toEqual([]);

      const lone = await buildMunicipality(database.db);
      await database.db.execute(statementRow(lone.id, null));
      const gone = await refusal(database.db.execute(sql`DELETE FROM municipalities WHERE id = ${lone.id}`));
      expect(gone.code).toBe('23503');
    });
  },
  60_000,
);

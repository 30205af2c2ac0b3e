import { count, eq, sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { drillDaily, ictUsageDaily, importBatches } from '../schema/index.ts';
import type { World } from './model.ts';
import { IDENTITY_TABLES } from './tables.ts';

/**
 * On PGlite (one connection, the generator is its only user) foreign-key triggers are switched
 * off while COPY runs: the generator builds parents before children and the seed test checks
 * every foreign key afterwards. PostgreSQL servers keep their checks (COPY runs on pooled
 * connections, and the role may not be a superuser).
 */
export async function setBulkMode(database: Database, on: boolean): Promise<void> {
  if (database.engine !== 'pglite') return;
  await database.db.execute(sql.raw(`SET session_replication_role = ${on ? 'replica' : 'origin'}`));
}

/** PGlite runs no background checkpointer: checkpoint so its WAL can be recycled (no-op elsewhere). */
export async function checkpoint(database: Database): Promise<void> {
  if (database.engine === 'pglite') await database.db.execute(sql.raw('CHECKPOINT'));
}

/**
 * Fills the daily rollups from the raw events with INSERT … SELECT … GROUP BY, one school at a
 * time so a city-size load never aggregates everything in one statement. Dates are Japan dates.
 */
export async function buildRollups(database: Database, world: World): Promise<Record<string, number>> {
  const { db } = database;
  for (const school of world.schools) {
    await db.execute(sql`INSERT INTO drill_daily (school_id, student_id, date, unit_code, subject_code, answered, correct, duration_ms)
      SELECT school_id, student_id, (answered_at AT TIME ZONE 'Asia/Tokyo')::date, unit_code, subject_code,
             count(*), count(*) FILTER (WHERE is_correct), sum(duration_ms)
      FROM drill_answers WHERE school_id = ${school.id} GROUP BY 1, 2, 3, 4, 5`);
    await db.execute(sql`INSERT INTO ict_usage_daily (school_id, date, tool_id, device, purpose, launches, minutes)
      SELECT school_id, (started_at AT TIME ZONE 'Asia/Tokyo')::date, tool_id, device, purpose, count(*), sum(minutes)
      FROM ict_usage WHERE school_id = ${school.id} GROUP BY 1, 2, 3, 4, 5`);
  }
  const [drill] = await db.select({ n: count() }).from(drillDaily);
  const [ict] = await db.select({ n: count() }).from(ictUsageDaily);
  return { drill_daily: drill?.n ?? 0, ict_usage_daily: ict?.n ?? 0 };
}

/** Moves every identity sequence past the ids the generator assigned, so later inserts work. */
export async function resetSequences(database: Database): Promise<void> {
  const tables = IDENTITY_TABLES.map((t) => `'${t}'`).join(', ');
  await database.db.execute(
    sql.raw(`DO $$ DECLARE t text; BEGIN
      FOREACH t IN ARRAY ARRAY[${tables}] LOOP
        EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, ''id''), coalesce(max(id), 0) + 1, false) FROM %I', t, t);
      END LOOP;
    END $$`),
  );
}

/** Records the demo batch's size and what it contains (provenance report). */
export async function completeBatch(
  database: Database,
  world: World,
  rows: Record<string, number>,
): Promise<void> {
  const total = Object.values(rows).reduce((a, b) => a + b, 0);
  await database.db
    .update(importBatches)
    .set({ rowCount: total, report: { generator: 'edukarte demo seed', size: world.profile.size, rows } })
    .where(eq(importBatches.id, world.batchId));
}

const DEFERRED = 'seed_deferred_constraints';

/**
 * Drops the plain indexes (and on PostgreSQL servers the foreign keys) of the loaded tables before
 * COPY and records their definitions; `restoreDeferred` recreates exactly those objects afterwards.
 * Building an index once over loaded data is much faster than maintaining it row by row, and
 * re-adding a foreign key validates every row in one pass instead of a trigger per row. PGlite
 * keeps its foreign keys and skips their triggers instead (see setBulkMode): re-validating them
 * there costs more than it saves.
 */
export async function deferConstraints(database: Database, tables: readonly string[]): Promise<void> {
  const list = tables.map((t) => `'${t}'`).join(', ');
  const { db } = database;
  await db.execute(
    sql.raw(
      `CREATE TABLE ${DEFERRED} (seq serial PRIMARY KEY, kind text NOT NULL, table_name text NOT NULL, name text NOT NULL, definition text NOT NULL)`,
    ),
  );
  await db.execute(
    sql.raw(`INSERT INTO ${DEFERRED} (kind, table_name, name, definition)
      SELECT 'index', i.tablename, i.indexname, i.indexdef FROM pg_indexes i
      WHERE i.schemaname = 'public' AND i.tablename IN (${list})
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.connamespace = 'public'::regnamespace)
      ORDER BY i.tablename, i.indexname`),
  );
  if (database.engine === 'postgres')
    await db.execute(
      sql.raw(`INSERT INTO ${DEFERRED} (kind, table_name, name, definition)
        SELECT 'fk', t.relname, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
        WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace AND t.relname IN (${list})
        ORDER BY t.relname, c.conname`),
    );
  await db.execute(
    sql.raw(`DO $$ DECLARE r record; BEGIN
      FOR r IN SELECT * FROM ${DEFERRED} ORDER BY seq LOOP
        IF r.kind = 'index' THEN EXECUTE format('DROP INDEX public.%I', r.name);
        ELSE EXECUTE format('ALTER TABLE public.%I DROP CONSTRAINT %I', r.table_name, r.name); END IF;
      END LOOP;
    END $$`),
  );
}

/** Recreates what deferConstraints dropped (a foreign key that the data breaks fails here). */
export async function restoreDeferred(database: Database): Promise<void> {
  await database.db.execute(
    sql.raw(`DO $$ DECLARE r record; BEGIN
      FOR r IN SELECT * FROM ${DEFERRED} ORDER BY kind DESC, seq LOOP
        IF r.kind = 'index' THEN EXECUTE r.definition;
        ELSE EXECUTE format('ALTER TABLE public.%I ADD CONSTRAINT %I %s', r.table_name, r.name, r.definition); END IF;
      END LOOP;
    END $$`),
  );
  await database.db.execute(sql.raw(`DROP TABLE ${DEFERRED}`));
}

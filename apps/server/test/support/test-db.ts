import type { Engine } from '../../src/db/client.ts';
import { openThrowawayDatabase, type ThrowawayDatabase } from '../../src/db/throwaway-database.ts';

/** The engines database tests run on: PGlite always, a PostgreSQL server when TEST_DATABASE_URL is set. */
export function testEngines(): Engine[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export type TestDatabase = ThrowawayDatabase;

/** A fresh, migrated, empty database of the given engine (PostgreSQL: on the TEST_DATABASE_URL server). */
export function openTestDatabase(engine: Engine): Promise<TestDatabase> {
  return openThrowawayDatabase(engine, { serverUrl: process.env.TEST_DATABASE_URL });
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database, type Engine } from './client.ts';

export interface ThrowawayDatabase extends Database {
  /** Closes it and removes every trace (drops the PostgreSQL database, deletes the PGlite files). */
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated, empty database for tests and benchmarks.
 * PGlite: in memory, or on disk in a temporary folder (`onDisk`, as `npm start` runs it).
 * PostgreSQL: a uniquely named database created on the server at `serverUrl`.
 */
export async function openThrowawayDatabase(
  engine: Engine,
  options: { serverUrl?: string | undefined; onDisk?: boolean } = {},
): Promise<ThrowawayDatabase> {
  if (engine === 'pglite') {
    const dir = options.onDisk ? mkdtempSync(path.join(tmpdir(), 'edukarte-db-')) : null;
    const database = await openDatabase({ dataDir: dir ?? 'memory://' });
    return {
      ...database,
      async dispose() {
        await database.close();
        if (dir) rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const serverUrl = options.serverUrl;
  if (!serverUrl) throw new Error('a PostgreSQL server URL is needed for a throwaway database');
  const name = `edukarte_tmp_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  return {
    ...database,
    async dispose() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** The one query API the application uses, whichever engine is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything queries can run on: the database or a transaction inside it. */
export type Queryable = Db | Tx;

export type Engine = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  engine: Engine;
  /**
   * Bulk-loads CSV text (no header) into a table with COPY. Runs outside any transaction;
   * used by the demo generator and imports. Never goes through the ORM adapter.
   */
  copyCsv(table: string, columns: readonly string[], csv: string): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… — a PostgreSQL server. When absent, embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** Where PGlite keeps its files ('memory://' for a throwaway in-memory database). */
  dataDir?: string | undefined;
  /** Run migrations on open (default true). */
  migrate?: boolean;
}

const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const CASING = 'snake_case' as const;

function copyStatement(
  table: string,
  columns: readonly string[],
  source: string,
  format: 'csv' | 'text' = 'csv',
): string {
  const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
  return `COPY ${ident(table)} (${columns.map(ident).join(', ')}) FROM ${source} WITH (FORMAT ${format})`;
}

async function openPglite(dataDir: string, runMigrations: boolean): Promise<Database> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir, { relaxedDurability: true });
  // PGlite never fsyncs; cap WAL growth so a long-running demo does not fill the disk.
  await client.query(`ALTER SYSTEM SET max_wal_size = '256MB'`);
  await client.query('SELECT pg_reload_conf()');
  const db = drizzlePglite(client, { schema, casing: CASING }) as unknown as Db;
  if (runMigrations)
    await migratePglite(drizzlePglite(client, { casing: CASING }), { migrationsFolder: MIGRATIONS });
  return {
    db,
    engine: 'pglite',
    async copyCsv(table, columns, csv) {
      await client.query(copyStatement(table, columns, `'/dev/blob'`), [], {
        blob: new Blob([csv]),
      });
    },
    async close() {
      await client.close();
    },
  };
}

/**
 * node-postgres returns int8 as a string; PGlite returns a number when it is safe and a BigInt
 * otherwise. Make node-postgres do the same so both engines give identical JavaScript values.
 * (Drizzle reads the global parsers, so a per-pool setting would be bypassed.)
 */
let int8ParserSet = false;
function alignInt8Parsing(): void {
  if (int8ParserSet) return;
  pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : BigInt(value);
  });
  int8ParserSet = true;
}

async function openPostgres(url: string, runMigrations: boolean): Promise<Database> {
  alignInt8Parsing();
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // The server may end an idle connection (a restart, pg_terminate_backend, DROP DATABASE … FORCE).
  // node-postgres reports that as an 'error' event, which would crash the process without a listener;
  // the pool simply opens a new connection for the next query.
  pool.on('error', (error: Error & { code?: string }) => {
    if (error.code !== '57P01')
      console.error(`edukarte: an idle database connection failed: ${error.message}`);
  });
  const db = drizzlePg(pool, { schema, casing: CASING }) as unknown as Db;
  if (runMigrations) await migratePg(drizzlePg(pool, { casing: CASING }), { migrationsFolder: MIGRATIONS });
  return {
    db,
    engine: 'postgres',
    async copyCsv(table, columns, csv) {
      const client = await pool.connect();
      try {
        await new Promise<void>((resolve, reject) => {
          const stream = client.query(copyFrom(copyStatement(table, columns, 'STDIN')));
          stream.on('error', reject);
          stream.on('finish', () => resolve());
          stream.end(csv);
        });
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/**
 * COPY … FROM of text-format rows (copy-text.ts: text, or its UTF-8 bytes) on the connection of a
 * transaction, so the rows commit or roll back with everything else the transaction writes. Both
 * engines: node-postgres streams COPY data with pg-copy-streams; PGlite reads it from a blob.
 */
export async function copyInTransaction(
  tx: Tx,
  table: string,
  columns: readonly string[],
  text: string | Buffer,
): Promise<void> {
  if (text.length === 0) return;
  // drizzle keeps the transaction's own connection on its session (a pg PoolClient, or PGlite's
  // Transaction); COPY is not part of drizzle's query API
  const client = (tx as unknown as { session: { client: unknown } }).session.client;
  if (client instanceof pg.Client) {
    await new Promise<void>((resolve, reject) => {
      const stream = client.query(copyFrom(copyStatement(table, columns, 'STDIN', 'text')));
      stream.on('error', reject);
      stream.on('finish', () => resolve());
      stream.end(text);
    });
    return;
  }
  const pglite = client as {
    query(sql: string, params: unknown[], options: { blob: Blob }): Promise<unknown>;
  };
  await pglite.query(copyStatement(table, columns, `'/dev/blob'`, 'text'), [], { blob: new Blob([text]) });
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const runMigrations = options.migrate ?? true;
  if (options.databaseUrl) return openPostgres(options.databaseUrl, runMigrations);
  return openPglite(options.dataDir ?? './data/pglite', runMigrations);
}

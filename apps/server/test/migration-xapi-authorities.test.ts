import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import * as schema from '../src/db/schema/index.ts';
import { findStatement, queryStatements } from '../src/modules/xapi/statements.repo.ts';
import { buildMunicipality } from './support/factories.ts';

const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), '../src/db/migrations');

/** The migrations folder as it was before 0011_xapi_authorities. */
function migrationsBefore0011(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'edukarte-migrations-'));
  cpSync(MIGRATIONS, dir, { recursive: true });
  const journalPath = path.join(dir, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((e) => e.idx < 11);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

const AUTHORITY = {
  objectType: 'Agent',
  name: 'まなびドリル',
  account: { homePage: 'http://localhost:3000/xapi/clients', name: 'ck_test' },
};
const AUTHORITY_KEY = 'account:http://localhost:3000/xapi/clients|ck_test';
const ACTOR_KEY = 'account:https://drill.example.jp|S-000123';
const ITEM = 'https://drill.example.jp/items/MATH-P5-03-07';
const UNIT = 'https://drill.example.jp/units/MATH-P5-03';

/**
 * PGlite only: the migration is plain SQL, the same on both engines, and this test needs the
 * database as it was before the migration, which only a folder of older migrations gives.
 */
describe('migration 0011_xapi_authorities on statements stored before it', () => {
  let client: PGlite;
  let db: Db;
  let older: string;
  let municipalityId: number;
  const id = randomUUID();
  const statement = {
    id,
    actor: { objectType: 'Agent', account: { homePage: 'https://drill.example.jp', name: 'S-000123' } },
    verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { 'ja-JP': '解答した' } },
    object: { objectType: 'Activity', id: ITEM },
    context: {
      instructor: { mbox: 'mailto:sensei@school.example.jp' },
      contextActivities: { parent: [{ id: UNIT, objectType: 'Activity' }] },
    },
    timestamp: '2026-11-20T10:15:00+09:00',
    stored: '2026-11-20T01:16:00.123Z',
    authority: AUTHORITY,
    version: '1.0.0',
  };

  beforeAll(async () => {
    older = migrationsBefore0011();
    client = await PGlite.create('memory://');
    await migrate(drizzle(client), { migrationsFolder: older });
    db = drizzle(client, { schema, casing: 'snake_case' });
    municipalityId = (await buildMunicipality(db)).id;
    // a statement as the LRS stored it until 0011: stored and authority in its JSON, the actor,
    // the authority and the object among the related agents and activities
    await db.execute(sql`INSERT INTO xapi_statements (id, municipality_id, stored, "timestamp", verb_id, actor_key,
        activity_id, related_agents, related_activities, statement)
      VALUES (${id}, ${municipalityId}, ${statement.stored}, ${statement.timestamp}, ${statement.verb.id},
        ${ACTOR_KEY}, ${ITEM},
        ${`{"${ACTOR_KEY}","mbox:mailto:sensei@school.example.jp","${AUTHORITY_KEY}"}`}::text[],
        ${`{"${ITEM}","${UNIT}"}`}::text[], ${JSON.stringify(statement)}::jsonb)`);
    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS });
  });
  afterAll(async () => {
    await client?.close();
    if (older) rmSync(older, { recursive: true, force: true });
  });

  it('moves the authority out of the statement once, and leaves the actor and object to their columns', async () => {
    const { rows } = (await db.execute(sql`SELECT a.agent_key, a.agent, x.statement, x.related_agents,
        x.related_activities FROM xapi_statements x JOIN xapi_authorities a ON a.id = x.authority_id`)) as {
      rows: Record<string, unknown>[];
    };
    expect(rows).toEqual(
      [
        {
          agent_key: AUTHORITY_KEY,
          agent: AUTHORITY,
          statement: { ...statement, stored: undefined, authority: undefined },
          related_agents: ['mbox:mailto:sensei@school.example.jp'],
          related_activities: [UNIT],
        },
      ].map((r) => JSON.parse(JSON.stringify(r)) as Record<string, unknown>),
    );
  });

  it('answers GET with the statement exactly as it answered before the migration', async () => {
    expect((await findStatement(db, municipalityId, id, false))?.statement).toEqual(statement);
    const filter = { relatedAgents: true, relatedActivities: true, ascending: false, limit: 10 };
    for (const agentKey of [ACTOR_KEY, AUTHORITY_KEY, 'mbox:mailto:sensei@school.example.jp']) {
      const found = await queryStatements(db, municipalityId, { ...filter, agentKey });
      expect(found.map((r) => r.statement)).toEqual([statement]);
    }
    for (const activity of [ITEM, UNIT]) {
      const found = await queryStatements(db, municipalityId, { ...filter, activity });
      expect(found.map((r) => r.statement)).toEqual([statement]);
    }
  });
});

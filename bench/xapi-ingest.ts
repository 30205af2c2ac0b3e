/**
 * npx tsx bench/xapi-ingest.ts — xAPI statement ingest throughput on PostgreSQL.
 *
 * A throwaway database on BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres)
 * gets the small 'test' municipality, a registered xAPI client and a drill-vendor account for every
 * pupil. Then, per run:
 *   1. HTTP: batches of drill statements (as a Japanese drill vendor sends them) are POSTed to
 *      /xapi/statements over real HTTP on several keep-alive connections from a worker thread;
 *      each batch is validated, resolved to pupils, stored (COPY) with its drill_answers rows and
 *      the drill_daily rollup in one transaction.
 *   2. Raw INSERT ceiling: the same kind of rows (new ids), already built, written with plain
 *      multi-row INSERT … VALUES into xapi_statements and drill_answers plus the drill_daily upsert,
 *      one transaction per batch, the same concurrency, no HTTP, no validation, no resolution.
 * The server is a child process started as `npm start` starts it (scripts/server-node-flags.mjs),
 * on the throwaway database. Each run prints the CPU time of the server, of PostgreSQL and of the
 * load generator (from /proc), and the WAL each phase wrote (a checkpoint during a phase makes it
 * write full pages, and slower).
 * Prints each run and the medians. Options: --runs 5 --batches 40 --batch-size 1000 --concurrency 4
 * --days 1 (answers spread over the last N days; 1 = a vendor forwarding the day's answers).
 * Figures, not assertions: the machine is small and shared; compare numbers from the same run.
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { and, asc, gte, lte, sql } from 'drizzle-orm';
import pg from 'pg';
import { openThrowawayDatabase } from '../apps/server/src/db/throwaway-database.ts';
import { enrollments, learningUnits, municipalities } from '../apps/server/src/db/schema/index.ts';
import { seedDemo } from '../apps/server/src/db/seed/index.ts';
import { registerClient } from '../apps/server/src/modules/clients/service.ts';
import { SERVER_NODE_FLAGS } from '../scripts/server-node-flags.mjs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    batches: { type: 'string', default: '40' },
    'batch-size': { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '4' },
    days: { type: 'string', default: '1' },
  },
});
const RUNS = Number(values.runs);
const BATCHES = Number(values.batches);
const BATCH_SIZE = Number(values['batch-size']);
const CONCURRENCY = Number(values.concurrency);
/** answers fall on the last N school days before AS_OF (1: a vendor forwarding today's answers) */
const DAYS = Math.max(1, Math.min(49, Number(values.days)));
const AS_OF = '2026-11-20';
const HOME = 'https://drill.example.jp';
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

console.log(
  `preparing: PostgreSQL throwaway database, 'test' municipality (${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)})`,
);
const database = await openThrowawayDatabase('postgres', { serverUrl });
const { db } = database;
await seedDemo(database, { size: 'test', asOf: AS_OF, seed: 7 });
const [municipality] = await db.select().from(municipalities).orderBy(asc(municipalities.id)).limit(1);
const { client, secret } = await registerClient(db, {
  municipalityId: municipality!.id,
  name: 'まなびドリル (bench)',
  kind: 'xapi',
});
const pupils = await db
  .selectDistinct({ id: enrollments.studentId, schoolId: enrollments.schoolId })
  .from(enrollments)
  .where(and(lte(enrollments.startDate, '2026-10-01'), gte(enrollments.endDate, '2026-11-19')));
await db.execute(sql`INSERT INTO source_identities (person_id, system, source_id)
  SELECT DISTINCT student_id, ${HOME}, 'S-' || student_id FROM enrollments
  WHERE start_date <= '2026-10-01' AND end_date >= '2026-11-19'`);
const units = (
  await db
    .select({ code: learningUnits.code, subject: learningUnits.subjectCode })
    .from(learningUnits)
    .where(sql`${learningUnits.subjectCode} IN ('MATH', 'JPN')`)
).map((u) => u);
console.log(`  ${pupils.length} pupils with drill accounts, ${units.length} units`);

let rngState = 12345;
const rand = () => (rngState = (rngState * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;

interface Answer {
  id: string;
  pupil: { id: number; schoolId: number };
  unit: { code: string; subject: string };
  item: string;
  timestamp: string;
  success: boolean;
  durationMs: number;
}

function answers(n: number): Answer[] {
  return Array.from({ length: n }, () => {
    const unit = pick(units);
    const q = 1 + Math.floor(rand() * 20);
    const day = 49 - Math.floor(rand() * DAYS); // 2026-11-18 back to 2026-10-01
    const date = new Date(Date.UTC(2026, 9, day));
    const hh = 9 + Math.floor(rand() * 12);
    const mm = Math.floor(rand() * 60);
    return {
      id: randomUUID(),
      pupil: pick(pupils),
      unit,
      item: `${unit.code}-${String(q).padStart(2, '0')}`,
      timestamp: `${date.toISOString().slice(0, 10)}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00+09:00`,
      success: rand() < 0.7,
      durationMs: 3000 + Math.floor(rand() * 60_000),
    };
  });
}

function statementOf(a: Answer): Record<string, unknown> {
  return {
    id: a.id,
    actor: { objectType: 'Agent', account: { homePage: HOME, name: `S-${a.pupil.id}` } },
    verb: {
      id: 'http://adlnet.gov/expapi/verbs/answered',
      display: { 'ja-JP': '解答した', 'en-US': 'answered' },
    },
    object: {
      objectType: 'Activity',
      id: `${HOME}/items/${a.item}`,
      definition: {
        name: { 'ja-JP': `${a.item} の問題`, 'en-US': `Question ${a.item}` },
        type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
        interactionType: 'fill-in',
      },
    },
    result: { success: a.success, duration: `PT${(a.durationMs / 1000).toFixed(1)}S`, response: '3.6' },
    context: {
      platform: 'まなびドリル',
      language: 'ja-JP',
      contextActivities: { parent: [{ id: `${HOME}/units/${a.unit.code}`, objectType: 'Activity' }] },
    },
    timestamp: a.timestamp,
  };
}

// --- the server, started as npm start starts it, and a load generator on its own thread -----------
const url = new URL(serverUrl);
const { rows: current } = (await db.execute(sql`SELECT current_database() AS name`)) as {
  rows: { name: string }[];
};
url.pathname = `/${current[0]!.name}`;
const port = await new Promise<number>((resolve, reject) => {
  const probe = net.createServer();
  probe.once('error', reject);
  probe.listen(0, '127.0.0.1', () => {
    const { port: free } = probe.address() as net.AddressInfo;
    probe.close(() => resolve(free));
  });
});
const root = path.resolve(import.meta.dirname, '..');
const server = spawn(
  process.execPath,
  [
    ...SERVER_NODE_FLAGS,
    // e.g. BENCH_SERVER_NODE_FLAGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the server
    ...(process.env.BENCH_SERVER_NODE_FLAGS?.split(' ').filter(Boolean) ?? []),
    '--import',
    'tsx',
    path.join(root, 'apps/server/src/main.ts'),
  ],
  {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: url.toString(),
      PORT: String(port),
      HOST: '127.0.0.1',
      EDUKARTE_DEMO: 'off',
      EDUKARTE_TODAY: AS_OF,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
const serverExited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
const baseUrl = `http://127.0.0.1:${port}`;
for (let tries = 0; ; tries++) {
  const up = await fetch(`${baseUrl}/xapi/about`).then(
    (r) => r.ok,
    () => false,
  );
  if (up) break;
  if (tries > 600 || server.exitCode !== null) throw new Error('the edukarte server did not start');
  await new Promise((r) => setTimeout(r, 100));
}
/** CPU seconds the server process has used so far (user + system, from /proc). */
function serverCpuSeconds(): number {
  const fields = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
/** CPU seconds all PostgreSQL processes on this machine have used so far (the bench's database is the only busy one). */
function postgresCpuSeconds(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended while we read
    }
  }
  return ticks / 100;
}
/** CPU seconds of this process (the load generator's worker thread included). */
const benchCpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};
const authorization = `Basic ${Buffer.from(`${client.clientKey}:${secret}`).toString('base64')}`;

const LOAD_GENERATOR = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, authorization, bodies, concurrency } = workerData;
(async () => {
  let next = 0, failed = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const r = await fetch(url, { method: 'POST', body, headers: {
        authorization, 'content-type': 'application/json', 'x-experience-api-version': '1.0.3' } });
      if (r.status !== 200) { failed++; console.error(r.status, (await r.text()).slice(0, 300)); } else await r.arrayBuffer();
    }
  }));
  parentPort.postMessage({ ms: performance.now() - started, failed });
})();`;

async function httpRun(bodies: Uint8Array[]): Promise<{ ms: number; failed: number }> {
  const worker = new Worker(LOAD_GENERATOR, {
    eval: true,
    workerData: { url: `${baseUrl}/xapi/statements`, authorization, bodies, concurrency: CONCURRENCY },
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (m: { ms: number; failed: number }) => {
      void worker.terminate();
      resolve(m);
    });
    worker.once('error', reject);
  });
}

// --- the raw INSERT ceiling -------------------------------------------------------------------------
const rawPool = new pg.Pool({ connectionString: url.toString(), max: CONCURRENCY });

interface RawBatch {
  statements: unknown[][];
  drill: unknown[][];
  daily: unknown[][];
}

/** The rows the LRS writes for these answers: the statement with the version it adds (stored and
 * the authority are kept beside it), the actor and object in their own columns, not again among
 * the related agents and activities. */
function rawBatch(batch: Answer[], stored: string, authorityId: number): RawBatch {
  const statements = batch.map((a) => {
    const s = statementOf(a);
    return [
      a.id,
      municipality!.id,
      a.pupil.schoolId,
      client.id,
      authorityId,
      stored,
      a.timestamp,
      'http://adlnet.gov/expapi/verbs/answered',
      `account:${HOME}|S-${a.pupil.id}`,
      `${HOME}/items/${a.item}`,
      [],
      [`${HOME}/units/${a.unit.code}`],
      a.pupil.id,
      JSON.stringify({ ...s, version: '1.0.0' }),
    ];
  });
  const drill = batch.map((a) => [
    a.pupil.schoolId,
    a.pupil.id,
    1,
    a.timestamp,
    a.unit.subject,
    a.unit.code,
    a.item,
    a.success,
    a.durationMs,
    a.id,
  ]);
  const daily = new Map<string, unknown[]>();
  for (const a of batch) {
    const date = new Date(Date.parse(a.timestamp) + 9 * 3_600_000).toISOString().slice(0, 10);
    const key = `${a.pupil.schoolId}|${a.pupil.id}|${date}|${a.unit.code}`;
    const row = daily.get(key) ?? [a.pupil.schoolId, a.pupil.id, date, a.unit.code, a.unit.subject, 0, 0, 0];
    row[5] = (row[5] as number) + 1;
    row[6] = (row[6] as number) + (a.success ? 1 : 0);
    row[7] = (row[7] as number) + a.durationMs;
    daily.set(key, row);
  }
  // upsert in key order, as the LRS does, so concurrent batches cannot deadlock
  const sorted = [...daily.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  return { statements, drill, daily: sorted };
}

function values_(rows: unknown[][], casts: readonly string[]): { text: string; params: unknown[] } {
  const params: unknown[] = [];
  const tuples = rows.map(
    (row) => `(${row.map((v, i) => (params.push(v), `$${params.length}${casts[i] ?? ''}`)).join(', ')})`,
  );
  return { text: tuples.join(', '), params };
}

async function rawInsert(batch: RawBatch): Promise<void> {
  const c = await rawPool.connect();
  try {
    await c.query('BEGIN');
    const s = values_(batch.statements, [
      '::uuid',
      '',
      '',
      '',
      '',
      '::timestamptz',
      '::timestamptz',
      '',
      '',
      '',
      '::text[]',
      '::text[]',
      '',
      '::jsonb',
    ]);
    await c.query(
      `INSERT INTO xapi_statements (id, municipality_id, school_id, client_id, authority_id, stored, "timestamp", verb_id, actor_key,
        activity_id, related_agents, related_activities, person_id, statement) VALUES ${s.text}`,
      s.params,
    );
    const d = values_(batch.drill, ['', '', '', '::timestamptz', '::subject_code', '', '', '', '', '::uuid']);
    await c.query(
      `INSERT INTO drill_answers (school_id, student_id, tool_id, answered_at, subject_code, unit_code, item_code,
        is_correct, duration_ms, statement_id) VALUES ${d.text}`,
      d.params,
    );
    const y = values_(batch.daily, ['', '', '::date', '', '::subject_code']);
    await c.query(
      `INSERT INTO drill_daily (school_id, student_id, date, unit_code, subject_code, answered, correct, duration_ms)
       VALUES ${y.text} ON CONFLICT (school_id, student_id, date, unit_code) DO UPDATE SET
       answered = drill_daily.answered + excluded.answered, correct = drill_daily.correct + excluded.correct,
       duration_ms = drill_daily.duration_ms + excluded.duration_ms`,
      y.params,
    );
    await c.query('COMMIT');
  } catch (error) {
    await c.query('ROLLBACK');
    throw error;
  } finally {
    c.release();
  }
}

async function rawRun(batches: RawBatch[]): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < batches.length) await rawInsert(batches[next++]!);
    }),
  );
  return performance.now() - started;
}

/** Where PostgreSQL's WAL is and how many checkpoints it has made: a checkpoint during a phase makes it write full pages. */
async function walPosition(): Promise<{ lsn: string; checkpoints: number }> {
  const { rows } = (await db.execute(
    sql`SELECT pg_current_wal_lsn()::text AS lsn, (SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter)::int AS checkpoints`,
  )) as { rows: { lsn: string; checkpoints: number }[] };
  return rows[0]!;
}
async function walSince(from: { lsn: string; checkpoints: number }): Promise<string> {
  const to = await walPosition();
  const { rows } = (await db.execute(
    sql`SELECT (${to.lsn}::pg_lsn - ${from.lsn}::pg_lsn)::float8 AS bytes`,
  )) as {
    rows: { bytes: number }[];
  };
  const checkpoint = to.checkpoints > from.checkpoints ? ', checkpoint' : '';
  return `WAL ${Math.round(rows[0]!.bytes / 1e6)} MB${checkpoint}`;
}

// --- runs -------------------------------------------------------------------------------------------
const total = BATCHES * BATCH_SIZE;
console.log(
  `\n${RUNS} runs × ${fmt(total)} drill statements (${BATCHES} batches of ${BATCH_SIZE}, ${CONCURRENCY} connections, answers over ${DAYS} day(s))`,
);
// warm-up: caches, JIT, connection pool
await httpRun(
  Array.from({ length: 4 }, () => Buffer.from(JSON.stringify(answers(BATCH_SIZE).map(statementOf)))),
);

// the authority the LRS recorded for the bench's client (the raw rows refer to it as well)
const { rows: authorities } = (await db.execute(sql`SELECT id FROM xapi_authorities`)) as {
  rows: { id: number }[];
};
if (authorities.length !== 1) throw new Error(`expected one authority, found ${authorities.length}`);
const authorityId = authorities[0]!.id;

const httpRates: number[] = [];
const rawRates: number[] = [];
for (let run = 1; run <= RUNS; run++) {
  const bodies = Array.from({ length: BATCHES }, () =>
    Buffer.from(JSON.stringify(answers(BATCH_SIZE).map(statementOf))),
  );
  const httpWal = await walPosition();
  const [cpu0, pg0, bench0] = [serverCpuSeconds(), postgresCpuSeconds(), benchCpuSeconds()];
  const http = await httpRun(bodies);
  const cpu = serverCpuSeconds() - cpu0;
  const pgCpu = postgresCpuSeconds() - pg0;
  const benchCpu = benchCpuSeconds() - bench0;
  const httpWalWritten = await walSince(httpWal);
  if (http.failed > 0) throw new Error(`${http.failed} batches failed`);
  const stored = new Date().toISOString();
  const raw = Array.from({ length: BATCHES }, () => rawBatch(answers(BATCH_SIZE), stored, authorityId));
  const rawWal = await walPosition();
  const rawMs = await rawRun(raw);
  const rawWalWritten = await walSince(rawWal);
  const httpRate = (total / http.ms) * 1000;
  const rawRate = (total / rawMs) * 1000;
  httpRates.push(httpRate);
  rawRates.push(rawRate);
  console.log(
    `run ${run}: HTTP ${fmt(httpRate)} statements/s (${(http.ms / 1000).toFixed(2)} s; CPU: server ${cpu.toFixed(2)} s, PostgreSQL ${pgCpu.toFixed(2)} s, load generator ${benchCpu.toFixed(2)} s; ${httpWalWritten}) | raw INSERT ${fmt(rawRate)} rows/s (${(rawMs / 1000).toFixed(2)} s; ${rawWalWritten})`,
  );
}

const { rows: countRows } = (await db.execute(sql`SELECT
    (SELECT count(*) FROM xapi_statements) AS statements,
    (SELECT count(*) FROM drill_answers WHERE statement_id IS NOT NULL) AS typed`)) as {
  rows: { statements: number; typed: number }[];
};
const counts = countRows[0];
console.log(
  `load average now ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')} (1 / 5 / 15 min, ${os.cpus().length} cores)`,
);
console.log(
  `\nstored ${fmt(Number(counts!.statements))} statements, ${fmt(Number(counts!.typed))} typed drill answers`,
);
console.log('| path | median | goal |\n|---|---|---|');
console.log(
  `| POST /xapi/statements over HTTP (validate, resolve, store, type, roll up) | ${fmt(median(httpRates))} statements/s | ≥ 20,000 |`,
);
console.log(
  `| raw multi-row INSERT of the same rows (no HTTP, no validation) | ${fmt(median(rawRates))} rows/s | ceiling |`,
);
console.log(
  `HTTP reaches ${Math.round((median(httpRates) / median(rawRates)) * 100)} % of the raw INSERT ceiling`,
);

await rawPool.end();
server.kill('SIGTERM');
await serverExited;
await database.dispose();

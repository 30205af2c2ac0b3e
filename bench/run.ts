/**
 * npm run bench — prints, in one run on both engines:
 *   1. the demo load time (fresh database: migrations + demo municipality), as `npm start` does it;
 *   2. the city-size load (10,000+ students, ≥ 30M learning events) and its rows/s;
 *   3. student-karte API latency (p50/p95 over real HTTP) on the city-size data.
 * Options: --skip-city (only the demo load), --requests N (karte requests per engine, default 200),
 *          --engines pglite,postgres. PostgreSQL: BENCH_DATABASE_URL (default the local server).
 * Figures, not assertions: this machine is small and noisy; compare numbers from the same run.
 */
import { parseArgs } from 'node:util';
import type { Engine } from '../apps/server/src/db/client.ts';
import { openThrowawayDatabase } from '../apps/server/src/db/throwaway-database.ts';
import { seedDemo } from '../apps/server/src/db/seed/index.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { buildApp } from '../apps/server/src/http/app.ts';
import { createContext } from '../apps/server/src/http/context.ts';
import { karteLatency } from './karte-latency.ts';

const { values } = parseArgs({
  options: {
    'skip-city': { type: 'boolean', default: false },
    requests: { type: 'string', default: '200' },
    engines: { type: 'string', default: 'pglite,postgres' },
    'as-of': { type: 'string', default: '2026-11-20' },
  },
});
const asOf = values['as-of'];
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const freshDatabase = (engine: Engine) => openThrowawayDatabase(engine, { serverUrl, onDisk: true });

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const rows: string[][] = [];
const engines = values.engines.split(',').filter((e): e is Engine => e === 'pglite' || e === 'postgres');

for (const engine of engines) {
  const t0 = process.hrtime.bigint();
  const demo = await freshDatabase(engine);
  const demoSummary = await seedDemo(demo, { size: 'demo', asOf });
  const demoTotal = seconds(t0);
  await demo.dispose();
  rows.push([
    engine,
    'demo load (migrate + seed)',
    `${demoTotal.toFixed(1)} s`,
    `${demoSummary.students} students, ${demoSummary.learningEvents.toLocaleString('en-US')} events`,
  ]);
  console.log(rows.at(-1)!.join(' | '));

  if (values['skip-city']) continue;
  const city = await freshDatabase(engine);
  const c0 = process.hrtime.bigint();
  const citySummary = await seedDemo(city, {
    size: 'city',
    asOf,
    log: (m) => console.log(`  [${engine} city] ${m}`),
  });
  const cityTotal = seconds(c0);
  rows.push([
    engine,
    'city load',
    `${cityTotal.toFixed(0)} s`,
    `${citySummary.students} students, ${citySummary.learningEvents.toLocaleString('en-US')} events, ${Math.round(citySummary.learningEvents / cityTotal).toLocaleString('en-US')} events/s`,
  ]);
  console.log(rows.at(-1)!.join(' | '));

  const config = { ...loadConfig({}), today: asOf, cookieSecure: false as const };
  const app = await buildApp(createContext(city, config), { serveWeb: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const latency = await karteLatency(city, `http://127.0.0.1:${address.port}`, Number(values.requests));
  rows.push([
    engine,
    'student karte API (city)',
    `p50 ${latency.p50.toFixed(1)} ms, p95 ${latency.p95.toFixed(1)} ms`,
    `${latency.count} requests over ${latency.students} students (nurse of the largest school)`,
  ]);
  console.log(rows.at(-1)!.join(' | '));
  await app.close();
  await city.dispose();
}

console.log(`\nedukarte bench (as of ${asOf}, ${new Date().toISOString()}, node ${process.version})`);
console.log('| engine | what | figure | detail |\n|---|---|---|---|');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);

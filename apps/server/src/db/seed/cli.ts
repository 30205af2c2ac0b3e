/**
 * npm run seed -- --size demo|city|test [--as-of YYYY-MM-DD] [--seed N] [--reset]
 *
 * Opens the database exactly as the server does (DATABASE_URL → PostgreSQL, otherwise PGlite
 * under DATA_DIR/pglite), refuses to touch a database that already holds a municipality unless
 * --reset is given (which drops the schemas `public` and `drizzle` and re-runs the migrations),
 * then loads the demo municipality and prints what it loaded and how fast.
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { IsoDateString, todayInJapan } from '@edukarte/shared';
import { loadConfig } from '../../config.ts';
import { openDatabase, type Database } from '../client.ts';
import { DEFAULT_SEED, isSeeded, seedDemo, type SeedOptions } from './index.ts';

const USAGE = 'usage: npm run seed -- --size demo|city|test [--as-of YYYY-MM-DD] [--seed N] [--reset]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'demo' },
      'as-of': { type: 'string' },
      seed: { type: 'string' },
      reset: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const size = values.size;
  if (size !== 'demo' && size !== 'city' && size !== 'test') fail(`unknown size: ${size}`);
  const config = loadConfig();
  const asOf = values['as-of'] ?? config.today ?? todayInJapan();
  if (!IsoDateString.safeParse(asOf).success) fail(`--as-of must be YYYY-MM-DD: ${asOf}`);
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  if (!Number.isSafeInteger(seed)) fail(`--seed must be an integer: ${values.seed}`);

  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite at ${config.pgliteDir}`;
  const open = () => openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.pgliteDir });
  let started = performance.now();
  if (values.reset) {
    const bare = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.pgliteDir,
      migrate: false,
    });
    await bare.db.execute(sql.raw('DROP SCHEMA IF EXISTS drizzle CASCADE'));
    await bare.db.execute(sql.raw('DROP SCHEMA IF EXISTS public CASCADE'));
    await bare.db.execute(sql.raw('CREATE SCHEMA public'));
    await bare.close();
    console.log(`reset: dropped schemas public and drizzle of ${where}`);
  }
  const database: Database = await open();
  console.log(`opened ${where} and ran migrations in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  try {
    if (await isSeeded(database.db)) {
      process.stderr.write(`${where} already holds a municipality; run again with --reset to replace it\n`);
      process.exitCode = 1;
      return;
    }
    const options: SeedOptions = { size, asOf, seed, log: (m) => console.log(`  ${m}`) };
    console.log(`seeding size=${size} asOf=${asOf} seed=${seed}`);
    started = performance.now();
    const summary = await seedDemo(database, options);
    const total = Object.values(summary.rows).reduce((a, b) => a + b, 0);
    const width = Math.max(...Object.keys(summary.rows).map((k) => k.length));
    for (const [table, n] of Object.entries(summary.rows))
      console.log(`  ${table.padEnd(width)} ${n.toLocaleString('en').padStart(12)}`);
    console.log(
      [
        `municipality ${summary.municipalityId}: ${summary.schools} schools, ${summary.students.toLocaleString('en')} students, ${summary.staff} staff, years ${summary.schoolYears.join(', ')}`,
        `${total.toLocaleString('en')} rows (${summary.learningEvents.toLocaleString('en')} learning events) in ${summary.seconds} s`,
        `${Math.round(total / summary.seconds).toLocaleString('en')} rows/s, ${Math.round(summary.learningEvents / summary.seconds).toLocaleString('en')} learning events/s`,
      ].join('\n'),
    );
  } finally {
    await database.close();
  }
}

await main();

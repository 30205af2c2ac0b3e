import { formatSchoolYear, ROLE_LABELS_JA, schoolYearOf } from '@edukarte/shared';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { isSeeded, seedDemo } from './db/seed/index.ts';
import { DEMO_ACCOUNTS } from './db/seed/demo-accounts.ts';
import { buildApp } from './http/app.ts';
import { startWebhookWorker } from './modules/attendance-feed/worker.ts';
import { createContext } from './http/context.ts';

/** npm start: open the database (migrating it), load the demo on first start, serve. */
async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.pgliteDir });
  const ctx = createContext(database, config);
  const where = database.engine === 'pglite' ? `PGlite (${config.pgliteDir})` : 'PostgreSQL (DATABASE_URL)';
  console.log(`edukarte: database ready on ${where} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  if (config.demo === 'auto' && !(await isSeeded(database.db))) {
    const asOf = ctx.today();
    console.log(
      `edukarte: loading the demo municipality (up to ${formatSchoolYear(schoolYearOf(asOf))}, as of ${asOf}) …`,
    );
    const summary = await seedDemo(database, { size: 'demo', asOf, log: (m) => console.log(`  ${m}`) });
    console.log(
      `edukarte: demo loaded in ${summary.seconds.toFixed(1)} s — ${summary.schools} schools, ${summary.students} students, ${summary.learningEvents.toLocaleString('en-US')} learning events`,
    );
  }

  const app = await buildApp(ctx, { logger: { level: config.logLevel } });
  await app.listen({ port: config.port, host: config.host });
  // 出欠 webhooks (A7)
  const webhooks = startWebhookWorker({
    db: database.db,
    intervalMs: config.webhookIntervalMs,
    log: (message) => app.log.warn(message),
  });
  const url = `http://localhost:${config.port}/`;
  console.log(`\nedukarte is running: ${url}  (API docs: ${url}api/docs)`);
  if (config.demo === 'auto') {
    console.log('\nDemo sign-ins (password for all: shown per line):');
    for (const account of DEMO_ACCOUNTS) {
      console.log(
        `  ${ROLE_LABELS_JA[account.role].padEnd(8, '　')} ${account.loginId.padEnd(12)} ${account.password}  ${account.descriptionJa}`,
      );
    }
  }
  console.log(`\nready in ${((Date.now() - started) / 1000).toFixed(1)} s. Ctrl+C to stop.`);

  const stop = async () => {
    await app.close();
    await webhooks.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

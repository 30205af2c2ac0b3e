/**
 * npm run import -- oneroster <package.zip | folder> [--dry-run]
 * Validates a OneRoster CSV package (1.1, 1.2, 1.2 Japan Profile) and imports it all-or-nothing into the
 * database the server uses (DATABASE_URL / DATA_DIR; stop a PGlite server first). Exit code 1 on errors.
 * A committed or rejected import is recorded in 取り込み履歴 (import_batches), as from the admin page.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { todayInJapan, type OneRosterImportReport } from '@edukarte/shared';
import { readFolder, readZip } from '../modules/oneroster/csv/read-package.ts';
import { importOneRosterPackage } from '../modules/oneroster/import-package.ts';
import { openConfiguredDatabase } from './open-configured-database.ts';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { 'dry-run': { type: 'boolean', default: false } },
});
const [kind, target] = positionals;
if (kind !== 'oneroster' || !target) {
  console.error('usage: npm run import -- oneroster <package.zip|folder> [--dry-run]');
  process.exit(2);
}

function print(report: OneRosterImportReport): void {
  for (const e of report.errors)
    console.log(`error   ${e.file}:${e.row} ${e.column}: ${e.value} — expected ${e.expected}`);
  for (const w of report.warnings)
    console.log(`warning ${w.file}:${w.row} ${w.column}: ${w.value} — ${w.expected}`);
  console.log(`OneRoster ${report.version ?? '?'}; rows: ${JSON.stringify(report.counts.rows)}`);
  for (const [what, c] of Object.entries(report.counts.applied))
    console.log(
      `  ${what}: ${c.inserted} inserted, ${c.updated} updated, ${c.ended} ended, ${c.unchanged} unchanged`,
    );
  console.log(
    report.ok
      ? report.committed
        ? 'imported.'
        : 'valid (dry run: nothing written).'
      : `${report.errors.length} error(s): nothing imported.`,
  );
  if (report.batchId !== undefined) console.log(`recorded as import batch ${report.batchId}.`);
}

const files = (await stat(target)).isDirectory() ? await readFolder(target) : readZip(await readFile(target));
const database = await openConfiguredDatabase();
try {
  const report = await importOneRosterPackage(database.db, files, {
    municipalityId: null,
    dryRun: values['dry-run'],
    today: todayInJapan(),
    record: { fileName: path.basename(path.resolve(target)), createdBy: null, via: 'cli' },
  });
  print(report);
  process.exitCode = report.ok ? 0 : 1;
} finally {
  await database.close();
}

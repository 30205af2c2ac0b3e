/**
 * npx tsx bench/koumu-attendance-import.ts [--rows 100000] [--server-url postgres://…]
 * Starts the app on a throwaway PostgreSQL database seeded with the 'test' municipality, builds a
 * 出欠 CSV of N rows (pupils × days) in UTF-8 and in Shift_JIS, and times each from the HTTP upload
 * to the committed import, printing decode / validate / preview / commit figures.
 * Goal: 100,000 rows under 5 s. The Shift_JIS run re-imports the same rows (all unchanged).
 */
import { parseArgs } from 'node:util';
import { and, eq, isNull } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { ImportCommitResponse, ImportPreviewResponse } from '@edukarte/shared';
import { loadConfig } from '../apps/server/src/config.ts';
import { openThrowawayDatabase } from '../apps/server/src/db/throwaway-database.ts';
import { enrollments, schoolYears, sourceIdentities } from '../apps/server/src/db/schema/index.ts';
import { seedDemo } from '../apps/server/src/db/seed/index.ts';
import { DEMO_PASSWORD } from '../apps/server/src/db/seed/demo-accounts.ts';
import { buildApp } from '../apps/server/src/http/app.ts';
import { createContext } from '../apps/server/src/http/context.ts';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    'server-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const ROWS = Number(values.rows);
const TODAY = '2026-11-20';
const CATEGORIES = ['欠席（病気）', '病', '事', '遅刻', '早退', '出席停止', '忌引', 'ABSENT_SICK'];
const REASONS = ['発熱', '頭痛', '腹痛', '風邪', '受診', ''];

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main() {
  const database = await openThrowawayDatabase('postgres', { serverUrl: values['server-url'] });
  try {
    process.stdout.write('seeding the test municipality … ');
    await seedDemo(database, { size: 'test', asOf: TODAY, seed: 7 });
    console.log('done');
    const app = await buildApp(
      createContext(database, { ...loadConfig({}), today: TODAY, cookieSecure: false }),
      {
        serveWeb: false,
      },
    );
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    const baseUrl = `http://127.0.0.1:${address.port}`;

    const pupils = await database.db
      .select({ sourceId: sourceIdentities.sourceId })
      .from(enrollments)
      .innerJoin(schoolYears, eq(schoolYears.id, enrollments.schoolYearId))
      .innerJoin(
        sourceIdentities,
        and(eq(sourceIdentities.personId, enrollments.studentId), eq(sourceIdentities.system, 'koumu')),
      )
      .where(and(eq(schoolYears.fiscalYear, 2026), isNull(enrollments.exit)));
    const ids = [...new Set(pupils.map((p) => p.sourceId))];
    const days = Math.ceil(ROWS / ids.length);
    const lines = ['校務番号,日付,区分,理由,症状'];
    const start = Date.UTC(2026, 3, 1);
    for (let i = 0; i < ROWS; i++) {
      const day = new Date(start + Math.floor(i / ids.length) * 86_400_000).toISOString().slice(0, 10);
      lines.push(
        `${ids[i % ids.length]},${day},${CATEGORIES[i % CATEGORIES.length]},${REASONS[i % REASONS.length]},`,
      );
    }
    const text = `${lines.join('\r\n')}\r\n`;
    console.log(`${ROWS.toLocaleString('en-US')} rows: ${ids.length} pupils × ${days} days`);

    const signIn = await fetch(`${baseUrl}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ loginId: 'admin', password: DEMO_PASSWORD }),
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

    const runs: [string, Buffer][] = [
      ['UTF-8', Buffer.from(text, 'utf8')],
      ['Shift_JIS (re-import)', iconv.encode(text, 'cp932')],
    ];
    for (const [label, bytes] of runs) {
      const t0 = performance.now();
      const form = new FormData();
      form.append('kind', 'attendance');
      form.append('sourceSystem', 'koumu');
      form.append('file', new Blob([bytes]), 'attendance.csv');
      const uploaded = await fetch(`${baseUrl}/api/admin/koumu-imports`, {
        method: 'POST',
        headers: { cookie },
        body: form,
      });
      if (uploaded.status !== 200)
        throw new Error(`upload: HTTP ${uploaded.status} ${await uploaded.text()}`);
      const preview = ImportPreviewResponse.parse(await uploaded.json());
      const t1 = performance.now();
      if (preview.problems.length > 0)
        throw new Error(`problems: ${JSON.stringify(preview.problems.slice(0, 3))}`);
      const committed = await fetch(`${baseUrl}/api/admin/koumu-imports/${preview.batch.id}/commit`, {
        method: 'POST',
        headers: { cookie },
      });
      if (committed.status !== 200)
        throw new Error(`commit: HTTP ${committed.status} ${await committed.text()}`);
      const result = ImportCommitResponse.parse(await committed.json());
      const t2 = performance.now();
      const tm = preview.timings ?? {};
      console.log(
        `\n${label}: ${(bytes.length / 1024 / 1024).toFixed(1)} MB, encoding detected: ${preview.encoding}`,
      );
      console.log(`  parse (decode + csv-parse)   ${seconds(tm.decodeMs ?? NaN)}`);
      console.log(`  validate (lookups + rows)    ${seconds(tm.validateMs ?? NaN)}`);
      console.log(`  preview stored               ${seconds(tm.storeMs ?? NaN)}`);
      console.log(`  upload → preview (HTTP)      ${seconds(t1 - t0)}`);
      console.log(`  commit write                 ${seconds(result.timings?.writeMs ?? NaN)}`);
      console.log(`  commit (HTTP)                ${seconds(t2 - t1)}`);
      console.log(
        `  total upload → committed     ${seconds(t2 - t0)}  (goal < 5 s) ${t2 - t0 < 5000 ? 'OK' : 'SLOW'}`,
      );
      console.log(`  counts ${JSON.stringify(result.batch.counts)}`);
    }
    await app.close();
  } finally {
    await database.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

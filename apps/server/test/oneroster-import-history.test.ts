import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OneRosterImportBatchDetail,
  OneRosterImportHistory,
  OneRosterImportJob,
  type OneRosterImportReport,
} from '@edukarte/shared';
import { readFolder } from '../src/modules/oneroster/csv/read-package.ts';
import { ImportJobs } from '../src/modules/oneroster/import-jobs.ts';
import { rowsOf } from '../src/modules/oneroster/repo.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { testEngines } from './support/test-db.ts';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/oneroster');

async function filesOf(name: string): Promise<Map<string, string>> {
  return readFolder(path.join(FIXTURES, name));
}
const zip = (files: Map<string, string>) =>
  zipSync(Object.fromEntries([...files].map(([file, text]) => [file, strToU8(text)])));

describe.each(testEngines())('OneRoster import jobs and history over HTTP (%s)', (engine) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.signIn('admin');
  });
  afterAll(async () => t?.dispose());

  const startJob = (cookie: string, body: Uint8Array, query = '', name = 'roster.zip') => {
    const form = new FormData();
    form.append('file', new Blob([body], { type: 'application/zip' }), name);
    return fetch(`${t.baseUrl}/api/admin/oneroster/import-jobs${query}`, {
      method: 'POST',
      headers: { cookie },
      body: form,
    });
  };

  /** Starts a job and polls it as the admin page does, until it has finished. */
  async function runJob(body: Uint8Array, query = '', name = 'roster.zip') {
    const response = await startJob(admin, body, query, name);
    expect(response.status).toBe(202);
    const started = OneRosterImportJob.parse(await response.json());
    expect(started).toMatchObject({ phase: 'reading', fileName: name, report: null });
    for (;;) {
      const poll = await t.get(`/api/admin/oneroster/import-jobs/${started.id}`, admin);
      expect(poll.status).toBe(200);
      const job = OneRosterImportJob.parse(await poll.json());
      if (job.phase === 'done' || job.phase === 'failed') return job;
      expect(['reading', 'validating', 'applying']).toContain(job.phase);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  const history = async (query = '') => {
    const response = await t.get(`/api/admin/oneroster/imports${query}`, admin);
    expect(response.status).toBe(200);
    return OneRosterImportHistory.parse(await response.json());
  };

  const oneRosterPeople = async () =>
    rowsOf<{ n: number }>(
      await t.database.db.execute(
        sql`SELECT count(*)::int AS n FROM source_identities WHERE system = 'oneroster' AND source_id LIKE 'stu-%'`,
      ),
    )[0]!.n;

  it('records a rejected package with its error report, and keeps no record of a valid check', async () => {
    const before = (await history()).total;
    const rejected = await runJob(zip(await filesOf('invalid')), '?dryRun=true', 'invalid.zip');
    expect(rejected.phase).toBe('done');
    const report = rejected.report as OneRosterImportReport;
    expect(report).toMatchObject({ ok: false, committed: false });
    expect(report.batchId).toBeGreaterThan(0);

    const after = await history();
    expect(after.total).toBe(before + 1);
    expect(after.batches[0]).toMatchObject({
      id: report.batchId,
      fileName: 'invalid.zip',
      status: 'failed',
      via: 'upload',
      dryRun: true,
      errorCount: report.errors.length,
    });
    expect(after.batches[0]?.createdBy).not.toBeNull();
    const detail = OneRosterImportBatchDetail.parse(
      await (await t.get(`/api/admin/oneroster/imports/${report.batchId}`, admin)).json(),
    );
    expect(detail.errors).toContainEqual(
      expect.objectContaining({ file: 'classes.csv', row: 3, column: 'classType', value: 'homeroomx' }),
    );
    const csv = await t.get(`/api/admin/oneroster/imports/${report.batchId}/issues.csv`, admin);
    expect(csv.status).toBe(200);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM: Excel opens it as UTF-8
    const text = new TextDecoder().decode(bytes);
    expect(text.split('\r\n')[0]).toBe('種類,ファイル,行,列,値,期待される値');
    expect(text).toContain('エラー,classes.csv,3,classType,homeroomx,homeroom | scheduled');

    const checked = await runJob(zip(await filesOf('valid-bulk')), '?dryRun=true');
    expect(checked.report).toMatchObject({ ok: true, committed: false });
    expect(checked.report?.batchId).toBeUndefined();
    expect((await history()).total).toBe(before + 1);
    expect(await oneRosterPeople()).toBe(0);
  });

  it('records a committed import with counts per kind; the same package again records zero changes', async () => {
    const first = await runJob(zip(await filesOf('valid-bulk')), '', 'valid-bulk.zip');
    expect(first.phase).toBe('done');
    expect(first.report).toMatchObject({ ok: true, committed: true });
    expect(first.applied.people).toMatchObject({ inserted: 20, updated: 0, ended: 0, unchanged: 0 });
    const [committed] = (await history()).batches;
    expect(committed).toMatchObject({
      id: first.report?.batchId,
      status: 'committed',
      fileName: 'valid-bulk.zip',
      dryRun: false,
      errorCount: 0,
      counts: { rows: { 'users.csv': 20 } },
    });
    expect(committed?.counts.applied.people).toMatchObject({ inserted: 20 });
    expect(await oneRosterPeople()).toBe(15);

    const again = await runJob(zip(await filesOf('valid-bulk')), '', 'valid-bulk.zip');
    expect(again.report).toMatchObject({ ok: true, committed: true });
    expect(again.report?.batchId).toBeGreaterThan(first.report!.batchId!);
    const [latest] = (await history()).batches;
    expect(latest?.id).toBe(again.report?.batchId);
    for (const c of Object.values(latest!.counts.applied)) expect(c.inserted + c.updated + c.ended).toBe(0);
    expect(latest?.counts.applied.people?.unchanged).toBe(20);
    expect(await oneRosterPeople()).toBe(15);
  });

  it('records a package rejected while applying (all or nothing) with the problem found', async () => {
    const files = await filesOf('valid-bulk');
    files.set(
      'enrollments.csv',
      (files.get('enrollments.csv') ?? '').replace(
        'enr-stu-01,,,cls-p5-1,org-sho,stu-01,student,false,,',
        'enr-stu-01,,,cls-p5-1,org-sho,stu-01,student,false,2026-03-01,',
      ),
    );
    const job = await runJob(zip(files), '', 'bad-dates.zip');
    expect(job.report).toMatchObject({ ok: false, committed: false });
    const detail = OneRosterImportBatchDetail.parse(
      await (await t.get(`/api/admin/oneroster/imports/${job.report!.batchId}`, admin)).json(),
    );
    expect(detail).toMatchObject({ status: 'failed', fileName: 'bad-dates.zip', errorCount: 1 });
    expect(detail.errors).toEqual([
      expect.objectContaining({ file: 'enrollments.csv', row: 2, column: 'beginDate', value: '2026-03-01' }),
    ]);
  });

  it('pages the history newest first', async () => {
    const all = await history('?pageSize=100');
    expect(all.total).toBeGreaterThanOrEqual(4);
    const ids = all.batches.map((b) => b.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const page1 = await history('?page=1&pageSize=2');
    const page2 = await history('?page=2&pageSize=2');
    expect(page1).toMatchObject({ page: 1, pageSize: 2, total: all.total });
    expect(page1.batches.map((b) => b.id)).toEqual(ids.slice(0, 2));
    expect(page2.batches.map((b) => b.id)).toEqual(ids.slice(2, 4));
    expect((await t.get('/api/admin/oneroster/imports?pageSize=500', admin)).status).toBe(400);
  });

  it('keeps 校務 import history apart from OneRoster imports', async () => {
    const response = await t.get('/api/admin/koumu-imports', admin);
    const body = (await response.json()) as { batches: { fileName: string | null }[] };
    expect(body.batches.some((b) => b.fileName?.endsWith('.zip'))).toBe(false);
  });

  it('says no import is running when none is', async () => {
    const response = await t.get('/api/admin/oneroster/import-jobs', admin);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ running: null });
  });

  it('answers 404 for an unknown job or record, and 400 for a file that is not a zip', async () => {
    const unknown = await t.get(
      '/api/admin/oneroster/import-jobs/6f1c2a3e-1111-4222-8333-944445555666',
      admin,
    );
    expect(unknown.status).toBe(404);
    expect((await t.get('/api/admin/oneroster/imports/999999', admin)).status).toBe(404);
    const bad = await startJob(admin, strToU8('not a zip'), '', 'list.csv');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('list.csv');
  });

  it('refuses the history, the reports and the jobs to every role but admin (403), and 401 signed out', async () => {
    const { batches } = await history();
    const batchId = batches[0]!.id;
    const job = await runJob(zip(await filesOf('valid-bulk')), '?dryRun=true');
    for (const login of ['teacher', 'board', 'principal', 'nurse', 'student']) {
      const cookie = await t.signIn(login);
      expect((await t.get('/api/admin/oneroster/imports', cookie)).status, login).toBe(403);
      expect((await t.get(`/api/admin/oneroster/imports/${batchId}`, cookie)).status, login).toBe(403);
      expect((await t.get(`/api/admin/oneroster/imports/${batchId}/issues.csv`, cookie)).status, login).toBe(
        403,
      );
      expect((await t.get(`/api/admin/oneroster/import-jobs/${job.id}`, cookie)).status, login).toBe(403);
      expect((await t.get('/api/admin/oneroster/import-jobs', cookie)).status, login).toBe(403);
      expect((await startJob(cookie, zip(await filesOf('valid-bulk')), '?dryRun=true')).status, login).toBe(
        403,
      );
    }
    expect((await t.get('/api/admin/oneroster/imports')).status).toBe(401);
    expect((await t.get(`/api/admin/oneroster/import-jobs/${job.id}`)).status).toBe(401);
  });
});

describe('ImportJobs', () => {
  const owner = { municipalityId: 1, userId: 1 };
  const report: OneRosterImportReport = {
    ok: true,
    committed: true,
    version: '1.2',
    errors: [],
    warnings: [],
    counts: { rows: { 'users.csv': 1 }, applied: {} },
  };

  it('runs one import per municipality, shows its progress, and only to that municipality', async () => {
    const jobs = new ImportJobs();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { job, done } = jobs.start(owner, { fileName: 'a.zip', dryRun: false }, async (onProgress) => {
      await onProgress({ phase: 'validating', step: 'users.csv', stepsDone: 4, stepsTotal: 9 });
      await gate;
      return report;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(jobs.runningFor(1)?.id).toBe(job.id);
    expect(jobs.runningFor(2)).toBeNull();
    expect(jobs.get(job.id, 1)).toMatchObject({ phase: 'validating', step: 'users.csv', stepsDone: 4 });
    expect(jobs.get(job.id, 2)).toBeNull();
    release();
    await done;
    expect(jobs.get(job.id, 1)).toMatchObject({ phase: 'done', report });
    expect(jobs.get(job.id, 1)?.finishedAt).not.toBeNull();
    expect(jobs.runningFor(1)).toBeNull();
  });

  it('marks a job failed with the reason when the import throws', async () => {
    const jobs = new ImportJobs();
    const { job, done } = jobs.start(owner, { fileName: 'b.zip', dryRun: true }, () =>
      Promise.reject(new Error('connection lost')),
    );
    await done;
    expect(jobs.get(job.id, 1)).toMatchObject({ phase: 'failed', error: 'connection lost', report: null });
    await jobs.drain();
  });
});

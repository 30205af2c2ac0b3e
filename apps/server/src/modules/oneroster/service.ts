import type {
  OneRosterImportBatch,
  OneRosterImportBatchDetail,
  OneRosterImportHistory,
  OneRosterImportJob,
  OneRosterImportReport,
  OneRosterIssue,
} from '@edukarte/shared';
import type { Actor } from '../../auth/actor.ts';
import { can } from '../../auth/policy.ts';
import type { AppContext } from '../../http/context.ts';
import { forbidden, HttpError, notFound } from '../../http/errors.ts';
import * as batches from './batches.repo.ts';
import { readZip } from './csv/read-package.ts';
import { exportOneRosterPackage } from './export-package.ts';
import type { ImportJobs } from './import-jobs.ts';
import { importOneRosterPackage } from './import-package.ts';

function authorizeImport(actor: Actor): void {
  const decision = can(actor, { action: 'oneroster:import' });
  if (!decision.allowed) throw forbidden(decision.reason);
}

export interface UploadedPackage {
  zip: Uint8Array;
  fileName: string;
  dryRun: boolean;
}

/**
 * An admin uploads a OneRoster zip: it is validated in full, then imported into their municipality
 * (or only checked) in the background. Returns the job to follow; `done` settles when it ends.
 * A second import of the same municipality while one runs is refused (409).
 */
export function startImport(
  ctx: AppContext,
  jobs: ImportJobs,
  actor: Actor,
  upload: UploadedPackage,
): { job: OneRosterImportJob; done: Promise<void> } {
  authorizeImport(actor);
  let files: Map<string, string>;
  try {
    files = readZip(upload.zip);
  } catch {
    throw new HttpError(
      400,
      'invalid_package',
      `${upload.fileName}: ZIP ファイルとして読めません。OneRoster の CSV を ZIP にまとめてください`,
    );
  }
  const running = jobs.runningFor(actor.municipalityId);
  if (running)
    throw new HttpError(
      409,
      'import_in_progress',
      `別の名簿の取り込み（${running.fileName}）を実行中です。終わってからもう一度お試しください`,
    );
  return jobs.start(
    { municipalityId: actor.municipalityId, userId: actor.userId },
    { fileName: upload.fileName, dryRun: upload.dryRun },
    (onProgress) =>
      importOneRosterPackage(ctx.database.db, files, {
        municipalityId: actor.municipalityId,
        dryRun: upload.dryRun,
        today: ctx.today(),
        record: { fileName: upload.fileName, createdBy: actor.userId, via: 'upload' },
        onProgress,
      }),
  );
}

/** The same import, answered when it has finished (for API callers and scripts). */
export async function importUploadedPackage(
  ctx: AppContext,
  jobs: ImportJobs,
  actor: Actor,
  upload: UploadedPackage,
): Promise<OneRosterImportReport> {
  const { job, done } = startImport(ctx, jobs, actor, upload);
  await done;
  if (!job.report) throw new Error(job.error ?? 'OneRoster import failed');
  return job.report;
}

/** The import of the admin's municipality that is running now, or null. */
export function runningImportJob(jobs: ImportJobs, actor: Actor): OneRosterImportJob | null {
  authorizeImport(actor);
  return jobs.runningFor(actor.municipalityId);
}

export function getImportJob(jobs: ImportJobs, actor: Actor, jobId: string): OneRosterImportJob {
  authorizeImport(actor);
  const job = jobs.get(jobId, actor.municipalityId);
  if (!job)
    throw notFound(
      '取り込みの状況が見つかりません（サーバーが再起動した可能性があります）。取り込み履歴を確認してください',
    );
  return job;
}

function summarize(row: batches.RosterBatchRow): OneRosterImportBatch {
  const report = row.report as Partial<batches.RosterBatchReport>;
  return {
    id: row.id,
    fileName: row.fileName,
    status: row.status === 'committed' ? 'committed' : 'failed',
    via: report.via === 'cli' ? 'cli' : 'upload',
    dryRun: report.dryRun ?? false,
    version: report.version ?? null,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    counts: (report.counts as OneRosterImportBatch['counts'] | undefined) ?? { rows: {}, applied: {} },
    errorCount: report.errors?.length ?? 0,
    warningCount: report.warnings?.length ?? 0,
    failure: report.failure ?? null,
  };
}

/** 取り込み履歴 of the admin's municipality, newest first, one page at a time. */
export async function listRosterImports(
  ctx: AppContext,
  actor: Actor,
  page: { page: number; pageSize: number },
): Promise<OneRosterImportHistory> {
  authorizeImport(actor);
  const { total, rows } = await batches.listRosterBatches(ctx.database.db, actor.municipalityId, {
    limit: page.pageSize,
    offset: (page.page - 1) * page.pageSize,
  });
  return { batches: rows.map(summarize), total, page: page.page, pageSize: page.pageSize };
}

/** One recorded import with every error and warning. */
export async function getRosterImport(
  ctx: AppContext,
  actor: Actor,
  batchId: number,
): Promise<OneRosterImportBatchDetail> {
  authorizeImport(actor);
  const row = await batches.findRosterBatch(ctx.database.db, actor.municipalityId, batchId);
  if (!row) throw notFound('取り込みの記録が見つかりません');
  const report = row.report as Partial<batches.RosterBatchReport>;
  return {
    ...summarize(row),
    errors: (report.errors ?? []) as OneRosterIssue[],
    warnings: (report.warnings ?? []) as OneRosterIssue[],
  };
}

/** The municipality's roster as a OneRoster 1.2 Japan Profile zip (admins only: it names every child). */
export async function exportRoster(ctx: AppContext, actor: Actor): Promise<Uint8Array> {
  const decision = can(actor, { action: 'oneroster:export' });
  if (!decision.allowed) throw forbidden(decision.reason);
  return exportOneRosterPackage(ctx.database.db, actor.municipalityId);
}

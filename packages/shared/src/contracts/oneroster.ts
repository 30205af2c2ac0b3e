import { z } from 'zod';
import { FileIssue, PageInfo, PageQuery } from './common.ts';

/** One problem in a OneRoster CSV package (row: the CSV line). */
export const OneRosterIssue = FileIssue;
export type OneRosterIssue = FileIssue;

export const OneRosterCounts = z.object({
  /** rows read per file, e.g. { 'users.csv': 20 } */
  rows: z.record(z.string(), z.number().int()),
  /** what the import did (or would do) per kind: inserted / updated / ended (削除: stays ended) / unchanged */
  applied: z.record(
    z.string(),
    z.object({
      inserted: z.number().int(),
      updated: z.number().int(),
      ended: z.number().int(),
      unchanged: z.number().int(),
    }),
  ),
});
export type OneRosterCounts = z.infer<typeof OneRosterCounts>;

/** The validation (and, when committed, import) report of a OneRoster package. */
export const OneRosterImportReport = z.object({
  ok: z.boolean(),
  /** true when the package was written to the database */
  committed: z.boolean(),
  /** '1.1' | '1.2' as read from the manifest */
  version: z.string().nullable(),
  errors: z.array(OneRosterIssue),
  warnings: z.array(OneRosterIssue),
  counts: OneRosterCounts,
  /** the import_batches row that records this import (absent for a valid dry run: nothing happened) */
  batchId: z.number().int().optional(),
});
export type OneRosterImportReport = z.infer<typeof OneRosterImportReport>;

/** The roster files of a OneRoster CSV package that edukarte reads, in package order. */
export const ONEROSTER_ROSTER_FILES = [
  'orgs.csv',
  'academicSessions.csv',
  'courses.csv',
  'classes.csv',
  'users.csv',
  'roles.csv',
  'enrollments.csv',
  'demographics.csv',
] as const;

/** Every file of a package in package order (manifest.csv first): the order reports list files in. */
export const ONEROSTER_PACKAGE_FILES = ['manifest.csv', ...ONEROSTER_ROSTER_FILES] as const;

/** How far a OneRoster import has got, for the progress display while it runs on the server. */
export const ONEROSTER_IMPORT_PHASES = ['reading', 'validating', 'applying', 'done', 'failed'] as const;
export type OneRosterImportPhase = (typeof ONEROSTER_IMPORT_PHASES)[number];

/** The steps of the applying phase, in order. */
export const ONEROSTER_APPLY_STEPS = [
  'schools',
  'schoolYears',
  'classes',
  'people',
  'enrollments',
  'deletions',
  'recording',
] as const;
export type OneRosterApplyStep = (typeof ONEROSTER_APPLY_STEPS)[number];

/** An import running on the server (POST …/import-jobs answers with it; GET …/import-jobs/:id follows it). */
export const OneRosterImportJob = z.object({
  id: z.string(),
  fileName: z.string(),
  dryRun: z.boolean(),
  phase: z.enum(ONEROSTER_IMPORT_PHASES),
  /** validating: the file being checked ('references' for the checks between files); applying: an apply step */
  step: z.string().nullable(),
  /** steps of the current phase already finished, out of stepsTotal */
  stepsDone: z.number().int(),
  stepsTotal: z.number().int(),
  /** rows read per file so far */
  rows: z.record(z.string(), z.number().int()),
  /** what has been written so far in the (still open) transaction */
  applied: OneRosterCounts.shape.applied,
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** phase 'done': the full report (report.ok false when the package was rejected) */
  report: OneRosterImportReport.nullable(),
  /** phase 'failed': what went wrong on the server (nothing was written) */
  error: z.string().nullable(),
});
export type OneRosterImportJob = z.infer<typeof OneRosterImportJob>;

/** The import running now for the caller's municipality, if any (a reopened page follows it again). */
export const OneRosterRunningImport = z.object({ running: OneRosterImportJob.nullable() });

/** 取り込み履歴 of OneRoster imports: one import_batches row per committed or rejected import. */
export const OneRosterImportBatch = z.object({
  id: z.number().int(),
  fileName: z.string().nullable(),
  status: z.enum(['committed', 'failed']),
  /** 'upload': the admin page or API; 'cli': npm run import */
  via: z.enum(['upload', 'cli']),
  dryRun: z.boolean(),
  version: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  counts: OneRosterCounts,
  errorCount: z.number().int(),
  warningCount: z.number().int(),
  /** an unexpected server failure (status 'failed' with no errors) */
  failure: z.string().nullable(),
});
export type OneRosterImportBatch = z.infer<typeof OneRosterImportBatch>;

export const OneRosterImportHistoryQuery = PageQuery;

export const OneRosterImportHistory = z.object({ batches: z.array(OneRosterImportBatch), ...PageInfo });
export type OneRosterImportHistory = z.infer<typeof OneRosterImportHistory>;

/** One recorded import with its whole report. */
export const OneRosterImportBatchDetail = OneRosterImportBatch.extend({
  errors: z.array(OneRosterIssue),
  warnings: z.array(OneRosterIssue),
});
export type OneRosterImportBatchDetail = z.infer<typeof OneRosterImportBatchDetail>;

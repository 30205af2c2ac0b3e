import {
  KOUMU_IMPORT_KINDS,
  type ImportBatchSummary,
  type ImportCommitResponse,
  type ImportCounts,
  type ImportHistoryResponse,
  type ImportPreviewResponse,
  type ImportPreviewRow,
  type ImportProblem,
  type KoumuImportKind,
} from '@edukarte/shared';
import type { Actor } from '../../auth/actor.ts';
import { can } from '../../auth/policy.ts';
import type { AppContext } from '../../http/context.ts';
import { forbidden, HttpError, notFound } from '../../http/errors.ts';
import { resolveSchoolYear } from '../classes/service.ts';
import { decodeTable, UnreadableFileError, type FileEncoding } from './decode.ts';
import { cleanMapping, suggestMapping, type ColumnMapping } from './mapping.ts';
import { previewValues, toRecord } from './records.ts';
import type { AnyRow, RowsByKind } from './rows.ts';
import * as repo from './repo.ts';
import { writeRecords } from './write.ts';
import { validateRows } from './validate.ts';

export const PREVIEW_ROWS = 20;

const EXPIRED =
  '取り込みが見つかりません。確認だけで取り込まなかったファイルは一定時間（既定 24 時間）で削除されます。もう一度アップロードしてください';

export interface UploadInput {
  bytes: Buffer;
  fileName: string;
  kind: KoumuImportKind;
  sourceSystem: string;
  schoolId?: number | undefined;
  mapping?: ColumnMapping | undefined;
  encoding?: FileEncoding | undefined;
}

/** The school an import writes to: a principal's own school, or the admin's choice (null = all). */
async function authorizeSchool(ctx: AppContext, actor: Actor, schoolId: number | null): Promise<void> {
  const decision = can(actor, { action: 'koumu:import', schoolId });
  if (!decision.allowed) throw forbidden(decision.reason);
  if (schoolId === null) return;
  const school = await repo.findSchool(ctx.database.db, schoolId);
  if (!school || school.municipalityId !== actor.municipalityId) throw notFound('学校が見つかりません');
}

function isKind(kind: string): kind is KoumuImportKind {
  return (KOUMU_IMPORT_KINDS as readonly string[]).includes(kind);
}

export function summarize(batch: repo.BatchRow): ImportBatchSummary {
  const report = batch.report as { counts?: ImportCounts; result?: Partial<ImportCounts> };
  const counts = report.counts ?? { rows: batch.rowCount, valid: 0, problems: 0 };
  return {
    id: batch.id,
    kind: isKind(batch.kind) ? batch.kind : 'attendance',
    sourceSystem: batch.sourceSystem,
    schoolId: batch.schoolId,
    fileName: batch.fileName,
    status: batch.status,
    createdAt: batch.createdAt.toISOString(),
    createdBy: batch.createdBy,
    counts: { ...counts, ...report.result },
  };
}

/**
 * Reads and checks a whole file without writing any school data: every row is validated, the rows
 * as they will be stored are kept on a 'previewed' import batch, and every problem is reported.
 */
export async function previewImport(
  ctx: AppContext,
  actor: Actor,
  input: UploadInput,
): Promise<ImportPreviewResponse> {
  const schoolId = actor.role === 'principal' ? (input.schoolId ?? actor.schoolId) : (input.schoolId ?? null);
  await authorizeSchool(ctx, actor, schoolId);
  const { db } = ctx.database;
  // previews nobody committed are not kept forever: clean up the stale ones on each upload
  await repo.expireStalePreviews(db, ctx.config.importPreviewHours);
  const year = await resolveSchoolYear(db, actor.municipalityId, ctx.today());
  const clock = stopwatch();
  let table;
  try {
    table = await decodeTable(input.bytes, input.fileName, input.encoding);
  } catch (error) {
    if (error instanceof UnreadableFileError)
      throw new HttpError(400, 'unreadable_file', `${input.fileName}: ${error.message}`);
    throw error;
  }
  const decodeMs = clock.lap();
  const saved = input.mapping
    ? null
    : await repo.findMapping(db, actor.municipalityId, input.sourceSystem, input.kind);
  const mapping = input.mapping
    ? cleanMapping(input.kind, table.headers, input.mapping)
    : suggestMapping(input.kind, table.headers, saved);
  const lookups = await repo.loadLookups(db, {
    municipalityId: actor.municipalityId,
    sourceSystem: input.sourceSystem,
    schoolYearId: year.id,
    fiscalYear: year.fiscalYear,
    defaultSchoolId: schoolId,
  });
  const lookupsMs = clock.lap();
  const { rows, problems } = validateRows(
    input.kind,
    table.headers,
    table.rows,
    table.rowNumbers,
    mapping,
    lookups,
  );
  const records = rows.map((row) => toRecord(input.kind, row, lookups.schoolYearIds));
  const counts: ImportCounts = { rows: table.rows.length, valid: rows.length, problems: problems.length };
  const validateMs = clock.lap();
  const preview = await previewRows(ctx, input.kind, rows.slice(0, PREVIEW_ROWS), year.id);
  const batchId = await repo.insertBatch(db, {
    municipalityId: actor.municipalityId,
    schoolId,
    sourceSystem: input.sourceSystem,
    kind: input.kind,
    fileName: input.fileName,
    status: 'previewed',
    rowCount: table.rows.length,
    createdBy: actor.userId,
    report: {
      encoding: table.encoding,
      headers: table.headers,
      mapping,
      counts,
      problems,
      // JSON text without nulls (a missing key reads as NULL): cheap to store, read by the commit in SQL
      rows: JSON.stringify(records, (_key, value: unknown) => (value === null ? undefined : value)),
    },
  });
  const batch = await repo.findBatch(db, batchId);
  return {
    batch: summarize(batch!),
    encoding: table.encoding,
    headers: table.headers,
    mapping,
    preview,
    problems,
    timings: { decodeMs, lookupsMs, validateMs, storeMs: clock.lap() },
  };
}

/** The first rows with the pupil's 氏名 and class (and a note author's name) instead of ids. */
async function previewRows(
  ctx: AppContext,
  kind: KoumuImportKind,
  rows: readonly AnyRow[],
  schoolYearId: number,
): Promise<ImportPreviewRow[]> {
  const { db } = ctx.database;
  const students = await repo.findPreviewStudents(
    db,
    [...new Set(rows.map((r) => r.studentId))],
    schoolYearId,
  );
  const authors =
    kind === 'notes'
      ? await repo.findPeopleNames(db, [...new Set(rows.map((r) => (r as RowsByKind['notes']).authorId))])
      : new Map<number, string>();
  return rows.map((row) => {
    const s = students.get(row.studentId);
    return {
      row: row.row,
      student: {
        id: row.studentId,
        name: s ? `${s.familyName} ${s.givenName}` : '',
        kana: s ? `${s.familyNameKana} ${s.givenNameKana}` : '',
        schoolName: s?.schoolName ?? '',
        gradeCode: s?.gradeCode ?? null,
        className: s?.className ?? null,
        attendanceNo: s?.attendanceNo ?? null,
      },
      values: previewValues(kind, row, (id) => authors.get(id) ?? ''),
    };
  });
}

function stopwatch() {
  let last = performance.now();
  return {
    lap(): number {
      const now = performance.now();
      const ms = Math.round(now - last);
      last = now;
      return ms;
    },
  };
}

async function findOwnBatch(ctx: AppContext, actor: Actor, batchId: number) {
  const batch = await repo.findBatch(ctx.database.db, batchId);
  if (!batch || batch.municipalityId !== actor.municipalityId || !isKind(batch.kind)) throw notFound(EXPIRED);
  await authorizeSchool(ctx, actor, batch.schoolId);
  return batch;
}

/**
 * Writes every row of a previewed batch in one transaction, or nothing. A batch with problems is
 * refused; a batch already committed is returned as it is (committing twice changes nothing).
 */
export async function commitImport(
  ctx: AppContext,
  actor: Actor,
  batchId: number,
): Promise<ImportCommitResponse> {
  const batch = await findOwnBatch(ctx, actor, batchId);
  const kind = batch.kind as KoumuImportKind;
  if (batch.status === 'committed') return { batch: summarize(batch) };
  const report = batch.report as { counts?: ImportCounts; mapping?: ColumnMapping };
  if ((report.counts?.problems ?? 0) > 0)
    throw new HttpError(
      422,
      'import_has_problems',
      `${batch.fileName ?? 'ファイル'} に ${report.counts?.problems} 件の問題があります。修正してからもう一度アップロードしてください`,
    );
  const clock = stopwatch();
  await ctx.database.db.transaction(async (tx) => {
    if ((await repo.lockBatch(tx, batchId)) !== 'previewed') return;
    const stored = { batchId, count: report.counts?.valid ?? 0 };
    const result = await writeRecords(tx, kind, stored, {
      source: batch.sourceSystem,
      batchId,
      municipalityId: batch.municipalityId,
    });
    if (report.mapping)
      await repo.saveMapping(tx, {
        municipalityId: batch.municipalityId,
        sourceSystem: batch.sourceSystem,
        kind,
        mapping: report.mapping,
        updatedBy: actor.userId,
      });
    await repo.markCommitted(tx, batchId, { ...result });
  });
  const writeMs = clock.lap();
  const committed = await repo.findBatch(ctx.database.db, batchId);
  // cleaned up as stale between the check above and the lock (nothing was written)
  if (!committed || committed.status !== 'committed') throw notFound(EXPIRED);
  return { batch: summarize(committed), timings: { writeMs } };
}

export async function listImports(
  ctx: AppContext,
  actor: Actor,
  page: { page: number; pageSize: number },
): Promise<ImportHistoryResponse> {
  const schoolId = actor.role === 'principal' ? actor.schoolId : null;
  const decision = can(actor, { action: 'koumu:import', schoolId });
  if (!decision.allowed) throw forbidden(decision.reason);
  const { total, rows } = await repo.listBatches(ctx.database.db, actor.municipalityId, schoolId, {
    limit: page.pageSize,
    offset: (page.page - 1) * page.pageSize,
  });
  return { batches: rows.map(summarize), total, page: page.page, pageSize: page.pageSize };
}

/** Every problem of a batch, for the error-report CSV. */
export async function getProblems(ctx: AppContext, actor: Actor, batchId: number) {
  const batch = await findOwnBatch(ctx, actor, batchId);
  const report = batch.report as { problems?: ImportProblem[] };
  return { fileName: batch.fileName ?? `import-${batch.id}`, problems: report.problems ?? [] };
}

/** Templates are open to whoever may import. */
export function authorizeTemplate(actor: Actor): void {
  const decision = can(actor, {
    action: 'koumu:import',
    schoolId: actor.role === 'principal' ? actor.schoolId : null,
  });
  if (!decision.allowed) throw forbidden(decision.reason);
}

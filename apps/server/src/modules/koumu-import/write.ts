import type { KoumuImportKind } from '@edukarte/shared';
import type { Tx } from '../../db/client.ts';
import { enqueueAttendanceEvent, hasAttendanceSubscribers } from '../attendance-feed/enqueue.ts';
import { sourceIdsOf } from '../attendance-feed/repo.ts';
import type { PendingResultRecord, StoredRecord } from './records.ts';
import { findOrCreateAssessments, findSchool, loadBatchRows } from './repo.ts';
import * as upsert from './upsert.repo.ts';

interface WriteContext extends upsert.Provenance {
  municipalityId: number;
}

/**
 * Writes the rows a previewed batch kept, straight from the batch row inside the database, and
 * tells webhook subscribers about imported 出欠. Test results first find or create their assessments.
 */
export async function writeRecords(
  tx: Tx,
  kind: KoumuImportKind,
  stored: { batchId: number; count: number },
  ctx: WriteContext,
): Promise<upsert.WriteCounts> {
  const fromBatch = { kind: 'batch' as const, ...stored };
  const inMemory = async <T extends StoredRecord>() => (await loadBatchRows(tx, stored.batchId)) as T[];
  switch (kind) {
    case 'attendance': {
      const counts = await upsert.upsertAttendance(tx, fromBatch, ctx);
      if (await hasAttendanceSubscribers(tx, ctx.municipalityId))
        await notifyAttendance(tx, await inMemory<upsert.AttendanceRecord>(), ctx);
      return counts;
    }
    case 'health':
      return upsert.upsertHealth(tx, fromBatch, ctx);
    case 'nurse':
      return upsert.upsertNurseVisits(tx, fromBatch, ctx);
    case 'grades':
      return upsert.upsertGrades(tx, fromBatch, ctx);
    case 'notes':
      return upsert.upsertNotes(tx, fromBatch, ctx);
    case 'results': {
      const pending = await inMemory<PendingResultRecord>();
      const keys = new Map(pending.map((r) => [JSON.stringify(r.assessment), r.assessment]));
      const ids = await findOrCreateAssessments(tx, ctx.municipalityId, [...keys.values()], ctx);
      return upsert.upsertResults(
        tx,
        {
          kind: 'rows',
          rows: pending.map((r) => ({
            school_id: r.school_id,
            student_id: r.student_id,
            assessment_id: ids.get(JSON.stringify(r.assessment))!,
            score: r.score,
          })),
        },
        ctx,
      );
    }
  }
}

/** One 'attendance.recorded' event per school and day of the file (only when someone subscribes). */
async function notifyAttendance(tx: Tx, rows: readonly upsert.AttendanceRecord[], ctx: WriteContext) {
  if (rows.length === 0) return;
  const groups = new Map<string, upsert.AttendanceRecord[]>();
  for (const row of rows) {
    const key = `${row.school_id}|${row.date}`;
    const list = groups.get(key) ?? [];
    list.push(row);
    groups.set(key, list);
  }
  const sourceIds = await sourceIdsOf(tx, ctx.source, [...new Set(rows.map((r) => r.student_id))]);
  const schoolCodes = new Map<number, string>();
  for (const list of groups.values()) {
    const first = list[0]!;
    if (!schoolCodes.has(first.school_id))
      schoolCodes.set(first.school_id, (await findSchool(tx, first.school_id))?.code ?? '');
    await enqueueAttendanceEvent(tx, {
      municipalityId: ctx.municipalityId,
      schoolId: first.school_id,
      schoolCode: schoolCodes.get(first.school_id) ?? '',
      date: first.date,
      source: ctx.source,
      batchId: ctx.batchId,
      records: list.map((r) => ({
        studentId: r.student_id,
        sourceId: sourceIds.get(r.student_id) ?? null,
        category: r.category,
        reason: r.reason ?? null,
        symptoms: r.symptoms ?? [],
        disease: r.disease ?? null,
      })),
    });
  }
}

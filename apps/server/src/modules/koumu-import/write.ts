import type { KoumuImportKind } from '@edukarte/shared';
import type { Tx } from '../../db/client.ts';
import { enqueueAttendanceEvent, hasAttendanceSubscribers } from '../attendance-feed/enqueue.ts';
import type { PendingResultRecord, StoredRecord } from './records.ts';
import { findOrCreateAssessments, findSchool } from './repo.ts';
import * as upsert from './upsert.repo.ts';

interface WriteContext extends upsert.Provenance {
  municipalityId: number;
}

/** Writes the records of one kind and tells webhook subscribers about imported 出欠. */
export async function writeRecords(
  tx: Tx,
  kind: KoumuImportKind,
  records: readonly StoredRecord[],
  ctx: WriteContext,
): Promise<upsert.WriteCounts> {
  switch (kind) {
    case 'attendance': {
      const rows = records as upsert.AttendanceRecord[];
      const counts = await upsert.upsertAttendance(tx, rows, ctx);
      await notifyAttendance(tx, rows, ctx);
      return counts;
    }
    case 'health':
      return upsert.upsertHealth(tx, records as upsert.HealthRecord[], ctx);
    case 'nurse':
      return upsert.upsertNurseVisits(tx, records as upsert.NurseRecord[], ctx);
    case 'grades':
      return upsert.upsertGrades(tx, records as upsert.GradeRecord[], ctx);
    case 'notes':
      return upsert.upsertNotes(tx, records as upsert.NoteRecord[], ctx);
    case 'results': {
      const pending = records as PendingResultRecord[];
      const keys = new Map(pending.map((r) => [JSON.stringify(r.assessment), r.assessment]));
      const ids = await findOrCreateAssessments(tx, ctx.municipalityId, [...keys.values()], ctx);
      return upsert.upsertResults(
        tx,
        pending.map((r) => ({
          school_id: r.school_id,
          student_id: r.student_id,
          assessment_id: ids.get(JSON.stringify(r.assessment))!,
          score: r.score,
        })),
        ctx,
      );
    }
  }
}

/** One 'attendance.recorded' event per school and day of the file (only when someone subscribes). */
async function notifyAttendance(tx: Tx, rows: readonly upsert.AttendanceRecord[], ctx: WriteContext) {
  if (rows.length === 0 || !(await hasAttendanceSubscribers(tx, ctx.municipalityId))) return;
  const groups = new Map<string, upsert.AttendanceRecord[]>();
  for (const row of rows) {
    const key = `${row.school_id}|${row.date}`;
    const list = groups.get(key) ?? [];
    list.push(row);
    groups.set(key, list);
  }
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
        sourceId: null,
        category: r.category,
        reason: r.reason,
        symptoms: r.symptoms,
        disease: r.disease,
      })),
    });
  }
}

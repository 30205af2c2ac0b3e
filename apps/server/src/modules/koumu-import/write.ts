import type { KoumuImportKind } from '@edukarte/shared';
import type { Tx } from '../../db/client.ts';
import { enqueueImportedRecords } from '../attendance-feed/enqueue.ts';
import type { PendingResultRecord, StoredRecord } from './records.ts';
import { findOrCreateAssessments, loadBatchRows } from './repo.ts';
import * as upsert from './upsert.repo.ts';

interface WriteContext extends upsert.Provenance {
  municipalityId: number;
}

/**
 * Writes the rows a previewed batch kept, straight from the batch row inside the database, and
 * queues webhook events for imported 出欠 and 健康観察 in the same transaction (sent by the webhook
 * worker once it has committed). Test results first find or create their assessments.
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
      await enqueueImportedRecords(tx, 'attendance', ctx);
      return counts;
    }
    case 'health': {
      const counts = await upsert.upsertHealth(tx, fromBatch, ctx);
      await enqueueImportedRecords(tx, 'health', ctx);
      return counts;
    }
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

import type { Tx } from '../../db/client.ts';
import {
  toAttendanceEventRecords,
  toHealthEventRecords,
  type AttendanceEventRecord,
  type HealthEventRecord,
} from './export-rows.ts';
import * as repo from './repo.ts';

export const ATTENDANCE_RECORDED = 'attendance.recorded';
export const HEALTH_RECORDED = 'health.recorded';

export type { AttendanceEventRecord, HealthEventRecord } from './export-rows.ts';

/** One school, one day: what every event carries besides its records. */
interface DayEvent {
  municipalityId: number;
  schoolId: number;
  schoolCode: string;
  date: string;
  /** where the records came from: 'koumu' (the 校務 import's source system), 'tablet', … */
  source: string;
  batchId: number | null;
}

/** What subscribers of `attendance.recorded` receive: 出欠 recorded in edukarte for one school and day. */
export interface AttendanceEventPayload extends DayEvent {
  records: AttendanceEventRecord[];
}

/** What subscribers of `health.recorded` receive: 健康観察 recorded in edukarte for one school and day. */
export interface HealthEventPayload extends DayEvent {
  records: HealthEventRecord[];
}

/**
 * Queues an 'attendance.recorded' delivery for every subscriber of the school's municipality, inside
 * the caller's transaction (so nothing is sent for attendance that was rolled back). Call it from any
 * code that writes attendance_marks (the tablet 出欠 screen, once per class and day it saves). Returns
 * the number of deliveries queued.
 */
export async function enqueueAttendanceEvent(tx: Tx, payload: AttendanceEventPayload): Promise<number> {
  return enqueueDays(tx, ATTENDANCE_RECORDED, payload.municipalityId, [payload]);
}

/** The same for health_observations (健康観察): a 'health.recorded' delivery per subscriber. */
export async function enqueueHealthEvent(tx: Tx, payload: HealthEventPayload): Promise<number> {
  return enqueueDays(tx, HEALTH_RECORDED, payload.municipalityId, [payload]);
}

/** One event per school day, queued for every subscriber in one statement. */
function enqueueDays(
  tx: Tx,
  event: string,
  municipalityId: number,
  days: readonly (AttendanceEventPayload | HealthEventPayload)[],
): Promise<number> {
  return repo.insertDeliveries(tx, {
    municipalityId,
    event,
    payloads: days.map((day) => ({ schoolId: day.schoolId, payload: { event, ...day } })),
  });
}

/** Cheap check so bulk writers can skip building payloads when nobody listens. */
export function hasAttendanceSubscribers(tx: Tx, municipalityId: number): Promise<boolean> {
  return repo.hasSubscriptions(tx, municipalityId, ATTENDANCE_RECORDED);
}

export function hasHealthSubscribers(tx: Tx, municipalityId: number): Promise<boolean> {
  return repo.hasSubscriptions(tx, municipalityId, HEALTH_RECORDED);
}

/**
 * For an import that has just written 出欠 marks or 健康観察 in `tx`: one event per school and day for
 * the rows the batch recorded (inserted or changed; a repeated file that changes nothing sends
 * nothing), with the same values as the CSV export (学年, 組, 出席番号, 校務番号, 区分, 体温, 記録時刻).
 * Nothing is read when nobody subscribes to the event. Returns the number of deliveries queued.
 */
export async function enqueueImportedRecords(
  tx: Tx,
  record: 'attendance' | 'health',
  batch: { municipalityId: number; batchId: number; source: string },
): Promise<number> {
  const event = record === 'attendance' ? ATTENDANCE_RECORDED : HEALTH_RECORDED;
  if (!(await repo.hasSubscriptions(tx, batch.municipalityId, event))) return 0;
  const rows = await repo.listBatchRecords(tx, {
    record,
    batchId: batch.batchId,
    sourceSystem: batch.source,
  });
  const days = new Map<string, typeof rows>();
  for (const row of rows) {
    const key = `${row.school_id}|${row.day}`;
    const list = days.get(key);
    if (list) list.push(row);
    else days.set(key, [row]);
  }
  const payloads = [...days.values()].map((list) => {
    const first = list[0]!;
    const day: DayEvent = {
      municipalityId: batch.municipalityId,
      schoolId: first.school_id,
      schoolCode: first.school_code,
      date: first.day,
      source: batch.source,
      batchId: batch.batchId,
    };
    return record === 'attendance'
      ? { ...day, records: toAttendanceEventRecords(list) }
      : { ...day, records: toHealthEventRecords(list) };
  });
  return enqueueDays(tx, event, batch.municipalityId, payloads);
}

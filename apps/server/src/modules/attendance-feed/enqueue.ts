import type { Tx } from '../../db/client.ts';
import * as repo from './repo.ts';

export const ATTENDANCE_RECORDED = 'attendance.recorded';

/** What subscribers receive for 出欠 recorded in edukarte (one school, one day). */
export interface AttendanceEventPayload {
  municipalityId: number;
  schoolId: number;
  schoolCode: string;
  date: string;
  /** where the records came from: 'tablet', 'koumu-csv', … */
  source: string;
  batchId: number | null;
  records: {
    studentId: number;
    /** the pupil's number in the 校務 system, when known */
    sourceId: string | null;
    category: string;
    reason: string | null;
    symptoms: string[];
    disease: string | null;
  }[];
}

/**
 * Queues an 'attendance.recorded' delivery for every subscriber of the school's municipality, inside
 * the caller's transaction (so nothing is sent for attendance that was rolled back). Call it from any
 * code that writes attendance_marks — the koumu import does; the tablet 出欠 screen should too, once
 * per class and day it saves. Returns the number of deliveries queued.
 */
export async function enqueueAttendanceEvent(tx: Tx, payload: AttendanceEventPayload): Promise<number> {
  return repo.insertDeliveries(tx, {
    municipalityId: payload.municipalityId,
    schoolId: payload.schoolId,
    event: ATTENDANCE_RECORDED,
    payload: { event: ATTENDANCE_RECORDED, ...payload },
  });
}

/** Cheap check so bulk writers can skip building payloads when nobody listens. */
export function hasAttendanceSubscribers(tx: Tx, municipalityId: number): Promise<boolean> {
  return repo.hasSubscriptions(tx, municipalityId, ATTENDANCE_RECORDED);
}

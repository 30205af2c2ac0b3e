/**
 * What a batch of typed learning events adds to the daily rollups (drill_daily, ict_usage_daily).
 * Pure: the LRS computes the additions in memory and upserts them as the last write before commit,
 * in key order, so concurrent batches touching the same pupils and days hold the rollup rows' locks
 * only for that one short statement (not for the whole batch insert) and cannot deadlock.
 */
import type { SubjectCode } from '@edukarte/shared';
import { japanDate, type DrillRow, type UsageRow } from './typed-events.ts';

export interface DrillDailyDelta {
  schoolId: number;
  studentId: number;
  /** the Japan date of the answers */
  date: string;
  unitCode: string;
  subjectCode: SubjectCode;
  answered: number;
  correct: number;
  durationMs: number;
}

export interface UsageDailyDelta {
  schoolId: number;
  date: string;
  toolId: number;
  device: UsageRow['device'];
  purpose: UsageRow['purpose'];
  launches: number;
  minutes: number;
}

const compareKeys = (a: readonly (string | number)[], b: readonly (string | number)[]): number => {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
};

/** Sums per (school, pupil, Japan date, unit), sorted by that key. */
export function drillDailyDeltas(rows: readonly DrillRow[]): DrillDailyDelta[] {
  const byKey = new Map<string, DrillDailyDelta>();
  for (const r of rows) {
    const date = japanDate(r.answeredAt);
    const key = `${r.schoolId}\u0000${r.studentId}\u0000${date}\u0000${r.unitCode}`;
    let d = byKey.get(key);
    if (!d) {
      d = {
        schoolId: r.schoolId,
        studentId: r.studentId,
        date,
        unitCode: r.unitCode,
        subjectCode: r.subjectCode,
        answered: 0,
        correct: 0,
        durationMs: 0,
      };
      byKey.set(key, d);
    }
    d.answered += 1;
    if (r.isCorrect) d.correct += 1;
    d.durationMs += r.durationMs;
  }
  return [...byKey.values()].sort((a, b) =>
    compareKeys([a.schoolId, a.studentId, a.date, a.unitCode], [b.schoolId, b.studentId, b.date, b.unitCode]),
  );
}

/** Sums per (school, Japan date, tool, device, purpose), sorted by that key. */
export function usageDailyDeltas(rows: readonly UsageRow[]): UsageDailyDelta[] {
  const byKey = new Map<string, UsageDailyDelta>();
  for (const r of rows) {
    const date = japanDate(r.startedAt);
    const key = `${r.schoolId}\u0000${date}\u0000${r.toolId}\u0000${r.device}\u0000${r.purpose}`;
    let d = byKey.get(key);
    if (!d) {
      d = {
        schoolId: r.schoolId,
        date,
        toolId: r.toolId,
        device: r.device,
        purpose: r.purpose,
        launches: 0,
        minutes: 0,
      };
      byKey.set(key, d);
    }
    d.launches += 1;
    d.minutes += r.minutes;
  }
  return [...byKey.values()].sort((a, b) =>
    compareKeys(
      [a.schoolId, a.date, a.toolId, a.device, a.purpose],
      [b.schoolId, b.date, b.toolId, b.device, b.purpose],
    ),
  );
}

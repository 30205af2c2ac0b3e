import { GRADE_CODES, type ClassSummary, type RosterEntry } from '@edukarte/shared';

const collator = new Intl.Collator('ja', { numeric: true });

/**
 * The class list as a teacher expects it: their own homeroom first, then school by school,
 * grade by grade (1年 → 6年), classes by name in natural order (2組 before 10組), with the
 * school's 特別支援学級 after its regular classes.
 */
export function sortClassSummaries(classes: readonly ClassSummary[]): ClassSummary[] {
  return [...classes].sort(
    (a, b) =>
      Number(b.isMyHomeroom) - Number(a.isMyHomeroom) ||
      collator.compare(a.schoolName, b.schoolName) ||
      a.schoolId - b.schoolId ||
      Number(a.isSpecialNeeds) - Number(b.isSpecialNeeds) ||
      GRADE_CODES.indexOf(a.gradeCode) - GRADE_CODES.indexOf(b.gradeCode) ||
      collator.compare(a.name, b.name) ||
      a.id - b.id,
  );
}

export interface RosterRow {
  studentId: number;
  attendanceNo: number;
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  status: RosterEntry['status'];
  /** The date that explains the status badge: arrival for 転入, departure for 転出 */
  statusDate: string | null;
}

/** The roster in 出席番号 order; children who left (転出) stay in their number's place. */
export function toRosterRows(students: readonly RosterEntry[]): RosterRow[] {
  return [...students]
    .sort((a, b) => a.attendanceNo - b.attendanceNo || a.studentId - b.studentId)
    .map((s) => ({
      studentId: s.studentId,
      attendanceNo: s.attendanceNo,
      familyName: s.familyName,
      givenName: s.givenName,
      familyNameKana: s.familyNameKana,
      givenNameKana: s.givenNameKana,
      status: s.status,
      statusDate:
        s.status === 'transferred_in' ? s.startDate : s.status === 'transferred_out' ? s.endDate : null,
    }));
}

import {
  SUBJECT_CODES,
  tallyAttendance,
  type AttendanceCategory,
  type AttendanceTally,
  type EnrollmentHistoryEntry,
  type SubjectCode,
  type SubjectTestSeries,
  type TestResultPoint,
} from '@edukarte/shared';
import { classLabel } from '../classes/service.ts';
import type { ProfileStay } from '../../analytics/student-karte/get-student-profile.ts';

/** One 指導要録 tally over several enrollment periods of the same year (a child who moved school). */
export function tallyPeriods(
  periods: readonly { instructionDays: number; marks: readonly { category: AttendanceCategory }[] }[],
): AttendanceTally {
  return tallyAttendance(
    periods.reduce((sum, p) => sum + p.instructionDays, 0),
    periods.flatMap((p) => p.marks),
  );
}

/** The parts of a year's enrollments that had happened by `asOf`. */
export function periodsInYear(
  stays: readonly ProfileStay[],
  fiscalYear: number,
  asOf: string,
): { schoolId: number; classId: number; from: string; to: string }[] {
  return stays
    .filter((s) => s.fiscalYear === fiscalYear && s.startDate <= asOf)
    .map((s) => ({
      schoolId: s.schoolId,
      classId: s.classId,
      from: s.startDate,
      to: s.endDate < asOf ? s.endDate : asOf,
    }));
}

export function toHistoryEntry(stay: ProfileStay): EnrollmentHistoryEntry {
  return {
    fiscalYear: stay.fiscalYear,
    schoolYearTitle: stay.schoolYearTitle,
    schoolName: stay.schoolName,
    classId: stay.classId,
    classLabel: classLabel({
      gradeCode: stay.gradeCode,
      name: stay.className,
      isSpecialNeeds: stay.isSpecialNeeds,
    }),
    gradeCode: stay.gradeCode,
    attendanceNo: stay.attendanceNo,
    startDate: stay.startDate,
    endDate: stay.endDate,
    entry: stay.entry,
    exit: stay.exit,
  };
}

/** The latest stay that had started by `asOf` in the year, or null. */
export function currentStay(
  stays: readonly ProfileStay[],
  fiscalYear: number,
  asOf: string,
): ProfileStay | null {
  const inYear = stays.filter((s) => s.fiscalYear === fiscalYear && s.startDate <= asOf);
  return inYear.at(-1) ?? null;
}

/** Groups test results by subject in the standard subject order; percent to one decimal. */
export function groupTestsBySubject(
  rows: readonly (Omit<TestResultPoint, 'percent'> & { subjectCode: SubjectCode })[],
): SubjectTestSeries[] {
  const bySubject = new Map<SubjectCode, TestResultPoint[]>();
  for (const { subjectCode, ...row } of rows) {
    const percent = row.maxScore > 0 ? Math.round((row.score / row.maxScore) * 1000) / 10 : 0;
    const points = bySubject.get(subjectCode) ?? [];
    points.push({ ...row, percent });
    bySubject.set(subjectCode, points);
  }
  return SUBJECT_CODES.filter((code) => bySubject.has(code)).map((subjectCode) => ({
    subjectCode,
    points: (bySubject.get(subjectCode) ?? []).sort((a, b) =>
      a.administeredOn.localeCompare(b.administeredOn),
    ),
  }));
}

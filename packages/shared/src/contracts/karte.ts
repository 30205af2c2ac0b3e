import { z } from 'zod';
import { ASSESSMENT_KINDS, SUBJECT_CODES } from '../domain/subjects.ts';
import { GRADE_CODES } from '../domain/grades.ts';
import { IsoDateString } from './common.ts';
import { SchoolYearRef } from './roster.ts';

export const KarteQuery = z.object({ fiscalYear: z.coerce.number().int().optional() });

export const EnrollmentHistoryEntry = z.object({
  fiscalYear: z.number().int(),
  schoolYearTitle: z.string(),
  schoolName: z.string(),
  classId: z.number().int(),
  classLabel: z.string(),
  gradeCode: z.enum(GRADE_CODES),
  attendanceNo: z.number().int(),
  startDate: IsoDateString,
  endDate: IsoDateString,
  entry: z.enum(['new', 'promoted', 'advanced', 'transfer_in']),
  exit: z.enum(['promoted', 'graduated', 'transfer_out']).nullable(),
});
export type EnrollmentHistoryEntry = z.infer<typeof EnrollmentHistoryEntry>;

export const StudentProfile = z.object({
  id: z.number().int(),
  familyName: z.string(),
  givenName: z.string(),
  familyNameKana: z.string(),
  givenNameKana: z.string(),
  birthDate: IsoDateString.nullable(),
  sex: z.enum(['male', 'female', 'unspecified']),
  /** The enrollment of the karte's school year (the latest one in it) */
  current: EnrollmentHistoryEntry.nullable(),
  history: z.array(EnrollmentHistoryEntry),
});
export type StudentProfile = z.infer<typeof StudentProfile>;

/** 指導要録「出欠の記録」 for one school year, counted up to `asOf`. */
export const AttendanceSummary = z.object({
  schoolYear: SchoolYearRef,
  asOf: IsoDateString,
  instructionDays: z.number().int(),
  excusedDays: z.number().int(),
  requiredDays: z.number().int(),
  absentDays: z.number().int(),
  absentSickDays: z.number().int(),
  absentOtherDays: z.number().int(),
  attendedDays: z.number().int(),
  lateCount: z.number().int(),
  earlyLeaveCount: z.number().int(),
});
export type AttendanceSummary = z.infer<typeof AttendanceSummary>;

export const TestResultPoint = z.object({
  assessmentId: z.number().int(),
  title: z.string(),
  kind: z.enum(ASSESSMENT_KINDS),
  administeredOn: IsoDateString,
  fiscalYear: z.number().int(),
  gradeCode: z.enum(GRADE_CODES),
  score: z.number(),
  maxScore: z.number(),
  /** score / maxScore × 100, one decimal */
  percent: z.number(),
});
export type TestResultPoint = z.infer<typeof TestResultPoint>;

export const SubjectTestSeries = z.object({
  subjectCode: z.enum(SUBJECT_CODES),
  points: z.array(TestResultPoint),
});
export type SubjectTestSeries = z.infer<typeof SubjectTestSeries>;

export const StudentKarteResponse = z.object({
  schoolYear: SchoolYearRef,
  profile: StudentProfile,
  attendance: AttendanceSummary,
  /** Every test result of the child, all years, grouped by subject, oldest first */
  tests: z.array(SubjectTestSeries),
});
export type StudentKarteResponse = z.infer<typeof StudentKarteResponse>;

import { z } from 'zod';
import { GRADE_CODES } from '../domain/grades.ts';
import { IsoDateString } from './common.ts';

export const SchoolYearRef = z.object({
  fiscalYear: z.number().int(),
  /** 令和7年度 */
  title: z.string(),
});
export type SchoolYearRef = z.infer<typeof SchoolYearRef>;

export const ClassSummary = z.object({
  id: z.number().int(),
  schoolId: z.number().int(),
  schoolName: z.string(),
  gradeCode: z.enum(GRADE_CODES),
  name: z.string(),
  /** e.g. 6年1組 */
  label: z.string(),
  isSpecialNeeds: z.boolean(),
  studentCount: z.number().int(),
  /** The caller is this class's homeroom teacher */
  isMyHomeroom: z.boolean(),
});
export type ClassSummary = z.infer<typeof ClassSummary>;

export const ClassListQuery = z.object({ fiscalYear: z.coerce.number().int().optional() });
export const ClassListResponse = z.object({
  schoolYear: SchoolYearRef,
  classes: z.array(ClassSummary),
});
export type ClassListResponse = z.infer<typeof ClassListResponse>;

export const RosterEntry = z.object({
  studentId: z.number().int(),
  /** 出席番号 */
  attendanceNo: z.number().int(),
  familyName: z.string(),
  givenName: z.string(),
  familyNameKana: z.string(),
  givenNameKana: z.string(),
  sex: z.enum(['male', 'female', 'unspecified']),
  /** Enrolled for the whole year so far, or left (転出) / arrived (転入) during it */
  status: z.enum(['enrolled', 'transferred_in', 'transferred_out']),
  startDate: IsoDateString,
  endDate: IsoDateString,
});
export type RosterEntry = z.infer<typeof RosterEntry>;

export const ClassRosterResponse = z.object({
  schoolYear: SchoolYearRef,
  class: ClassSummary,
  students: z.array(RosterEntry),
});
export type ClassRosterResponse = z.infer<typeof ClassRosterResponse>;

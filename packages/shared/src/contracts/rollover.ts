import { z } from 'zod';
import { GRADE_CODES } from '../domain/grades.ts';
import { IsoDateString } from './common.ts';

/** 年度更新 (A5): promote every pupil into the new school year. */

export const RolloverRequest = z.object({
  /** the new 年度, e.g. 2027 */
  fiscalYear: z.number().int().min(2000).max(2100),
  /** keep = same class letter as last year; gojuon = deal pupils into classes in 五十音順 */
  classAssignment: z.enum(['keep', 'gojuon']).default('keep'),
  /** which 中学校 each 小学校's 6th graders go to; otherwise where most of last graduates went */
  juniorHighMapping: z
    .array(z.object({ elementarySchoolId: z.number().int(), juniorHighSchoolId: z.number().int() }))
    .default([]),
});
export type RolloverRequest = z.input<typeof RolloverRequest>;

export const RolloverClassCount = z.object({
  schoolId: z.number().int(),
  schoolName: z.string(),
  gradeCode: z.enum(GRADE_CODES),
  className: z.string(),
  isSpecialNeeds: z.boolean(),
  pupils: z.number().int(),
  /** pupils arriving from another school (小6 → 中1) */
  advancing: z.number().int(),
});
export type RolloverClassCount = z.infer<typeof RolloverClassCount>;

export const RolloverPlanResponse = z.object({
  fiscalYear: z.number().int(),
  /** 令和9年度 */
  title: z.string(),
  schoolYearExists: z.boolean(),
  classes: z.array(RolloverClassCount),
  graduating: z.array(
    z.object({ schoolId: z.number().int(), schoolName: z.string(), pupils: z.number().int() }),
  ),
  withoutDestination: z.array(
    z.object({
      studentId: z.number().int(),
      name: z.string(),
      schoolName: z.string(),
      classLabel: z.string(),
    }),
  ),
  juniorHighMapping: z.array(
    z.object({
      elementarySchoolId: z.number().int(),
      elementarySchoolName: z.string(),
      juniorHighSchoolId: z.number().int().nullable(),
      juniorHighSchoolName: z.string().nullable(),
      basis: z.enum(['explicit', 'history', 'none']),
    }),
  ),
  /** pupils who already have a stay in the new year (a re-run leaves them alone) */
  alreadyRolledOver: z.number().int(),
  /** pupils the commit would move (promote + advance + graduate) */
  toApply: z.number().int(),
});
export type RolloverPlanResponse = z.infer<typeof RolloverPlanResponse>;

export const RolloverCommitResponse = z.object({
  plan: RolloverPlanResponse,
  created: z.object({
    schoolYear: z.boolean(),
    classes: z.number().int(),
    enrollments: z.number().int(),
    graduated: z.number().int(),
  }),
});
export type RolloverCommitResponse = z.infer<typeof RolloverCommitResponse>;

/** 転出 (A5): the child leaves their school on `date` (the last day enrolled). */
export const TransferOutRequest = z.object({
  studentId: z.number().int().positive(),
  date: IsoDateString,
  note: z.string().max(500).optional(),
});
export type TransferOutRequest = z.infer<typeof TransferOutRequest>;

/** A child new to the municipality, as written on the 転入 paperwork. */
export const TransferInPerson = z.object({
  familyName: z.string().trim().min(1).max(50),
  givenName: z.string().trim().min(1).max(50),
  familyNameKana: z.string().trim().min(1).max(50),
  givenNameKana: z.string().trim().min(1).max(50),
  birthDate: IsoDateString.nullable(),
  sex: z.enum(['male', 'female', 'unspecified']).default('unspecified'),
});

/** 転入 (A5): `studentId` for a child who was already in one of our schools, `person` for a new child. */
export const TransferInRequest = z
  .object({
    studentId: z.number().int().positive().optional(),
    person: TransferInPerson.optional(),
    schoolId: z.number().int().positive(),
    classId: z.number().int().positive(),
    /** the first day at the new school */
    date: IsoDateString,
  })
  .refine((v) => (v.studentId === undefined) !== (v.person === undefined), {
    message: 'studentId か person のどちらか一方を指定してください',
    path: ['studentId'],
  });
export type TransferInRequest = z.input<typeof TransferInRequest>;

export const TransferEnrollment = z.object({
  id: z.number().int(),
  studentId: z.number().int(),
  schoolId: z.number().int(),
  classId: z.number().int(),
  attendanceNo: z.number().int(),
  startDate: IsoDateString,
  endDate: IsoDateString,
  entry: z.enum(['new', 'promoted', 'advanced', 'transfer_in']),
  exit: z.enum(['promoted', 'graduated', 'transfer_out']).nullable(),
});
export const TransferResponse = z.object({ enrollment: TransferEnrollment });
export type TransferResponse = z.infer<typeof TransferResponse>;

import { z } from 'zod';
import { GRADE_CODES } from '../domain/grades.ts';

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

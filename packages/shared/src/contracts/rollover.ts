import { z } from 'zod';
import { GRADE_CODES } from '../domain/grades.ts';
import { FileIssue, IsoDateString, PageInfo, PageQuery } from './common.ts';

/** 年度更新 (A5): promote every pupil into the new school year. */

export const ROLLOVER_CLASS_ASSIGNMENTS = ['keep', 'gojuon', 'custom'] as const;
export type RolloverClassAssignment = (typeof ROLLOVER_CLASS_ASSIGNMENTS)[number];

/** One pupil's place in the new year, as the admin decided it (学級編成の個別指定). */
export const RolloverAssignment = z.object({
  studentId: z.number().int().positive(),
  /** '1組', 'ひまわり学級' */
  className: z.string().trim().min(1).max(40),
  attendanceNo: z.number().int().min(1).max(999),
});
export type RolloverAssignment = z.infer<typeof RolloverAssignment>;

export const JuniorHighMappingEntry = z.object({
  elementarySchoolId: z.number().int(),
  juniorHighSchoolId: z.number().int(),
});

/** A 小6 pupil who goes to another 中学校 than the rest of their school (学区外・指定校変更). */
export const JuniorHighOverride = z.object({
  studentId: z.number().int().positive(),
  juniorHighSchoolId: z.number().int(),
});

export const RolloverOptions = z.object({
  /** the new 年度, e.g. 2027 */
  fiscalYear: z.number().int().min(2000).max(2100),
  /** which 中学校 each 小学校's 6th graders go to; otherwise where most of last graduates went */
  juniorHighMapping: z.array(JuniorHighMappingEntry).max(1000).default([]),
  /** per-pupil exceptions to `juniorHighMapping` */
  juniorHighOverrides: z.array(JuniorHighOverride).max(10_000).default([]),
});

export const RolloverRequest = RolloverOptions.extend({
  /**
   * keep = same class letter as last year; gojuon = deal pupils into classes in 五十音順;
   * custom = `assignments` give every promoted or advancing pupil's class and 出席番号
   */
  classAssignment: z.enum(ROLLOVER_CLASS_ASSIGNMENTS).default('keep'),
  assignments: z.array(RolloverAssignment).max(100_000).default([]),
});
export type RolloverRequest = z.input<typeof RolloverRequest>;

/** The class-assignment file: `?format=` of the download. */
export const RolloverFileFormat = z.object({ format: z.enum(['csv', 'xlsx']).default('csv') });

/** One problem of an uploaded class-assignment file, or of `assignments` sent as JSON (row 0: e.g. a missing pupil). */
export const RolloverIssue = FileIssue;
export type RolloverIssue = FileIssue;

/** The upload's answer: the assignments when the file is valid, else every problem and none. */
export const RolloverAssignmentUploadResponse = z.object({
  fileName: z.string(),
  encoding: z.enum(['utf-8', 'shift_jis', 'xlsx']),
  rows: z.number().int(),
  issues: z.array(RolloverIssue),
  assignments: z.array(RolloverAssignment),
});
export type RolloverAssignmentUploadResponse = z.infer<typeof RolloverAssignmentUploadResponse>;

/** One pupil of the plan who gets a new stay (進級 or 進学). */
export const RolloverPlacement = z.object({
  studentId: z.number().int(),
  name: z.string(),
  kana: z.string(),
  kind: z.enum(['promote', 'advance']),
  /** last year: 小3 2組 5番 */
  fromLabel: z.string(),
  fromSchoolId: z.number().int(),
  schoolId: z.number().int(),
  schoolName: z.string(),
  gradeCode: z.enum(GRADE_CODES),
  className: z.string(),
  isSpecialNeeds: z.boolean(),
  attendanceNo: z.number().int(),
});
export type RolloverPlacement = z.infer<typeof RolloverPlacement>;

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
      /** 6th graders of this 小学校 on 3/31 */
      sixthGraders: z.number().int(),
    }),
  ),
  /** every 中学校 of the municipality, for choosing a destination */
  juniorHighSchools: z.array(z.object({ id: z.number().int(), name: z.string() })),
  /** how classes were assigned, echoed */
  classAssignment: z.enum(ROLLOVER_CLASS_ASSIGNMENTS),
  /** every pupil who gets a new stay, by school, grade, class and 出席番号 */
  placements: z.array(RolloverPlacement),
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
export const TRANSFER_REASONS = ['moving', 'overseas', 'other_school_type', 'other'] as const;
export type TransferReason = (typeof TRANSFER_REASONS)[number];

export const TransferOutRequest = z.object({
  studentId: z.number().int().positive(),
  date: IsoDateString,
  /** 転出先 (the school or city the child goes to) */
  destination: z.string().trim().max(100).optional(),
  reason: z.enum(TRANSFER_REASONS).optional(),
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
    /** 出席番号; by default the next number after the class's last */
    attendanceNo: z.number().int().min(1).max(999).optional(),
    /** 前籍校, for a child from outside the municipality */
    origin: z.string().trim().max(100).optional(),
    note: z.string().max(500).optional(),
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

export const TransferListQuery = PageQuery.extend({
  direction: z.enum(['in', 'out']).optional(),
});
export type TransferListQuery = z.input<typeof TransferListQuery>;

export const TransferListItem = z.object({
  enrollmentId: z.number().int(),
  direction: z.enum(['in', 'out']),
  /** 転出: the last day; 転入: the first day */
  date: IsoDateString,
  studentId: z.number().int(),
  name: z.string(),
  schoolId: z.number().int(),
  schoolName: z.string(),
  /** 小4 1組 12番 */
  classLabel: z.string(),
  /** 転出先 or 前籍校 as recorded (for a transfer within the municipality: the other school) */
  otherSchool: z.string().nullable(),
  reason: z.enum(TRANSFER_REASONS).nullable(),
  note: z.string().nullable(),
  recordedAt: z.string().nullable(),
});
export type TransferListItem = z.infer<typeof TransferListItem>;

export const TransferListResponse = z.object({ transfers: z.array(TransferListItem), ...PageInfo });
export type TransferListResponse = z.infer<typeof TransferListResponse>;

export const TransferStudentSearchQuery = z.object({
  /** part of the name or reading (kanji, hiragana or katakana) */
  q: z.string().trim().min(1).max(50),
});

export const TransferStudentCandidate = z.object({
  studentId: z.number().int(),
  name: z.string(),
  kana: z.string(),
  birthDate: IsoDateString.nullable(),
  /** the latest stay: 中央小学校 小4 1組 (転出 2026-09-30) */
  lastStay: z
    .object({
      schoolName: z.string(),
      classLabel: z.string(),
      endDate: IsoDateString,
      exit: z.enum(['promoted', 'graduated', 'transfer_out']).nullable(),
    })
    .nullable(),
});
export const TransferStudentSearchResponse = z.object({
  students: z.array(TransferStudentCandidate),
  /** more matched than shown: narrow the search */
  truncated: z.boolean(),
});
export type TransferStudentSearchResponse = z.infer<typeof TransferStudentSearchResponse>;

import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import {
  assessmentKind,
  attendanceCategory,
  gradeCode,
  importStatus,
  noteKind,
  noteVisibility,
  nurseOutcome,
  nurseReasonGroup,
  quGroup,
  subjectCode,
  viewpoint,
  viewpointRating,
} from './enums.ts';
import { classes, municipalities, schools, schoolYears } from './org.ts';
import { people } from './people.ts';
import { userAccounts } from './auth.ts';

/** 取込バッチ: one file or feed delivery; every imported row points back to it (provenance, A6). */
export const importBatches = pgTable('import_batches', {
  id: integer().primaryKey().generatedByDefaultAsIdentity(),
  municipalityId: integer()
    .notNull()
    .references(() => municipalities.id),
  schoolId: integer().references(() => schools.id),
  /** e.g. 'koumu-csv', 'oneroster', 'xapi', 'demo' */
  sourceSystem: text().notNull(),
  /** e.g. 'attendance', 'roster' */
  kind: text().notNull(),
  fileName: text(),
  status: importStatus().notNull(),
  rowCount: integer().notNull().default(0),
  report: jsonb()
    .$type<Record<string, unknown>>()
    .notNull()
    .default(sql`'{}'::jsonb`),
  createdBy: integer().references(() => userAccounts.id),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Provenance columns carried by every school-affairs row. */
const provenance = () => ({
  /** 'tablet', 'koumu-csv', 'demo', … */
  source: text().notNull(),
  batchId: integer().references(() => importBatches.id),
});

const schoolRef = () =>
  integer()
    .notNull()
    .references(() => schools.id);
const studentRef = () =>
  integer()
    .notNull()
    .references(() => people.id);

/**
 * 出欠記録: one row for each day that was not plain attendance. An instruction day without a row
 * is 出席, so the table stays small and 授業日数 comes from instruction_days.
 */
export const attendanceMarks = pgTable(
  'attendance_marks',
  {
    schoolId: schoolRef(),
    studentId: studentRef(),
    date: date({ mode: 'string' }).notNull(),
    category: attendanceCategory().notNull(),
    /** 欠席・遅刻・早退の理由 (頭痛, 発熱, …) */
    reason: text(),
    symptoms: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** 出席停止 for an infectious disease: its name (インフルエンザ, …) */
    disease: text(),
    note: text(),
    recordedBy: integer().references(() => people.id),
    recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    ...provenance(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.studentId, t.date] }), index().on(t.schoolId, t.date)],
);

/** 出欠確認: the homeroom teacher took attendance for a class on a day (so "no marks" means all present). */
export const attendanceRolls = pgTable(
  'attendance_rolls',
  {
    schoolId: schoolRef(),
    classId: integer()
      .notNull()
      .references(() => classes.id),
    date: date({ mode: 'string' }).notNull(),
    takenBy: integer().references(() => people.id),
    takenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.classId, t.date] })],
);

/** 朝の健康観察: stored for a child with something to note (an unmarked day is 異常なし). */
export const healthObservations = pgTable(
  'health_observations',
  {
    schoolId: schoolRef(),
    studentId: studentRef(),
    date: date({ mode: 'string' }).notNull(),
    symptoms: text().array().notNull(),
    /** 体温 (°C) */
    temperature: real(),
    note: text(),
    recordedBy: integer().references(() => people.id),
    recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    ...provenance(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.studentId, t.date] }), index().on(t.schoolId, t.date)],
);

/** 保健室来室記録 */
export const nurseVisits = pgTable(
  'nurse_visits',
  {
    schoolId: schoolRef(),
    id: bigint({ mode: 'number' }).notNull().generatedByDefaultAsIdentity(),
    studentId: studentRef(),
    visitedAt: timestamp({ withTimezone: true }).notNull(),
    leftAt: timestamp({ withTimezone: true }),
    reasonGroup: nurseReasonGroup().notNull(),
    reason: text().notNull(),
    treatments: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    outcome: nurseOutcome().notNull(),
    note: text(),
    recordedBy: integer().references(() => people.id),
    ...provenance(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    index().on(t.schoolId, t.studentId, t.visitedAt),
    index().on(t.schoolId, t.visitedAt),
  ],
);

/** 教員の記録: 日常所見, いいとこみつけ, 共有配慮事項, each with who may read it. */
export const teacherNotes = pgTable(
  'teacher_notes',
  {
    schoolId: schoolRef(),
    id: bigint({ mode: 'number' }).notNull().generatedByDefaultAsIdentity(),
    studentId: studentRef(),
    authorId: integer()
      .notNull()
      .references(() => people.id),
    kind: noteKind().notNull(),
    visibility: noteVisibility().notNull(),
    body: text().notNull(),
    notedOn: date({ mode: 'string' }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    ...provenance(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.id] }), index().on(t.schoolId, t.studentId, t.notedOn)],
);

/** 指導計画: a unit plan for a class and subject. */
export const teachingPlans = pgTable(
  'teaching_plans',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    schoolId: schoolRef(),
    classId: integer()
      .notNull()
      .references(() => classes.id),
    subjectCode: subjectCode().notNull(),
    unitCode: text(),
    unitName: text().notNull(),
    startDate: date({ mode: 'string' }).notNull(),
    endDate: date({ mode: 'string' }).notNull(),
    plannedHours: smallint().notNull(),
    objectives: text(),
    authorId: integer().references(() => people.id),
  },
  (t) => [index().on(t.schoolId, t.classId)],
);

/** テスト・調査: a unit test, a regular test, or a national / municipal survey. */
export const assessments = pgTable(
  'assessments',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    municipalityId: integer()
      .notNull()
      .references(() => municipalities.id),
    /** null for a national or municipal assessment given in every school */
    schoolId: integer().references(() => schools.id),
    schoolYearId: integer()
      .notNull()
      .references(() => schoolYears.id),
    kind: assessmentKind().notNull(),
    subjectCode: subjectCode().notNull(),
    gradeCode: gradeCode().notNull(),
    title: text().notNull(),
    unitCode: text(),
    administeredOn: date({ mode: 'string' }).notNull(),
    maxScore: real().notNull(),
    ...provenance(),
  },
  (t) => [index().on(t.schoolYearId, t.gradeCode, t.subjectCode)],
);

/** 設問・観点: a scored part of an assessment (an item, or a 観点 side of a unit test). */
export const assessmentItems = pgTable(
  'assessment_items',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    assessmentId: integer()
      .notNull()
      .references(() => assessments.id),
    seq: smallint().notNull(),
    label: text().notNull(),
    viewpoint: viewpoint(),
    maxScore: real().notNull(),
    curriculumCode: text(),
  },
  (t) => [unique().on(t.assessmentId, t.seq)],
);

/** テスト結果 (total per pupil) */
export const assessmentResults = pgTable(
  'assessment_results',
  {
    schoolId: schoolRef(),
    assessmentId: integer()
      .notNull()
      .references(() => assessments.id),
    studentId: studentRef(),
    score: real().notNull(),
    ...provenance(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.assessmentId, t.studentId] }),
    index().on(t.schoolId, t.studentId),
  ],
);

/** 設問別結果 */
export const assessmentItemResults = pgTable(
  'assessment_item_results',
  {
    schoolId: schoolRef(),
    itemId: integer()
      .notNull()
      .references(() => assessmentItems.id),
    studentId: studentRef(),
    score: real().notNull(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.itemId, t.studentId] }), index().on(t.schoolId, t.studentId)],
);

/**
 * 評定・観点別学習状況 per subject and period. period 1–3 = 学期, 9 = 学年末 (指導要録).
 * rating: 小3–6 on 3 levels, 中 on 5; null for 小1–2 (no 評定).
 */
export const gradeRecords = pgTable(
  'grade_records',
  {
    schoolId: schoolRef(),
    studentId: studentRef(),
    schoolYearId: integer()
      .notNull()
      .references(() => schoolYears.id),
    period: smallint().notNull(),
    subjectCode: subjectCode().notNull(),
    rating: smallint(),
    knowledge: viewpointRating(),
    thinking: viewpointRating(),
    attitude: viewpointRating(),
    ...provenance(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.studentId, t.schoolYearId, t.period, t.subjectCode] }),
    check('grade_records_rating_range', sql`${t.rating} IS NULL OR ${t.rating} BETWEEN 1 AND 5`),
  ],
);

/** Q-U 結果: scores and the group label exactly as the vendor supplied them. */
export const quResults = pgTable(
  'qu_results',
  {
    schoolId: schoolRef(),
    studentId: studentRef(),
    administeredOn: date({ mode: 'string' }).notNull(),
    /** 承認得点 */
    acceptanceScore: real().notNull(),
    /** 被侵害得点 */
    victimizationScore: real().notNull(),
    groupLabel: quGroup().notNull(),
    /** 要支援群 */
    needsSupport: boolean().notNull().default(false),
    vendor: text().notNull(),
    ...provenance(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.studentId, t.administeredOn] })],
);

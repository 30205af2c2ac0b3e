import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { classType, gradeCode, schoolKind, subjectCode } from './enums.ts';

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

/** 自治体・教育委員会 */
export const municipalities = pgTable('municipalities', {
  /** OneRoster sourcedId (stable across exports; kept from the source when imported) */
  sourcedId: text()
    .notNull()
    .unique()
    .default(sql`gen_random_uuid()::text`),
  /** OneRoster dateLastModified */
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  id: integer().primaryKey().generatedByDefaultAsIdentity(),
  /** 教育委員会コード: 都道府県 (2) + board number (4) */
  code: text().notNull().unique(),
  name: text().notNull(),
  boardName: text().notNull(),
  prefectureCode: smallint().notNull(),
  createdAt: createdAt(),
});

/** 学校 */
export const schools = pgTable(
  'schools',
  {
    /** OneRoster sourcedId (stable across exports; kept from the source when imported) */
    sourcedId: text()
      .notNull()
      .unique()
      .default(sql`gen_random_uuid()::text`),
    /** OneRoster dateLastModified */
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    municipalityId: integer()
      .notNull()
      .references(() => municipalities.id),
    /** MEXT 学校コード, validated with its check digit before it is stored */
    code: text().notNull().unique(),
    name: text().notNull(),
    kind: schoolKind().notNull(),
    createdAt: createdAt(),
  },
  (t) => [check('schools_code_shape', sql`${t.code} ~ '^[A-H][12][0-9]{2}[123][1-9][0-9]{7}$'`)],
);

/** 年度 */
export const schoolYears = pgTable(
  'school_years',
  {
    /** OneRoster sourcedId (stable across exports; kept from the source when imported) */
    sourcedId: text()
      .notNull()
      .unique()
      .default(sql`gen_random_uuid()::text`),
    /** OneRoster dateLastModified */
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    municipalityId: integer()
      .notNull()
      .references(() => municipalities.id),
    fiscalYear: smallint().notNull(),
    /** e.g. 令和7年度 */
    title: text().notNull(),
    startDate: date({ mode: 'string' }).notNull(),
    endDate: date({ mode: 'string' }).notNull(),
  },
  (t) => [unique().on(t.municipalityId, t.fiscalYear)],
);

/** 学期 (set by the board for its schools) */
export const terms = pgTable(
  'terms',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    schoolYearId: integer()
      .notNull()
      .references(() => schoolYears.id),
    seq: smallint().notNull(),
    name: text().notNull(),
    startDate: date({ mode: 'string' }).notNull(),
    endDate: date({ mode: 'string' }).notNull(),
  },
  (t) => [unique().on(t.schoolYearId, t.seq)],
);

/** 学年 (reference) */
export const gradeLevels = pgTable('grade_levels', {
  code: gradeCode().primaryKey(),
  schoolKind: schoolKind().notNull(),
  number: smallint().notNull(),
  nameJa: text().notNull(),
});

/** 授業日: the days a school held lessons (授業日数 is counted from these). */
export const instructionDays = pgTable(
  'instruction_days',
  {
    schoolId: integer()
      .notNull()
      .references(() => schools.id),
    date: date({ mode: 'string' }).notNull(),
    schoolYearId: integer()
      .notNull()
      .references(() => schoolYears.id),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.date] })],
);

/** 学級 (homeroom) and scheduled classes */
export const classes = pgTable(
  'classes',
  {
    /** OneRoster sourcedId (stable across exports; kept from the source when imported) */
    sourcedId: text()
      .notNull()
      .unique()
      .default(sql`gen_random_uuid()::text`),
    /** OneRoster dateLastModified */
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    schoolId: integer()
      .notNull()
      .references(() => schools.id),
    schoolYearId: integer()
      .notNull()
      .references(() => schoolYears.id),
    gradeCode: gradeCode().notNull(),
    /** e.g. '1組', 'ひまわり学級' */
    name: text().notNull(),
    classType: classType().notNull().default('homeroom'),
    /** 特別支援学級 (OneRoster-JP metadata.jp.specialNeeds) */
    isSpecialNeeds: boolean().notNull().default(false),
    subjectCode: subjectCode(),
  },
  (t) => [unique().on(t.schoolId, t.schoolYearId, t.gradeCode, t.name), index().on(t.schoolYearId)],
);

/** 学級閉鎖 (学校保健安全法 §20): days count as 出席停止 for the class's pupils. */
export const classClosures = pgTable(
  'class_closures',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    schoolId: integer()
      .notNull()
      .references(() => schools.id),
    classId: integer()
      .notNull()
      .references(() => classes.id),
    startDate: date({ mode: 'string' }).notNull(),
    endDate: date({ mode: 'string' }).notNull(),
    disease: text(),
    reason: text(),
  },
  (t) => [index().on(t.schoolId, t.startDate)],
);

/** 学習単元 (reference): units that drills, tests and plans refer to. */
export const learningUnits = pgTable('learning_units', {
  code: text().primaryKey(),
  subjectCode: subjectCode().notNull(),
  gradeCode: gradeCode().notNull(),
  seq: smallint().notNull(),
  name: text().notNull(),
  /** 学習指導要領コード (16 characters, a string: letters appear) */
  curriculumCode: text(),
});

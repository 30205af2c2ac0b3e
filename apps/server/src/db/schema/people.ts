import { sql } from 'drizzle-orm';
import {
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
import { classTeacherRole, enrollmentEntry, enrollmentExit, personKind, sex, staffDuty } from './enums.ts';
import { classes, municipalities, schools, schoolYears } from './org.ts';

/** 人 (児童生徒・教職員): one row per human, whatever systems and schools they pass through. */
export const people = pgTable(
  'people',
  {
    /** OneRoster sourcedId (stable across exports; kept from the source when imported) */
    sourcedId: text()
      .notNull()
      .unique()
      .default(sql`gen_random_uuid()::text`),
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    municipalityId: integer()
      .notNull()
      .references(() => municipalities.id),
    kind: personKind().notNull(),
    familyName: text().notNull(),
    givenName: text().notNull(),
    /** Full-width katakana readings (OneRoster-JP kanaFamilyName / kanaGivenName) */
    familyNameKana: text().notNull(),
    givenNameKana: text().notNull(),
    birthDate: date({ mode: 'string' }),
    sex: sex().notNull().default('unspecified'),
    /** Stable pseudonymous id shown to the board instead of a name (D4) */
    pseudonym: text().notNull().unique(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.municipalityId, t.familyNameKana, t.givenNameKana)],
);

/** 連携元ID: (system, id in that system) → person (A5). */
export const sourceIdentities = pgTable(
  'source_identities',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    personId: integer()
      .notNull()
      .references(() => people.id),
    system: text().notNull(),
    sourceId: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.system, t.sourceId), index().on(t.personId)],
);

/** 在籍: a pupil in a class for (part of) a school year, with 出席番号. One row per stay, so history is kept. */
export const enrollments = pgTable(
  'enrollments',
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
    classId: integer()
      .notNull()
      .references(() => classes.id),
    studentId: integer()
      .notNull()
      .references(() => people.id),
    /** 出席番号 (OneRoster-JP metadata.jp.shussekiNo) */
    attendanceNo: smallint().notNull(),
    startDate: date({ mode: 'string' }).notNull(),
    endDate: date({ mode: 'string' }).notNull(),
    entry: enrollmentEntry().notNull(),
    exit: enrollmentExit(),
  },
  (t) => [
    unique().on(t.classId, t.studentId, t.startDate),
    index().on(t.schoolId, t.classId),
    index().on(t.studentId),
  ],
);

/** 教職員の配置: a staff member's duty at a school in a year. */
export const staffAssignments = pgTable(
  'staff_assignments',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    schoolId: integer()
      .notNull()
      .references(() => schools.id),
    schoolYearId: integer()
      .notNull()
      .references(() => schoolYears.id),
    personId: integer()
      .notNull()
      .references(() => people.id),
    duty: staffDuty().notNull(),
  },
  (t) => [unique().on(t.schoolId, t.schoolYearId, t.personId, t.duty), index().on(t.personId)],
);

/** 担任・教科担任: who teaches a class. */
export const classTeachers = pgTable(
  'class_teachers',
  {
    schoolId: integer()
      .notNull()
      .references(() => schools.id),
    classId: integer()
      .notNull()
      .references(() => classes.id),
    personId: integer()
      .notNull()
      .references(() => people.id),
    role: classTeacherRole().notNull(),
  },
  (t) => [primaryKey({ columns: [t.classId, t.personId] }), index().on(t.personId)],
);

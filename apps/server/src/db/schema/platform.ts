import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { alertKind, alertStatus, gradeCode, role, subjectCode } from './enums.ts';
import { municipalities, schools } from './org.ts';
import { people } from './people.ts';

/** 活用事例: a teacher's lesson case, shared across the municipality (B7). */
export const practiceCases = pgTable(
  'practice_cases',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    municipalityId: integer()
      .notNull()
      .references(() => municipalities.id),
    schoolId: integer()
      .notNull()
      .references(() => schools.id),
    authorId: integer()
      .notNull()
      .references(() => people.id),
    title: text().notNull(),
    subjectCode: subjectCode().notNull(),
    gradeCode: gradeCode().notNull(),
    tools: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    materials: text(),
    outcome: text(),
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.municipalityId, t.subjectCode, t.gradeCode)],
);

/** アラート規則: thresholds a municipality or school sets (C7). */
export const alertRules = pgTable('alert_rules', {
  id: integer().primaryKey().generatedByDefaultAsIdentity(),
  municipalityId: integer()
    .notNull()
    .references(() => municipalities.id),
  schoolId: integer().references(() => schools.id),
  kind: alertKind().notNull(),
  params: jsonb().$type<Record<string, number>>().notNull(),
  isEnabled: boolean().notNull().default(true),
});

/** アラート: raised for a child, with the evidence that raised it. */
export const alerts = pgTable(
  'alerts',
  {
    schoolId: integer()
      .notNull()
      .references(() => schools.id),
    id: bigint({ mode: 'number' }).notNull().generatedByDefaultAsIdentity(),
    studentId: integer()
      .notNull()
      .references(() => people.id),
    kind: alertKind().notNull(),
    raisedOn: date({ mode: 'string' }).notNull(),
    evidence: jsonb().$type<Record<string, unknown>>().notNull(),
    status: alertStatus().notNull().default('open'),
    acknowledgedBy: integer().references(() => people.id),
    acknowledgedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    unique().on(t.schoolId, t.studentId, t.kind, t.raisedOn),
    index().on(t.schoolId, t.status, t.raisedOn),
  ],
);

/** お知らせ from the board or a school (E6). */
export const notices = pgTable('notices', {
  id: integer().primaryKey().generatedByDefaultAsIdentity(),
  municipalityId: integer()
    .notNull()
    .references(() => municipalities.id),
  schoolId: integer().references(() => schools.id),
  authorId: integer().references(() => people.id),
  title: text().notNull(),
  body: text().notNull(),
  audience: role().array().notNull(),
  publishedAt: timestamp({ withTimezone: true }).notNull(),
});

/** 連携システム台帳: which systems send data, what data, for which purpose and legal basis (D7). */
export const connectedSystems = pgTable('connected_systems', {
  id: integer().primaryKey().generatedByDefaultAsIdentity(),
  municipalityId: integer()
    .notNull()
    .references(() => municipalities.id),
  name: text().notNull(),
  kind: text().notNull(),
  dataCategories: text().array().notNull(),
  purpose: text().notNull(),
  legalBasis: text().notNull(),
  requiresGuardianConsent: boolean().notNull().default(false),
});

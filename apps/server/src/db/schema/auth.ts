import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { role } from './enums.ts';
import { municipalities, schools } from './org.ts';
import { people } from './people.ts';

/** サインインできる利用者 (local accounts; OIDC and passkeys attach here later). */
export const userAccounts = pgTable('user_accounts', {
  id: integer().primaryKey().generatedByDefaultAsIdentity(),
  loginId: text().notNull().unique(),
  /** argon2id */
  passwordHash: text(),
  role: role().notNull(),
  displayName: text().notNull(),
  personId: integer().references(() => people.id),
  municipalityId: integer()
    .notNull()
    .references(() => municipalities.id),
  /** The school a teacher/nurse/principal/student belongs to; null for board and admin */
  schoolId: integer().references(() => schools.id),
  locale: text().notNull().default('ja'),
  disabledAt: timestamp({ withTimezone: true }),
  lastSignInAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** サインイン中のセッション. The cookie holds a random token; only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => userAccounts.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    ip: text(),
    userAgent: text(),
  },
  (t) => [index().on(t.userId)],
);

/** アクセス監査ログ: who opened which child's data, when (D5). Append-only. */
export const accessAudit = pgTable(
  'access_audit',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    userId: integer()
      .notNull()
      .references(() => userAccounts.id),
    role: role().notNull(),
    /** e.g. 'student_karte.view' */
    action: text().notNull(),
    schoolId: integer().references(() => schools.id),
    studentId: integer().references(() => people.id),
    ip: text(),
    detail: jsonb()
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
  },
  (t) => [index().on(t.schoolId, t.occurredAt), index().on(t.studentId, t.occurredAt)],
);

import { check, index, integer, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { userAccounts } from './auth.ts';
import { enrollments } from './people.ts';

/**
 * 転入・転出の記録: what the 転学 paperwork says beside the stay it starts or ends (the other
 * school, the reason, a note). One row per stay and direction, so recording the same transfer
 * twice updates it. Owner-level only (no row-level-security grant): the admin service reads it.
 */
export const transferRecords = pgTable(
  'transfer_records',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    enrollmentId: integer()
      .notNull()
      .references(() => enrollments.id),
    /** 'out' = the stay ended by a 転出, 'in' = the stay started by a 転入 */
    direction: text().$type<'in' | 'out'>().notNull(),
    /** 転出先 (out) or 前籍校 (in), as written on the paperwork */
    otherSchool: text(),
    /** TRANSFER_REASONS code */
    reason: text(),
    note: text(),
    recordedBy: integer().references(() => userAccounts.id),
    recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique().on(t.enrollmentId, t.direction),
    index().on(t.recordedAt),
    check('transfer_records_direction', sql`${t.direction} in ('in', 'out')`),
  ],
);

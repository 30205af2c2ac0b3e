import { sql } from 'drizzle-orm';
import type { Db, Tx } from './client.ts';

/**
 * What a request may see, as the database enforces it with row-level security
 * (migrations/0001_row_level_security.sql).
 */
export interface DbScope {
  /** edukarte_board reads de-identified columns only; edukarte_scoped reads rows of its schools. */
  dbRole: 'edukarte_scoped' | 'edukarte_board';
  schoolIds: readonly number[];
  /** When set, only this child's rows are visible (a pupil's own view, or one karte). */
  studentId: number | null;
  /** The caller is a pupil: staff-only tables (notes, Q-U, alerts, audit) are hidden. */
  callerIsStudent: boolean;
  /** The caller as a person (author-only notes). */
  personId: number | null;
}

/**
 * Runs `work` in a transaction that has switched to a non-owner role and set the scope, so every
 * query inside is filtered by the database. Keep the work short: PGlite serialises transactions.
 */
export async function withScope<T>(db: Db, scope: DbScope, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const schoolIds = scope.schoolIds.map((id) => {
      if (!Number.isInteger(id)) throw new TypeError(`school id must be an integer: ${id}`);
      return id;
    });
    await tx.execute(sql`SELECT
      set_config('edukarte.school_ids', ${schoolIds.join(',')}, true),
      set_config('edukarte.student_id', ${scope.studentId === null ? '' : String(scope.studentId)}, true),
      set_config('edukarte.person_id', ${scope.personId === null ? '' : String(scope.personId)}, true),
      set_config('edukarte.caller_is_student', ${scope.callerIsStudent ? 'true' : 'false'}, true)`);
    await tx.execute(
      sql.raw(`SET LOCAL ROLE ${scope.dbRole === 'edukarte_board' ? 'edukarte_board' : 'edukarte_scoped'}`),
    );
    return work(tx);
  });
}

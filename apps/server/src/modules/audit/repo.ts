import type { Queryable } from '../../db/client.ts';
import { accessAudit } from '../../db/schema/index.ts';

export interface AuditEntry {
  userId: number;
  role: (typeof accessAudit.$inferInsert)['role'];
  action: string;
  schoolId: number | null;
  studentId: number | null;
  ip: string;
  detail?: Record<string, unknown>;
}

/** Appends one row to the access audit log (D5). Call it inside the transaction that read the data. */
export async function recordAccess(q: Queryable, entry: AuditEntry): Promise<void> {
  await q.insert(accessAudit).values({ ...entry, detail: entry.detail ?? {} });
}

import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { municipalities, schools, sessions, userAccounts } from '../db/schema/index.ts';

/**
 * Accounts and sessions. These run as the database owner (outside row-level security): an
 * account must be found before any scope exists. Password hashes never leave this module's callers.
 */
export async function findAccountByLoginId(db: Db, loginId: string) {
  const rows = await db
    .select()
    .from(userAccounts)
    .where(and(eq(userAccounts.loginId, loginId), isNull(userAccounts.disabledAt)))
    .limit(1);
  return rows[0] ?? null;
}

export async function createSession(
  db: Db,
  session: { tokenHash: string; userId: number; expiresAt: Date; ip: string; userAgent: string | null },
): Promise<void> {
  await db.insert(sessions).values(session);
  await db.update(userAccounts).set({ lastSignInAt: new Date() }).where(eq(userAccounts.id, session.userId));
}

export async function findSessionAccount(db: Db, tokenHash: string, now: Date) {
  const rows = await db
    .select({ account: userAccounts })
    .from(sessions)
    .innerJoin(userAccounts, eq(userAccounts.id, sessions.userId))
    .where(
      and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), isNull(userAccounts.disabledAt)),
    )
    .limit(1);
  return rows[0]?.account ?? null;
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function findOrgNames(db: Db, municipalityId: number, schoolId: number | null) {
  const [municipality] = await db
    .select({ id: municipalities.id, name: municipalities.name })
    .from(municipalities)
    .where(eq(municipalities.id, municipalityId));
  const school =
    schoolId === null
      ? null
      : ((
          await db
            .select({ id: schools.id, name: schools.name })
            .from(schools)
            .where(eq(schools.id, schoolId))
        )[0] ?? null);
  if (!municipality) throw new Error(`municipality ${municipalityId} missing`);
  return { municipality, school };
}

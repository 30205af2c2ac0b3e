import { createHash, randomBytes } from 'node:crypto';
import type { Me } from '@edukarte/shared';
import type { Db } from '../db/client.ts';
import type { Actor, RequestMeta } from './actor.ts';
import { DUMMY_HASH_PASSWORD, hashPassword, verifyPassword } from './passwords.ts';
import * as repo from './repo.ts';
import { findHomeClassId } from '../modules/classes/service.ts';

type Account = NonNullable<Awaited<ReturnType<typeof repo.findAccountByLoginId>>>;

let dummyHash: Promise<string> | null = null;

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function toActor(account: Account): Actor {
  return {
    userId: account.id,
    loginId: account.loginId,
    role: account.role,
    displayName: account.displayName,
    personId: account.personId,
    municipalityId: account.municipalityId,
    schoolId: account.schoolId,
    locale: account.locale === 'en' ? 'en' : 'ja',
  };
}

/**
 * Checks a local account's password and opens a session. Returns null for any failure
 * (unknown id, wrong password, disabled account) so callers cannot tell which.
 */
export async function signIn(
  db: Db,
  credentials: { loginId: string; password: string },
  meta: RequestMeta,
  sessionHours: number,
): Promise<{ token: string; actor: Actor; expiresAt: Date } | null> {
  const account = await repo.findAccountByLoginId(db, credentials.loginId);
  if (!account?.passwordHash) {
    dummyHash ??= hashPassword(DUMMY_HASH_PASSWORD);
    await verifyPassword(await dummyHash, credentials.password);
    return null;
  }
  if (!(await verifyPassword(account.passwordHash, credentials.password))) return null;
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + sessionHours * 3_600_000);
  await repo.createSession(db, {
    tokenHash: hashSessionToken(token),
    userId: account.id,
    expiresAt,
    ip: meta.ip,
    userAgent: meta.userAgent,
  });
  return { token, actor: toActor(account), expiresAt };
}

export async function actorForSessionToken(db: Db, token: string): Promise<Actor | null> {
  const account = await repo.findSessionAccount(db, hashSessionToken(token), new Date());
  return account ? toActor(account) : null;
}

export async function signOut(db: Db, token: string): Promise<void> {
  await repo.deleteSession(db, hashSessionToken(token));
}

/** The signed-in user as the web app needs it. */
export async function describeMe(db: Db, actor: Actor, today: string): Promise<Me> {
  const { municipality, school } = await repo.findOrgNames(db, actor.municipalityId, actor.schoolId);
  return {
    id: actor.userId,
    loginId: actor.loginId,
    displayName: actor.displayName,
    role: actor.role,
    locale: actor.locale,
    municipality,
    school,
    homeClassId: await findHomeClassId(db, actor, today),
  };
}

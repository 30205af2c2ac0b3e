import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library's defaults (OWASP-recommended memory cost). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** Compares in constant time; a malformed stored hash counts as a mismatch. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/**
 * A fixed argon2id hash to verify against when the login id does not exist, so a wrong login id
 * takes as long as a wrong password (no account enumeration by timing).
 */
export const DUMMY_HASH_PASSWORD = 'edukarte-no-such-user';

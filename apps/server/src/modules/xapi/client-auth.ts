/**
 * HTTP Basic authentication of xAPI clients with a registered key and secret. Verifying an
 * argon2id hash costs tens of milliseconds, which would cap a busy LRS at a few dozen requests a
 * second, so a successful verification is remembered for a short time, keyed by the client key and
 * the SHA-256 of the secret (the secret itself is never kept). Failures are never cached.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { authenticateClient, type ApiClient } from '../clients/service.ts';
import { XapiError } from './xapi-http.ts';

export const REALM = 'edukarte xAPI';
const TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;

const cache = new Map<string, { client: ApiClient; expiresAt: number }>();

/** Forgets every remembered verification (after a client is disabled). */
export function clearClientAuthCache(): void {
  cache.clear();
}

function unauthorized(message: string): XapiError {
  return new XapiError(401, 'unauthorized', message);
}

export function parseBasic(header: string | undefined): { key: string; secret: string } | null {
  if (!header) return null;
  const m = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (!m) return null;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  return { key: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/** The xAPI client of the request, or a 401. */
export async function authenticateXapiClient(
  db: Db,
  authorization: string | undefined,
  now = Date.now(),
): Promise<ApiClient> {
  const credentials = parseBasic(authorization);
  if (!credentials) throw unauthorized('登録されたアプリのキーとシークレット（HTTP Basic 認証）が必要です');
  const cacheKey = `${credentials.key}\u0000${createHash('sha256').update(credentials.secret).digest('hex')}`;
  const hit = cache.get(cacheKey);
  if (hit && hit.expiresAt > now) return hit.client;
  const client = await authenticateClient(db, credentials.key, credentials.secret, 'xapi');
  if (!client) throw unauthorized('キーまたはシークレットが正しくないか、アプリが無効になっています');
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(cacheKey, { client, expiresAt: now + TTL_MS });
  return client;
}

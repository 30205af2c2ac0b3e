import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../../db/client.ts';
import { authenticateClient } from '../../clients/service.ts';
import * as repo from './oauth.repo.ts';

export const TOKEN_SECONDS = 3600;

export type TokenResult =
  | { ok: true; accessToken: string; scopes: string[]; expiresIn: number }
  | {
      ok: false;
      status: 400 | 401;
      error: 'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'invalid_scope';
      description: string;
    };

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * OAuth 2.0 client credentials (RFC 6749 §4.4) for OneRoster consumers: the granted scopes are
 * the requested ones (all of the client's when none are asked for), never more than it was given.
 * Only the SHA-256 of the token is stored; it lives one hour.
 */
export async function issueToken(
  db: Db,
  input: {
    grantType: string | undefined;
    clientId: string | undefined;
    clientSecret: string | undefined;
    scope: string | undefined;
  },
  now = new Date(),
): Promise<TokenResult> {
  if (input.grantType !== 'client_credentials')
    return {
      ok: false,
      status: 400,
      error: 'unsupported_grant_type',
      description: 'grant_type は client_credentials です',
    };
  if (!input.clientId || !input.clientSecret)
    return {
      ok: false,
      status: 401,
      error: 'invalid_client',
      description: 'client_id と client_secret が必要です',
    };
  const client = await authenticateClient(db, input.clientId, input.clientSecret, 'oneroster');
  if (!client)
    return { ok: false, status: 401, error: 'invalid_client', description: 'クライアント認証に失敗しました' };
  const requested = (input.scope ?? '').split(/\s+/).filter((s) => s.length > 0);
  const scopes = requested.length === 0 ? client.scopes : requested;
  const extra = scopes.filter((s) => !client.scopes.includes(s));
  if (extra.length > 0)
    return {
      ok: false,
      status: 400,
      error: 'invalid_scope',
      description: `許可されていないスコープ: ${extra.join(' ')}`,
    };
  const accessToken = randomBytes(32).toString('base64url');
  await repo.insertToken(db, {
    tokenHash: sha256(accessToken),
    clientId: client.id,
    scopes,
    expiresAt: new Date(now.getTime() + TOKEN_SECONDS * 1000),
  });
  return { ok: true, accessToken, scopes, expiresIn: TOKEN_SECONDS };
}

export interface BearerClient {
  clientId: number;
  municipalityId: number;
  scopes: string[];
}

/** The client behind a bearer token, or null when it is unknown, expired or its client disabled. */
export async function verifyBearer(
  db: Db,
  authorization: string | undefined,
  now = new Date(),
): Promise<BearerClient | null> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match?.[1]) return null;
  return repo.findLiveToken(db, sha256(match[1]), now);
}

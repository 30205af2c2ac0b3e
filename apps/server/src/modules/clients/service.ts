import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { hashPassword, verifyPassword } from '../../auth/passwords.ts';
import * as repo from './repo.ts';

export const CLIENT_KINDS = ['xapi', 'oneroster'] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];

/** OneRoster 1.2 rostering scopes a roster consumer may be granted. */
export const ONEROSTER_SCOPES = [
  'https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly',
  'https://purl.imsglobal.org/spec/or/v1p2/scope/roster.readonly',
  'https://purl.imsglobal.org/spec/or/v1p2/scope/roster-demographics.readonly',
] as const;

export interface ApiClient {
  id: number;
  municipalityId: number;
  name: string;
  kind: ClientKind;
  clientKey: string;
  scopes: string[];
  createdAt: Date;
  disabledAt: Date | null;
}

function toClient(row: repo.ApiClientRow): ApiClient {
  return {
    id: row.id,
    municipalityId: row.municipalityId,
    name: row.name,
    kind: row.kind === 'oneroster' ? 'oneroster' : 'xapi',
    clientKey: row.clientKey,
    scopes: row.scopes,
    createdAt: row.createdAt,
    disabledAt: row.disabledAt,
  };
}

/**
 * Registers a client application. The secret is returned once, here, and only its argon2id
 * hash is stored: whoever registers the tool must hand the secret over now.
 */
export async function registerClient(
  db: Db,
  input: {
    municipalityId: number;
    name: string;
    kind: ClientKind;
    scopes?: readonly string[];
    createdBy?: number | null;
  },
): Promise<{ client: ApiClient; secret: string }> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 100) throw new RangeError('client name must be 1–100 characters');
  const secret = randomBytes(24).toString('base64url');
  const row = await repo.insertClient(db, {
    municipalityId: input.municipalityId,
    name,
    kind: input.kind,
    clientKey: `${input.kind}-${randomBytes(9).toString('base64url')}`,
    secretHash: await hashPassword(secret),
    scopes: [...(input.scopes ?? (input.kind === 'oneroster' ? ONEROSTER_SCOPES : ['xapi:all']))],
    createdBy: input.createdBy ?? null,
  });
  return { client: toClient(row), secret };
}

/** Checks a client's key and secret (HTTP Basic for xAPI, client credentials for OneRoster). */
export async function authenticateClient(
  db: Db,
  clientKey: string,
  secret: string,
  kind: ClientKind,
): Promise<ApiClient | null> {
  const row = await repo.findActiveClientByKey(db, clientKey);
  if (!row || row.kind !== kind) return null;
  return (await verifyPassword(row.secretHash, secret)) ? toClient(row) : null;
}

export async function listClients(db: Db, municipalityId: number): Promise<ApiClient[]> {
  return (await repo.listClients(db, municipalityId)).map(toClient);
}

export async function disableClient(db: Db, municipalityId: number, id: number): Promise<boolean> {
  return repo.disableClient(db, municipalityId, id);
}

export { findFirstMunicipality } from './repo.ts';

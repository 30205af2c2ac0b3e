/**
 * 連携アプリ administration for the municipality's system administrator: list, register (the
 * secret is returned once) and disable client applications. Other roles are refused by can().
 */
import type {
  ApiClientListResponse,
  ApiClientSummary,
  RegisterClientRequest,
  RegisterClientResponse,
} from '@edukarte/shared';
import type { Actor } from '../../auth/actor.ts';
import { can } from '../../auth/policy.ts';
import type { Db } from '../../db/client.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { clearClientAuthCache } from '../xapi/client-auth.ts';
import { disableClient, listClients, registerClient, type ApiClient } from './service.ts';

function requireManager(actor: Actor): void {
  const decision = can(actor, { action: 'clients:manage' });
  if (!decision.allowed) throw forbidden(decision.reason);
}

function summary(client: ApiClient): ApiClientSummary {
  return {
    id: client.id,
    name: client.name,
    kind: client.kind,
    clientKey: client.clientKey,
    scopes: client.scopes,
    createdAt: client.createdAt.toISOString(),
    disabledAt: client.disabledAt ? client.disabledAt.toISOString() : null,
  };
}

export async function listClientApps(db: Db, actor: Actor): Promise<ApiClientListResponse> {
  requireManager(actor);
  return { clients: (await listClients(db, actor.municipalityId)).map(summary) };
}

export async function registerClientApp(
  db: Db,
  actor: Actor,
  input: RegisterClientRequest,
): Promise<RegisterClientResponse> {
  requireManager(actor);
  const { client, secret } = await registerClient(db, {
    municipalityId: actor.municipalityId,
    name: input.name,
    kind: input.kind,
    createdBy: actor.userId,
  });
  return { client: summary(client), secret };
}

export async function disableClientApp(db: Db, actor: Actor, id: number): Promise<void> {
  requireManager(actor);
  if (!(await disableClient(db, actor.municipalityId, id)))
    throw notFound('有効な連携アプリが見つかりません');
  // a disabled key must stop working now, not when a remembered verification expires
  clearClientAuthCache();
}

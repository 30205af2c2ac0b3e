import { randomBytes } from 'node:crypto';
import {
  WEBHOOK_DELIVERY_STATUSES,
  WEBHOOK_TEST_EVENT,
  WEBHOOK_URL_MESSAGES_JA,
  webhookUrlProblem,
  type WebhookDeliveryList,
  type WebhookDeliveryStatus,
  type WebhookSubscriptionCreated,
  type WebhookSubscriptionSummary,
  type WebhookSubscriptionUpdate,
} from '@edukarte/shared';
import type { Actor, RequestMeta } from '../../auth/actor.ts';
import { can } from '../../auth/policy.ts';
import type { Queryable } from '../../db/client.ts';
import type { AppContext } from '../../http/context.ts';
import { forbidden, HttpError, notFound } from '../../http/errors.ts';
import { recordAccess } from '../audit/repo.ts';
import { findSchool } from '../koumu-import/repo.ts';
import * as repo from './repo.ts';
import { sendDelivery } from './worker.ts';

/** How long a test delivery waits for the receiver before it counts as failed. */
const TEST_TIMEOUT_MS = 10_000;

function authorize(actor: Actor): void {
  const decision = can(actor, { action: 'webhook:manage' });
  if (!decision.allowed) throw forbidden(decision.reason);
}

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();

const isStatus = (value: string): value is WebhookDeliveryStatus =>
  (WEBHOOK_DELIVERY_STATUSES as readonly string[]).includes(value);

function present(row: repo.SubscriptionRow): WebhookSubscriptionSummary {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    events: row.events,
    schoolId: row.schoolId,
    isEnabled: row.isEnabled,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    updatedBy:
      row.updatedBy === null ? null : { userId: row.updatedBy, displayName: row.updatedByName ?? '' },
    lastDelivery:
      row.lastDeliveryStatus !== null && row.lastDeliveryAt !== null && isStatus(row.lastDeliveryStatus)
        ? { status: row.lastDeliveryStatus, createdAt: iso(row.lastDeliveryAt) }
        : null,
  };
}

/** 400 with a stable code (webhook_url_insecure, …) and a Japanese message. */
function checkUrl(url: string): string {
  const trimmed = url.trim();
  const problem = webhookUrlProblem(trimmed);
  if (problem !== null) throw new HttpError(400, problem, WEBHOOK_URL_MESSAGES_JA[problem]);
  return trimmed;
}

async function checkSchool(ctx: AppContext, actor: Actor, schoolId: number | null | undefined) {
  if (schoolId === null || schoolId === undefined) return;
  const school = await findSchool(ctx.database.db, schoolId);
  if (!school || school.municipalityId !== actor.municipalityId)
    throw new HttpError(400, 'webhook_school_unknown', '指定された学校がこの自治体にありません');
}

async function loadSubscription(ctx: AppContext, actor: Actor, id: number) {
  const row = await repo.findSubscription(ctx.database.db, actor.municipalityId, id);
  if (!row) throw notFound('連携先が見つかりません');
  return row;
}

const newSecret = () => randomBytes(32).toString('hex');

export async function listSubscriptions(ctx: AppContext, actor: Actor) {
  authorize(actor);
  const rows = await repo.listSubscriptions(ctx.database.db, actor.municipalityId);
  return { subscriptions: rows.map(present) };
}

/** What was done to a receiver, as the access audit names it. */
export type SubscriptionAuditAction =
  | 'webhook_subscription.create'
  | 'webhook_subscription.update'
  | 'webhook_subscription.enable'
  | 'webhook_subscription.disable'
  | 'webhook_subscription.rotate_secret'
  | 'webhook_subscription.delete';

/**
 * Who changed a receiver, when and what (field names and new values, never the secret): an
 * access_audit row written in the transaction of the change. school_id is the receiver's school
 * (null for a municipality-wide receiver).
 */
function audit(
  tx: Queryable,
  actor: Actor,
  meta: RequestMeta,
  action: SubscriptionAuditAction,
  subscription: { id: number; schoolId: number | null },
  detail: Record<string, unknown> = {},
) {
  return recordAccess(tx, {
    userId: actor.userId,
    role: actor.role,
    action,
    schoolId: subscription.schoolId,
    studentId: null,
    ip: meta.ip,
    detail: { subscriptionId: subscription.id, ...detail },
  });
}

/** Registers a receiver; the signing secret is generated here and shown only in this answer. */
export async function createSubscription(
  ctx: AppContext,
  actor: Actor,
  input: { name: string; url: string; events: string[]; schoolId?: number | null | undefined },
  meta: RequestMeta,
): Promise<WebhookSubscriptionCreated> {
  authorize(actor);
  const url = checkUrl(input.url);
  await checkSchool(ctx, actor, input.schoolId);
  const secret = newSecret();
  const values = {
    name: input.name,
    url,
    schoolId: input.schoolId ?? null,
    events: [...new Set(input.events)],
  };
  const id = await ctx.database.db.transaction(async (tx) => {
    const created = await repo.insertSubscription(tx, {
      municipalityId: actor.municipalityId,
      ...values,
      secret,
      createdBy: actor.userId,
      updatedBy: actor.userId,
    });
    await audit(
      tx,
      actor,
      meta,
      'webhook_subscription.create',
      { id: created, schoolId: values.schoolId },
      values,
    );
    return created;
  });
  return { ...present(await loadSubscription(ctx, actor, id)), secret };
}

/** Changes any of name, address, school, events and enabled; the secret stays. */
export async function updateSubscription(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: WebhookSubscriptionUpdate,
  meta: RequestMeta,
): Promise<WebhookSubscriptionSummary> {
  authorize(actor);
  const before = await loadSubscription(ctx, actor, id);
  const url = input.url === undefined ? undefined : checkUrl(input.url);
  await checkSchool(ctx, actor, input.schoolId);
  const changes = {
    ...(input.name === undefined ? {} : { name: input.name }),
    ...(url === undefined ? {} : { url }),
    ...(input.events === undefined ? {} : { events: [...new Set(input.events)] }),
    ...(input.schoolId === undefined ? {} : { schoolId: input.schoolId }),
    ...(input.isEnabled === undefined ? {} : { isEnabled: input.isEnabled }),
  };
  if (Object.keys(changes).length > 0) {
    const onlyEnabled = Object.keys(changes).length === 1 && changes.isEnabled !== undefined;
    const action: SubscriptionAuditAction = onlyEnabled
      ? changes.isEnabled
        ? 'webhook_subscription.enable'
        : 'webhook_subscription.disable'
      : 'webhook_subscription.update';
    await ctx.database.db.transaction(async (tx) => {
      await repo.updateSubscription(tx, id, { ...changes, updatedBy: actor.userId });
      await audit(
        tx,
        actor,
        meta,
        action,
        { id, schoolId: changes.schoolId ?? before.schoolId },
        { changes },
      );
    });
  }
  return present(await loadSubscription(ctx, actor, id));
}

/** A disabled receiver gets no new deliveries; its pending ones wait until it is enabled again. */
export function setSubscriptionEnabled(
  ctx: AppContext,
  actor: Actor,
  id: number,
  isEnabled: boolean,
  meta: RequestMeta,
) {
  return updateSubscription(ctx, actor, id, { isEnabled }, meta);
}

/** A new signing secret, shown only in this answer; the old one stops working at once. */
export async function rotateSubscriptionSecret(
  ctx: AppContext,
  actor: Actor,
  id: number,
  meta: RequestMeta,
): Promise<WebhookSubscriptionCreated> {
  authorize(actor);
  const before = await loadSubscription(ctx, actor, id);
  const secret = newSecret();
  await ctx.database.db.transaction(async (tx) => {
    await repo.updateSubscription(tx, id, { secret, updatedBy: actor.userId });
    await audit(tx, actor, meta, 'webhook_subscription.rotate_secret', before);
  });
  return { ...present(await loadSubscription(ctx, actor, id)), secret };
}

/** Soft delete: the receiver disappears from the list, its pending deliveries are cancelled, the log stays. */
export async function deleteSubscription(
  ctx: AppContext,
  actor: Actor,
  id: number,
  meta: RequestMeta,
): Promise<void> {
  authorize(actor);
  const before = await loadSubscription(ctx, actor, id);
  await ctx.database.db.transaction(async (tx) => {
    await repo.softDeleteSubscription(tx, id, actor.userId);
    await audit(tx, actor, meta, 'webhook_subscription.delete', before, {
      name: before.name,
      url: before.url,
    });
  });
}

/**
 * Sends a `webhook.test` event to one receiver now (one try, no retries) and returns the delivery as
 * the log shows it, so the admin sees at once whether the receiver answers and checks signatures.
 */
export async function sendTestDelivery(ctx: AppContext, actor: Actor, id: number) {
  authorize(actor);
  const subscription = await loadSubscription(ctx, actor, id);
  if (!subscription.isEnabled)
    throw new HttpError(
      409,
      'webhook_disabled',
      '停止中の連携先には送信できません。有効にしてから送信してください',
    );
  const now = new Date();
  const deliveryId = await repo.insertDelivery(ctx.database.db, {
    subscriptionId: id,
    event: WEBHOOK_TEST_EVENT,
    payload: {
      event: WEBHOOK_TEST_EVENT,
      municipalityId: actor.municipalityId,
      subscriptionId: id,
      message: 'edukarte からのテスト送信です',
      sentAt: now.toISOString(),
    },
    // out of the worker's reach while this request sends it
    nextAttemptAt: new Date(now.getTime() + 3_600_000),
  });
  const delivery = await repo.findDeliveryToSend(ctx.database.db, deliveryId);
  if (!delivery) throw notFound('配信が見つかりません');
  await sendDelivery(ctx.database.db, delivery, {
    fetch,
    now: () => new Date(),
    timeoutMs: TEST_TIMEOUT_MS,
    retry: false,
  });
  const page = await repo.listDeliveries(ctx.database.db, {
    municipalityId: actor.municipalityId,
    deliveryId,
    limit: 1,
    offset: 0,
  });
  return presentDelivery(page.rows[0]!);
}

type DeliveryRow = Awaited<ReturnType<typeof repo.listDeliveries>>['rows'][number];

function presentDelivery(d: DeliveryRow): WebhookDeliveryList['deliveries'][number] {
  return {
    id: d.id,
    subscriptionId: d.subscriptionId,
    subscription: {
      name: d.subscriptionName,
      url: d.subscriptionUrl,
      isEnabled: d.subscriptionEnabled,
      isDeleted: d.subscriptionDeletedAt !== null,
    },
    event: d.event,
    status: isStatus(d.status) ? d.status : 'failed',
    attempts: d.attempts,
    nextAttemptAt: d.nextAttemptAt.toISOString(),
    lastError: d.lastError,
    createdAt: d.createdAt.toISOString(),
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    date: d.date,
    schoolCode: d.schoolCode,
    records: d.records === null ? null : Number(d.records),
  };
}

/** A page of the delivery log, newest first, optionally for one receiver and one status. */
export async function listDeliveries(
  ctx: AppContext,
  actor: Actor,
  query: {
    subscriptionId?: number | undefined;
    status?: WebhookDeliveryStatus | undefined;
    page: number;
    pageSize: number;
  },
): Promise<WebhookDeliveryList> {
  authorize(actor);
  const { rows, total } = await repo.listDeliveries(ctx.database.db, {
    municipalityId: actor.municipalityId,
    subscriptionId: query.subscriptionId,
    status: query.status,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { deliveries: rows.map(presentDelivery), total, page: query.page, pageSize: query.pageSize };
}

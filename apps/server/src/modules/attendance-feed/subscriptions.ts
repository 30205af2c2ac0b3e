import { randomBytes } from 'node:crypto';
import type { WebhookSubscriptionSummary } from '@edukarte/shared';
import type { Actor } from '../../auth/actor.ts';
import { can } from '../../auth/policy.ts';
import type { AppContext } from '../../http/context.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { findSchool } from '../koumu-import/repo.ts';
import * as repo from './repo.ts';

function authorize(actor: Actor): void {
  const decision = can(actor, { action: 'webhook:manage' });
  if (!decision.allowed) throw forbidden(decision.reason);
}

function present(
  row: Awaited<ReturnType<typeof repo.listSubscriptions>>[number],
): WebhookSubscriptionSummary {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    schoolId: row.schoolId,
    isEnabled: row.isEnabled,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listSubscriptions(ctx: AppContext, actor: Actor) {
  authorize(actor);
  const rows = await repo.listSubscriptions(ctx.database.db, actor.municipalityId);
  return { subscriptions: rows.map(present) };
}

/** Registers a receiver; the signing secret is generated here and shown only in this answer. */
export async function createSubscription(
  ctx: AppContext,
  actor: Actor,
  input: { url: string; events: string[]; schoolId?: number | undefined },
) {
  authorize(actor);
  if (input.schoolId !== undefined) {
    const school = await findSchool(ctx.database.db, input.schoolId);
    if (!school || school.municipalityId !== actor.municipalityId) throw notFound('学校が見つかりません');
  }
  const secret = randomBytes(32).toString('hex');
  const row = await repo.insertSubscription(ctx.database.db, {
    municipalityId: actor.municipalityId,
    schoolId: input.schoolId ?? null,
    url: input.url,
    secret,
    events: input.events,
  });
  return { ...present(row), secret };
}

export async function listDeliveries(ctx: AppContext, actor: Actor) {
  authorize(actor);
  const rows = await repo.listRecentDeliveries(ctx.database.db, actor.municipalityId, 100);
  return {
    deliveries: rows.map((d) => ({
      ...d,
      status: d.status as 'pending' | 'delivered' | 'failed',
      nextAttemptAt: d.nextAttemptAt.toISOString(),
      createdAt: d.createdAt.toISOString(),
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
    })),
  };
}

import { randomBytes } from 'node:crypto';
import type {
  IdentityReview,
  IdentityReviewResponse,
  IdentityReviewsResponse,
  IdentityReviewStatus,
  MergePeopleRequest,
  PersonMergeResponse,
  PersonMergesResponse,
  PersonMergeSummary,
  PersonSummary,
} from '@edukarte/shared';
import type { Actor, RequestMeta } from '../../auth/actor.ts';
import { can, type Subject } from '../../auth/policy.ts';
import type { Queryable } from '../../db/client.ts';
import { forbidden, HttpError, notFound } from '../../http/errors.ts';
import type { AppContext } from '../../http/context.ts';
import { recordAccess } from '../audit/repo.ts';
import { classLabel } from '../classes/service.ts';
import * as mergeRepo from './merge.repo.ts';
import * as repo from './repo.ts';

export const conflict = (code: string, message: string) => new HttpError(409, code, message);

/** Thrown when a merge would collide on a unique key; the route lists the conflicts. */
export class MergeConflictError extends HttpError {
  constructor(readonly conflicts: mergeRepo.MergeConflict[]) {
    super(
      409,
      'merge_conflict',
      `同じ日・同じ項目に両方の記録があるため統合できません（${conflicts.length}件）`,
    );
  }
}

export function authorize(actor: Actor, subject: Subject): void {
  const decision = can(actor, subject);
  if (!decision.allowed) throw forbidden(decision.reason);
}

/** A pseudonymous id for the board (D4), like the ones imports create. */
export function newPseudonym(): string {
  return `S-${randomBytes(8).toString('base64url').slice(0, 10).toUpperCase()}`;
}

/** People with every stay, keyed by id, for the review and merge screens. */
export async function summarisePeople(q: Queryable, ids: readonly number[]) {
  const [people, stays] = await Promise.all([repo.findPeople(q, ids), repo.listStays(q, ids)]);
  const result = new Map<number, PersonSummary & { municipalityId: number }>();
  for (const p of people) result.set(p.id, { ...p, stays: [] });
  for (const s of stays) {
    result.get(s.studentId)?.stays.push({
      fiscalYear: s.fiscalYear,
      schoolName: s.schoolName,
      classLabel: classLabel({ ...s, name: s.className }),
      startDate: s.startDate,
      endDate: s.endDate,
    });
  }
  return result;
}

type ReviewRow = NonNullable<Awaited<ReturnType<typeof repo.findReview>>>;

function presentReview(row: ReviewRow, candidate: PersonSummary): IdentityReview {
  const incoming = row.review.incoming;
  const text = (key: string) => (typeof incoming[key] === 'string' ? incoming[key] : '');
  const birth = incoming.birthDate;
  return {
    id: row.review.id,
    status: row.review.status as IdentityReviewStatus,
    schoolName: row.schoolName,
    incoming: {
      system: row.review.system,
      sourceId: row.review.sourceId,
      familyName: text('familyName'),
      givenName: text('givenName'),
      familyNameKana: text('familyNameKana'),
      givenNameKana: text('givenNameKana'),
      birthDate: typeof birth === 'string' ? birth : null,
    },
    candidate: {
      id: candidate.id,
      familyName: candidate.familyName,
      givenName: candidate.givenName,
      familyNameKana: candidate.familyNameKana,
      givenNameKana: candidate.givenNameKana,
      birthDate: candidate.birthDate,
      stays: candidate.stays,
    },
    createdAt: row.review.createdAt.toISOString(),
    resolvedAt: row.review.resolvedAt?.toISOString() ?? null,
  };
}

/** 名寄せの確認待ち: the admin sees the municipality's queue, a principal their school's. */
export async function listIdentityReviews(
  ctx: AppContext,
  actor: Actor,
  status: IdentityReviewStatus,
): Promise<IdentityReviewsResponse> {
  const schoolId = actor.role === 'admin' ? null : actor.schoolId;
  authorize(actor, { action: 'identity:review-list', schoolId });
  const { db } = ctx.database;
  const rows = await repo.listReviews(db, actor.municipalityId, status, schoolId);
  const people = await summarisePeople(
    db,
    rows.map((r) => r.review.candidatePersonId),
  );
  return {
    reviews: rows.flatMap((r) => {
      const candidate = people.get(r.review.candidatePersonId);
      return candidate ? [presentReview(r, candidate)] : [];
    }),
  };
}

/**
 * Decides a review: 'linked' makes the source id an identity of the candidate; 'separate' keeps
 * the record as a different person (created now, with the source id, so a re-import matches it).
 * Deciding the same way twice returns the same answer; deciding the other way is a 409.
 */
export async function decideIdentityReview(
  ctx: AppContext,
  actor: Actor,
  reviewId: number,
  decision: 'linked' | 'separate',
  meta: RequestMeta,
): Promise<IdentityReviewResponse> {
  authorize(actor, { action: 'identity:manage' });
  return ctx.database.db.transaction(async (tx) => {
    const row = await repo.findReview(tx, reviewId);
    if (!row || row.review.municipalityId !== actor.municipalityId)
      throw notFound('確認待ちの記録が見つかりません');
    const key = { system: row.review.system, sourceId: row.review.sourceId };
    if (row.review.status !== 'pending') {
      if (row.review.status !== decision)
        throw conflict('already_resolved', 'この記録はすでに別の判断で処理されています');
    } else {
      const owner = await repo.findSourceOwner(tx, key);
      if (owner !== null && (decision === 'separate' || owner !== row.review.candidatePersonId))
        throw conflict('source_taken', 'この連携元IDはすでに別の人物に登録されています');
      let personId = row.review.candidatePersonId;
      if (decision === 'separate') personId = await createPersonFromIncoming(tx, row);
      await repo.insertSourceIdentity(tx, personId, key);
      const now = new Date();
      await repo.setReviewStatus(tx, reviewId, decision, actor.userId, now);
      row.review.status = decision;
      row.review.resolvedAt = now;
      await recordAccess(tx, {
        userId: actor.userId,
        role: actor.role,
        action: decision === 'linked' ? 'identity.link' : 'identity.separate',
        schoolId: row.review.schoolId,
        studentId: personId,
        ip: meta.ip,
        detail: { reviewId, ...key },
      });
    }
    const personId = (await repo.findSourceOwner(tx, key)) ?? row.review.candidatePersonId;
    const people = await summarisePeople(tx, [row.review.candidatePersonId]);
    const candidate = people.get(row.review.candidatePersonId);
    if (!candidate) throw notFound('候補の人物が見つかりません');
    return { review: presentReview(row, candidate), personId };
  });
}

async function createPersonFromIncoming(tx: Queryable, row: ReviewRow): Promise<number> {
  const incoming = row.review.incoming;
  const text = (key: string) => (typeof incoming[key] === 'string' ? incoming[key] : '');
  return repo.insertPerson(tx, {
    municipalityId: row.review.municipalityId,
    kind: 'student',
    familyName: text('familyName'),
    givenName: text('givenName'),
    familyNameKana: text('familyNameKana'),
    givenNameKana: text('givenNameKana'),
    birthDate: typeof incoming.birthDate === 'string' ? incoming.birthDate : null,
    pseudonym: newPseudonym(),
  });
}

function countMoved(moved: Record<string, unknown>): Record<string, number> {
  const steps = Array.isArray(moved.steps) ? (moved.steps as mergeRepo.MovedRows[]) : [];
  return Object.fromEntries(steps.map((s) => [s.column, s.keys.length]));
}

async function presentMerges(
  q: Queryable,
  merges: {
    id: number;
    survivorId: number;
    mergedId: number;
    moved: Record<string, unknown>;
    mergedAt: Date;
    undoneAt: Date | null;
  }[],
): Promise<PersonMergeSummary[]> {
  const people = await summarisePeople(
    q,
    merges.flatMap((m) => [m.survivorId, m.mergedId]),
  );
  return merges.flatMap((m) => {
    const survivor = people.get(m.survivorId);
    const merged = people.get(m.mergedId);
    if (!survivor || !merged) return [];
    const strip = ({ municipalityId: _m, ...p }: PersonSummary & { municipalityId: number }) => p;
    return [
      {
        id: m.id,
        survivor: strip(survivor),
        merged: strip(merged),
        moved: countMoved(m.moved),
        mergedAt: m.mergedAt.toISOString(),
        undoneAt: m.undoneAt?.toISOString() ?? null,
      },
    ];
  });
}

/**
 * Merges two records of one person: every reference to `mergedId` moves to `survivorId` in one
 * transaction, and exactly what moved is recorded so {@link undoPersonMerge} can move it back.
 * Refused (409, with the list) when both records hold a row under the same unique key.
 */
export async function mergePeople(
  ctx: AppContext,
  actor: Actor,
  body: MergePeopleRequest,
  meta: RequestMeta,
): Promise<PersonMergeResponse> {
  authorize(actor, { action: 'identity:manage' });
  if (body.survivorId === body.mergedId)
    throw new HttpError(400, 'invalid_request', '同じ人物どうしは統合できません');
  return ctx.database.db.transaction(async (tx) => {
    const people = await repo.findPeople(tx, [body.survivorId, body.mergedId]);
    if (people.length !== 2 || people.some((p) => p.municipalityId !== actor.municipalityId))
      throw notFound('人物が見つかりません');
    if (await mergeRepo.findActiveMergeOf(tx, body.mergedId))
      throw conflict('already_merged', 'この人物はすでに統合されています');
    const conflicts = await mergeRepo.findMergeConflicts(tx, body.survivorId, body.mergedId);
    if (conflicts.length > 0) throw new MergeConflictError(conflicts);
    const moved = await mergeRepo.moveReferences(tx, body.survivorId, body.mergedId);
    const merge = await mergeRepo.insertMerge(tx, { ...body, moved, mergedBy: actor.userId });
    await recordAccess(tx, {
      userId: actor.userId,
      role: actor.role,
      action: 'person.merge',
      schoolId: null,
      studentId: body.survivorId,
      ip: meta.ip,
      detail: { mergeId: merge.id, ...body, moved: countMoved(merge.moved) },
    });
    const [summary] = await presentMerges(tx, [merge]);
    return { merge: summary! };
  });
}

/** Moves back exactly what a merge moved; a merge can be undone once. */
export async function undoPersonMerge(
  ctx: AppContext,
  actor: Actor,
  mergeId: number,
  meta: RequestMeta,
): Promise<PersonMergeResponse> {
  authorize(actor, { action: 'identity:manage' });
  return ctx.database.db.transaction(async (tx) => {
    const merge = await mergeRepo.findMerge(tx, mergeId);
    const people = merge ? await repo.findPeople(tx, [merge.survivorId]) : [];
    if (!merge || people[0]?.municipalityId !== actor.municipalityId)
      throw notFound('統合の記録が見つかりません');
    if (merge.undoneAt) throw conflict('already_undone', 'この統合はすでに元に戻されています');
    const steps = Array.isArray(merge.moved.steps) ? (merge.moved.steps as mergeRepo.MovedRows[]) : [];
    await mergeRepo.restoreReferences(tx, merge.survivorId, merge.mergedId, steps);
    const now = new Date();
    await mergeRepo.markMergeUndone(tx, merge.id, actor.userId, now);
    await recordAccess(tx, {
      userId: actor.userId,
      role: actor.role,
      action: 'person.unmerge',
      schoolId: null,
      studentId: merge.mergedId,
      ip: meta.ip,
      detail: { mergeId: merge.id, survivorId: merge.survivorId, mergedId: merge.mergedId },
    });
    const [summary] = await presentMerges(tx, [{ ...merge, undoneAt: now }]);
    return { merge: summary! };
  });
}

export async function listPersonMerges(ctx: AppContext, actor: Actor): Promise<PersonMergesResponse> {
  authorize(actor, { action: 'identity:manage' });
  const rows = await repo.listMerges(ctx.database.db, actor.municipalityId);
  return {
    merges: await presentMerges(
      ctx.database.db,
      rows.map((r) => r.merge),
    ),
  };
}

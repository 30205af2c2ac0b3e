import type { Queryable } from '../../db/client.ts';
import { kanaKey, looksLikeSamePerson, normaliseKana } from './name-match.ts';
import * as repo from './repo.ts';

/** A person as another system describes them (OneRoster user, 校務 CSV row, manual entry). */
export interface IncomingPerson {
  municipalityId: number;
  schoolId: number | null;
  system: string;
  sourceId: string;
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  birthDate: string | null;
}

export type ResolveResult =
  { kind: 'matched'; personId: number } | { kind: 'new' } | { kind: 'review'; candidatePersonId: number };

/** Resolves one incoming record; see {@link resolvePeople}. */
export async function resolvePerson(q: Queryable, incoming: IncomingPerson): Promise<ResolveResult> {
  const [result] = await resolvePeople(q, [incoming]);
  if (!result) throw new Error('resolvePeople returned no result');
  return result;
}

/**
 * 名寄せ (A5): decides, for each incoming record, whether it is a person we already know.
 *
 * - a known (system, source id) → `matched`;
 * - otherwise someone of the same municipality (and, when a school is given, ever enrolled there)
 *   with the same reading and birth date (or the same kanji name when a birth date is missing)
 *   → `review`, and a pending identity_reviews row is written (once) for a person to decide —
 *   never a silent merge;
 * - otherwise → `new` (the caller creates the person and the source identity).
 *
 * Runs a fixed number of queries whatever the batch size (at most five), so imports of
 * thousands of rows stay fast. Results are in the order of `incoming`.
 */
export async function resolvePeople(
  q: Queryable,
  incoming: readonly IncomingPerson[],
): Promise<ResolveResult[]> {
  if (incoming.length === 0) return [];
  const known = await repo.findSourceIdentities(
    q,
    dedupe(
      incoming.map((p) => ({ system: p.system, sourceId: p.sourceId })),
      (k) => `${k.system}\u0000${k.sourceId}`,
    ),
  );
  const bySource = new Map(known.map((k) => [`${k.system}\u0000${k.sourceId}`, k.personId]));
  const results: (ResolveResult | null)[] = incoming.map((p) => {
    const personId = bySource.get(`${p.system}\u0000${p.sourceId}`);
    return personId === undefined ? null : { kind: 'matched', personId };
  });

  const unresolved = incoming.flatMap((p, i) => (results[i] === null ? [{ p, i }] : []));
  if (unresolved.length > 0) {
    const candidates = await repo.findNameCandidates(
      q,
      dedupe(
        unresolved.map(({ p }) => p.municipalityId),
        String,
      ),
      dedupe(
        unresolved.map(({ p }) => normaliseKana(p.familyNameKana)),
        String,
      ),
    );
    const byKey = new Map<string, typeof candidates>();
    for (const c of candidates) {
      const key = `${c.municipalityId}|${kanaKey(c)}`;
      byKey.set(key, [...(byKey.get(key) ?? []), c]);
    }
    const needsSchool = unresolved.some(({ p }) => p.schoolId !== null);
    const enrolled = needsSchool
      ? await repo.listEnrolledSchools(
          q,
          candidates.map((c) => c.id),
        )
      : [];
    const enrolledAt = new Set(enrolled.map((e) => `${e.studentId}|${e.schoolId}`));

    const separated = await repo.listSeparatedReviews(
      q,
      unresolved.map(({ p }) => p),
    );
    const isSeparate = new Set(
      separated.map((r) => `${r.system}\u0000${r.sourceId}\u0000${r.candidatePersonId}`),
    );
    const reviews: repo.NewIdentityReview[] = [];
    for (const { p, i } of unresolved) {
      const match = (byKey.get(`${p.municipalityId}|${kanaKey(p)}`) ?? []).find(
        (c) =>
          looksLikeSamePerson(p, c) &&
          !isSeparate.has(`${p.system}\u0000${p.sourceId}\u0000${c.id}`) &&
          (p.schoolId === null || enrolledAt.has(`${c.id}|${p.schoolId}`)),
      );
      if (!match) {
        results[i] = { kind: 'new' };
        continue;
      }
      results[i] = { kind: 'review', candidatePersonId: match.id };
      reviews.push({
        municipalityId: p.municipalityId,
        schoolId: p.schoolId,
        system: p.system,
        sourceId: p.sourceId,
        candidatePersonId: match.id,
        incoming: { ...p },
        status: 'pending',
      });
    }
    await repo.insertIdentityReviews(
      q,
      dedupe(reviews, (r) => `${r.system}\u0000${r.sourceId}\u0000${r.candidatePersonId}`),
    );
  }
  return results.map((r) => r ?? { kind: 'new' });
}

function dedupe<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}

import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { enrollments, identityReviews, people, sourceIdentities } from '../../db/schema/index.ts';

export interface SourceKey {
  system: string;
  sourceId: string;
}

/** Source identities matching any of the (system, source id) pairs, in one query. */
export async function findSourceIdentities(q: Queryable, keys: readonly SourceKey[]) {
  if (keys.length === 0) return [];
  const rows = await q
    .select({
      system: sourceIdentities.system,
      sourceId: sourceIdentities.sourceId,
      personId: sourceIdentities.personId,
    })
    .from(sourceIdentities)
    .where(
      and(
        inArray(sourceIdentities.system, [...new Set(keys.map((k) => k.system))]),
        inArray(sourceIdentities.sourceId, [...new Set(keys.map((k) => k.sourceId))]),
      ),
    );
  const wanted = new Set(keys.map((k) => `${k.system}\u0000${k.sourceId}`));
  return rows.filter((r) => wanted.has(`${r.system}\u0000${r.sourceId}`));
}

/**
 * People of the given municipalities whose family reading (spaces removed) is one of `familyKana`.
 * The caller applies the full normalisation and the comparison rules; this only narrows the rows.
 */
export async function findNameCandidates(
  q: Queryable,
  municipalityIds: readonly number[],
  familyKana: readonly string[],
) {
  if (municipalityIds.length === 0 || familyKana.length === 0) return [];
  return q
    .select({
      id: people.id,
      municipalityId: people.municipalityId,
      familyName: people.familyName,
      givenName: people.givenName,
      familyNameKana: people.familyNameKana,
      givenNameKana: people.givenNameKana,
      birthDate: people.birthDate,
    })
    .from(people)
    .where(
      and(
        inArray(people.municipalityId, [...municipalityIds]),
        inArray(sql<string>`translate(${people.familyNameKana}, ${' \u3000'}, '')`, [...familyKana]),
      ),
    )
    .orderBy(people.id);
}

/** (student, school) pairs of every enrollment of the given people, any year. */
export async function listEnrolledSchools(q: Queryable, personIds: readonly number[]) {
  if (personIds.length === 0) return [];
  return q
    .selectDistinct({ studentId: enrollments.studentId, schoolId: enrollments.schoolId })
    .from(enrollments)
    .where(inArray(enrollments.studentId, [...personIds]));
}

export type NewIdentityReview = typeof identityReviews.$inferInsert;

/** Inserts review rows; a row already there for (system, source id, candidate) is left as it is. */
export async function insertIdentityReviews(q: Queryable, rows: readonly NewIdentityReview[]) {
  if (rows.length === 0) return;
  await q
    .insert(identityReviews)
    .values([...rows])
    .onConflictDoNothing({
      target: [identityReviews.system, identityReviews.sourceId, identityReviews.candidatePersonId],
    });
}

export async function insertSourceIdentity(q: Queryable, personId: number, key: SourceKey) {
  await q
    .insert(sourceIdentities)
    .values({ personId, system: key.system, sourceId: key.sourceId })
    .onConflictDoNothing({ target: [sourceIdentities.system, sourceIdentities.sourceId] });
}

export async function findPersonMunicipality(q: Queryable, personId: number) {
  const rows = await q
    .select({ municipalityId: people.municipalityId })
    .from(people)
    .where(eq(people.id, personId));
  return rows[0]?.municipalityId ?? null;
}

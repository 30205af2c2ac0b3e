import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import {
  classes,
  enrollments,
  identityReviews,
  people,
  personMerges,
  schools,
  schoolYears,
  sourceIdentities,
} from '../../db/schema/index.ts';
import { personNameColumns } from '../../db/person-name.ts';

export interface SourceKey {
  system: string;
  sourceId: string;
}

/** Source identities matching any of the (system, source id) pairs, in one query. */
/** What identity resolution compares and shows of a person. */
const personColumns = {
  id: people.id,
  municipalityId: people.municipalityId,
  ...personNameColumns,
  birthDate: people.birthDate,
};

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
    .select(personColumns)
    .from(people)
    .where(
      and(
        inArray(people.municipalityId, [...municipalityIds]),
        inArray(sql<string>`translate(${people.familyNameKana}, ${' \u3000'}, '')`, [...familyKana]),
        // a record merged into another is no longer a candidate; its survivor is
        sql`not exists (select 1 from ${personMerges} where ${personMerges.mergedId} = ${people.id} and ${personMerges.undoneAt} is null)`,
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

/** Identity reviews of a municipality (optionally one school) with the given status, newest first. */
export async function listReviews(
  q: Queryable,
  municipalityId: number,
  status: string,
  schoolId: number | null,
) {
  return q
    .select({ review: identityReviews, schoolName: schools.name })
    .from(identityReviews)
    .leftJoin(schools, eq(schools.id, identityReviews.schoolId))
    .where(
      and(
        eq(identityReviews.municipalityId, municipalityId),
        eq(identityReviews.status, status),
        schoolId === null ? undefined : eq(identityReviews.schoolId, schoolId),
      ),
    )
    .orderBy(desc(identityReviews.createdAt), desc(identityReviews.id));
}

export async function findReview(q: Queryable, id: number) {
  const rows = await q
    .select({ review: identityReviews, schoolName: schools.name })
    .from(identityReviews)
    .leftJoin(schools, eq(schools.id, identityReviews.schoolId))
    .where(eq(identityReviews.id, id))
    .for('update', { of: identityReviews });
  return rows[0] ?? null;
}

export async function setReviewStatus(
  q: Queryable,
  id: number,
  status: 'linked' | 'separate',
  userId: number,
  at: Date,
) {
  await q
    .update(identityReviews)
    .set({ status, resolvedBy: userId, resolvedAt: at })
    .where(eq(identityReviews.id, id));
}

/** Reviews already decided 'separate' for these source ids (so they resolve as new people). */
export async function listSeparatedReviews(q: Queryable, keys: readonly SourceKey[]) {
  if (keys.length === 0) return [];
  return q
    .select({
      system: identityReviews.system,
      sourceId: identityReviews.sourceId,
      candidatePersonId: identityReviews.candidatePersonId,
    })
    .from(identityReviews)
    .where(
      and(
        eq(identityReviews.status, 'separate'),
        inArray(identityReviews.sourceId, [...new Set(keys.map((k) => k.sourceId))]),
      ),
    );
}

export async function findSourceOwner(q: Queryable, key: SourceKey) {
  const rows = await q
    .select({ personId: sourceIdentities.personId })
    .from(sourceIdentities)
    .where(and(eq(sourceIdentities.system, key.system), eq(sourceIdentities.sourceId, key.sourceId)));
  return rows[0]?.personId ?? null;
}

export type NewPerson = typeof people.$inferInsert;

export async function insertPerson(q: Queryable, values: NewPerson) {
  const [row] = await q.insert(people).values(values).returning({ id: people.id });
  return row!.id;
}

export async function findPeople(q: Queryable, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return q
    .select(personColumns)
    .from(people)
    .where(inArray(people.id, [...ids]));
}

/** Every stay (year, school, class) of the given people, oldest first. */
export async function listStays(q: Queryable, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return q
    .select({
      studentId: enrollments.studentId,
      fiscalYear: schoolYears.fiscalYear,
      schoolName: schools.name,
      gradeCode: classes.gradeCode,
      className: classes.name,
      isSpecialNeeds: classes.isSpecialNeeds,
      startDate: enrollments.startDate,
      endDate: enrollments.endDate,
    })
    .from(enrollments)
    .innerJoin(schoolYears, eq(schoolYears.id, enrollments.schoolYearId))
    .innerJoin(schools, eq(schools.id, enrollments.schoolId))
    .innerJoin(classes, eq(classes.id, enrollments.classId))
    .where(inArray(enrollments.studentId, [...ids]))
    .orderBy(asc(enrollments.startDate), asc(enrollments.id));
}

/** Merges of a municipality's people, newest first. */
export async function listMerges(q: Queryable, municipalityId: number) {
  return q
    .select({ merge: personMerges })
    .from(personMerges)
    .innerJoin(people, eq(people.id, personMerges.survivorId))
    .where(eq(people.municipalityId, municipalityId))
    .orderBy(desc(personMerges.mergedAt), desc(personMerges.id))
    .limit(100);
}

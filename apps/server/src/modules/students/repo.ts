import { asc, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { enrollments, people, schoolYears } from '../../db/schema/index.ts';

/**
 * The facts the policy needs about a child: where they have been enrolled and whether a given
 * staff member teaches them. Read as the owner, before any scope exists; nothing here reaches
 * the caller unless the policy allows it.
 */
export async function findStudentFacts(q: Queryable, studentId: number) {
  const [person] = await q
    .select({ id: people.id, municipalityId: people.municipalityId, kind: people.kind })
    .from(people)
    .where(eq(people.id, studentId));
  if (!person || person.kind !== 'student') return null;
  const stays = await q
    .select({
      schoolId: enrollments.schoolId,
      classId: enrollments.classId,
      fiscalYear: schoolYears.fiscalYear,
    })
    .from(enrollments)
    .innerJoin(schoolYears, eq(schoolYears.id, enrollments.schoolYearId))
    .where(eq(enrollments.studentId, studentId))
    .orderBy(asc(enrollments.startDate));
  return { municipalityId: person.municipalityId, stays };
}

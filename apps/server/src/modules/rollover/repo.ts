import { and, asc, count, countDistinct, eq, gte, inArray, isNull, lte, ne, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../db/client.ts';
import { classes, enrollments, people, schools, schoolYears, terms } from '../../db/schema/index.ts';
import { findSchoolYear } from '../classes/repo.ts';
import { personNameColumns } from '../../db/person-name.ts';

/** The same lookup the class screens use. */
export { findSchoolYear };

export async function listSchools(q: Queryable, municipalityId: number) {
  return q
    .select({ id: schools.id, name: schools.name, kind: schools.kind, code: schools.code })
    .from(schools)
    .where(eq(schools.municipalityId, municipalityId))
    .orderBy(asc(schools.code));
}

/** Pupils enrolled (homeroom) on `date` in the municipality's schools of that year. */
export async function listEnrolledOn(
  q: Queryable,
  schoolYearId: number,
  schoolIds: readonly number[],
  date: string,
) {
  if (schoolIds.length === 0) return [];
  return q
    .select({
      studentId: enrollments.studentId,
      enrollmentId: enrollments.id,
      schoolId: enrollments.schoolId,
      attendanceNo: enrollments.attendanceNo,
      gradeCode: classes.gradeCode,
      className: classes.name,
      isSpecialNeeds: classes.isSpecialNeeds,
      ...personNameColumns,
    })
    .from(enrollments)
    .innerJoin(classes, eq(classes.id, enrollments.classId))
    .innerJoin(people, eq(people.id, enrollments.studentId))
    .where(
      and(
        eq(enrollments.schoolYearId, schoolYearId),
        inArray(enrollments.schoolId, [...schoolIds]),
        eq(classes.classType, 'homeroom'),
        lte(enrollments.startDate, date),
        gte(enrollments.endDate, date),
      ),
    )
    .orderBy(asc(enrollments.studentId));
}

/** Students with any enrollment in the given year. */
export async function listStudentsEnrolledInYear(
  q: Queryable,
  schoolYearId: number,
  studentIds: readonly number[],
) {
  if (studentIds.length === 0) return [];
  const rows = await q
    .selectDistinct({ studentId: enrollments.studentId })
    .from(enrollments)
    .where(and(eq(enrollments.schoolYearId, schoolYearId), inArray(enrollments.studentId, [...studentIds])));
  return rows.map((r) => r.studentId);
}

/** Homeroom classes (not special-needs) per school and grade in a year. */
export async function countClasses(q: Queryable, schoolYearId: number) {
  return q
    .select({ schoolId: classes.schoolId, gradeCode: classes.gradeCode, classes: count() })
    .from(classes)
    .where(
      and(
        eq(classes.schoolYearId, schoolYearId),
        eq(classes.classType, 'homeroom'),
        eq(classes.isSpecialNeeds, false),
      ),
    )
    .groupBy(classes.schoolId, classes.gradeCode);
}

/** Where each 小学校's 6th graders went next (J1 at a 中学校), in years before `beforeFiscalYear`. */
export async function listGraduateDestinations(
  q: Queryable,
  municipalityId: number,
  beforeFiscalYear: number,
) {
  const e6 = alias(enrollments, 'e6');
  const c6 = alias(classes, 'c6');
  const e7 = alias(enrollments, 'e7');
  const c7 = alias(classes, 'c7');
  const y7 = alias(schoolYears, 'y7');
  return q
    .select({
      elementarySchoolId: e6.schoolId,
      juniorHighSchoolId: e7.schoolId,
      pupils: countDistinct(e6.studentId),
    })
    .from(e6)
    .innerJoin(c6, and(eq(c6.id, e6.classId), eq(c6.gradeCode, 'P6')))
    .innerJoin(e7, eq(e7.studentId, e6.studentId))
    .innerJoin(c7, and(eq(c7.id, e7.classId), eq(c7.gradeCode, 'J1')))
    .innerJoin(y7, eq(y7.id, e7.schoolYearId))
    .where(and(eq(y7.municipalityId, municipalityId), lte(y7.fiscalYear, beforeFiscalYear - 1)))
    .groupBy(e6.schoolId, e7.schoolId);
}

export async function listTerms(q: Queryable, schoolYearId: number) {
  return q.select().from(terms).where(eq(terms.schoolYearId, schoolYearId)).orderBy(asc(terms.seq));
}

/** Creates the school year if missing (idempotent) and returns it. */
export async function ensureSchoolYear(q: Queryable, values: typeof schoolYears.$inferInsert) {
  await q
    .insert(schoolYears)
    .values(values)
    .onConflictDoNothing({ target: [schoolYears.municipalityId, schoolYears.fiscalYear] });
  return (await findSchoolYear(q, values.municipalityId, values.fiscalYear))!;
}

export async function ensureTerms(q: Queryable, rows: (typeof terms.$inferInsert)[]) {
  if (rows.length === 0) return;
  await q
    .insert(terms)
    .values(rows)
    .onConflictDoNothing({ target: [terms.schoolYearId, terms.seq] });
}

export type NewClass = Pick<
  typeof classes.$inferInsert,
  'schoolId' | 'schoolYearId' | 'gradeCode' | 'name' | 'isSpecialNeeds'
>;

/** Creates missing classes (idempotent) and returns every class of the year with an id. */
export async function ensureClasses(q: Queryable, schoolYearId: number, rows: readonly NewClass[]) {
  const before = await q
    .select({ id: classes.id })
    .from(classes)
    .where(eq(classes.schoolYearId, schoolYearId));
  if (rows.length > 0)
    await q
      .insert(classes)
      .values(rows.map((r) => ({ ...r, classType: 'homeroom' as const })))
      .onConflictDoNothing({
        target: [classes.schoolId, classes.schoolYearId, classes.gradeCode, classes.name],
      });
  const all = await q
    .select({
      id: classes.id,
      schoolId: classes.schoolId,
      gradeCode: classes.gradeCode,
      name: classes.name,
    })
    .from(classes)
    .where(eq(classes.schoolYearId, schoolYearId));
  return { classes: all, created: all.length - before.length };
}

export async function insertEnrollments(q: Queryable, rows: (typeof enrollments.$inferInsert)[]) {
  for (let i = 0; i < rows.length; i += 1000)
    await q
      .insert(enrollments)
      .values(rows.slice(i, i + 1000))
      .onConflictDoNothing({ target: [enrollments.classId, enrollments.studentId, enrollments.startDate] });
}

export async function setExit(
  q: Queryable,
  enrollmentIds: readonly number[],
  exit: 'promoted' | 'graduated',
) {
  if (enrollmentIds.length === 0) return;
  await q
    .update(enrollments)
    .set({ exit, updatedAt: new Date() })
    .where(
      and(
        inArray(enrollments.id, [...enrollmentIds]),
        or(isNull(enrollments.exit), ne(enrollments.exit, exit)),
      ),
    );
}

import { and, asc, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { classes, classTeachers, enrollments, people, schools, schoolYears } from '../../db/schema/index.ts';
import { personNameColumns } from '../../db/person-name.ts';

export type SchoolYearRow = typeof schoolYears.$inferSelect;

export async function findSchoolYear(q: Queryable, municipalityId: number, fiscalYear: number) {
  const rows = await q
    .select()
    .from(schoolYears)
    .where(and(eq(schoolYears.municipalityId, municipalityId), eq(schoolYears.fiscalYear, fiscalYear)));
  return rows[0] ?? null;
}

/** The newest school year that has started by `fiscalYear` (a demo may end before today). */
export async function findLatestSchoolYear(q: Queryable, municipalityId: number, fiscalYear: number) {
  const rows = await q
    .select()
    .from(schoolYears)
    .where(and(eq(schoolYears.municipalityId, municipalityId), lte(schoolYears.fiscalYear, fiscalYear)))
    .orderBy(desc(schoolYears.fiscalYear))
    .limit(1);
  return rows[0] ?? null;
}

export async function listSchoolIds(q: Queryable, municipalityId: number): Promise<number[]> {
  const rows = await q
    .select({ id: schools.id })
    .from(schools)
    .where(eq(schools.municipalityId, municipalityId));
  return rows.map((r) => r.id);
}

/** Classes of the given schools in a year, with the number of pupils enrolled on `asOf`. */
export async function listClasses(
  q: Queryable,
  schoolYearId: number,
  schoolIds: readonly number[],
  asOf: string,
) {
  if (schoolIds.length === 0) return [];
  return q
    .select({
      id: classes.id,
      schoolId: classes.schoolId,
      schoolName: schools.name,
      gradeCode: classes.gradeCode,
      name: classes.name,
      isSpecialNeeds: classes.isSpecialNeeds,
      studentCount:
        sql<number>`count(${enrollments.id}) filter (where ${enrollments.startDate} <= ${asOf} and ${enrollments.endDate} >= ${asOf})`.mapWith(
          Number,
        ),
    })
    .from(classes)
    .innerJoin(schools, eq(schools.id, classes.schoolId))
    .leftJoin(enrollments, eq(enrollments.classId, classes.id))
    .where(
      and(
        eq(classes.schoolYearId, schoolYearId),
        inArray(classes.schoolId, [...schoolIds]),
        eq(classes.classType, 'homeroom'),
      ),
    )
    .groupBy(classes.id, schools.id)
    .orderBy(asc(schools.code), asc(classes.gradeCode), asc(classes.isSpecialNeeds), asc(classes.name));
}

/** Classes a staff member teaches in a year, with their role in each. */
export async function listTaughtClasses(q: Queryable, personId: number, schoolYearId: number) {
  return q
    .select({ classId: classTeachers.classId, role: classTeachers.role })
    .from(classTeachers)
    .innerJoin(classes, eq(classes.id, classTeachers.classId))
    .where(and(eq(classTeachers.personId, personId), eq(classes.schoolYearId, schoolYearId)));
}

/** The homeroom class a pupil is enrolled in on `date`. */
export async function findEnrolledClassId(q: Queryable, studentId: number, date: string) {
  const rows = await q
    .select({ classId: enrollments.classId })
    .from(enrollments)
    .innerJoin(classes, eq(classes.id, enrollments.classId))
    .where(
      and(
        eq(enrollments.studentId, studentId),
        lte(enrollments.startDate, date),
        gte(enrollments.endDate, date),
        eq(classes.classType, 'homeroom'),
      ),
    )
    .limit(1);
  return rows[0]?.classId ?? null;
}

export async function findClass(q: Queryable, classId: number) {
  const rows = await q
    .select({
      id: classes.id,
      schoolId: classes.schoolId,
      schoolName: schools.name,
      municipalityId: schools.municipalityId,
      gradeCode: classes.gradeCode,
      name: classes.name,
      isSpecialNeeds: classes.isSpecialNeeds,
      schoolYear: schoolYears,
    })
    .from(classes)
    .innerJoin(schools, eq(schools.id, classes.schoolId))
    .innerJoin(schoolYears, eq(schoolYears.id, classes.schoolYearId))
    .where(eq(classes.id, classId));
  return rows[0] ?? null;
}

/** A class's pupils over the year (including those who left), by 出席番号. */
export async function listRoster(q: Queryable, classId: number) {
  return q
    .select({
      studentId: people.id,
      attendanceNo: enrollments.attendanceNo,
      ...personNameColumns,
      sex: people.sex,
      entry: enrollments.entry,
      exit: enrollments.exit,
      startDate: enrollments.startDate,
      endDate: enrollments.endDate,
    })
    .from(enrollments)
    .innerJoin(people, eq(people.id, enrollments.studentId))
    .where(eq(enrollments.classId, classId))
    .orderBy(asc(enrollments.attendanceNo), asc(enrollments.startDate));
}

import { asc, eq } from 'drizzle-orm';
import type { EnrollmentHistoryEntry } from '@edukarte/shared';
import type { Tx } from '../../db/client.ts';
import { classes, enrollments, people, schools, schoolYears } from '../../db/schema/index.ts';
import { personNameColumns } from '../../db/person-name.ts';

/**
 * A child's profile and every enrollment across years and schools, oldest first.
 * Runs inside the karte scope, so the database returns only this child's rows.
 */
export async function getStudentProfile(tx: Tx, studentId: number) {
  const [person] = await tx
    .select({
      id: people.id,
      ...personNameColumns,
      birthDate: people.birthDate,
      sex: people.sex,
    })
    .from(people)
    .where(eq(people.id, studentId));
  if (!person) return null;
  const rows = await tx
    .select({
      fiscalYear: schoolYears.fiscalYear,
      schoolYearTitle: schoolYears.title,
      schoolId: schools.id,
      schoolName: schools.name,
      classId: classes.id,
      className: classes.name,
      isSpecialNeeds: classes.isSpecialNeeds,
      gradeCode: classes.gradeCode,
      attendanceNo: enrollments.attendanceNo,
      startDate: enrollments.startDate,
      endDate: enrollments.endDate,
      entry: enrollments.entry,
      exit: enrollments.exit,
    })
    .from(enrollments)
    .innerJoin(classes, eq(classes.id, enrollments.classId))
    .innerJoin(schools, eq(schools.id, enrollments.schoolId))
    .innerJoin(schoolYears, eq(schoolYears.id, enrollments.schoolYearId))
    .where(eq(enrollments.studentId, studentId))
    .orderBy(asc(enrollments.startDate));
  return { person, stays: rows };
}

export type ProfileStay = NonNullable<Awaited<ReturnType<typeof getStudentProfile>>>['stays'][number];
export type { EnrollmentHistoryEntry };

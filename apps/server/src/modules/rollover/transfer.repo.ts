import { and, asc, eq, gte, lte, max } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { classes, enrollments, people, schoolYears } from '../../db/schema/index.ts';

export type EnrollmentRow = typeof enrollments.$inferSelect;

/** The child's enrollments that include `date`, locked for the transfer. */
export async function findEnrollmentsOn(q: Queryable, studentId: number, date: string) {
  return q
    .select()
    .from(enrollments)
    .where(
      and(
        eq(enrollments.studentId, studentId),
        lte(enrollments.startDate, date),
        gte(enrollments.endDate, date),
      ),
    )
    .orderBy(asc(enrollments.startDate))
    .for('update');
}

/** The child's enrollments ending on or after `date` (any that would overlap a stay from `date`). */
export async function findEnrollmentsFrom(q: Queryable, studentId: number, date: string) {
  return q
    .select()
    .from(enrollments)
    .where(and(eq(enrollments.studentId, studentId), gte(enrollments.endDate, date)))
    .orderBy(asc(enrollments.startDate));
}

export async function endEnrollment(q: Queryable, id: number, date: string) {
  const [row] = await q
    .update(enrollments)
    .set({ endDate: date, exit: 'transfer_out', updatedAt: new Date() })
    .where(eq(enrollments.id, id))
    .returning();
  return row!;
}

export async function findClassWithYear(q: Queryable, classId: number) {
  const rows = await q
    .select({
      id: classes.id,
      schoolId: classes.schoolId,
      schoolYearId: classes.schoolYearId,
      classType: classes.classType,
      startDate: schoolYears.startDate,
      endDate: schoolYears.endDate,
      municipalityId: schoolYears.municipalityId,
    })
    .from(classes)
    .innerJoin(schoolYears, eq(schoolYears.id, classes.schoolYearId))
    .where(eq(classes.id, classId));
  return rows[0] ?? null;
}

export async function findPerson(q: Queryable, id: number) {
  const rows = await q
    .select({ id: people.id, municipalityId: people.municipalityId, kind: people.kind })
    .from(people)
    .where(eq(people.id, id));
  return rows[0] ?? null;
}

export async function nextAttendanceNo(q: Queryable, classId: number) {
  const [row] = await q
    .select({ last: max(enrollments.attendanceNo) })
    .from(enrollments)
    .where(eq(enrollments.classId, classId));
  return (row?.last ?? 0) + 1;
}

export async function insertEnrollment(q: Queryable, values: typeof enrollments.$inferInsert) {
  const [row] = await q.insert(enrollments).values(values).returning();
  return row!;
}

import { and, asc, count, desc, eq, gte, ilike, inArray, lte, max, or, sql } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../db/client.ts';
import {
  classes,
  enrollments,
  people,
  schools,
  schoolYears,
  transferRecords,
} from '../../db/schema/index.ts';
import { personNameColumns } from '../../db/person-name.ts';

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

export async function isAttendanceNoTaken(q: Queryable, classId: number, attendanceNo: number) {
  const rows = await q
    .select({ id: enrollments.id })
    .from(enrollments)
    .where(and(eq(enrollments.classId, classId), eq(enrollments.attendanceNo, attendanceNo)))
    .limit(1);
  return rows.length > 0;
}

/** Records (or updates) what the paperwork says about a transfer: other school, reason, note. */
export async function upsertTransferRecord(q: Queryable, values: typeof transferRecords.$inferInsert) {
  await q
    .insert(transferRecords)
    .values(values)
    .onConflictDoUpdate({
      target: [transferRecords.enrollmentId, transferRecords.direction],
      set: {
        otherSchool: values.otherSchool ?? null,
        reason: values.reason ?? null,
        note: values.note ?? null,
        recordedBy: values.recordedBy ?? null,
        recordedAt: new Date(),
      },
    });
}

function transferEvents(municipalityId: number, direction: 'in' | 'out') {
  return (q: Queryable) =>
    q
      .select({
        enrollmentId: sql<number>`${enrollments.id}`.as('enrollment_id'),
        direction: sql<'in' | 'out'>`${direction}::text`.as('direction'),
        date: sql<string>`${direction === 'out' ? enrollments.endDate : enrollments.startDate}::text`.as(
          'date',
        ),
        studentId: enrollments.studentId,
        schoolId: enrollments.schoolId,
        classId: enrollments.classId,
        attendanceNo: enrollments.attendanceNo,
      })
      .from(enrollments)
      .innerJoin(schools, eq(schools.id, enrollments.schoolId))
      .where(
        and(
          eq(schools.municipalityId, municipalityId),
          direction === 'out' ? eq(enrollments.exit, 'transfer_out') : eq(enrollments.entry, 'transfer_in'),
        ),
      );
}

/** 転入・転出 of the municipality, newest first (by date, then stay). */
export async function listTransferEvents(
  q: Queryable,
  municipalityId: number,
  page: { limit: number; offset: number; direction?: 'in' | 'out' | undefined },
) {
  const outs = transferEvents(municipalityId, 'out');
  const ins = transferEvents(municipalityId, 'in');
  const both =
    page.direction === 'out' ? outs(q) : page.direction === 'in' ? ins(q) : unionAll(outs(q), ins(q));
  const rows = await both
    .orderBy(desc(sql`date`), desc(sql`enrollment_id`), asc(sql`direction`))
    .limit(page.limit)
    .offset(page.offset);
  const counts = await Promise.all(
    (page.direction ? [page.direction] : (['out', 'in'] as const)).map(async (d) => {
      const [row] = await q
        .select({ n: count() })
        .from(enrollments)
        .innerJoin(schools, eq(schools.id, enrollments.schoolId))
        .where(
          and(
            eq(schools.municipalityId, municipalityId),
            d === 'out' ? eq(enrollments.exit, 'transfer_out') : eq(enrollments.entry, 'transfer_in'),
          ),
        );
      return row?.n ?? 0;
    }),
  );
  return { rows, total: counts.reduce((a, b) => a + b, 0) };
}

/** Names, classes and records for a page of transfer events. */
export async function describeTransfers(
  q: Queryable,
  items: readonly { enrollmentId: number; studentId: number; classId: number }[],
) {
  if (items.length === 0) return { people: [], classes: [], records: [], stays: [] };
  const studentIds = [...new Set(items.map((i) => i.studentId))];
  const [peopleRows, classRows, records, stays] = await Promise.all([
    q
      .select({ id: people.id, familyName: people.familyName, givenName: people.givenName })
      .from(people)
      .where(inArray(people.id, studentIds)),
    q
      .select({
        id: classes.id,
        name: classes.name,
        gradeCode: classes.gradeCode,
        isSpecialNeeds: classes.isSpecialNeeds,
        schoolName: schools.name,
      })
      .from(classes)
      .innerJoin(schools, eq(schools.id, classes.schoolId))
      .where(inArray(classes.id, [...new Set(items.map((i) => i.classId))])),
    q
      .select()
      .from(transferRecords)
      .where(
        inArray(
          transferRecords.enrollmentId,
          items.map((i) => i.enrollmentId),
        ),
      ),
    q
      .select({
        id: enrollments.id,
        studentId: enrollments.studentId,
        schoolId: enrollments.schoolId,
        schoolName: schools.name,
        startDate: enrollments.startDate,
        endDate: enrollments.endDate,
      })
      .from(enrollments)
      .innerJoin(schools, eq(schools.id, enrollments.schoolId))
      .where(inArray(enrollments.studentId, studentIds)),
  ]);
  return { people: peopleRows, classes: classRows, records, stays };
}

/** Children of the municipality whose name or reading contains `text` (at most `limit` + 1). */
export async function searchStudents(
  q: Queryable,
  municipalityId: number,
  patterns: string[],
  limit: number,
) {
  const like = patterns.flatMap((p) => [
    ilike(sql`${people.familyName} || ${people.givenName}`, p),
    ilike(sql`${people.familyNameKana} || ${people.givenNameKana}`, p),
  ]);
  return q
    .select({
      id: people.id,
      ...personNameColumns,
      birthDate: people.birthDate,
    })
    .from(people)
    .where(and(eq(people.municipalityId, municipalityId), eq(people.kind, 'student'), or(...like)))
    .orderBy(asc(people.familyNameKana), asc(people.givenNameKana), asc(people.id))
    .limit(limit + 1);
}

/** The latest stay of each child, with school and class. */
export async function latestStays(q: Queryable, studentIds: readonly number[]) {
  if (studentIds.length === 0) return [];
  return q
    .selectDistinctOn([enrollments.studentId], {
      studentId: enrollments.studentId,
      schoolName: schools.name,
      className: classes.name,
      gradeCode: classes.gradeCode,
      isSpecialNeeds: classes.isSpecialNeeds,
      endDate: enrollments.endDate,
      exit: enrollments.exit,
    })
    .from(enrollments)
    .innerJoin(schools, eq(schools.id, enrollments.schoolId))
    .innerJoin(classes, eq(classes.id, enrollments.classId))
    .where(and(inArray(enrollments.studentId, [...studentIds]), eq(classes.classType, 'homeroom')))
    .orderBy(asc(enrollments.studentId), desc(enrollments.startDate));
}

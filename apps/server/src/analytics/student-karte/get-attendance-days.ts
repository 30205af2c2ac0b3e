import { and, between, eq, sql } from 'drizzle-orm';
import type { AttendanceCategory } from '@edukarte/shared';
import type { Tx } from '../../db/client.ts';
import { attendanceMarks, classClosures, instructionDays } from '../../db/schema/index.ts';

export interface EnrollmentPeriod {
  schoolId: number;
  classId: number;
  from: string;
  to: string;
}

/**
 * For one enrollment period: the number of instruction days and the category of each day that
 * was not plain attendance. A 学級閉鎖 day without a mark counts as 出席停止.
 */
export async function getAttendanceDays(tx: Tx, studentId: number, period: EnrollmentPeriod) {
  const closed = sql<boolean>`exists (select 1 from ${classClosures} c where c.school_id = ${instructionDays.schoolId} and c.class_id = ${period.classId} and ${instructionDays.date} between c.start_date and c.end_date)`;
  const rows = await tx
    .select({
      date: instructionDays.date,
      category: attendanceMarks.category,
      isClosed: closed.mapWith(Boolean),
    })
    .from(instructionDays)
    .leftJoin(
      attendanceMarks,
      and(
        eq(attendanceMarks.schoolId, instructionDays.schoolId),
        eq(attendanceMarks.date, instructionDays.date),
        eq(attendanceMarks.studentId, studentId),
      ),
    )
    .where(
      and(
        eq(instructionDays.schoolId, period.schoolId),
        between(instructionDays.date, period.from, period.to),
      ),
    );
  const marks: { date: string; category: AttendanceCategory }[] = [];
  for (const row of rows) {
    const category = row.category ?? (row.isClosed ? 'SUSPENDED' : null);
    if (category && category !== 'PRESENT') marks.push({ date: row.date, category });
  }
  return { instructionDays: rows.length, marks };
}

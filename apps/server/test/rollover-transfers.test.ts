import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, gte, inArray, lte, max } from 'drizzle-orm';
import {
  ErrorResponse,
  IdentityReviewsResponse,
  Me,
  StudentKarteResponse,
  TransferResponse,
} from '@edukarte/shared';
import {
  attendanceMarks,
  classes,
  enrollments,
  instructionDays,
  people,
  schools,
  schoolYears,
} from '../src/db/schema/index.ts';
import { startTestApp, TEST_TODAY, type TestApp } from './support/test-app.ts';
import { testEngines } from './support/test-db.ts';

describe.each(testEngines())('転入・転出 over HTTP on %s', (engine) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let schoolA: number; // the demo principal's and nurse's school
  let schoolX: number; // the other 小学校
  let year: typeof schoolYears.$inferSelect;
  let child: { studentId: number; gradeCode: string; startDate: string };
  let classInA: number;

  const OUT_DATE = '2026-09-30';
  const IN_DATE = '2026-10-01';

  beforeAll(async () => {
    t = await startTestApp(engine);
    for (const loginId of ['teacher', 'nurse', 'principal', 'board', 'student', 'admin'])
      cookies[loginId] = await t.signIn(loginId);
    const me = Me.parse(await (await t.get('/api/me', cookies.principal)).json());
    schoolA = me.school!.id;
    const db = t.database.db;
    const others = await db.select().from(schools).where(eq(schools.kind, 'elementary'));
    schoolX = others.find((s) => s.id !== schoolA)!.id;
    year = (await db.select().from(schoolYears).where(eq(schoolYears.fiscalYear, 2026)))[0]!;
    const [found] = await db
      .select({
        studentId: enrollments.studentId,
        gradeCode: classes.gradeCode,
        startDate: enrollments.startDate,
      })
      .from(enrollments)
      .innerJoin(classes, eq(classes.id, enrollments.classId))
      .where(
        and(
          eq(enrollments.schoolId, schoolX),
          eq(enrollments.schoolYearId, year.id),
          eq(classes.gradeCode, 'P4'),
          lte(enrollments.startDate, '2026-04-01'),
          gte(enrollments.endDate, '2027-03-31'),
        ),
      )
      .limit(1);
    child = found!;
    const [target] = await db
      .select({ id: classes.id })
      .from(classes)
      .where(
        and(
          eq(classes.schoolId, schoolA),
          eq(classes.schoolYearId, year.id),
          eq(classes.gradeCode, 'P4'),
          eq(classes.isSpecialNeeds, false),
        ),
      )
      .limit(1);
    classInA = target!.id;
  });
  afterAll(async () => t?.dispose());

  it('refuses transfers to teacher, nurse, board, student and another school’s principal', async () => {
    for (const who of ['teacher', 'nurse', 'board', 'student', 'principal']) {
      const response = await t.post('/api/admin/transfers/out', cookies[who], {
        studentId: child.studentId,
        date: OUT_DATE,
      });
      expect(response.status, who).toBe(403);
      ErrorResponse.parse(await response.json());
    }
    for (const who of ['teacher', 'nurse', 'board', 'student']) {
      const response = await t.post('/api/admin/transfers/in', cookies[who], {
        studentId: child.studentId,
        schoolId: schoolA,
        classId: classInA,
        date: IN_DATE,
      });
      expect(response.status, who).toBe(403);
    }
  });

  it('transfers out of school X (idempotent) and in to school A with the next 出席番号', async () => {
    const db = t.database.db;
    for (let i = 0; i < 2; i++) {
      const out = await t.post('/api/admin/transfers/out', cookies.admin, {
        studentId: child.studentId,
        date: OUT_DATE,
        note: '県外へ転居',
      });
      expect(out.status).toBe(200);
      expect(TransferResponse.parse(await out.json()).enrollment).toMatchObject({
        schoolId: schoolX,
        endDate: OUT_DATE,
        exit: 'transfer_out',
      });
    }
    const [last] = await db
      .select({ n: max(enrollments.attendanceNo) })
      .from(enrollments)
      .where(eq(enrollments.classId, classInA));

    const early = await t.post('/api/admin/transfers/in', cookies.principal, {
      studentId: child.studentId,
      schoolId: schoolA,
      classId: classInA,
      date: OUT_DATE,
    });
    expect(early.status).toBe(409);
    expect(ErrorResponse.parse(await early.json()).error.code).toBe('already_enrolled');
    const outside = await t.post('/api/admin/transfers/in', cookies.principal, {
      studentId: child.studentId,
      schoolId: schoolA,
      classId: classInA,
      date: '2027-04-02',
    });
    expect(outside.status).toBe(400);

    for (let i = 0; i < 2; i++) {
      const response = await t.post('/api/admin/transfers/in', cookies.principal, {
        studentId: child.studentId,
        schoolId: schoolA,
        classId: classInA,
        date: IN_DATE,
      });
      expect(response.status).toBe(200);
      expect(TransferResponse.parse(await response.json()).enrollment).toMatchObject({
        studentId: child.studentId,
        schoolId: schoolA,
        startDate: IN_DATE,
        endDate: year.endDate,
        entry: 'transfer_in',
        attendanceNo: (last!.n ?? 0) + 1,
      });
    }
    const [stays] = await db
      .select({ n: count() })
      .from(enrollments)
      .where(and(eq(enrollments.studentId, child.studentId), eq(enrollments.schoolYearId, year.id)));
    expect(stays!.n).toBe(2);
  });

  it('shows both stays on the karte for school A’s nurse, with attendance added over both periods', async () => {
    const db = t.database.db;
    const response = await t.get(`/api/students/${child.studentId}/karte`, cookies.nurse);
    expect(response.status).toBe(200);
    const karte = StudentKarteResponse.parse(await response.json());
    const thisYear = karte.profile.history.filter((h) => h.fiscalYear === 2026);
    expect(thisYear.map((h) => [h.startDate, h.endDate, h.exit, h.entry])).toEqual([
      [child.startDate, OUT_DATE, 'transfer_out', expect.any(String)],
      [IN_DATE, year.endDate, null, 'transfer_in'],
    ]);
    const days = async (schoolId: number, from: string, to: string) => {
      const [row] = await db
        .select({ n: count() })
        .from(instructionDays)
        .where(
          and(
            eq(instructionDays.schoolId, schoolId),
            gte(instructionDays.date, from),
            lte(instructionDays.date, to),
          ),
        );
      return row!.n;
    };
    const expected =
      (await days(schoolX, child.startDate, OUT_DATE)) + (await days(schoolA, IN_DATE, TEST_TODAY));
    expect(karte.attendance.instructionDays).toBe(expected);
    const [absences] = await db
      .select({ n: count() })
      .from(attendanceMarks)
      .where(
        and(
          eq(attendanceMarks.studentId, child.studentId),
          eq(attendanceMarks.schoolId, schoolX),
          gte(attendanceMarks.date, child.startDate),
          lte(attendanceMarks.date, OUT_DATE),
          inArray(attendanceMarks.category, ['ABSENT_SICK', 'ABSENT_OTHER']),
        ),
      );
    expect(karte.attendance.absentDays).toBe(absences!.n);
  });

  it('registers a new child through 名寄せ, and stops a likely duplicate with 409', async () => {
    const person = {
      familyName: '転入',
      givenName: '花子',
      familyNameKana: 'テンニュウ',
      givenNameKana: 'ハナコ',
      birthDate: '2016-05-05',
      sex: 'female',
    };
    const ids: number[] = [];
    for (let i = 0; i < 2; i++) {
      const response = await t.post('/api/admin/transfers/in', cookies.principal, {
        person,
        schoolId: schoolA,
        classId: classInA,
        date: '2026-10-05',
      });
      expect(response.status).toBe(200);
      ids.push(TransferResponse.parse(await response.json()).enrollment.id);
    }
    expect(ids[0]).toBe(ids[1]);

    const [existing] = await t.database.db.select().from(people).where(eq(people.id, child.studentId));
    const duplicate = await t.post('/api/admin/transfers/in', cookies.principal, {
      person: {
        familyName: existing!.familyName,
        givenName: existing!.givenName,
        familyNameKana: existing!.familyNameKana,
        givenNameKana: existing!.givenNameKana,
        birthDate: existing!.birthDate,
      },
      schoolId: schoolA,
      classId: classInA,
      date: '2026-10-05',
    });
    expect(duplicate.status).toBe(409);
    expect(ErrorResponse.parse(await duplicate.json()).error.code).toBe('possible_duplicate');
    const queue = IdentityReviewsResponse.parse(
      await (await t.get('/api/admin/identity/reviews', cookies.admin)).json(),
    );
    expect(
      queue.reviews.some((r) => r.incoming.system === 'manual' && r.candidate.id === child.studentId),
    ).toBe(true);

    const both = await t.post('/api/admin/transfers/in', cookies.principal, {
      person,
      studentId: child.studentId,
      schoolId: schoolA,
      classId: classInA,
      date: '2026-10-05',
    });
    expect(both.status).toBe(400);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { ClassListResponse, ClassRosterResponse, Me, StudentKarteResponse } from '@edukarte/shared';
import { accessAudit, userAccounts } from '../src/db/schema/index.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { testEngines } from './support/test-db.ts';

describe.each(testEngines())('classes, rosters and the student karte over HTTP on %s', (engine) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let homeClassId: number;
  let roster: ClassRosterResponse;
  let childId: number;

  beforeAll(async () => {
    t = await startTestApp(engine);
    for (const loginId of ['teacher', 'teacher2', 'nurse', 'principal', 'board', 'student', 'admin']) {
      cookies[loginId] = await t.signIn(loginId);
    }
    const me = Me.parse(await (await t.get('/api/me', cookies.teacher)).json());
    homeClassId = me.homeClassId!;
    roster = ClassRosterResponse.parse(
      await (await t.get(`/api/classes/${homeClassId}/students`, cookies.teacher)).json(),
    );
    childId = roster.students[0]!.studentId;
  });
  afterAll(async () => t?.dispose());

  const auditCount = async (studentId: number, action: string) => {
    const [row] = await t.database.db
      .select({ n: count() })
      .from(accessAudit)
      .where(and(eq(accessAudit.studentId, studentId), eq(accessAudit.action, action)));
    return row!.n;
  };

  it('lists the teacher’s own school’s classes, their homeroom first', async () => {
    const list = ClassListResponse.parse(await (await t.get('/api/classes', cookies.teacher)).json());
    expect(list.classes[0]).toMatchObject({ id: homeClassId, isMyHomeroom: true });
    expect(new Set(list.classes.map((c) => c.schoolId)).size).toBe(1);
    expect(list.schoolYear.title).toMatch(/^令和\d+年度$/);
  });

  it('gives the homeroom roster in 出席番号 order with kana', () => {
    const numbers = roster.students.map((s) => s.attendanceNo);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(roster.students.length).toBeGreaterThan(5);
    for (const s of roster.students) expect(s.familyNameKana).toMatch(/^[ァ-ヶー]+$/);
    expect(roster.class.label).toMatch(/^\d年\d組$|学級$/);
  });

  it('opens a child’s karte with 指導要録 figures that add up and tests across years', async () => {
    const response = await t.get(`/api/students/${childId}/karte`, cookies.teacher);
    expect(response.status).toBe(200);
    const karte = StudentKarteResponse.parse(await response.json());
    const a = karte.attendance;
    expect(a.instructionDays).toBeGreaterThan(0);
    expect(a.requiredDays).toBe(a.instructionDays - a.excusedDays);
    expect(a.attendedDays).toBe(a.requiredDays - a.absentDays);
    expect(a.absentDays).toBe(a.absentSickDays + a.absentOtherDays);
    expect(karte.profile.current?.classId).toBe(homeClassId);
    const years = new Set(karte.tests.flatMap((s) => s.points.map((p) => p.fiscalYear)));
    expect(years.size).toBeGreaterThanOrEqual(2);
    for (const series of karte.tests) {
      const dates = series.points.map((p) => p.administeredOn);
      expect(dates).toEqual([...dates].sort());
      for (const p of series.points) expect(p.percent).toBeCloseTo((p.score / p.maxScore) * 100, 0);
    }
  });

  it('shows an earlier school year on request, counted to that year’s end', async () => {
    const current = StudentKarteResponse.parse(
      await (await t.get(`/api/students/${childId}/karte`, cookies.teacher)).json(),
    );
    const previous = current.schoolYear.fiscalYear - 1;
    const karte = StudentKarteResponse.parse(
      await (await t.get(`/api/students/${childId}/karte?fiscalYear=${previous}`, cookies.teacher)).json(),
    );
    expect(karte.attendance.asOf).toBe(`${previous + 1}-03-31`);
    expect(karte.attendance.instructionDays).toBeGreaterThan(150);
  });

  it('writes one audit row per karte view', async () => {
    const before = await auditCount(childId, 'student_karte.view');
    await t.get(`/api/students/${childId}/karte`, cookies.nurse);
    await t.get(`/api/students/${childId}/karte`, cookies.principal);
    expect(await auditCount(childId, 'student_karte.view')).toBe(before + 2);
  });

  it('refuses a teacher of another school: roster and karte are 403 and the attempt is audited', async () => {
    const deniedBefore = await auditCount(childId, 'student_karte.denied');
    const rosterResponse = await t.get(`/api/classes/${homeClassId}/students`, cookies.teacher2);
    expect(rosterResponse.status).toBe(403);
    const karteResponse = await t.get(`/api/students/${childId}/karte`, cookies.teacher2);
    expect(karteResponse.status).toBe(403);
    const body = (await karteResponse.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('forbidden');
    expect(body.error.message).toMatch(/他校/);
    expect(JSON.stringify(body)).not.toContain(
      roster.students[0]!.familyName + roster.students[0]!.givenName,
    );
    expect(await auditCount(childId, 'student_karte.denied')).toBe(deniedBefore + 1);
  });

  it('the other school’s class list never includes this school', async () => {
    const list = ClassListResponse.parse(await (await t.get('/api/classes', cookies.teacher2)).json());
    expect(list.classes.some((c) => c.id === homeClassId)).toBe(false);
  });

  it('refuses the board any roster or karte (no names leave the school)', async () => {
    expect((await t.get(`/api/students/${childId}/karte`, cookies.board)).status).toBe(403);
    expect((await t.get(`/api/classes/${homeClassId}/students`, cookies.board)).status).toBe(403);
    expect((await t.get('/api/classes', cookies.board)).status).toBe(403);
  });

  it('refuses the admin a child’s karte', async () => {
    expect((await t.get(`/api/students/${childId}/karte`, cookies.admin)).status).toBe(403);
  });

  it('lets a student open only their own karte', async () => {
    const [account] = await t.database.db
      .select({ personId: userAccounts.personId })
      .from(userAccounts)
      .where(eq(userAccounts.loginId, 'student'));
    const ownId = account!.personId!;
    const own = await t.get(`/api/students/${ownId}/karte`, cookies.student);
    expect(own.status).toBe(200);
    expect(StudentKarteResponse.parse(await own.json()).profile.id).toBe(ownId);
    const other = roster.students.find((s) => s.studentId !== ownId)!;
    expect((await t.get(`/api/students/${other.studentId}/karte`, cookies.student)).status).toBe(403);
    expect((await t.get(`/api/classes/${homeClassId}/students`, cookies.student)).status).toBe(403);
  });

  it('refuses a teacher of the same school for a child they do not teach', async () => {
    const list = ClassListResponse.parse(await (await t.get('/api/classes', cookies.teacher)).json());
    const otherClass = list.classes.find((c) => !c.isMyHomeroom && c.studentCount > 0)!;
    const nurseView = ClassRosterResponse.parse(
      await (await t.get(`/api/classes/${otherClass.id}/students`, cookies.nurse)).json(),
    );
    const stranger = nurseView.students[0]!.studentId;
    expect((await t.get(`/api/classes/${otherClass.id}/students`, cookies.teacher)).status).toBe(403);
    expect((await t.get(`/api/students/${stranger}/karte`, cookies.teacher)).status).toBe(403);
  });

  it('answers 404 for an unknown child and 400 for a malformed id', async () => {
    expect((await t.get('/api/students/99999999/karte', cookies.teacher)).status).toBe(404);
    expect((await t.get('/api/students/abc/karte', cookies.teacher)).status).toBe(400);
    expect((await t.get(`/api/students/${childId}/karte?fiscalYear=1999`, cookies.teacher)).status).toBe(404);
  });

  it('requires a session for every child-data endpoint', async () => {
    for (const path of [
      '/api/classes',
      `/api/classes/${homeClassId}/students`,
      `/api/students/${childId}/karte`,
    ]) {
      expect((await t.get(path)).status).toBe(401);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, gte, lte } from 'drizzle-orm';
import {
  ErrorResponse,
  Me,
  TransferListResponse,
  TransferResponse,
  TransferStudentSearchResponse,
} from '@edukarte/shared';
import { classes, enrollments, people, schoolYears, transferRecords } from '../src/db/schema/index.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { testEngines } from './support/test-db.ts';

describe.each(testEngines())('転入・転出の一覧と検索 over HTTP on %s', (engine) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let child: { studentId: number; kana: string; familyName: string };
  let classInA: number;

  const list = async (query = '') => {
    const response = await t.get(`/api/admin/transfers${query}`, cookies.admin);
    expect(response.status).toBe(200);
    return TransferListResponse.parse(await response.json());
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    for (const loginId of ['teacher', 'nurse', 'principal', 'board', 'student', 'admin'])
      cookies[loginId] = await t.signIn(loginId);
    const me = Me.parse(await (await t.get('/api/me', cookies.principal)).json());
    const db = t.database.db;
    const [year] = await db.select().from(schoolYears).where(eq(schoolYears.fiscalYear, 2026));
    const [found] = await db
      .select({
        studentId: enrollments.studentId,
        familyName: people.familyName,
        kana: people.familyNameKana,
      })
      .from(enrollments)
      .innerJoin(people, eq(people.id, enrollments.studentId))
      .innerJoin(classes, eq(classes.id, enrollments.classId))
      .where(
        and(
          eq(enrollments.schoolId, me.school!.id),
          eq(enrollments.schoolYearId, year!.id),
          eq(classes.gradeCode, 'P5'),
          eq(classes.isSpecialNeeds, false),
          lte(enrollments.startDate, '2026-04-01'),
          gte(enrollments.endDate, '2027-03-31'),
        ),
      )
      .limit(1);
    child = found!;
    const [cls] = await db
      .select({ id: classes.id })
      .from(classes)
      .where(
        and(
          eq(classes.schoolId, me.school!.id),
          eq(classes.schoolYearId, year!.id),
          eq(classes.gradeCode, 'P5'),
        ),
      )
      .limit(1);
    classInA = cls!.id;
  });
  afterAll(async () => t?.dispose());

  it('refuses the list and the search to teacher, nurse, principal, board and student', async () => {
    for (const who of ['teacher', 'nurse', 'principal', 'board', 'student'])
      for (const path of ['/api/admin/transfers', '/api/admin/transfers/students?q=ア']) {
        const response = await t.get(path, cookies[who]);
        expect(response.status, `${who} ${path}`).toBe(403);
        ErrorResponse.parse(await response.json());
      }
    expect((await t.get('/api/admin/transfers')).status).toBe(401);
  });

  it('lists a recorded 転出 first, with destination and reason, and pages the list', async () => {
    const before = await list();
    const out = await t.post('/api/admin/transfers/out', cookies.admin, {
      studentId: child.studentId,
      date: '2027-03-30',
      destination: '札幌市立北小学校',
      reason: 'moving',
      note: '保護者の転勤',
    });
    expect(out.status).toBe(200);
    const enrollment = TransferResponse.parse(await out.json()).enrollment;
    // The same 転出 again (a corrected destination) updates the record, it does not add one.
    await t.post('/api/admin/transfers/out', cookies.admin, {
      studentId: child.studentId,
      date: '2027-03-30',
      destination: '札幌市立南小学校',
      reason: 'moving',
    });
    expect(
      await t.database.db
        .select()
        .from(transferRecords)
        .where(eq(transferRecords.enrollmentId, enrollment.id)),
    ).toHaveLength(1);

    const after = await list();
    expect(after.total).toBe(before.total + 1);
    expect(after.transfers[0]).toMatchObject({
      enrollmentId: enrollment.id,
      direction: 'out',
      date: '2027-03-30',
      studentId: child.studentId,
      otherSchool: '札幌市立南小学校',
      reason: 'moving',
      note: null,
    });
    expect(after.transfers[0]!.name).toContain(child.familyName);

    const page2 = await list('?page=2&pageSize=1');
    expect(page2).toMatchObject({ page: 2, pageSize: 1, total: after.total });
    expect(page2.transfers).toEqual([after.transfers[1]]);
    const outsOnly = await list('?direction=out&pageSize=100');
    expect(outsOnly.transfers.every((x) => x.direction === 'out')).toBe(true);
    expect((await t.get('/api/admin/transfers?pageSize=1000', cookies.admin)).status).toBe(400);
  });

  it('records a 転入 with a chosen 出席番号 and refuses one already used', async () => {
    const person = {
      familyName: '新井',
      givenName: '陽向',
      familyNameKana: 'アライ',
      givenNameKana: 'ヒナタ',
      birthDate: '2015-06-01',
    };
    const taken = await t.post('/api/admin/transfers/in', cookies.admin, {
      person,
      schoolId: (await t.database.db.select().from(classes).where(eq(classes.id, classInA)))[0]!.schoolId,
      classId: classInA,
      date: '2026-12-01',
      attendanceNo: 1,
    });
    expect(taken.status).toBe(409);
    expect(ErrorResponse.parse(await taken.json()).error.code).toBe('attendance_no_taken');
    const response = await t.post('/api/admin/transfers/in', cookies.admin, {
      person,
      schoolId: (await t.database.db.select().from(classes).where(eq(classes.id, classInA)))[0]!.schoolId,
      classId: classInA,
      date: '2026-12-01',
      attendanceNo: 90,
      origin: '横浜市立東小学校',
    });
    expect(response.status).toBe(200);
    expect(TransferResponse.parse(await response.json()).enrollment).toMatchObject({
      attendanceNo: 90,
      entry: 'transfer_in',
    });
    const ins = await list('?direction=in');
    expect(ins.transfers.find((x) => x.date === '2026-12-01')).toMatchObject({
      otherSchool: '横浜市立東小学校',
      classLabel: expect.stringContaining('90番') as string,
    });
  });

  it('finds a child by a hiragana reading, with their latest stay', async () => {
    const hiragana = child.kana.replace(/[\u30a1-\u30f6]/g, (c) =>
      String.fromCharCode(c.charCodeAt(0) - 0x60),
    );
    const response = await t.get(
      `/api/admin/transfers/students?q=${encodeURIComponent(hiragana)}`,
      cookies.admin,
    );
    expect(response.status).toBe(200);
    const result = TransferStudentSearchResponse.parse(await response.json());
    const hit = result.students.find((s) => s.studentId === child.studentId);
    expect(hit?.lastStay).toMatchObject({ endDate: '2027-03-30', exit: 'transfer_out' });
    expect(result.students.every((s) => s.kana.replace(/\s/g, '').includes(child.kana))).toBe(true);
    expect((await t.get('/api/admin/transfers/students?q=', cookies.admin)).status).toBe(400);
  });
});

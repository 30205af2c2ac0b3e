import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, gte, lte } from 'drizzle-orm';
import { ErrorResponse, RolloverCommitResponse, RolloverPlanResponse } from '@edukarte/shared';
import { classes, enrollments, schools, schoolYears, terms } from '../src/db/schema/index.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { testEngines } from './support/test-db.ts';

describe.each(testEngines())('年度更新 over HTTP on %s', (engine) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let lastYear: typeof schoolYears.$inferSelect;
  let enrolledAtYearEnd: { studentId: number; enrollmentId: number; gradeCode: string; schoolId: number }[];

  const allEnrollments = () => t.database.db.select().from(enrollments).orderBy(enrollments.id);

  beforeAll(async () => {
    t = await startTestApp(engine);
    for (const loginId of ['teacher', 'principal', 'board', 'student', 'admin'])
      cookies[loginId] = await t.signIn(loginId);
    const years = await t.database.db.select().from(schoolYears).orderBy(schoolYears.fiscalYear);
    lastYear = years.at(-1)!;
    enrolledAtYearEnd = await t.database.db
      .select({
        studentId: enrollments.studentId,
        enrollmentId: enrollments.id,
        gradeCode: classes.gradeCode,
        schoolId: enrollments.schoolId,
      })
      .from(enrollments)
      .innerJoin(classes, eq(classes.id, enrollments.classId))
      .where(
        and(
          eq(enrollments.schoolYearId, lastYear.id),
          lte(enrollments.startDate, lastYear.endDate),
          gte(enrollments.endDate, lastYear.endDate),
        ),
      );
  });
  afterAll(async () => t?.dispose());

  it('is refused to teacher, principal, board and student', async () => {
    for (const who of ['teacher', 'principal', 'board', 'student']) {
      for (const path of ['/api/admin/rollover/preview', '/api/admin/rollover/commit']) {
        const response = await t.post(path, cookies[who], { fiscalYear: lastYear.fiscalYear + 1 });
        expect(response.status, `${who} ${path}`).toBe(403);
        ErrorResponse.parse(await response.json());
      }
    }
  });

  it('rejects a year with no previous year', async () => {
    const response = await t.post('/api/admin/rollover/preview', cookies.admin, { fiscalYear: 2001 });
    expect(response.status).toBe(400);
    expect(ErrorResponse.parse(await response.json()).error.code).toBe('no_previous_year');
  });

  it('rejects a 中学校 → 小学校 mapping with 400', async () => {
    const all = await t.database.db.select().from(schools);
    const elementary = all.find((s) => s.kind === 'elementary')!;
    const juniorHigh = all.find((s) => s.kind === 'junior_high')!;
    const response = await t.post('/api/admin/rollover/preview', cookies.admin, {
      fiscalYear: lastYear.fiscalYear + 1,
      juniorHighMapping: [{ elementarySchoolId: juniorHigh.id, juniorHighSchoolId: elementary.id }],
    });
    expect(response.status).toBe(400);
    expect(ErrorResponse.parse(await response.json()).error.code).toBe('invalid_mapping');
    const explicit = RolloverPlanResponse.parse(
      await (
        await t.post('/api/admin/rollover/preview', cookies.admin, {
          fiscalYear: lastYear.fiscalYear + 1,
          classAssignment: 'gojuon',
          juniorHighMapping: [{ elementarySchoolId: elementary.id, juniorHighSchoolId: juniorHigh.id }],
        })
      ).json(),
    );
    expect(explicit.juniorHighMapping.find((m) => m.elementarySchoolId === elementary.id)).toMatchObject({
      juniorHighSchoolId: juniorHigh.id,
      basis: 'explicit',
    });
  });

  it('previews the plan without writing: every pupil on 3/31 is promoted, advanced or graduates', async () => {
    const before = await allEnrollments();
    const response = await t.post('/api/admin/rollover/preview', cookies.admin, {
      fiscalYear: lastYear.fiscalYear + 1,
    });
    expect(response.status).toBe(200);
    const plan = RolloverPlanResponse.parse(await response.json());
    expect(plan.schoolYearExists).toBe(false);
    const byGrade = (g: string) => enrolledAtYearEnd.filter((e) => e.gradeCode === g).length;
    const placed = plan.classes.reduce((n, c) => n + c.pupils, 0);
    expect(placed).toBe(enrolledAtYearEnd.length - byGrade('J3') - plan.withoutDestination.length);
    expect(plan.graduating.reduce((n, g) => n + g.pupils, 0)).toBe(
      byGrade('J3') + byGrade('P6') - plan.withoutDestination.length,
    );
    expect(plan.withoutDestination).toEqual([]);
    expect(plan.juniorHighMapping.every((m) => m.basis === 'history')).toBe(true);
    const j1 = plan.classes.filter((c) => c.gradeCode === 'J1');
    expect(j1.reduce((n, c) => n + c.advancing, 0)).toBe(byGrade('P6'));
    expect(plan.classes.filter((c) => c.gradeCode === 'P1')).toEqual([]);
    expect(await allEnrollments()).toEqual(before);
    const years = await t.database.db.select().from(schoolYears);
    expect(years.some((y) => y.fiscalYear === lastYear.fiscalYear + 1)).toBe(false);
  });

  it('commits: new year, terms, classes; 小6 → 中1 as the same person; 出席番号 1…n per class; idempotent', async () => {
    const db = t.database.db;
    const fiscalYear = lastYear.fiscalYear + 1;
    const response = await t.post('/api/admin/rollover/commit', cookies.admin, { fiscalYear });
    expect(response.status).toBe(200);
    const result = RolloverCommitResponse.parse(await response.json());
    expect(result.created.schoolYear).toBe(true);
    const [year] = await db.select().from(schoolYears).where(eq(schoolYears.fiscalYear, fiscalYear));
    expect(year).toMatchObject({ startDate: `${fiscalYear}-04-01`, endDate: `${fiscalYear + 1}-03-31` });
    expect(year!.title).toContain('年度');
    expect(await db.select().from(terms).where(eq(terms.schoolYearId, year!.id))).toHaveLength(3);

    const newStays = await db
      .select({ e: enrollments, gradeCode: classes.gradeCode, kind: schools.kind })
      .from(enrollments)
      .innerJoin(classes, eq(classes.id, enrollments.classId))
      .innerJoin(schools, eq(schools.id, enrollments.schoolId))
      .where(eq(enrollments.schoolYearId, year!.id));
    expect(newStays).toHaveLength(result.created.enrollments);

    const sixth = enrolledAtYearEnd.find((e) => e.gradeCode === 'P6')!;
    const advanced = newStays.find((s) => s.e.studentId === sixth.studentId)!;
    expect(advanced).toMatchObject({ gradeCode: 'J1', kind: 'junior_high', e: { entry: 'advanced' } });
    const [old] = await db.select().from(enrollments).where(eq(enrollments.id, sixth.enrollmentId));
    expect(old!.exit).toBe('graduated');
    const third = enrolledAtYearEnd.find((e) => e.gradeCode === 'P3')!;
    expect(newStays.find((s) => s.e.studentId === third.studentId)).toMatchObject({
      gradeCode: 'P4',
      e: { entry: 'promoted' },
    });
    const ninth = enrolledAtYearEnd.find((e) => e.gradeCode === 'J3')!;
    expect(newStays.some((s) => s.e.studentId === ninth.studentId)).toBe(false);
    const [ninthOld] = await db.select().from(enrollments).where(eq(enrollments.id, ninth.enrollmentId));
    expect(ninthOld!.exit).toBe('graduated');

    const perClass = new Map<number, number[]>();
    for (const s of newStays)
      perClass.set(s.e.classId, [...(perClass.get(s.e.classId) ?? []), s.e.attendanceNo]);
    for (const numbers of perClass.values())
      expect(numbers.sort((a, b) => a - b)).toEqual(numbers.map((_, i) => i + 1));

    const before = await allEnrollments();
    const again = RolloverCommitResponse.parse(
      await (await t.post('/api/admin/rollover/commit', cookies.admin, { fiscalYear })).json(),
    );
    expect(again.created).toMatchObject({ schoolYear: false, classes: 0, enrollments: 0 });
    expect(again.plan.alreadyRolledOver).toBe(result.created.enrollments);
    expect(await allEnrollments()).toEqual(before);
  });
});

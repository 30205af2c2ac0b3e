import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import {
  ErrorResponse,
  RolloverAssignmentUploadResponse,
  RolloverCommitResponse,
  RolloverPlanResponse,
} from '@edukarte/shared';
import { classes, enrollments, schools, schoolYears } from '../src/db/schema/index.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { testEngines } from './support/test-db.ts';

describe.each(testEngines())('年度更新の学級編成ファイル over HTTP on %s', (engine) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let fiscalYear: number;

  const upload = (cookie: string | undefined, bytes: Buffer, name: string, options: unknown) => {
    const form = new FormData();
    form.append('options', JSON.stringify(options));
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
    return fetch(`${t.baseUrl}/api/admin/rollover/assignments`, {
      method: 'POST',
      headers: cookie ? { cookie } : {},
      body: form,
    });
  };
  const download = async () => {
    const response = await t.post('/api/admin/rollover/assignments/export?format=csv', cookies.admin, {
      fiscalYear,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain(`gakkyu-hensei-${fiscalYear}.csv`);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(bytes.toString('utf8').slice(1));
    return rows;
  };
  const toCsv = (rows: string[][]) => rows.map((r) => r.join(',')).join('\r\n');

  beforeAll(async () => {
    t = await startTestApp(engine);
    for (const loginId of ['teacher', 'principal', 'board', 'student', 'admin'])
      cookies[loginId] = await t.signIn(loginId);
    const years = await t.database.db.select().from(schoolYears).orderBy(schoolYears.fiscalYear);
    fiscalYear = years.at(-1)!.fiscalYear + 1;
  });
  afterAll(async () => t?.dispose());

  it('refuses the file download and upload to teacher, principal, board and student', async () => {
    for (const who of ['teacher', 'principal', 'board', 'student']) {
      const down = await t.post('/api/admin/rollover/assignments/export', cookies[who], { fiscalYear });
      expect(down.status, who).toBe(403);
      ErrorResponse.parse(await down.json());
      const up = await upload(cookies[who], Buffer.from('a'), 'a.csv', { fiscalYear });
      expect(up.status, who).toBe(403);
    }
    expect((await upload(undefined, Buffer.from('a'), 'a.csv', { fiscalYear })).status).toBe(401);
  });

  it('downloads one row per promoted or advancing pupil, in the plan’s order', async () => {
    const rows = await download();
    expect(rows[0]).toEqual([
      '児童生徒ID',
      '学校コード',
      '学校名',
      '学年',
      '組',
      '出席番号',
      '氏名',
      'ふりがな',
      '旧学年・組・番号',
      '区分',
    ]);
    const plan = RolloverPlanResponse.parse(
      await (await t.post('/api/admin/rollover/preview', cookies.admin, { fiscalYear })).json(),
    );
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(plan.placements.map((p) => p.studentId));
    expect(rows.slice(1).some((r) => r[9] === '進学')).toBe(true);
  });

  it('reports every problem of an edited file by row and column, and accepts the fixed one (Shift_JIS)', async () => {
    const rows = await download();
    const [header, a, b] = rows as [string[], string[], string[]];
    const sameClass = rows.filter((r) => r[1] === a[1] && r[3] === a[3] && r[4] === a[4]);
    expect(sameClass.length).toBeGreaterThan(1);
    const broken = rows.map((r) => [...r]);
    broken[2]![5] = a[5]!; // b gets a's 出席番号 (same class: b follows a in the file)
    const lastRow = broken.length; // the file's row number of the last line
    broken[lastRow - 1]![3] = '9'; // a wrong 学年
    const bad = await upload(cookies.admin, Buffer.from(toCsv(broken)), 'hensei.csv', { fiscalYear });
    expect(bad.status).toBe(200);
    const report = RolloverAssignmentUploadResponse.parse(await bad.json());
    expect(report.assignments).toEqual([]);
    expect(report.issues).toEqual([
      {
        file: 'hensei.csv',
        row: 3,
        column: '出席番号',
        value: a[5],
        expected: expect.stringContaining('2行目と同じ番号です') as string,
      },
      expect.objectContaining({ file: 'hensei.csv', row: lastRow, column: '学年', value: '9' }),
    ]);
    expect(b[4]).toBe(a[4]);

    // Fixed: swap the first two pupils' 出席番号, move a pupil to 2組 (as Excel saves: Shift_JIS).
    const fixed = rows.map((r) => [...r]);
    fixed[1]![5] = b[5]!;
    fixed[2]![5] = a[5]!;
    const moved = fixed.findIndex((r, i) => i > 2 && r[4] === '1組' && r[1] === a[1] && r[3] === a[3]);
    fixed[moved]![4] = '2組';
    fixed[moved]![5] = '99';
    const sjis = iconv.encode(toCsv([header, ...fixed.slice(1)]), 'cp932');
    const ok = RolloverAssignmentUploadResponse.parse(
      await (await upload(cookies.admin, sjis, 'hensei-sjis.csv', { fiscalYear })).json(),
    );
    expect(ok.issues).toEqual([]);
    expect(ok.encoding).toBe('shift_jis');
    expect(ok.assignments).toHaveLength(rows.length - 1);

    const plan = RolloverPlanResponse.parse(
      await (
        await t.post('/api/admin/rollover/preview', cookies.admin, {
          fiscalYear,
          classAssignment: 'custom',
          assignments: ok.assignments,
        })
      ).json(),
    );
    expect(plan.classAssignment).toBe('custom');
    const placed = new Map(plan.placements.map((p) => [p.studentId, p]));
    expect(placed.get(Number(a[0]))?.attendanceNo).toBe(Number(b[5]));
    expect(placed.get(Number(fixed[moved]![0]))).toMatchObject({ className: '2組', attendanceNo: 99 });

    const invalid = await t.post('/api/admin/rollover/preview', cookies.admin, {
      fiscalYear,
      classAssignment: 'custom',
      assignments: ok.assignments.slice(1),
    });
    expect(invalid.status).toBe(400);
    expect(ErrorResponse.parse(await invalid.json()).error.code).toBe('invalid_assignments');

    // Commit the custom plan; running it again changes nothing.
    const db = t.database.db;
    const request = { fiscalYear, classAssignment: 'custom', assignments: ok.assignments };
    const first = await t.post('/api/admin/rollover/commit', cookies.admin, request);
    expect(first.status).toBe(200);
    expect(RolloverCommitResponse.parse(await first.json()).created.enrollments).toBe(ok.assignments.length);
    const [year] = await db.select().from(schoolYears).where(eq(schoolYears.fiscalYear, fiscalYear));
    const stays = await db
      .select({ studentId: enrollments.studentId, no: enrollments.attendanceNo, className: classes.name })
      .from(enrollments)
      .innerJoin(classes, eq(classes.id, enrollments.classId))
      .where(eq(enrollments.schoolYearId, year!.id));
    const stayOf = new Map(stays.map((s) => [s.studentId, s]));
    for (const assignment of ok.assignments)
      expect(stayOf.get(assignment.studentId)).toEqual({
        studentId: assignment.studentId,
        no: assignment.attendanceNo,
        className: assignment.className,
      });
    const before = await db.select().from(enrollments).orderBy(enrollments.id);
    const again = await t.post('/api/admin/rollover/commit', cookies.admin, request);
    expect(again.status).toBe(400); // every pupil is now 'already': the assignments name nobody moving
    expect(await db.select().from(enrollments).orderBy(enrollments.id)).toEqual(before);
    const keep = RolloverCommitResponse.parse(
      await (await t.post('/api/admin/rollover/commit', cookies.admin, { fiscalYear })).json(),
    );
    expect(keep.created).toMatchObject({ classes: 0, enrollments: 0 });
    expect(await db.select().from(enrollments).orderBy(enrollments.id)).toEqual(before);
  });

  it('reads an unreadable file as one problem, and refuses bad options with 400', async () => {
    const empty = RolloverAssignmentUploadResponse.parse(
      await (
        await upload(cookies.admin, Buffer.alloc(0), 'empty.csv', { fiscalYear: fiscalYear + 1 })
      ).json(),
    );
    expect(empty.issues).toEqual([expect.objectContaining({ file: 'empty.csv', row: 0 })]);
    const bad = await upload(cookies.admin, Buffer.from('x'), 'x.csv', { year: 1 });
    expect(bad.status).toBe(400);
  });

  it('sends one 小6 pupil to another 中学校 by a per-pupil override, and refuses a non-小6 override', async () => {
    const db = t.database.db;
    const juniorHighs = await db.select().from(schools).where(eq(schools.kind, 'junior_high'));
    const next = fiscalYear + 1;
    const plan = RolloverPlanResponse.parse(
      await (await t.post('/api/admin/rollover/preview', cookies.admin, { fiscalYear: next })).json(),
    );
    const advancing = plan.placements.find((p) => p.kind === 'advance')!;
    const other = juniorHighs.find((s) => s.id !== advancing.schoolId);
    if (!other) return expect(juniorHighs).toHaveLength(1);
    const moved = RolloverPlanResponse.parse(
      await (
        await t.post('/api/admin/rollover/preview', cookies.admin, {
          fiscalYear: next,
          juniorHighOverrides: [{ studentId: advancing.studentId, juniorHighSchoolId: other.id }],
        })
      ).json(),
    );
    expect(moved.placements.find((p) => p.studentId === advancing.studentId)).toMatchObject({
      schoolId: other.id,
      gradeCode: 'J1',
    });
    const promoted = plan.placements.find((p) => p.kind === 'promote')!;
    const refused = await t.post('/api/admin/rollover/preview', cookies.admin, {
      fiscalYear: next,
      juniorHighOverrides: [{ studentId: promoted.studentId, juniorHighSchoolId: other.id }],
    });
    expect(refused.status).toBe(400);
    expect(ErrorResponse.parse(await refused.json()).error.code).toBe('invalid_override');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { attendanceMarks, healthObservations, schools } from '../src/db/schema/index.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { testEngines } from './support/test-db.ts';
import { pupilsOf, schoolOf, type Pupil } from './fixtures/koumu/helpers.ts';

const DAY = '2026-11-19';

describe.each(testEngines())('出欠 export to the 校務 system on %s', (engine) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let schoolId: number;
  let otherSchoolId: number;
  let pupils: Pupil[];

  beforeAll(async () => {
    t = await startTestApp(engine);
    for (const id of ['admin', 'principal', 'nurse', 'teacher', 'board', 'student'])
      cookies[id] = await t.signIn(id);
    schoolId = await schoolOf(t, 'principal');
    const all = await t.database.db.select({ id: schools.id }).from(schools);
    otherSchoolId = all.find((s) => s.id !== schoolId)!.id;
    pupils = await pupilsOf(t, schoolId, 2026, 2);
    const db = t.database.db;
    for (const p of pupils) {
      await db
        .delete(attendanceMarks)
        .where(and(eq(attendanceMarks.studentId, p.studentId), eq(attendanceMarks.date, DAY)));
      await db
        .delete(healthObservations)
        .where(and(eq(healthObservations.studentId, p.studentId), eq(healthObservations.date, DAY)));
    }
    await db.insert(attendanceMarks).values({
      schoolId,
      studentId: pupils[0]!.studentId,
      date: DAY,
      category: 'ABSENT_SICK',
      reason: '発熱',
      symptoms: ['発熱', 'せき'],
      recordedAt: new Date('2026-11-18T23:45:00Z'),
      source: 'tablet',
    });
    await db.insert(healthObservations).values({
      schoolId,
      studentId: pupils[1]!.studentId,
      date: DAY,
      symptoms: ['鼻水'],
      temperature: 37.2,
      recordedAt: new Date('2026-11-18T23:50:00Z'),
      source: 'tablet',
    });
  });
  afterAll(async () => t?.dispose());

  const url = (id: number, extra = '') => `/api/koumu/attendance-export?schoolId=${id}&date=${DAY}${extra}`;

  it('gives the day’s 出欠 and 健康観察 as UTF-8 CSV with BOM', async () => {
    const response = await t.get(url(schoolId), cookies.principal);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows: string[][] = parse(bytes.toString('utf8').slice(1), {});
    expect(rows[0]).toEqual([
      '学校コード',
      '日付',
      '学年',
      '組',
      '出席番号',
      '校務番号',
      '区分',
      '理由',
      '症状',
      '体温',
      '記録時刻',
    ]);
    const [p0, p1] = pupils as [Pupil, Pupil];
    expect(rows).toContainEqual([
      p0.schoolCode,
      DAY,
      p0.grade,
      p0.className,
      String(p0.attendanceNo),
      p0.sourceId,
      '欠席（病気）',
      '発熱',
      '発熱、せき',
      '',
      '2026-11-19 08:45:00',
    ]);
    expect(rows).toContainEqual([
      p1.schoolCode,
      DAY,
      p1.grade,
      p1.className,
      String(p1.attendanceNo),
      p1.sourceId,
      '健康観察',
      '',
      '鼻水',
      '37.2',
      '2026-11-19 08:50:00',
    ]);
  });

  it('gives the same rows in Shift_JIS when asked', async () => {
    const utf8 = Buffer.from(await (await t.get(url(schoolId), cookies.nurse)).arrayBuffer())
      .toString('utf8')
      .slice(1);
    const response = await t.get(url(schoolId, '&encoding=shift_jis'), cookies.nurse);
    expect(response.status).toBe(200);
    expect(iconv.decode(Buffer.from(await response.arrayBuffer()), 'cp932')).toBe(utf8);
  });

  it('lets admin export any school; refuses other schools, teachers, board and pupils', async () => {
    expect((await t.get(url(schoolId), cookies.admin)).status).toBe(200);
    expect((await t.get(url(otherSchoolId), cookies.principal)).status).toBe(403);
    expect((await t.get(url(otherSchoolId), cookies.nurse)).status).toBe(403);
    for (const role of ['teacher', 'board', 'student'])
      expect((await t.get(url(schoolId), cookies[role])).status, role).toBe(403);
    expect(
      (await t.get(`/api/koumu/attendance-export?schoolId=${schoolId}&date=19-11-2026`, cookies.admin))
        .status,
    ).toBe(400);
  });
});

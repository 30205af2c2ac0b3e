import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { ImportCommitResponse, ImportHistoryResponse, ImportPreviewResponse } from '@edukarte/shared';
import { attendanceMarks, columnMappings, importBatches, people } from '../src/db/schema/index.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { testEngines } from './support/test-db.ts';
import { commit, csv, pupilsOf, schoolOf, sjisCsv, upload, type Pupil } from './fixtures/koumu/helpers.ts';

const HEADER = ['校務番号', '日付', '区分', '理由', '症状', '疾病名'];

describe.each(testEngines())('出欠 CSV import over HTTP on %s', (engine) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let schoolId: number;
  let pupils: Pupil[];
  let rows: (string | number)[][];

  beforeAll(async () => {
    t = await startTestApp(engine);
    for (const id of ['admin', 'principal', 'teacher', 'nurse', 'board', 'student'])
      cookies[id] = await t.signIn(id);
    schoolId = await schoolOf(t, 'principal');
    pupils = await pupilsOf(t, schoolId, 2026, 4);
    rows = [
      HEADER,
      [pupils[0]!.sourceId, '2026-11-16', '欠席（病気）', '発熱', '発熱、せき', ''],
      [pupils[1]!.sourceId, '2026/11/16', '病', '頭痛', '', ''],
      [pupils[2]!.sourceId, '2026-11-16', 'SUSPENDED', '', '', 'インフルエンザ'],
      [pupils[3]!.sourceId, '2026-11-16', '遅刻', '受診', '', ''],
    ];
  });
  afterAll(async () => t?.dispose());

  const marksOn = async (date: string) =>
    t.database.db
      .select()
      .from(attendanceMarks)
      .where(
        and(
          eq(attendanceMarks.date, date),
          inArray(
            attendanceMarks.studentId,
            pupils.map((p) => p.studentId),
          ),
        ),
      );

  it('previews every row, writes nothing, then commits all rows with provenance', async () => {
    const response = await upload(t, cookies.admin!, csv(rows), {
      kind: 'attendance',
      sourceSystem: 'koumu',
    });
    expect(response.status).toBe(200);
    const preview = ImportPreviewResponse.parse(await response.json());
    expect(preview.problems).toEqual([]);
    expect(preview.encoding).toBe('utf-8');
    expect(preview.mapping).toMatchObject({ studentNumber: '校務番号', date: '日付', category: '区分' });
    expect(preview.batch).toMatchObject({ status: 'previewed', counts: { rows: 4, valid: 4, problems: 0 } });
    expect(preview.preview[0]).toMatchObject({
      row: 2,
      values: { date: '2026-11-16', category: 'ABSENT_SICK', symptoms: '発熱、せき' },
    });
    // the pupil as a teacher knows them: 氏名, reading and class, not an internal id
    const [person] = await t.database.db
      .select({ familyName: people.familyName, givenName: people.givenName })
      .from(people)
      .where(eq(people.id, pupils[0]!.studentId));
    expect(preview.preview[0]!.student).toMatchObject({
      id: pupils[0]!.studentId,
      name: `${person!.familyName} ${person!.givenName}`,
      gradeCode: `P${pupils[0]!.grade}`,
      className: `${pupils[0]!.className}組`,
      attendanceNo: pupils[0]!.attendanceNo,
    });
    expect(preview.preview[0]!.student.kana).toMatch(/^[ァ-ヶー]+ [ァ-ヶー]+$/);
    expect(preview.preview[0]!.values).not.toHaveProperty('student_id');
    expect(preview.preview[0]!.values).not.toHaveProperty('school_id');
    expect(await marksOn('2026-11-16')).toHaveLength(0);

    const committed = ImportCommitResponse.parse(
      await (await commit(t, cookies.admin!, preview.batch.id)).json(),
    );
    expect(committed.batch).toMatchObject({
      status: 'committed',
      counts: { inserted: 4, updated: 0, unchanged: 0 },
    });
    const marks = await marksOn('2026-11-16');
    expect(marks.map((m) => m.category).sort()).toEqual(['ABSENT_SICK', 'ABSENT_SICK', 'LATE', 'SUSPENDED']);
    expect(marks.every((m) => m.source === 'koumu' && m.batchId === preview.batch.id)).toBe(true);
    expect(marks.find((m) => m.category === 'SUSPENDED')?.disease).toBe('インフルエンザ');

    // committing the same batch again changes nothing
    const again = ImportCommitResponse.parse(
      await (await commit(t, cookies.admin!, preview.batch.id)).json(),
    );
    expect(again.batch.counts).toMatchObject({ inserted: 4 });
    expect(await marksOn('2026-11-16')).toHaveLength(4);
  });

  it('re-imports the same file as Shift_JIS: same rows, nothing duplicated, all unchanged', async () => {
    const response = await upload(t, cookies.admin!, sjisCsv(rows), {
      kind: 'attendance',
      sourceSystem: 'koumu',
    });
    const preview = ImportPreviewResponse.parse(await response.json());
    expect(preview.encoding).toBe('shift_jis');
    expect(preview.problems).toEqual([]);
    const committed = ImportCommitResponse.parse(
      await (await commit(t, cookies.admin!, preview.batch.id)).json(),
    );
    expect(committed.batch.counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 4 });
    expect(await marksOn('2026-11-16')).toHaveLength(4);
  });

  it('updates a changed row on re-import (BOM file), keeping the others unchanged', async () => {
    const changed = rows.map((r, i) => (i === 4 ? [r[0]!, r[1]!, '早退', '腹痛', '', ''] : r));
    const preview = ImportPreviewResponse.parse(
      await (
        await upload(t, cookies.admin!, csv(changed, true), { kind: 'attendance', sourceSystem: 'koumu' })
      ).json(),
    );
    expect(preview.encoding).toBe('utf-8');
    const committed = ImportCommitResponse.parse(
      await (await commit(t, cookies.admin!, preview.batch.id)).json(),
    );
    expect(committed.batch.counts).toMatchObject({ inserted: 0, updated: 1, unchanged: 3 });
    const marks = await marksOn('2026-11-16');
    expect(marks.find((m) => m.studentId === pupils[3]!.studentId)).toMatchObject({
      category: 'EARLY_LEAVE',
      reason: '腹痛',
    });
  });

  it('decodes Shift_JIS, UTF-8 and UTF-8 with BOM to the same preview rows', async () => {
    const previews = await Promise.all(
      [csv(rows), csv(rows, true), sjisCsv(rows)].map(async (file) =>
        ImportPreviewResponse.parse(
          await (await upload(t, cookies.admin!, file, { kind: 'attendance' })).json(),
        ),
      ),
    );
    expect(previews[1]!.preview).toEqual(previews[0]!.preview);
    expect(previews[2]!.preview).toEqual(previews[0]!.preview);
  });

  it('identifies pupils by 学校コード + 学年 + 組 + 出席番号 and reuses a saved column mapping', async () => {
    const p = pupils[0]!;
    const file = csv([
      ['学校CD', '年', 'クラス', '番', '出欠日', 'しゅるい'],
      [p.schoolCode, p.grade, p.className, p.attendanceNo, '2026-11-17', '忌'],
    ]);
    const mapping = {
      schoolCode: '学校CD',
      grade: '年',
      className: 'クラス',
      attendanceNo: '番',
      date: '出欠日',
      category: 'しゅるい',
    };
    const first = ImportPreviewResponse.parse(
      await (
        await upload(t, cookies.admin!, file, {
          kind: 'attendance',
          sourceSystem: 'other-koumu',
          mapping: JSON.stringify(mapping),
        })
      ).json(),
    );
    expect(first.problems).toEqual([]);
    expect(first.preview[0]!.student.id).toBe(p.studentId);
    expect(first.preview[0]!.values).toMatchObject({ category: 'MOURNING' });
    expect((await commit(t, cookies.admin!, first.batch.id)).status).toBe(200);
    const [saved] = await t.database.db
      .select({ n: count() })
      .from(columnMappings)
      .where(eq(columnMappings.sourceSystem, 'other-koumu'));
    expect(saved!.n).toBe(1);
    const second = ImportPreviewResponse.parse(
      await (
        await upload(t, cookies.admin!, file, { kind: 'attendance', sourceSystem: 'other-koumu' })
      ).json(),
    );
    expect(second.mapping).toEqual(mapping);
    expect(second.problems).toEqual([]);
  });

  it('reports every bad row with row, column, value and what was expected, and refuses to commit', async () => {
    const file = csv([
      HEADER,
      [pupils[0]!.sourceId, '2026-11-18', '欠席', '', '', ''],
      [pupils[1]!.sourceId, '2026-02-30', '欠席', '', '', ''],
      [pupils[2]!.sourceId, '2026-11-18', 'ずる休み', '', '', ''],
      ['9999999999', '2026-11-18', '欠席', '', '', ''],
      [pupils[0]!.sourceId, '2026-11-18', '遅刻', '', '', ''],
    ]);
    const response = await upload(t, cookies.admin!, file, { kind: 'attendance' }, 'bad.csv');
    const preview = ImportPreviewResponse.parse(await response.json());
    expect(preview.problems).toEqual([
      { row: 3, column: '日付', value: '2026-02-30', expected: '日付（YYYY-MM-DD または YYYY/M/D）' },
      {
        row: 4,
        column: '区分',
        value: 'ずる休み',
        expected: expect.stringContaining('欠席（病気）') as string,
      },
      { row: 5, column: '校務番号', value: '9999999999', expected: '今年度在籍している児童生徒の校務番号' },
      {
        row: 6,
        column: '校務番号',
        value: pupils[0]!.sourceId,
        expected: '同じ児童生徒・同じ記録は1行だけ（2行目と重複）',
      },
    ]);
    expect(preview.batch.counts).toMatchObject({ rows: 5, valid: 1, problems: 4 });
    const refused = await commit(t, cookies.admin!, preview.batch.id);
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('bad.csv');
    expect(await marksOn('2026-11-18')).toHaveLength(0);

    const report = await t.get(`/api/admin/koumu-imports/${preview.batch.id}/problems.csv`, cookies.admin);
    const bytes = Buffer.from(await report.arrayBuffer());
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = bytes.toString('utf8');
    expect(text.startsWith('\uFEFFファイル,行,列,値,期待される値')).toBe(true);
    expect(text).toContain('bad.csv,4,区分,ずる休み');
  });

  it('names a missing required column, and rejects empty and unreadable files clearly', async () => {
    const missing = ImportPreviewResponse.parse(
      await (
        await upload(
          t,
          cookies.admin!,
          csv([
            ['校務番号', '区分'],
            [pupils[0]!.sourceId, '欠席'],
          ]),
          { kind: 'attendance' },
        )
      ).json(),
    );
    expect(missing.problems).toEqual([{ row: 1, column: '日付', value: '', expected: '列「日付」（必須）' }]);

    const empty = await upload(t, cookies.admin!, Buffer.alloc(0), { kind: 'attendance' }, 'empty.csv');
    expect(empty.status).toBe(400);
    expect(await empty.json()).toEqual({
      error: { code: 'unreadable_file', message: 'empty.csv: ファイルが空です' },
    });

    const noKind = await upload(t, cookies.admin!, csv(rows), {});
    expect(noKind.status).toBe(400);
  });

  it('rolls back everything when one row fails to write (all or nothing)', async () => {
    const preview = ImportPreviewResponse.parse(
      await (
        await upload(
          t,
          cookies.admin!,
          csv([
            HEADER,
            [pupils[0]!.sourceId, '2026-11-19', '欠席', '', '', ''],
            [pupils[1]!.sourceId, '2026-11-19', '欠席', '', '', ''],
          ]),
          { kind: 'attendance' },
        )
      ).json(),
    );
    // corrupt the stored second row so the database rejects it inside the commit transaction
    const [batch] = await t.database.db
      .select()
      .from(importBatches)
      .where(eq(importBatches.id, preview.batch.id));
    const report = batch!.report as { rows: string };
    const rows = JSON.parse(report.rows) as Record<string, unknown>[];
    rows[1]!.category = 'NOT_A_CATEGORY';
    await t.database.db
      .update(importBatches)
      .set({ report: { ...report, rows: JSON.stringify(rows) } })
      .where(eq(importBatches.id, preview.batch.id));
    const failed = await commit(t, cookies.admin!, preview.batch.id);
    expect(failed.status).toBe(500);
    expect(await marksOn('2026-11-19')).toHaveLength(0);
    const history = ImportHistoryResponse.parse(
      await (await t.get('/api/admin/koumu-imports', cookies.admin)).json(),
    );
    expect(history.batches.find((b) => b.id === preview.batch.id)?.status).toBe('previewed');
  });

  it('lets a principal import for their own school only; teachers, nurses, board and pupils get 403', async () => {
    const own = await upload(t, cookies.principal!, csv(rows), { kind: 'attendance' });
    expect(own.status).toBe(200);
    const ownPreview = ImportPreviewResponse.parse(await own.json());
    expect(ownPreview.batch.schoolId).toBe(schoolId);
    const history = ImportHistoryResponse.parse(
      await (await t.get('/api/admin/koumu-imports', cookies.principal)).json(),
    );
    expect(history.batches.every((b) => b.schoolId === schoolId)).toBe(true);
    expect(history.batches[0]).toMatchObject({
      createdBy: expect.any(String) as string,
      fileName: 'koumu.csv',
    });

    const adminBatch = ImportPreviewResponse.parse(
      await (await upload(t, cookies.admin!, csv(rows), { kind: 'attendance' })).json(),
    );
    expect((await commit(t, cookies.principal!, adminBatch.batch.id)).status).toBe(403);
    const other = await upload(t, cookies.principal!, csv(rows), {
      kind: 'attendance',
      schoolId: String(schoolId + 1),
    });
    expect(other.status).toBe(403);

    for (const role of ['teacher', 'nurse', 'board', 'student']) {
      expect((await upload(t, cookies[role]!, csv(rows), { kind: 'attendance' })).status, role).toBe(403);
      expect((await t.get('/api/admin/koumu-imports', cookies[role])).status, role).toBe(403);
      expect((await commit(t, cookies[role]!, adminBatch.batch.id)).status, role).toBe(403);
      expect(
        (await t.get('/api/admin/koumu-imports/templates/attendance.csv', cookies[role])).status,
        role,
      ).toBe(403);
    }
    expect((await upload(t, '', csv(rows), { kind: 'attendance' })).status).toBe(401);
  });

  it('pages the history newest first, counting only what the caller may see', async () => {
    for (let i = 0; i < 3; i++)
      expect(
        (await upload(t, cookies.admin!, csv(rows), { kind: 'attendance' }, `page-${i}.csv`)).status,
      ).toBe(200);
    const page = async (cookie: string, query: string) => {
      const response = await t.get(`/api/admin/koumu-imports?${query}`, cookie);
      expect(response.status).toBe(200);
      return ImportHistoryResponse.parse(await response.json());
    };
    const all = await page(cookies.admin!, 'pageSize=100');
    expect(all.total).toBe(all.batches.length);
    expect(all.batches.map((b) => b.id)).toEqual([...all.batches.map((b) => b.id)].sort((a, b) => b - a));
    expect(all.batches[0]!.fileName).toBe('page-2.csv');

    const first = await page(cookies.admin!, 'page=1&pageSize=2');
    const second = await page(cookies.admin!, 'page=2&pageSize=2');
    expect(first).toMatchObject({ total: all.total, page: 1, pageSize: 2 });
    expect([...first.batches, ...second.batches].map((b) => b.id)).toEqual(
      all.batches.slice(0, 4).map((b) => b.id),
    );
    const beyond = await page(cookies.admin!, `page=${all.total + 1}&pageSize=1`);
    expect(beyond).toMatchObject({ batches: [], total: all.total });

    // a principal counts the imports of their school only; the admin's own imports are not theirs
    const principal = await page(cookies.principal!, 'pageSize=100');
    expect(principal.total).toBe(principal.batches.length);
    expect(principal.batches.every((b) => b.schoolId === schoolId)).toBe(true);
    expect(principal.total).toBeLessThan(all.total);

    for (const query of ['page=0', 'pageSize=0', 'pageSize=101', 'page=x'])
      expect((await t.get(`/api/admin/koumu-imports?${query}`, cookies.admin)).status, query).toBe(400);
  });

  it('cleans up previews nobody committed for a day on the next upload, keeping the problem reports', async () => {
    const clean = ImportPreviewResponse.parse(
      await (await upload(t, cookies.admin!, csv(rows), { kind: 'attendance' }, 'clean.csv')).json(),
    );
    const withProblems = ImportPreviewResponse.parse(
      await (
        await upload(
          t,
          cookies.admin!,
          csv([HEADER, [pupils[0]!.sourceId, '2026-11-31', '欠席', '', '', '']]),
          { kind: 'attendance' },
          'bad.csv',
        )
      ).json(),
    );
    const recent = ImportPreviewResponse.parse(
      await (await upload(t, cookies.admin!, csv(rows), { kind: 'attendance' }, 'recent.csv')).json(),
    );
    expect(withProblems.batch.counts.problems).toBe(1);
    // the first two were previewed 25 hours ago; the third just now
    await t.database.db
      .update(importBatches)
      .set({ createdAt: sql`now() - interval '25 hours'` })
      .where(inArray(importBatches.id, [clean.batch.id, withProblems.batch.id]));

    const next = await upload(t, cookies.admin!, csv(rows), { kind: 'attendance' }, 'next.csv');
    expect(next.status).toBe(200);
    const left = await t.database.db
      .select({ id: importBatches.id, status: importBatches.status, report: importBatches.report })
      .from(importBatches)
      .where(inArray(importBatches.id, [clean.batch.id, withProblems.batch.id, recent.batch.id]));
    const byId = new Map(left.map((b) => [b.id, b]));
    expect(byId.has(clean.batch.id)).toBe(false);
    expect(byId.get(recent.batch.id)?.status).toBe('previewed');
    const expired = byId.get(withProblems.batch.id);
    expect(expired?.status).toBe('failed');
    expect(expired?.report).not.toHaveProperty('rows');
    expect(expired?.report).toMatchObject({ expired: true, counts: { problems: 1 } });
    // its problem report can still be downloaded; the deleted one can no longer be committed
    const report = await t.get(
      `/api/admin/koumu-imports/${withProblems.batch.id}/problems.csv`,
      cookies.admin,
    );
    expect(await report.text()).toContain('2026-11-31');
    const gone = await commit(t, cookies.admin!, clean.batch.id);
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as { error: { message: string } }).error.message).toContain(
      'もう一度アップロード',
    );
  });

  it('serves a template per kind with Japanese headers and an example row', async () => {
    const response = await t.get('/api/admin/koumu-imports/templates/attendance.csv', cookies.admin);
    expect(response.status).toBe(200);
    const text = Buffer.from(await response.arrayBuffer()).toString('utf8');
    expect(text.split('\r\n')[0]).toBe(
      '\uFEFF校務番号,学校コード,学年,組,出席番号,日付,区分,理由,症状,疾病名,備考',
    );
    const xlsx = await t.get('/api/admin/koumu-imports/templates/grades.xlsx', cookies.admin);
    expect(xlsx.status).toBe(200);
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
  });
});

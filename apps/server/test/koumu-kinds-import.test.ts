import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import writeXlsxFile from 'write-excel-file/node';
import { ImportCommitResponse, ImportPreviewResponse, type KoumuImportKind } from '@edukarte/shared';
import {
  assessmentResults,
  assessments,
  gradeRecords,
  healthObservations,
  nurseVisits,
  people,
  teacherNotes,
} from '../src/db/schema/index.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { testEngines } from './support/test-db.ts';
import {
  commit,
  csv,
  pupilsOf,
  schoolOf,
  staffNumberOf,
  upload,
  type Pupil,
} from './fixtures/koumu/helpers.ts';

describe.each(testEngines())('校務 imports of every kind on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let pupils: Pupil[];
  let author: { personId: number; sourceId: string };

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.signIn('admin');
    pupils = await pupilsOf(t, await schoolOf(t, 'principal'), 2026, 3);
    author = await staffNumberOf(t, 'teacher');
  });
  afterAll(async () => t?.dispose());

  /** Uploads and commits a file, asserting it had no problems; returns the commit counts. */
  async function importFile(kind: KoumuImportKind, file: Buffer, fileName = `${kind}.csv`) {
    const response = await upload(t, admin, file, { kind, sourceSystem: 'koumu' }, fileName);
    expect(response.status).toBe(200);
    const preview = ImportPreviewResponse.parse(await response.json());
    expect(preview.problems).toEqual([]);
    const committed = ImportCommitResponse.parse(await (await commit(t, admin, preview.batch.id)).json());
    return { preview, counts: committed.batch.counts };
  }
  const ids = () => pupils.map((p) => p.studentId);

  it('健康観察: imports symptoms and 体温, and a re-import changes nothing', async () => {
    const file = csv([
      ['校務番号', '日付', '症状', '体温'],
      [pupils[0]!.sourceId, '2026-11-16', '発熱、せき', '37.8'],
      [pupils[1]!.sourceId, '2026-11-16', '鼻水', ''],
    ]);
    expect((await importFile('health', file)).counts).toMatchObject({
      inserted: 2,
      updated: 0,
      unchanged: 0,
    });
    expect((await importFile('health', file)).counts).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 2,
    });
    const rows = await t.database.db
      .select()
      .from(healthObservations)
      .where(and(eq(healthObservations.date, '2026-11-16'), inArray(healthObservations.studentId, ids())));
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.studentId === pupils[0]!.studentId)).toMatchObject({
      symptoms: ['発熱', 'せき'],
      temperature: 37.8,
      source: 'koumu',
    });
  });

  it('保健室来室: keyed by pupil and 来室日時; a changed 処置 updates the visit', async () => {
    const rows = (treatment: string) => [
      ['校務番号', '来室日時', '退室日時', '来室理由区分', '来室理由', '処置', '対応'],
      [pupils[0]!.sourceId, '2026-11-16 10:15', '2026-11-16 10:40', '内科', '頭痛', treatment, '教室へ戻る'],
      [pupils[1]!.sourceId, '2026/11/16 12:05', '', '外科（けが）', 'すり傷', '洗浄、被覆', '教室へ戻る'],
    ];
    expect((await importFile('nurse', csv(rows('休養')))).counts).toMatchObject({ inserted: 2 });
    expect((await importFile('nurse', csv(rows('休養、検温・脈拍')))).counts).toMatchObject({
      inserted: 0,
      updated: 1,
      unchanged: 1,
    });
    const visits = await t.database.db
      .select()
      .from(nurseVisits)
      .where(and(inArray(nurseVisits.studentId, ids()), eq(nurseVisits.source, 'koumu')));
    expect(visits).toHaveLength(2);
    const first = visits.find((v) => v.studentId === pupils[0]!.studentId)!;
    expect(first.visitedAt.toISOString()).toBe('2026-11-16T01:15:00.000Z');
    expect(first).toMatchObject({
      reasonGroup: 'ILLNESS',
      treatments: ['休養', '検温・脈拍'],
      outcome: 'returned_to_class',
    });
  });

  it('テスト結果: finds or creates the assessment by its natural key and upserts scores', async () => {
    const rows = (score: number) => [
      ['校務番号', 'テスト種別', '教科', 'テスト名', '実施日', '満点', '得点'],
      [
        pupils[0]!.sourceId,
        '単元テスト',
        '国語',
        '物語文の読み取り（インポート）',
        '2026-11-10',
        '100',
        String(score),
      ],
      [
        pupils[1]!.sourceId,
        '単元テスト',
        '国語',
        '物語文の読み取り（インポート）',
        '2026-11-10',
        '100',
        '72',
      ],
    ];
    expect((await importFile('results', csv(rows(85)))).counts).toMatchObject({ inserted: 2 });
    expect((await importFile('results', csv(rows(90)))).counts).toMatchObject({
      inserted: 0,
      updated: 1,
      unchanged: 1,
    });
    const tests = await t.database.db
      .select()
      .from(assessments)
      .where(eq(assessments.title, '物語文の読み取り（インポート）'));
    expect(tests).toHaveLength(1);
    expect(tests[0]).toMatchObject({ kind: 'unit', subjectCode: 'JPN', maxScore: 100, source: 'koumu' });
    const results = await t.database.db
      .select()
      .from(assessmentResults)
      .where(eq(assessmentResults.assessmentId, tests[0]!.id));
    expect(results.map((r) => r.score).sort()).toEqual([72, 90]);
  });

  it('評定・観点別: keyed by pupil, year, 学期 and 教科', async () => {
    const rows = (rating: string) => [
      [
        '校務番号',
        '年度',
        '学期',
        '教科',
        '評定',
        '知識・技能',
        '思考・判断・表現',
        '主体的に学習に取り組む態度',
      ],
      [pupils[0]!.sourceId, '2026', '2', '算数', rating, 'A', 'B', 'A'],
      [pupils[1]!.sourceId, '2026', '2', '算数', '2', 'B', 'B', 'C'],
    ];
    const first = (await importFile('grades', csv(rows('3')))).counts;
    expect(first.inserted! + first.updated!).toBe(2);
    expect((await importFile('grades', csv(rows('2')))).counts).toMatchObject({
      inserted: 0,
      updated: 1,
      unchanged: 1,
    });
    const grades = await t.database.db
      .select()
      .from(gradeRecords)
      .where(
        and(
          inArray(gradeRecords.studentId, ids()),
          eq(gradeRecords.period, 2),
          eq(gradeRecords.subjectCode, 'MATH'),
          eq(gradeRecords.source, 'koumu'),
        ),
      );
    expect(grades.find((g) => g.studentId === pupils[0]!.studentId)).toMatchObject({
      rating: 2,
      knowledge: 'A',
      thinking: 'B',
      attitude: 'A',
    });
  });

  it('所見: keyed by pupil, date, author, kind and body; imported from .xlsx', async () => {
    const sheet = [
      ['校務番号', '記録日', '種別', '公開範囲', '記録者番号', '内容'],
      [
        pupils[0]!.sourceId,
        '2026-11-12',
        'いいとこみつけ',
        '校内教職員',
        author.sourceId,
        '下級生に優しく声をかけていた。',
      ],
      [pupils[1]!.sourceId, '2026-11-12', '日常所見', '', author.sourceId, '発表の声が大きくなった。'],
    ].map((row) => row.map((value) => ({ value, type: String })));
    const xlsx = await writeXlsxFile(sheet).toBuffer();
    const first = await importFile('notes', xlsx, 'notes.xlsx');
    expect(first.preview.encoding).toBe('xlsx');
    // codes for the page to label, and the author by name rather than by id
    const [teacher] = await t.database.db
      .select({ familyName: people.familyName, givenName: people.givenName })
      .from(people)
      .where(eq(people.id, author.personId));
    expect(first.preview.preview[0]!.values).toEqual({
      date: '2026-11-12',
      noteKind: 'good_point',
      visibility: 'school_staff',
      author: `${teacher!.familyName} ${teacher!.givenName}`,
      body: '下級生に優しく声をかけていた。',
    });
    expect(first.counts).toMatchObject({ inserted: 2 });
    expect((await importFile('notes', xlsx, 'notes.xlsx')).counts).toMatchObject({
      inserted: 0,
      unchanged: 2,
    });
    const notes = await t.database.db
      .select()
      .from(teacherNotes)
      .where(and(inArray(teacherNotes.studentId, ids()), eq(teacherNotes.source, 'koumu')));
    expect(notes).toHaveLength(2);
    expect(notes.find((n) => n.studentId === pupils[0]!.studentId)).toMatchObject({
      kind: 'good_point',
      visibility: 'school_staff',
      authorId: author.personId,
      notedOn: '2026-11-12',
    });
  });

  it('reads 学年・組・出席番号 and xlsx dates', async () => {
    const p = pupils[2]!;
    const sheet = [
      [
        { value: '学校コード' },
        { value: '学年' },
        { value: '組' },
        { value: '出席番号' },
        { value: '日付' },
        { value: '区分' },
      ],
      [
        { value: p.schoolCode },
        { value: Number(p.grade), type: Number },
        { value: `${p.className}組` },
        { value: p.attendanceNo, type: Number },
        { value: new Date(Date.UTC(2026, 10, 13)), type: Date, format: 'yyyy-mm-dd' },
        { value: '欠席（病気）' },
      ],
    ];
    const xlsx = await writeXlsxFile(sheet as never).toBuffer();
    const { preview, counts } = await importFile('attendance', xlsx, 'attendance.xlsx');
    expect(preview.preview[0]!.student.id).toBe(p.studentId);
    expect(preview.preview[0]!.values).toMatchObject({
      date: '2026-11-13',
      category: 'ABSENT_SICK',
    });
    expect(counts).toMatchObject({ inserted: 1 });
  });

  it('reports problems of each kind with the header, value and what was expected', async () => {
    const response = await upload(
      t,
      admin,
      csv([
        ['校務番号', '年度', '学期', '教科', '評定', '知識・技能'],
        [pupils[0]!.sourceId, '2026', '4', '算数', '3', 'A'],
        [pupils[0]!.sourceId, '2026', '1', '書道', '6', 'D'],
      ]),
      { kind: 'grades' },
      'grades.csv',
    );
    const preview = ImportPreviewResponse.parse(await response.json());
    expect(preview.problems).toEqual([
      { row: 2, column: '学期', value: '4', expected: '学期（1・2・3、学年末は 9）' },
      { row: 3, column: '教科', value: '書道', expected: expect.stringContaining('国語') as string },
      { row: 3, column: '評定', value: '6', expected: '評定（1〜5 の整数、または空欄）' },
      { row: 3, column: '知識・技能', value: 'D', expected: 'A・B・C または空欄' },
    ]);
  });
});

describe('oversized uploads', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite', { EDUKARTE_IMPORT_MAX_BYTES: '2048' });
  });
  afterAll(async () => t?.dispose());

  it('refuses a file over the limit with 413 and a clear message', async () => {
    const admin = await t.signIn('admin');
    const big = csv([
      ['校務番号', '日付', '区分'],
      ...Array.from({ length: 200 }, (_, i) => [`S${i}`, '2026-11-16', '欠席']),
    ]);
    const response = await upload(t, admin, big, { kind: 'attendance' }, 'big.csv');
    expect(response.status).toBe(413);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('file_too_large');
    expect(body.error.message).toContain('上限');
    // the limit comes from the configuration: unset, the same file is accepted
    const roomy = await startTestApp('pglite');
    try {
      const accepted = await upload(
        roomy,
        await roomy.signIn('admin'),
        big,
        { kind: 'attendance' },
        'big.csv',
      );
      expect(accepted.status).toBe(200);
    } finally {
      await roomy.dispose();
    }
  });
});

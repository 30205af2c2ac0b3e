import { describe, expect, it } from 'vitest';
import { fixedT } from '../../i18n/fixed-t.ts';
import {
  countsLabel,
  fieldLabel,
  formatJapanTime,
  mappingRows,
  mappingToSend,
  missingRequired,
  placeLabel,
  previewCell,
  previewColumns,
} from './mappers.ts';

const ja = fixedT('ja');
const en = fixedT('en');

describe('koumu import mappers', () => {
  it('lists every field of a kind with the chosen header', () => {
    const rows = mappingRows('attendance', { studentNumber: '番号', date: '日付' });
    expect(rows[0]).toEqual({ key: 'studentNumber', required: false, header: '番号' });
    expect(rows.find((r) => r.key === 'category')).toMatchObject({ required: true, header: '' });
    expect(mappingToSend(rows)).toEqual({ studentNumber: '番号', date: '日付' });
    expect(missingRequired(rows)).toEqual(['category']);
  });

  it('names fields as the template does, per kind, and in English', () => {
    expect(fieldLabel('attendance', 'date', ja)).toBe('日付');
    expect(fieldLabel('notes', 'date', ja)).toBe('記録日');
    expect(fieldLabel('nurse', 'reason', ja)).toBe('来室理由');
    expect(fieldLabel('attendance', 'category', en)).toBe('Category');
    expect(fieldLabel('attendance', 'unknownKey', ja)).toBe('unknownKey');
  });

  it.each([
    [{ rows: 10, valid: 10, problems: 0 }, '10行', '10 rows'],
    [{ rows: 10, valid: 7, problems: 3 }, '10行（問題 3件）', '10 rows (3 problems)'],
    [
      { rows: 10, valid: 10, problems: 0, inserted: 4, updated: 5, unchanged: 1 },
      '追加 4・更新 5・変更なし 1',
      '4 added, 5 updated, 1 unchanged',
    ],
  ])('counts %o → %s', (counts, label, english) => {
    expect(countsLabel(counts, ja)).toBe(label);
    expect(countsLabel(counts, en)).toBe(english);
  });

  it.each([
    ['category', 'ABSENT_SICK', '欠席（病気）'],
    ['category', 'LATE', '遅刻'],
    ['category', 'SUSPENDED', '出席停止'],
    ['reasonGroup', 'ILLNESS', '内科'],
    ['outcome', 'returned_to_class', '教室へ戻る'],
    ['assessmentKind', 'unit', '単元テスト'],
    ['subject', 'MATH', '算数・数学'],
    ['assessmentGrade', 'P6', '6年'],
    ['noteKind', 'good_point', 'いいとこみつけ'],
    ['visibility', 'school_staff', '校内教職員'],
    ['reason', '発熱', '発熱'],
    ['category', 'SOMETHING_NEW', 'SOMETHING_NEW'],
  ])('shows %s %s as 「%s」', (key, value, label) => {
    expect(previewCell(key, value, ja)).toBe(label);
  });

  it('shows coded values in English too', () => {
    expect(previewCell('category', 'ABSENT_SICK', en)).toBe('Absent (illness)');
    expect(previewCell('outcome', 'clinic', en)).toBe('Seen by a doctor');
  });

  it('places a pupil in their class: 「6年1組 12番」', () => {
    const student = {
      id: 1,
      name: '佐藤 陽翔',
      kana: 'サトウ ハルト',
      schoolName: '中央小学校',
      gradeCode: 'P6',
      className: '1組',
      attendanceNo: 12,
    };
    expect(placeLabel(student, ja)).toBe('6年1組 12番');
    expect(placeLabel(student, en)).toBe('Grade 6 1組, No. 12');
    expect(placeLabel({ ...student, gradeCode: null, className: null, attendanceNo: null }, ja)).toBe('');
  });

  it('takes preview columns in template order from the first row, and formats times in Japan time', () => {
    const student = {
      id: 1,
      name: '',
      kana: '',
      schoolName: '',
      gradeCode: null,
      className: null,
      attendanceNo: null,
    };
    expect(
      previewColumns('attendance', [{ row: 2, student, values: { category: 'LATE', date: '2026-11-20' } }]),
    ).toEqual(['date', 'category']);
    expect(previewColumns('attendance', [])).toEqual([]);
    expect(formatJapanTime('2026-11-20T15:30:00.000Z')).toBe('2026-11-21 00:30');
  });
});

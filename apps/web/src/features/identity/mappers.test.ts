import { describe, expect, it } from 'vitest';
import type { IncomingRecord, PersonSummary } from '@edukarte/shared';
import { compareRecords, movedTotal, stayLines } from './mappers.ts';

const incoming: IncomingRecord = {
  system: 'oneroster',
  sourceId: 'u-1',
  familyName: '佐藤',
  givenName: '陽菜',
  familyNameKana: 'サトウ',
  givenNameKana: 'ヒナ',
  birthDate: null,
};
const candidate: PersonSummary = {
  id: 7,
  familyName: '佐藤',
  givenName: '陽奈',
  familyNameKana: 'サトウ',
  givenNameKana: 'ヒナ',
  birthDate: '2015-05-01',
  stays: [
    {
      fiscalYear: 2024,
      schoolName: '中央小学校',
      classLabel: '4年1組',
      startDate: '2024-04-01',
      endDate: '2025-03-31',
    },
    {
      fiscalYear: 2025,
      schoolName: '中央小学校',
      classLabel: '5年2組',
      startDate: '2025-04-01',
      endDate: '2026-03-31',
    },
  ],
};

describe('compareRecords', () => {
  it('marks which fields agree and fills a missing value', () => {
    expect(compareRecords(incoming, candidate, '—')).toEqual([
      { field: 'name', incoming: '佐藤 陽菜', candidate: '佐藤 陽奈', same: false },
      { field: 'kana', incoming: 'サトウ ヒナ', candidate: 'サトウ ヒナ', same: true },
      { field: 'birthDate', incoming: '—', candidate: '2015-05-01', same: false },
      { field: 'source', incoming: 'oneroster: u-1', candidate: 'ID 7', same: false },
    ]);
  });
  it('treats half-width kana and spaces as the same', () => {
    const rows = compareRecords({ ...incoming, familyNameKana: 'ｻﾄｳ' }, candidate, '—');
    expect(rows[1]?.same).toBe(true);
  });
});

describe('stayLines', () => {
  it('lists stays newest first', () => {
    expect(stayLines(candidate)).toEqual(['2025年度 中央小学校 5年2組', '2024年度 中央小学校 4年1組']);
  });
});

describe('movedTotal', () => {
  it.each([
    [{}, 0],
    [{ 'enrollments.student_id': 2, 'attendance_marks.student_id': 5 }, 7],
  ])('%j → %i', (moved, total) => {
    expect(movedTotal(moved)).toBe(total);
  });
});

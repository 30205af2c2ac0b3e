import { describe, expect, it } from 'vitest';
import {
  countsLabel,
  formatJapanTime,
  mappingRows,
  mappingToSend,
  missingRequired,
  previewColumns,
} from './mappers.ts';

describe('koumu import mappers', () => {
  it('lists every field of a kind with the chosen header', () => {
    const rows = mappingRows('attendance', { studentNumber: '番号', date: '日付' });
    expect(rows[0]).toEqual({ key: 'studentNumber', label: '校務番号', required: false, header: '番号' });
    expect(rows.find((r) => r.key === 'category')).toMatchObject({ required: true, header: '' });
    expect(mappingToSend(rows)).toEqual({ studentNumber: '番号', date: '日付' });
    expect(missingRequired(rows)).toEqual(['区分']);
  });

  it.each([
    [{ rows: 10, valid: 10, problems: 0 }, '10行'],
    [{ rows: 10, valid: 7, problems: 3 }, '10行（問題 3件）'],
    [
      { rows: 10, valid: 10, problems: 0, inserted: 4, updated: 5, unchanged: 1 },
      '追加 4・更新 5・変更なし 1',
    ],
  ])('counts %o → %s', (counts, label) => expect(countsLabel(counts)).toBe(label));

  it('takes preview columns from the first row and formats times in Japan time', () => {
    expect(previewColumns([{ row: 2, values: { student_id: '1', date: '2026-11-20' } }])).toEqual([
      'student_id',
      'date',
    ]);
    expect(previewColumns([])).toEqual([]);
    expect(formatJapanTime('2026-11-20T15:30:00.000Z')).toBe('2026-11-21 00:30');
  });
});

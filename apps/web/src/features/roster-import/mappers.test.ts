import { describe, expect, it } from 'vitest';
import type { OneRosterImportReport } from '@edukarte/shared';
import { appliedLines, rowLabel, rowsLine } from './mappers.ts';

const report: OneRosterImportReport = {
  ok: true,
  committed: true,
  version: '1.2',
  errors: [],
  warnings: [],
  counts: {
    rows: { 'orgs.csv': 3, 'users.csv': 20 },
    applied: {
      people: { inserted: 20, updated: 1, ended: 0, unchanged: 0 },
      terms: { inserted: 0, updated: 0, ended: 0, unchanged: 2 },
      futureKind: { inserted: 1, updated: 0, ended: 0, unchanged: 0 },
    },
  },
};

describe('roster import mappers', () => {
  it('lists only the kinds that changed, in Japanese', () => {
    expect(appliedLines(report)).toEqual([
      '児童生徒・教職員: 追加 20・更新 1・終了 0',
      'futureKind: 追加 1・更新 0・終了 0',
    ]);
  });
  it('summarises rows read per file', () => {
    expect(rowsLine(report)).toBe('orgs.csv 3行、users.csv 20行');
  });
  it.each([
    [0, '—'],
    [1, '1'],
    [25, '25'],
  ])('row %i → %s', (row, label) => {
    expect(rowLabel(row)).toBe(label);
  });
});

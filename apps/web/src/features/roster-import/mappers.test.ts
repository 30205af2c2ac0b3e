import { describe, expect, it } from 'vitest';
import type { OneRosterImportJob } from '@edukarte/shared';
import { fixedT } from '../../i18n/fixed-t.ts';
import { appliedLines, appliedTotals, jobPercent, jobStepLabel, rowsLine } from './mappers.ts';

const ja = fixedT('ja');
const en = fixedT('en');

const applied = {
  people: { inserted: 20, updated: 1, ended: 0, unchanged: 3 },
  terms: { inserted: 0, updated: 0, ended: 0, unchanged: 2 },
  schools: { inserted: 0, updated: 0, ended: 0, unchanged: 0 },
  futureKind: { inserted: 1, updated: 0, ended: 0, unchanged: 0 },
};

const job = (over: Partial<OneRosterImportJob>): OneRosterImportJob => ({
  id: 'j',
  fileName: 'roster.zip',
  dryRun: false,
  phase: 'reading',
  step: null,
  stepsDone: 0,
  stepsTotal: 0,
  rows: {},
  applied: {},
  startedAt: '2026-11-20T00:00:00.000Z',
  finishedAt: null,
  report: null,
  error: null,
  ...over,
});

describe('roster import mappers', () => {
  it('lists each kind the package held, in Japanese and English', () => {
    expect(appliedLines(applied, ja)).toEqual([
      '学期: 追加 0・更新 0・削除（在籍の終了） 0・変更なし 2',
      '児童生徒・教職員: 追加 20・更新 1・削除（在籍の終了） 0・変更なし 3',
      'futureKind: 追加 1・更新 0・削除（在籍の終了） 0・変更なし 0',
    ]);
    expect(appliedLines(applied, en)[1]).toBe(
      'Pupils and staff: 20 added, 1 updated, 0 deleted (enrollment ended), 3 unchanged',
    );
  });

  it('leaves out kinds where nothing changed when asked', () => {
    expect(appliedLines(applied, ja, { changedOnly: true })).toHaveLength(2);
  });

  it('adds up every kind for the history row', () => {
    expect(appliedTotals(applied)).toEqual({ inserted: 21, updated: 1, ended: 0, unchanged: 5 });
  });

  it('keeps kinds and files in package order, whatever order the stored report has', () => {
    const stored = { enrollments: applied.people, schools: applied.people, people: applied.people };
    expect(appliedLines(stored, ja).map((l) => l.split(':')[0])).toEqual([
      '学校',
      '児童生徒・教職員',
      '在籍',
    ]);
    expect(rowsLine({ 'users.csv': 1, 'orgs.csv': 2, 'extra.csv': 3 }, ja)).toBe(
      'orgs.csv 2行、users.csv 1行、extra.csv 3行',
    );
  });

  it('summarises rows read per file', () => {
    expect(rowsLine({ 'orgs.csv': 3, 'users.csv': 20 }, ja)).toBe('orgs.csv 3行、users.csv 20行');
    expect(rowsLine({ 'orgs.csv': 3, 'users.csv': 20 }, en)).toBe('orgs.csv: 3 rows, users.csv: 20 rows');
  });

  it.each([
    [job({ phase: 'reading' }), 2, 'ファイルを読み込んでいます…'],
    [
      job({ phase: 'validating', step: 'users.csv', stepsDone: 4, stepsTotal: 9 }),
      21,
      '内容を確認しています: users.csv（5/9）',
    ],
    [
      job({ phase: 'validating', step: 'references', stepsDone: 8, stepsTotal: 9 }),
      36,
      'ファイル間の参照を確認しています（9/9）',
    ],
    [
      job({ phase: 'applying', step: 'people', stepsDone: 3, stepsTotal: 7 }),
      65,
      '書き込んでいます: 児童生徒・教職員（名寄せを含む）（4/7）',
    ],
    [
      job({ phase: 'applying', dryRun: true, step: 'schools', stepsDone: 0, stepsTotal: 7 }),
      40,
      '書き込めるか試しています（保存はしません）: 学校（1/7）',
    ],
    [job({ phase: 'done' }), 100, '完了しました'],
  ])('shows the server phase as a percent and in words (%#)', (j, percent, label) => {
    expect(jobPercent(j)).toBe(percent);
    expect(jobStepLabel(j, ja)).toBe(label);
  });

  it('never goes backwards from validating to applying', () => {
    const lastCheck = jobPercent(job({ phase: 'validating', stepsDone: 8, stepsTotal: 9 }));
    const firstWrite = jobPercent(job({ phase: 'applying', stepsDone: 0, stepsTotal: 7 }));
    expect(firstWrite).toBeGreaterThanOrEqual(lastCheck);
  });
});

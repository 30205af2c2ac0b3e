import type {
  AttendanceSummary,
  EnrollmentHistoryEntry,
  SubjectTestSeries,
  TestResultPoint,
} from '@edukarte/shared';
import { describe, expect, it } from 'vitest';
import {
  toAttendanceRows,
  toHistoryRows,
  toPercent,
  toSchoolYearOptions,
  toTestTableRows,
  toTestTrendChartSeries,
  toTestTrendSeries,
} from './mappers.ts';

let nextId = 1;
function point(overrides: Partial<TestResultPoint> = {}): TestResultPoint {
  return {
    assessmentId: nextId++,
    title: '単元テスト',
    kind: 'unit',
    administeredOn: '2025-06-10',
    fiscalYear: 2025,
    gradeCode: 'P5',
    score: 80,
    maxScore: 100,
    percent: 80,
    ...overrides,
  };
}

function history(overrides: Partial<EnrollmentHistoryEntry>): EnrollmentHistoryEntry {
  return {
    fiscalYear: 2025,
    schoolYearTitle: '令和7年度',
    schoolName: '中央小学校',
    classId: 1,
    classLabel: '5年1組',
    gradeCode: 'P5',
    attendanceNo: 3,
    startDate: '2025-04-01',
    endDate: '2026-03-31',
    entry: 'promoted',
    exit: 'promoted',
    ...overrides,
  };
}

describe('toPercent', () => {
  it.each([
    { score: 87, max: 100, expected: 87 },
    { score: 2, max: 3, expected: 66.7 },
    { score: 1, max: 3, expected: 33.3 },
    { score: 145, max: 150, expected: 96.7 },
    { score: 49.5, max: 50, expected: 99 },
    { score: 0, max: 50, expected: 0 },
    { score: 50, max: 50, expected: 100 },
    { score: 10, max: 0, expected: null },
    { score: 10, max: -5, expected: null },
    { score: Number.NaN, max: 100, expected: null },
  ])('$score / $max → $expected', ({ score, max, expected }) => {
    expect(toPercent(score, max)).toBe(expected);
  });
});

describe('toTestTrendSeries', () => {
  it('returns no series for no tests', () => {
    expect(toTestTrendSeries([], 'ja')).toEqual([]);
  });

  it('drops subjects whose points are all unusable', () => {
    const tests: SubjectTestSeries[] = [
      { subjectCode: 'SCI', points: [] },
      { subjectCode: 'SOC', points: [point({ maxScore: 0 })] },
    ];
    expect(toTestTrendSeries(tests, 'ja')).toEqual([]);
  });

  it('orders subjects by curriculum order, not by input order', () => {
    const tests: SubjectTestSeries[] = [
      { subjectCode: 'ENG', points: [point()] },
      { subjectCode: 'SCI', points: [point()] },
      { subjectCode: 'JPN', points: [point()] },
      { subjectCode: 'MATH', points: [point()] },
    ];
    expect(toTestTrendSeries(tests, 'ja').map((s) => s.subjectCode)).toEqual(['JPN', 'MATH', 'SCI', 'ENG']);
  });

  it.each([
    { lang: 'ja' as const, expected: ['国語', '算数・数学'] },
    { lang: 'en' as const, expected: ['Japanese', 'Mathematics'] },
  ])('labels subjects in $lang', ({ lang, expected }) => {
    const tests: SubjectTestSeries[] = [
      { subjectCode: 'MATH', points: [point()] },
      { subjectCode: 'JPN', points: [point()] },
    ];
    expect(toTestTrendSeries(tests, lang).map((s) => s.name)).toEqual(expected);
  });

  it('sorts points oldest first across school years and recomputes the rounded percent', () => {
    const tests: SubjectTestSeries[] = [
      {
        subjectCode: 'MATH',
        points: [
          point({ assessmentId: 30, administeredOn: '2026-05-20', fiscalYear: 2026, score: 2, maxScore: 3 }),
          point({
            assessmentId: 10,
            administeredOn: '2024-11-02',
            fiscalYear: 2024,
            score: 45,
            maxScore: 50,
          }),
          point({
            assessmentId: 20,
            administeredOn: '2025-04-15',
            fiscalYear: 2025,
            score: 100,
            maxScore: 100,
          }),
        ],
      },
    ];
    const [math] = toTestTrendSeries(tests, 'ja');
    expect(math?.points.map((p) => [p.administeredOn, p.percent])).toEqual([
      ['2024-11-02', 90],
      ['2025-04-15', 100],
      ['2026-05-20', 66.7],
    ]);
  });

  it('breaks same-day ties by assessment id and merges a subject listed twice', () => {
    const tests: SubjectTestSeries[] = [
      { subjectCode: 'JPN', points: [point({ assessmentId: 9, administeredOn: '2025-07-01' })] },
      { subjectCode: 'JPN', points: [point({ assessmentId: 4, administeredOn: '2025-07-01' })] },
    ];
    const series = toTestTrendSeries(tests, 'ja');
    expect(series).toHaveLength(1);
    expect(series[0]?.points.map((p) => p.assessmentId)).toEqual([4, 9]);
  });

  it('gives each subject a fixed colour regardless of the other subjects', () => {
    const alone = toTestTrendSeries([{ subjectCode: 'SCI', points: [point()] }], 'ja');
    const withOthers = toTestTrendSeries(
      [
        { subjectCode: 'JPN', points: [point()] },
        { subjectCode: 'SCI', points: [point()] },
      ],
      'ja',
    );
    expect(alone[0]?.color).toBe(withOthers[1]?.color);
  });
});

describe('toTestTrendChartSeries', () => {
  it('maps points to x = date, y = percent with described tooltips', () => {
    const series = toTestTrendSeries(
      [
        {
          subjectCode: 'JPN',
          points: [point({ administeredOn: '2025-09-01', score: 7, maxScore: 8, title: '漢字' })],
        },
      ],
      'ja',
    );
    const chart = toTestTrendChartSeries(series, (p) => [p.title, `${p.score}/${p.maxScore}`]);
    expect(chart).toEqual([
      {
        id: 'JPN',
        name: '国語',
        color: series[0]?.color,
        points: [{ x: '2025-09-01', y: 87.5, details: ['漢字', '7/8'] }],
      },
    ]);
  });
});

describe('toTestTableRows', () => {
  it('lists every point by date, subjects in curriculum order on the same day', () => {
    const series = toTestTrendSeries(
      [
        { subjectCode: 'SCI', points: [point({ assessmentId: 1, administeredOn: '2025-06-01' })] },
        {
          subjectCode: 'JPN',
          points: [
            point({ assessmentId: 2, administeredOn: '2025-06-01' }),
            point({ assessmentId: 3, administeredOn: '2025-05-01' }),
          ],
        },
      ],
      'ja',
    );
    expect(toTestTableRows(series).map((r) => [r.administeredOn, r.subjectName])).toEqual([
      ['2025-05-01', '国語'],
      ['2025-06-01', '国語'],
      ['2025-06-01', '理科'],
    ]);
  });

  it('is empty for no series', () => {
    expect(toTestTableRows([])).toEqual([]);
  });
});

describe('toAttendanceRows', () => {
  const summary: AttendanceSummary = {
    schoolYear: { fiscalYear: 2025, title: '令和7年度' },
    asOf: '2025-12-19',
    instructionDays: 150,
    excusedDays: 4,
    requiredDays: 146,
    absentDays: 5,
    absentSickDays: 3,
    absentOtherDays: 2,
    attendedDays: 141,
    lateCount: 2,
    earlyLeaveCount: 1,
  };

  it('follows the 指導要録 order with units', () => {
    expect(toAttendanceRows(summary).map((r) => [r.figure, r.value, r.unit])).toEqual([
      ['instructionDays', 150, 'days'],
      ['excusedDays', 4, 'days'],
      ['requiredDays', 146, 'days'],
      ['absentDays', 5, 'days'],
      ['attendedDays', 141, 'days'],
      ['lateCount', 2, 'times'],
      ['earlyLeaveCount', 1, 'times'],
    ]);
  });

  it('splits only 欠席日数 into illness and other', () => {
    const rows = toAttendanceRows(summary);
    expect(rows.filter((r) => r.breakdown)).toEqual([
      { figure: 'absentDays', value: 5, unit: 'days', breakdown: { sick: 3, other: 2 } },
    ]);
  });

  it('gives no breakdown when there were no absences', () => {
    const none = { ...summary, absentDays: 0, absentSickDays: 0, absentOtherDays: 0, attendedDays: 146 };
    expect(toAttendanceRows(none).find((r) => r.figure === 'absentDays')).toEqual({
      figure: 'absentDays',
      value: 0,
      unit: 'days',
    });
  });
});

describe('toHistoryRows', () => {
  it('sorts enrollments oldest first, including a mid-year transfer', () => {
    const rows = toHistoryRows([
      history({ fiscalYear: 2025, startDate: '2025-09-01', classLabel: '5年2組', entry: 'transfer_in' }),
      history({ fiscalYear: 2024, startDate: '2024-04-01', classLabel: '4年1組' }),
      history({ fiscalYear: 2025, startDate: '2025-04-01', endDate: '2025-08-31', exit: 'transfer_out' }),
    ]);
    expect(rows.map((r) => r.startDate)).toEqual(['2024-04-01', '2025-04-01', '2025-09-01']);
  });
});

describe('toSchoolYearOptions', () => {
  it('lists each enrolled year once, newest first, labelled per language', () => {
    const entries = [
      history({ fiscalYear: 2024 }),
      history({ fiscalYear: 2025 }),
      history({ fiscalYear: 2025, startDate: '2025-09-01' }),
      history({ fiscalYear: 2019 }),
    ];
    expect(toSchoolYearOptions(entries, { fiscalYear: 2025, title: '令和7年度' }, 'ja')).toEqual([
      { value: '2025', label: '令和7年度' },
      { value: '2024', label: '令和6年度' },
      { value: '2019', label: '令和元年度' },
    ]);
    expect(toSchoolYearOptions(entries, { fiscalYear: 2025, title: '令和7年度' }, 'en')[0]).toEqual({
      value: '2025',
      label: 'FY2025',
    });
  });

  it('includes the selected year even without an enrollment in it', () => {
    expect(toSchoolYearOptions([], { fiscalYear: 2026, title: '令和8年度' }, 'ja')).toEqual([
      { value: '2026', label: '令和8年度' },
    ]);
  });
});

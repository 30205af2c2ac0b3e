import { describe, expect, it } from 'vitest';
import type { ProfileStay } from '../../analytics/student-karte/get-student-profile.ts';
import { currentStay, groupTestsBySubject, periodsInYear, tallyPeriods } from './karte-shaping.ts';

const stay = (overrides: Partial<ProfileStay>): ProfileStay => ({
  fiscalYear: 2025,
  schoolYearTitle: '令和7年度',
  schoolId: 1,
  schoolName: 'こもれび市立中央小学校',
  classId: 10,
  className: '1組',
  isSpecialNeeds: false,
  gradeCode: 'P6',
  attendanceNo: 3,
  startDate: '2025-04-01',
  endDate: '2026-03-31',
  entry: 'promoted',
  exit: null,
  ...overrides,
});

describe('periodsInYear', () => {
  it('cuts a running year at asOf and skips stays that have not started', () => {
    const stays = [
      stay({ fiscalYear: 2024, startDate: '2024-04-01', endDate: '2025-03-31' }),
      stay({ startDate: '2025-04-01', endDate: '2025-09-30', exit: 'transfer_out' }),
      stay({
        schoolId: 2,
        classId: 20,
        startDate: '2025-10-06',
        endDate: '2026-03-31',
        entry: 'transfer_in',
      }),
    ];
    expect(periodsInYear(stays, 2025, '2025-09-10')).toEqual([
      { schoolId: 1, classId: 10, from: '2025-04-01', to: '2025-09-10' },
    ]);
    expect(periodsInYear(stays, 2025, '2025-11-21')).toEqual([
      { schoolId: 1, classId: 10, from: '2025-04-01', to: '2025-09-30' },
      { schoolId: 2, classId: 20, from: '2025-10-06', to: '2025-11-21' },
    ]);
  });

  it('the current stay is the latest started one', () => {
    const stays = [stay({ classId: 10 }), stay({ classId: 20, startDate: '2025-10-06' })];
    expect(currentStay(stays, 2025, '2025-09-01')?.classId).toBe(10);
    expect(currentStay(stays, 2025, '2025-10-06')?.classId).toBe(20);
    expect(currentStay(stays, 2026, '2025-10-06')).toBeNull();
  });
});

describe('tallyPeriods', () => {
  it('adds instruction days and marks of both schools of a transfer year', () => {
    const tally = tallyPeriods([
      { instructionDays: 100, marks: [{ category: 'ABSENT_SICK' }, { category: 'SUSPENDED' }] },
      { instructionDays: 50, marks: [{ category: 'ABSENT_OTHER' }, { category: 'LATE' }] },
    ]);
    expect(tally).toMatchObject({
      instructionDays: 150,
      excusedDays: 1,
      requiredDays: 149,
      absentDays: 2,
      attendedDays: 147,
      lateCount: 1,
    });
  });
});

describe('groupTestsBySubject', () => {
  const row = (subjectCode: 'JPN' | 'MATH', administeredOn: string, score: number, maxScore = 150) => ({
    assessmentId: 1,
    title: 't',
    kind: 'unit' as const,
    administeredOn,
    fiscalYear: 2025,
    gradeCode: 'P6' as const,
    score,
    maxScore,
    subjectCode,
  });

  it('orders subjects by the standard order and points by date, with percent to one decimal', () => {
    const series = groupTestsBySubject([
      row('MATH', '2025-06-01', 100),
      row('JPN', '2025-07-01', 149),
      row('JPN', '2024-07-01', 75),
    ]);
    expect(series.map((s) => s.subjectCode)).toEqual(['JPN', 'MATH']);
    expect(series[0]?.points.map((p) => [p.administeredOn, p.percent])).toEqual([
      ['2024-07-01', 50],
      ['2025-07-01', 99.3],
    ]);
    expect(series[1]?.points[0]?.percent).toBe(66.7);
  });

  it('returns no series for a child without results', () => {
    expect(groupTestsBySubject([])).toEqual([]);
  });
});

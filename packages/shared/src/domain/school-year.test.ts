import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayOfWeek,
  gradeNumberFor,
  schoolYearEnd,
  schoolYearOf,
  schoolYearStart,
  todayInJapan,
} from './school-year.ts';

describe('年度 of a date', () => {
  it.each([
    ['2026-03-31', 2025],
    ['2026-04-01', 2026],
    ['2025-12-31', 2025],
    ['2026-01-01', 2025],
    ['2019-04-30', 2019],
  ])('%s is in FY%s', (date, fy) => {
    expect(schoolYearOf(date)).toBe(fy);
  });

  it('runs April 1 to March 31', () => {
    expect([schoolYearStart(2025), schoolYearEnd(2025)]).toEqual(['2025-04-01', '2026-03-31']);
  });

  it('rejects a non-ISO date', () => {
    expect(() => schoolYearOf('2025/04/01')).toThrow(/YYYY-MM-DD/);
  });
});

describe('grade of a child (cohort 4/2 … 4/1)', () => {
  it.each([
    ['2018-04-02', 2025, 1], // born 4/2: 小1 in FY2025
    ['2019-04-01', 2025, 1], // born 4/1: same cohort as the year before (早生まれ)
    ['2019-04-02', 2025, null], // not yet at school
    ['2013-04-02', 2025, 6],
    ['2010-04-02', 2025, 9], // 中3
    ['2010-04-01', 2025, null], // graduated
  ])('born %s, FY%s → grade %s', (birth, fy, grade) => {
    expect(gradeNumberFor(birth, fy)).toBe(grade);
  });
});

describe('date arithmetic', () => {
  it('crosses months, years and leap days without time-zone drift', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2025-04-01', -1)).toBe('2025-03-31');
  });
  it('knows the weekday', () => {
    expect(dayOfWeek('2026-11-21')).toBe(6); // Saturday
  });
  it('takes today in Japan, not in the server zone', () => {
    expect(todayInJapan(new Date('2026-03-31T15:30:00Z'))).toBe('2026-04-01');
    expect(todayInJapan(new Date('2026-03-31T14:59:00Z'))).toBe('2026-03-31');
  });
});

import { describe, expect, it } from 'vitest';
import { formatSchoolYear, formatSchoolYearEn, formatWareki } from './era.ts';

describe('令和 formatting', () => {
  it.each([
    ['2019-05-01', '令和元年5月1日'],
    ['2019-04-30', '平成31年4月30日'],
    ['2025-04-01', '令和7年4月1日'],
    ['2026-11-21', '令和8年11月21日'],
  ])('%s → %s', (date, text) => {
    expect(formatWareki(date)).toBe(text);
  });

  it.each([
    [2019, '令和元年度'], // the whole of FY2019 is 令和元年度
    [2023, '令和5年度'],
    [2025, '令和7年度'],
    [2018, '平成30年度'],
  ])('FY%s → %s', (fy, text) => {
    expect(formatSchoolYear(fy)).toBe(text);
  });

  it('has an English label', () => {
    expect(formatSchoolYearEn(2025)).toBe('FY2025');
  });
});

import { describe, expect, it } from 'vitest';
import { formatDate, formatPercent, formatSchoolYearLabel } from './format.ts';
import { parseFiscalYearParam, parseIdParam } from './params.ts';
import { safeNextPath } from './safeNextPath.ts';

describe('safeNextPath', () => {
  it.each([
    [null, '/'],
    ['', '/'],
    ['/classes/3', '/classes/3'],
    ['/students/7?fiscalYear=2025', '/students/7?fiscalYear=2025'],
    ['https://evil.example/', '/'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['/sign-in', '/'],
    ['/sign-in?next=/classes', '/'],
    ['javascript:alert(1)', '/'],
  ])('%s → %s', (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });
});

describe('parseIdParam', () => {
  it.each([
    ['12', 12],
    ['1', 1],
    ['0', null],
    ['-3', null],
    ['1.5', null],
    ['abc', null],
    ['', null],
    [undefined, null],
  ])('%s → %s', (input, expected) => {
    expect(parseIdParam(input)).toBe(expected);
  });
});

describe('parseFiscalYearParam', () => {
  it.each([
    ['2025', 2025],
    ['25', undefined],
    ['2025a', undefined],
    [null, undefined],
  ])('%s → %s', (input, expected) => {
    expect(parseFiscalYearParam(input)).toBe(expected);
  });
});

describe('formatDate', () => {
  it.each([
    { date: '2013-06-05', lang: 'ja' as const, expected: '平成25年6月5日' },
    { date: '2019-05-01', lang: 'ja' as const, expected: '令和元年5月1日' },
    { date: '2026-04-01', lang: 'ja' as const, expected: '令和8年4月1日' },
    { date: '2026-04-01', lang: 'en' as const, expected: 'Apr 1, 2026' },
  ])('$date in $lang → $expected', ({ date, lang, expected }) => {
    expect(formatDate(date, lang)).toBe(expected);
  });
});

describe('formatSchoolYearLabel / formatPercent', () => {
  it('formats school years per language', () => {
    expect(formatSchoolYearLabel(2026, 'ja')).toBe('令和8年度');
    expect(formatSchoolYearLabel(2026, 'en')).toBe('FY2026');
  });

  it.each([
    [87, '87'],
    [66.7, '66.7'],
    [100, '100'],
  ])('%s%% → %s', (value, expected) => {
    expect(formatPercent(value, 'ja')).toBe(expected);
  });
});

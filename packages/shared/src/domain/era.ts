import { parseIsoDate, type IsoDate } from './school-year.ts';

/**
 * Japanese-era (和暦) formatting via Intl, as school documents use it.
 * 令和 began 2019-05-01; the whole of FY2019 is called 令和元年度.
 */
const REIWA_START_YEAR = 2019;

function utcDate(date: IsoDate): Date {
  const { year, month, day } = parseIsoDate(date);
  return new Date(Date.UTC(year, month - 1, day));
}

/** 2025-04-01 → 令和7年4月1日; 2019-05-01 → 令和元年5月1日. */
export function formatWareki(date: IsoDate): string {
  const text = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
    era: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(utcDate(date));
  return text.replace(/^(\D+)1年/, '$1元年');
}

/** 2025 → 令和7年度; 2019 → 令和元年度; 2018 → 平成30年度. */
export function formatSchoolYear(fiscalYear: number): string {
  if (fiscalYear >= REIWA_START_YEAR) {
    const n = fiscalYear - REIWA_START_YEAR + 1;
    return `令和${n === 1 ? '元' : n}年度`;
  }
  if (fiscalYear >= 1989) return `平成${fiscalYear - 1988 === 1 ? '元' : fiscalYear - 1988}年度`;
  return `${fiscalYear}年度`;
}

/** English label of a school year: 2025 → "FY2025". */
export function formatSchoolYearEn(fiscalYear: number): string {
  return `FY${fiscalYear}`;
}

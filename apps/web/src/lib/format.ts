import {
  formatSchoolYear,
  formatSchoolYearEn,
  formatWareki,
  parseIsoDate,
  type IsoDate,
} from '@edukarte/shared';
import type { Lang } from '../i18n/resources.ts';

const EN_DATE = new Intl.DateTimeFormat('en-US', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

/**
 * A calendar date as school documents write it: 和暦 in Japanese (令和7年4月1日), Gregorian in English.
 * Dates are ISO strings and formatted in UTC, so no time zone can shift the day.
 */
export function formatDate(date: IsoDate, lang: Lang): string {
  if (lang === 'ja') return formatWareki(date);
  const { year, month, day } = parseIsoDate(date);
  return EN_DATE.format(new Date(Date.UTC(year, month - 1, day)));
}

/** 令和7年度 in Japanese, FY2025 in English. */
export function formatSchoolYearLabel(fiscalYear: number, lang: Lang): string {
  return lang === 'ja' ? formatSchoolYear(fiscalYear) : formatSchoolYearEn(fiscalYear);
}

/** Percent with at most one decimal, as the karte prints it (87, 66.7). */
export function formatPercent(value: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'ja' ? 'ja-JP' : 'en-US', { maximumFractionDigits: 1 }).format(value);
}

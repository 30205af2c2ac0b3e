/**
 * 年度 (school year): April 1 to March 31 of the next calendar year (学校教育法施行規則 §59).
 * Dates are ISO 'YYYY-MM-DD' strings throughout edukarte, so no time zone can shift a day.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseIsoDate(date: IsoDate): { year: number; month: number; day: number } {
  const m = ISO_DATE.exec(date);
  if (!m) throw new Error(`not an ISO date (YYYY-MM-DD): ${date}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/** The fiscal (school) year a date belongs to: 2026-03-31 → 2025, 2026-04-01 → 2026. */
export function schoolYearOf(date: IsoDate): number {
  const { year, month } = parseIsoDate(date);
  return month >= 4 ? year : year - 1;
}

export function schoolYearStart(fiscalYear: number): IsoDate {
  return `${fiscalYear}-04-01`;
}

export function schoolYearEnd(fiscalYear: number): IsoDate {
  return `${fiscalYear + 1}-03-31`;
}

/**
 * The grade a child born on `birthDate` is in during `fiscalYear` (1 = 小1 … 9 = 中3), or null
 * outside 小1–中3. Children born 4/2 … 4/1 share a cohort (満年齢 reached the day before a birthday).
 */
export function gradeNumberFor(birthDate: IsoDate, fiscalYear: number): number | null {
  const { year, month, day } = parseIsoDate(birthDate);
  const cohortYear = month < 4 || (month === 4 && day === 1) ? year - 1 : year;
  const grade = fiscalYear - cohortYear - 6;
  return grade >= 1 && grade <= 9 ? grade : null;
}

/** Adds days to an ISO date (UTC arithmetic, so no DST or zone effects). */
export function addDays(date: IsoDate, days: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** Today in Japan (Asia/Tokyo), whatever the server's zone. */
export function todayInJapan(now: Date = new Date()): IsoDate {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(now);
}

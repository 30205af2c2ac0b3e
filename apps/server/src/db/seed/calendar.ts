import { addDays, dayOfWeek, parseIsoDate } from '@edukarte/shared';

/**
 * Dates as integers (days since 1970-01-01) inside the generator: comparing and stepping them is
 * cheap, and `isoOf` turns them back into the 'YYYY-MM-DD' strings the database stores.
 */
export type DayNumber = number;

const MS_PER_DAY = 86_400_000;
const isoCache = new Map<DayNumber, string>();

export function dayNumber(iso: string): DayNumber {
  const { year, month, day } = parseIsoDate(iso);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function isoOf(day: DayNumber): string {
  let iso = isoCache.get(day);
  if (iso === undefined) {
    iso = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    isoCache.set(day, iso);
  }
  return iso;
}

/** 1–12 */
export function monthOf(day: DayNumber): number {
  return new Date(day * MS_PER_DAY).getUTCMonth() + 1;
}

function nthMonday(year: number, month: number, n: number): string {
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  const offset = (8 - dayOfWeek(first)) % 7;
  return addDays(first, offset + 7 * (n - 1));
}

/** 春分日 / 秋分日 by the usual approximation (valid 1980–2099). */
function equinox(year: number, base: number): number {
  return Math.floor(base + 0.242194 * (year - 1980) - Math.floor((year - 1980) / 4));
}

/**
 * 国民の祝日 of one calendar year, approximately as the law sets them: fixed days, Happy Monday
 * days, the equinoxes, 振替休日 and 国民の休日 (a day sandwiched between two holidays).
 */
export function japaneseHolidays(year: number): Set<string> {
  const days = new Set<string>();
  const fixed = ['01-01', '02-11', '02-23', '04-29', '05-03', '05-04', '05-05', '08-11', '11-03', '11-23'];
  for (const md of fixed) days.add(`${year}-${md}`);
  days.add(nthMonday(year, 1, 2)); // 成人の日
  days.add(nthMonday(year, 7, 3)); // 海の日
  days.add(nthMonday(year, 9, 3)); // 敬老の日
  days.add(nthMonday(year, 10, 2)); // スポーツの日
  days.add(`${year}-03-${String(equinox(year, 20.8431)).padStart(2, '0')}`);
  days.add(`${year}-09-${String(equinox(year, 23.2488)).padStart(2, '0')}`);
  for (const day of [...days].sort()) {
    const between = addDays(day, 1);
    if (days.has(addDays(day, 2)) && !days.has(between) && dayOfWeek(between) !== 0) days.add(between); // 国民の休日
  }
  for (const day of [...days].sort()) {
    if (dayOfWeek(day) !== 0) continue;
    let substitute = addDays(day, 1);
    while (days.has(substitute)) substitute = addDays(substitute, 1);
    days.add(substitute); // 振替休日
  }
  return days;
}

function inBreak(iso: string): boolean {
  const md = iso.slice(5);
  return (
    (md >= '07-21' && md <= '08-31') || // 夏休み
    md >= '12-26' ||
    md <= '01-07' || // 冬休み
    (md >= '03-25' && md <= '03-31') ||
    (md >= '04-01' && md <= '04-06') // 春休み
  );
}

/**
 * 授業日 of a school year for the whole municipality: weekdays from 4/7 to 3/24 outside the
 * summer, winter and spring breaks and the national holidays (≈200 days).
 */
export function instructionDaysOf(fiscalYear: number): DayNumber[] {
  const holidays = new Set([...japaneseHolidays(fiscalYear), ...japaneseHolidays(fiscalYear + 1)]);
  const out: DayNumber[] = [];
  const end = dayNumber(`${fiscalYear + 1}-03-31`);
  for (let day = dayNumber(`${fiscalYear}-04-01`); day <= end; day++) {
    const iso = isoOf(day);
    const dow = (day + 4) % 7; // 1970-01-01 was a Thursday
    if (dow === 0 || dow === 6 || inBreak(iso) || holidays.has(iso)) continue;
    out.push(day);
  }
  return out;
}

/** 学期 as the board sets them: three terms covering the whole year (breaks belong to the term before). */
export function termsOf(fiscalYear: number): { seq: number; name: string; start: string; end: string }[] {
  return [
    { seq: 1, name: '1学期', start: `${fiscalYear}-04-01`, end: `${fiscalYear}-08-31` },
    { seq: 2, name: '2学期', start: `${fiscalYear}-09-01`, end: `${fiscalYear}-12-31` },
    { seq: 3, name: '3学期', start: `${fiscalYear + 1}-01-01`, end: `${fiscalYear + 1}-03-31` },
  ];
}

/** 通知表 dates (end of each term's lessons): period 1 → 7/20, 2 → 12/25, 3 and 学年末 → 3/24. */
export function reportDateOf(fiscalYear: number, period: 1 | 2 | 3 | 9): string {
  if (period === 1) return `${fiscalYear}-07-20`;
  if (period === 2) return `${fiscalYear}-12-25`;
  return `${fiscalYear + 1}-03-24`;
}

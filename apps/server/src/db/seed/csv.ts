/**
 * CSV encoding for PostgreSQL COPY (FORMAT csv): NULL is an empty unquoted field, an empty
 * string is "", arrays are PostgreSQL array literals ({a,b}) quoted as one CSV field.
 */
export type CsvValue = string | number | boolean | null | undefined | readonly string[];

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$|^\\\.$/;
const ARRAY_ELEMENT_NEEDS_QUOTES = /[{}",\\\s]|^$|^null$/i;

/** Quotes a text field when CSV needs it (and always for the empty string, which is not NULL). */
export function csvText(value: string): string {
  if (value === '' || NEEDS_QUOTES.test(value)) return `"${value.replaceAll('"', '""')}"`;
  return value;
}

/** A PostgreSQL array literal for text[] (before CSV quoting). */
export function pgArrayLiteral(items: readonly string[]): string {
  const parts = items.map((item) =>
    ARRAY_ELEMENT_NEEDS_QUOTES.test(item)
      ? `"${item.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`
      : item,
  );
  return `{${parts.join(',')}}`;
}

/** One CSV field. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'string') return csvText(value);
  return csvText(pgArrayLiteral(value));
}

/** One CSV line (without the newline). */
export function csvRow(values: readonly CsvValue[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += ',';
    line += csvField(values[i]);
  }
  return line;
}

/** A timestamptz literal in Japan time: 2025-04-08 08:25:00+09. */
export function jstTimestamp(date: string, minutesOfDay: number, seconds = 0): string {
  const h = Math.floor(minutesOfDay / 60);
  const m = Math.floor(minutesOfDay % 60);
  return `${date} ${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}:${seconds < 10 ? '0' : ''}${seconds}+09`;
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => (i < 10 ? `0${i}` : String(i)));

/** A timestamptz literal in Japan time from seconds after midnight (hot path for events). */
export function jstSeconds(date: string, secondsOfDay: number): string {
  const s = Math.min(86_399, Math.max(0, Math.floor(secondsOfDay)));
  const h = Math.floor(s / 3600);
  return `${date} ${TWO_DIGITS[h] ?? '23'}:${TWO_DIGITS[Math.floor((s % 3600) / 60)] ?? '00'}:${TWO_DIGITS[s % 60] ?? '00'}+09`;
}

/** Cell checks of the OneRoster Japan Profile, as pure functions returning what was expected (or null). */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** OneRoster dateLastModified: ISO 8601 date-time (UTC 'Z' or an offset), or a plain date. */
export function isIsoDateTime(value: string): boolean {
  if (isIsoDate(value)) return true;
  const m = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/.exec(value);
  return m !== null && isIsoDate(m[1] ?? '') && !Number.isNaN(Date.parse(value));
}

export function parseBoolean(value: string): boolean | null {
  const v = value.toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  return null;
}

const HALF_WIDTH_KANA = /[\uFF61-\uFF9F]/;
/** 全角カタカナ (incl. ー, ・, ヴ) and full-width / ASCII spaces between parts of a name. */
const FULL_WIDTH_KATAKANA = /^[\u30A1-\u30FA\u30FC\u30FB\u3000 ]*$/;

/** Why a kana reading is unacceptable, or null when it is full-width katakana. */
export function kanaProblem(value: string): string | null {
  if (HALF_WIDTH_KANA.test(value)) return '全角カタカナ（半角カナは使えません）';
  if (!FULL_WIDTH_KATAKANA.test(value)) return '全角カタカナ';
  return null;
}

/** A list cell: comma-separated values, empty entries dropped. */
export function splitList(value: string): string[] {
  return value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

export function parsePositiveInt(value: string, max = 32767): number | null {
  if (!/^\d+$/.test(value)) return null;
  const n = Number(value);
  return n >= 1 && n <= max ? n : null;
}

export const SCHOOL_CODE_EXPECTED: Record<string, string> = {
  shape: '学校コード（英字1＋数字12桁、例 B138211000016）',
  unknown_school_kind: '学校種の記号が正しい学校コード（B1 小学校, C1 中学校, C2 義務教育学校 など）',
  prefecture_out_of_range: '都道府県番号が 01〜47 の学校コード',
  check_digit: 'チェックディジットが正しい学校コード',
};

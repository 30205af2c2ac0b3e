/**
 * MEXT 学校コード (13 characters): 学校種 (letter + digit), 都道府県 (2), 設置区分 (1),
 * 学校番号 (7, first digit 1–9) and a mod-10 check digit. See docs/glossary.md and domain-jp §4.1.
 */
export const SCHOOL_KIND_PREFIXES = {
  A1: '幼稚園',
  A2: '幼保連携型認定こども園',
  B1: '小学校',
  C1: '中学校',
  C2: '義務教育学校',
  D1: '高等学校',
  D2: '中等教育学校',
  E1: '特別支援学校',
  F1: '大学',
  F2: '短期大学',
  G1: '高等専門学校',
  H1: '専修学校',
  H2: '各種学校',
} as const;
export type SchoolKindPrefix = keyof typeof SCHOOL_KIND_PREFIXES;

const SCHOOL_CODE_SHAPE = /^([A-H][12])(\d{2})([123])([1-9]\d{6})(\d)$/;

/** The check digit over the first 12 characters (letter replaced by two digits, A=01 … H=08). */
export function schoolCodeCheckDigit(first12: string): number {
  const letter = first12.charCodeAt(0) - 'A'.charCodeAt(0) + 1;
  const digits = `${String(letter).padStart(2, '0')}${first12.slice(1)}`;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const product = Number(digits[i]) * (i % 2 === 0 ? 1 : 2);
    sum += product >= 10 ? Math.floor(product / 10) + (product % 10) : product;
  }
  return (10 - (sum % 10)) % 10;
}

export type SchoolCodeProblem = 'shape' | 'unknown_school_kind' | 'prefecture_out_of_range' | 'check_digit';

/** Returns null for a valid code, otherwise why it is invalid. */
export function findSchoolCodeProblem(code: string): SchoolCodeProblem | null {
  const match = SCHOOL_CODE_SHAPE.exec(code);
  if (!match) return 'shape';
  const [, kind, prefecture] = match;
  if (!kind || !(kind in SCHOOL_KIND_PREFIXES)) return 'unknown_school_kind';
  const pref = Number(prefecture);
  if (pref < 1 || pref > 47) return 'prefecture_out_of_range';
  return schoolCodeCheckDigit(code.slice(0, 12)) === Number(code[12]) ? null : 'check_digit';
}

export function isValidSchoolCode(code: string): boolean {
  return findSchoolCodeProblem(code) === null;
}

/** Builds a valid code from its parts (used by the demo generator; never type codes by hand). */
export function buildSchoolCode(
  kind: SchoolKindPrefix,
  prefecture: number,
  founder: 1 | 2 | 3,
  schoolNumber: number,
): string {
  const first12 = `${kind}${String(prefecture).padStart(2, '0')}${founder}${String(schoolNumber).padStart(7, '0')}`;
  const code = `${first12}${schoolCodeCheckDigit(first12)}`;
  const problem = findSchoolCodeProblem(code);
  if (problem) throw new Error(`invalid school code parts (${problem}): ${code}`);
  return code;
}

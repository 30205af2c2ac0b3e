/** OneRoster Japan Profile grade codes used for 小 and 中 (domain-jp §4.3). */
export const GRADE_CODES = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'J1', 'J2', 'J3'] as const;
export type GradeCode = (typeof GRADE_CODES)[number];

/** 1 … 9 (小1 … 中3) → grade code. */
export function gradeCodeOf(gradeNumber: number): GradeCode {
  const code = GRADE_CODES[gradeNumber - 1];
  if (!code) throw new RangeError(`grade number out of range 1–9: ${gradeNumber}`);
  return code;
}

export function gradeNumberOf(code: GradeCode): number {
  return GRADE_CODES.indexOf(code) + 1;
}

/** 'P6' → '6年' (小学校), 'J1' → '1年' (中学校). */
export function gradeLabelJa(code: GradeCode): string {
  return `${code.slice(1)}年`;
}

/** 'P6' → '小6', 'J1' → '中1' (used where schools are mixed). */
export function gradeShortLabelJa(code: GradeCode): string {
  return `${code.startsWith('P') ? '小' : '中'}${code.slice(1)}`;
}

export const SCHOOL_KINDS = ['elementary', 'junior_high', 'compulsory'] as const;
export type SchoolKind = (typeof SCHOOL_KINDS)[number];

import type { ClassSummary, RosterEntry } from '@edukarte/shared';

/** The schools of a class list, in the order they first appear: for the 学校 select. */
export function schoolsOf(classes: readonly ClassSummary[]): { value: string; label: string }[] {
  const seen = new Map<number, string>();
  for (const c of classes) if (!seen.has(c.schoolId)) seen.set(c.schoolId, c.schoolName);
  return [...seen].map(([id, name]) => ({ value: String(id), label: name }));
}

/** Homeroom classes of one school: 「4年1組」, special-needs classes by name. */
export function classesOf(
  classes: readonly ClassSummary[],
  schoolId: number | null,
): { value: string; label: string }[] {
  return classes.filter((c) => c.schoolId === schoolId).map((c) => ({ value: String(c.id), label: c.label }));
}

/** Pupils still in the class (not already moved out), by 出席番号: 「12 山田 太郎」. */
export function enrolledPupils(students: readonly RosterEntry[]): { value: string; label: string }[] {
  return students
    .filter((s) => s.status !== 'transferred_out')
    .sort((a, b) => a.attendanceNo - b.attendanceNo)
    .map((s) => ({
      value: String(s.studentId),
      label: `${String(s.attendanceNo)} ${s.familyName} ${s.givenName}`,
    }));
}

/** The 出席番号 a 転入 gets when left empty: after the highest number ever used in the class. */
export function nextAttendanceNo(students: readonly RosterEntry[]): number {
  return students.reduce((max, s) => Math.max(max, s.attendanceNo), 0) + 1;
}

const KATAKANA = /^[\u30a1-\u30fa\u30fc\u30fb\s\u3000]+$/;

/** Full-width katakana readings, as the roster keeps them (ひらがな is turned into カタカナ first). */
export function toKatakana(text: string): string {
  return text
    .normalize('NFKC')
    .trim()
    .replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}

export function isKatakana(text: string): boolean {
  return KATAKANA.test(text);
}

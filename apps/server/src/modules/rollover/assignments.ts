import {
  gradeNumberOf,
  gradeShortLabelJa,
  type GradeCode,
  type RolloverIssue,
  type SchoolKind,
} from '@edukarte/shared';
import type { PlannedMove } from './plan.ts';

/**
 * 学級編成の個別指定 (custom class assignment), pure: checks the admin's class and 出席番号 for
 * every pupil the plan moves, and applies them. The file reader (assignment-file.ts) and the JSON
 * request share these rules, so an uploaded file and a single edit in the table are judged alike.
 */

/** A pupil the plan gives a new stay, with what a file row or an edit may be compared against. */
export interface PlacementTarget {
  studentId: number;
  name: string;
  schoolId: number;
  schoolCode: string;
  schoolName: string;
  schoolKind: SchoolKind;
  gradeCode: GradeCode;
}

/** One proposed assignment and where it came from (a file row, or `assignments[i]` of a request). */
export interface AssignmentCandidate {
  /** file row (1 = header), or 0 for a JSON request */
  row: number;
  /** how to name the field in an issue: the file's header or `assignments[3].className` */
  columns: { studentId: string; className: string; attendanceNo: string };
  studentId: number;
  className: string;
  attendanceNo: number;
}

export interface CheckedAssignment {
  studentId: number;
  className: string;
  attendanceNo: number;
  isSpecialNeeds: boolean;
}

/** Homeroom names a file may use: 1組 … 20組. */
export const MAX_CLASS_NUMBER = 20;

export function isNumberedClassName(name: string): boolean {
  const m = /^(\d{1,2})組$/.exec(name);
  return m !== null && Number(m[1]) >= 1 && Number(m[1]) <= MAX_CLASS_NUMBER;
}

/** What a class name must be at a school, in words (for the issue's `expected`). */
export function expectedClassName(specialNeedsNames: ReadonlySet<string>): string {
  const named = [...specialNeedsNames].map((n) => `「${n}」`).join('・');
  return `「1組」〜「${MAX_CLASS_NUMBER}組」${named ? `、または特別支援学級 ${named}` : ''}`;
}

export function targetLabel(t: PlacementTarget): string {
  return `${t.name}（${t.schoolName} ${gradeShortLabelJa(t.gradeCode)}）`;
}

/**
 * Checks candidates against the plan's targets: each names a pupil of the plan, once; the class
 * name is 1組…20組 or a special-needs class of the destination school; 出席番号 do not repeat in a
 * class; every pupil of the plan is assigned. Returns every issue, or the checked assignments.
 */
export function checkAssignments(
  file: string,
  candidates: readonly AssignmentCandidate[],
  targets: ReadonlyMap<number, PlacementTarget>,
  specialNeedsNamesOf: (schoolId: number) => ReadonlySet<string>,
): { issues: RolloverIssue[]; assignments: CheckedAssignment[] } {
  const issues: RolloverIssue[] = [];
  const seen = new Map<number, number>();
  const numberTaken = new Map<string, number>();
  const assignments: CheckedAssignment[] = [];
  const at = (row: number) => (row > 0 ? `${row}行目` : '指定');

  for (const c of candidates) {
    const target = targets.get(c.studentId);
    if (!target) {
      issues.push({
        file,
        row: c.row,
        column: c.columns.studentId,
        value: String(c.studentId),
        expected:
          'この年度更新で進級・進学する児童生徒のID（卒業・在籍済み・進学先未定の児童生徒は指定できません）',
      });
      continue;
    }
    const first = seen.get(c.studentId);
    if (first !== undefined) {
      issues.push({
        file,
        row: c.row,
        column: c.columns.studentId,
        value: String(c.studentId),
        expected: `1人につき1行（${at(first)}と同じ児童生徒です）`,
      });
      continue;
    }
    seen.set(c.studentId, c.row);
    const specialNeeds = specialNeedsNamesOf(target.schoolId);
    const isSpecialNeeds = specialNeeds.has(c.className);
    if (!isSpecialNeeds && !isNumberedClassName(c.className)) {
      issues.push({
        file,
        row: c.row,
        column: c.columns.className,
        value: c.className,
        expected: expectedClassName(specialNeeds),
      });
      continue;
    }
    const classKey = `${target.schoolId}|${target.gradeCode}|${c.className}|${c.attendanceNo}`;
    const taken = numberTaken.get(classKey);
    if (taken !== undefined) {
      issues.push({
        file,
        row: c.row,
        column: c.columns.attendanceNo,
        value: String(c.attendanceNo),
        expected: `${target.schoolName} ${gradeShortLabelJa(target.gradeCode)} ${c.className}の中で重ならない出席番号（${at(taken)}と同じ番号です）`,
      });
      continue;
    }
    numberTaken.set(classKey, c.row);
    assignments.push({
      studentId: c.studentId,
      className: c.className,
      attendanceNo: c.attendanceNo,
      isSpecialNeeds,
    });
  }

  for (const target of targets.values())
    if (!seen.has(target.studentId))
      issues.push({
        file,
        row: 0,
        column: candidates[0]?.columns.studentId ?? '児童生徒ID',
        value: String(target.studentId),
        expected: `${targetLabel(target)} の行（全員の学級と出席番号を指定してください）`,
      });

  return issues.length > 0 ? { issues, assignments: [] } : { issues, assignments };
}

/** The plan's moves with the checked assignments applied (class, 出席番号, special-needs class). */
export function applyAssignments(
  moves: readonly PlannedMove[],
  assignments: readonly CheckedAssignment[],
): PlannedMove[] {
  const byStudent = new Map(assignments.map((a) => [a.studentId, a]));
  return moves.map((m) => {
    const a = byStudent.get(m.studentId);
    if (!m.to || !a) return m;
    return {
      ...m,
      to: { ...m.to, className: a.className, attendanceNo: a.attendanceNo, isSpecialNeeds: a.isSpecialNeeds },
    };
  });
}

/**
 * 学年 as the file writes it, like the 校務 templates: the year within the school (小4 → 4, 中1 → 1),
 * or 1–9 in a 義務教育学校.
 */
export function gradeInSchool(code: GradeCode, schoolKind: SchoolKind): string {
  return schoolKind === 'compulsory' ? String(gradeNumberOf(code)) : code.slice(1);
}

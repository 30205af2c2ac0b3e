import {
  gradeShortLabelJa,
  schoolYearOf,
  type RolloverAssignment,
  type RolloverClassCount,
  type RolloverPlacement,
} from '@edukarte/shared';

export interface PlanSchoolRow {
  schoolId: number;
  schoolName: string;
  /** one line per new grade: 「小4: 1組 18人, 2組 17人」 */
  grades: { label: string; classes: { name: string; pupils: number; advancing: number }[]; pupils: number }[];
  pupils: number;
}

/** The preview's classes grouped by school and grade, in the order the server sent them. */
export function groupPlanBySchool(classes: readonly RolloverClassCount[]): PlanSchoolRow[] {
  const schools = new Map<number, PlanSchoolRow>();
  for (const c of classes) {
    const school = schools.get(c.schoolId) ?? {
      schoolId: c.schoolId,
      schoolName: c.schoolName,
      grades: [],
      pupils: 0,
    };
    const label = gradeShortLabelJa(c.gradeCode);
    let grade = school.grades.find((g) => g.label === label);
    if (!grade) {
      grade = { label, classes: [], pupils: 0 };
      school.grades.push(grade);
    }
    grade.classes.push({ name: c.className, pupils: c.pupils, advancing: c.advancing });
    grade.pupils += c.pupils;
    school.pupils += c.pupils;
    schools.set(c.schoolId, school);
  }
  return [...schools.values()];
}

/** The 年度 to propose: the one after the school year that contains `today` (an ISO date). */
export function defaultTargetYear(today: string): number {
  return schoolYearOf(today) + 1;
}

/** The plan's pupils as custom assignments: the starting point of an edit in the table. */
export function assignmentsFromPlacements(placements: readonly RolloverPlacement[]): RolloverAssignment[] {
  return placements.map((p) => ({
    studentId: p.studentId,
    className: p.className,
    attendanceNo: p.attendanceNo,
  }));
}

/** One pupil's class and 出席番号 changed; everyone else as before. */
export function withAssignment(
  assignments: readonly RolloverAssignment[],
  change: RolloverAssignment,
): RolloverAssignment[] {
  return assignments.map((a) => (a.studentId === change.studentId ? change : a));
}

/** '2' / '２' / '2組' → '2組'; a named class as written (what the server also accepts). */
export function normaliseClassName(text: string): string {
  const t = text.normalize('NFKC').trim();
  return /^\d+$/.test(t) ? `${t}組` : t;
}

/** The explicit 進学先 choices as the request wants them. */
/** Per-pupil 進学先 (学区外・指定校変更), as the request's juniorHighOverrides. */
export function overridesRequest(
  choices: Readonly<Record<number, number>>,
): { studentId: number; juniorHighSchoolId: number }[] {
  return Object.entries(choices).map(([studentId, juniorHigh]) => ({
    studentId: Number(studentId),
    juniorHighSchoolId: juniorHigh,
  }));
}

export function mappingRequest(
  choices: Readonly<Record<number, number>>,
): { elementarySchoolId: number; juniorHighSchoolId: number }[] {
  return Object.entries(choices).map(([elementary, juniorHigh]) => ({
    elementarySchoolId: Number(elementary),
    juniorHighSchoolId: juniorHigh,
  }));
}

/** 学校 + 新学年 groups of the placements, for the table's filter: 「中央小学校 小4（62人）」 */
export function placementGroups(
  placements: readonly RolloverPlacement[],
): { value: string; schoolName: string; grade: string; pupils: number }[] {
  const groups = new Map<string, { value: string; schoolName: string; grade: string; pupils: number }>();
  for (const p of placements) {
    const value = `${String(p.schoolId)}|${p.gradeCode}`;
    const g = groups.get(value) ?? {
      value,
      schoolName: p.schoolName,
      grade: gradeShortLabelJa(p.gradeCode),
      pupils: 0,
    };
    g.pupils += 1;
    groups.set(value, g);
  }
  return [...groups.values()];
}

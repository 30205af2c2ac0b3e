import { gradeShortLabelJa, schoolYearOf, type RolloverClassCount } from '@edukarte/shared';

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

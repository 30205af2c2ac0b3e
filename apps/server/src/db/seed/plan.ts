import { SUBJECT_CODES, type SubjectCode } from '@edukarte/shared';
import { buildCurriculum, unitsOf, unitWindow, type Unit } from './curriculum.ts';
import type { StudentModel, World, YearModel } from './model.ts';
import { adoption } from './profile.ts';
import { clamp } from './rng.ts';

/** Share of drill practice per subject (drills are mostly 算数・数学 and 国語). */
const DRILL_SHARE: Partial<Record<SubjectCode, number>> = {
  MATH: 0.46,
  JPN: 0.28,
  SCI: 0.1,
  SOC: 0.08,
  ENG: 0.08,
};

/**
 * The hidden state that ties the data kinds together: each pupil's ability per year, subject
 * strengths, and how many drill items they answer per unit. Drill practice raises next year's
 * ability and this unit's test score, so "drill practice goes with test gains" is in the data.
 */
export class LearningPlan {
  readonly curriculum: Map<number, Unit[]> = buildCurriculum();
  private readonly drill = new Map<string, Int32Array>();
  private readonly skills = new Map<number, Float64Array>();
  private readonly effort = new Map<string, number>();

  constructor(private readonly world: World) {
    for (const student of world.students) this.planStudent(student);
  }

  private planStudent(student: StudentModel): void {
    const rng = this.world.rng.fork('plan', student.id);
    this.skills.set(
      student.id,
      Float64Array.from(SUBJECT_CODES, () => rng.normal(0, 0.4)),
    );
    let theta = student.traits.ability;
    const years = [...new Set(student.stays.map((s) => s.year))].sort((a, b) => a.fy - b.fy);
    for (const year of years) {
      student.ability.set(year.fy, theta);
      const effort = clamp(student.traits.diligence * Math.exp(rng.normal(0, 0.25)), 0.05, 6);
      this.effort.set(`${student.id}:${year.fy}`, effort);
      const grade = year.fy - student.cohort + 1;
      const units = this.curriculum.get(grade) ?? [];
      const counts = new Int32Array(units.length);
      for (const unit of units) counts[unit.index] = rng.poisson(this.expectedDrill(year, unit) * effort);
      this.drill.set(`${student.id}:${year.fy}`, counts);
      const chronic = student.traits.chronic.has(year.fy) ? 0.12 : 0;
      theta += 0.3 * Math.log(effort) + rng.normal(0, 0.1) - chronic;
    }
  }

  /** Mean drill answers a pupil gives on a unit in a year (0 for units not yet taught by asOf). */
  expectedDrill(year: YearModel, unit: Unit): number {
    const window = unitWindow(year, unit, unitsOf(this.curriculum, unit.grade, unit.subject).length);
    if (window.start > year.dataEnd) return 0;
    const taught = Math.min(1, (year.dataEnd - window.start + 1) / (window.end - window.start + 21));
    const perUnit =
      (DRILL_SHARE[unit.subject] ?? 0) / unitsOf(this.curriculum, unit.grade, unit.subject).length;
    return this.world.profile.drillAnswersPerStudentYear * adoption(year.fy) * perUnit * taught;
  }

  drillCounts(student: StudentModel, fy: number): Int32Array | undefined {
    return this.drill.get(`${student.id}:${fy}`);
  }

  /** How hard the pupil practised this year (≈1 on average). */
  effortOf(student: StudentModel, fy: number): number {
    return this.effort.get(`${student.id}:${fy}`) ?? 1;
  }

  /** θ in a year plus the pupil's strength in a subject. */
  ability(student: StudentModel, fy: number, subject: SubjectCode): number {
    const skill = this.skills.get(student.id)?.[SUBJECT_CODES.indexOf(subject)] ?? 0;
    return (student.ability.get(fy) ?? student.traits.ability) + skill;
  }

  /** Extra ability on a unit from practising it more (or less) than classmates usually do. */
  drillBoost(student: StudentModel, year: YearModel, unit: Unit): number {
    const count = this.drillCounts(student, year.fy)?.[unit.index] ?? 0;
    const expected = this.expectedDrill(year, unit);
    return clamp(0.35 * (Math.log1p(count) - Math.log1p(expected)), -0.6, 0.6);
  }
}

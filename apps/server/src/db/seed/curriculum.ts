import { GRADE_CODES, type SubjectCode } from '@edukarte/shared';
import type { DayNumber } from './calendar.ts';
import type { World, YearModel } from './model.ts';
import { UNIT_NAMES } from './units-data.ts';

export interface Unit {
  code: string;
  subject: SubjectCode;
  grade: number;
  seq: number;
  name: string;
  /** its position among all units of the grade (index into per-pupil drill plans) */
  index: number;
  /** 標準時数 per week, used to size plans and drill volume */
  weeklyHours: number;
}

const WEEKLY_HOURS: Partial<Record<SubjectCode, number>> = { JPN: 5, MATH: 4.5, SCI: 3, SOC: 3, ENG: 2.5 };
/** subjects whose units get a カラーテスト in 小学校 */
export const UNIT_TEST_SUBJECTS: readonly SubjectCode[] = ['JPN', 'MATH', 'SCI', 'SOC'];

/** Units per grade (1–9), each with a stable code like MATH-P5-03. */
export function buildCurriculum(): Map<number, Unit[]> {
  const byGrade = new Map<number, Unit[]>();
  for (const [subject, grades] of Object.entries(UNIT_NAMES) as [
    SubjectCode,
    Record<number, readonly string[]>,
  ][]) {
    for (const [gradeText, names] of Object.entries(grades)) {
      const grade = Number(gradeText);
      const list = byGrade.get(grade) ?? [];
      names.forEach((name, i) =>
        list.push({
          code: `${subject}-${GRADE_CODES[grade - 1] ?? 'P1'}-${String(i + 1).padStart(2, '0')}`,
          subject,
          grade,
          seq: i + 1,
          name,
          index: list.length,
          weeklyHours: WEEKLY_HOURS[subject] ?? 2,
        }),
      );
      byGrade.set(grade, list);
    }
  }
  return byGrade;
}

/** Writes the learning_units reference rows. */
export function writeCurriculum(world: World, curriculum: Map<number, Unit[]>): void {
  for (const units of curriculum.values())
    for (const u of units)
      world.loader.add('learning_units', [
        u.code,
        u.subject,
        GRADE_CODES[u.grade - 1] ?? 'P1',
        u.seq,
        u.name,
        null,
      ]);
}

/** When a unit is taught in a year: its share of the year's instruction days, in order. */
export function unitWindow(
  year: YearModel,
  unit: Unit,
  unitsOfSubject: number,
): { start: DayNumber; end: DayNumber } {
  const days = year.days;
  const from = Math.floor(((unit.seq - 1) * days.length) / unitsOfSubject);
  const to = Math.max(from, Math.floor((unit.seq * days.length) / unitsOfSubject) - 1);
  return { start: days[from] ?? year.start, end: days[to] ?? year.end };
}

/** Units of one subject and grade. */
export function unitsOf(curriculum: Map<number, Unit[]>, grade: number, subject: SubjectCode): Unit[] {
  return (curriculum.get(grade) ?? []).filter((u) => u.subject === subject);
}

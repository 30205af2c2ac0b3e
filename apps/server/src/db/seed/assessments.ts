import { dayNumber, type DayNumber } from './calendar.ts';
import { UNIT_TEST_SUBJECTS, unitsOf, unitWindow, type Unit } from './curriculum.ts';
import type { StayModel, World, YearModel } from './model.ts';
import { municipal, national } from './national-tests.ts';
import type { LearningPlan } from './plan.ts';
import type { Rng } from './rng.ts';
import {
  assessment,
  firstSchoolDay,
  gradeLabel,
  item,
  result,
  scaled,
  subjectName,
  takers,
} from './test-parts.ts';

const REGULAR_SLOTS: [string, string][] = [
  ['1学期中間テスト', '05-27'],
  ['1学期期末テスト', '07-03'],
  ['2学期中間テスト', '10-15'],
  ['2学期期末テスト', '11-26'],
  ['学年末テスト', '02-18'],
];

/**
 * テスト・調査 and their results: カラーテスト after each 小 unit (知識・技能 /100 + 思考・判断・表現 /50),
 * 定期テスト in 中学校, 全国学力・学習状況調査 (小6・中3 each April, item results included) and the
 * city's own test for 小4–中2. Scores come from the pupil's ability and their drill practice.
 */
export async function writeAssessments(world: World, plan: LearningPlan): Promise<void> {
  for (const year of world.years) {
    const rng = world.rng.fork('assessments', year.fy);
    national(world, plan, rng, year);
    municipal(world, plan, rng, year);
    for (const school of world.schools) {
      if (school.kind === 'elementary') unitTests(world, plan, rng, year, school.id);
      else regularTests(world, plan, rng, year, school.id);
      await world.loader.drain();
    }
  }
}

function unitTests(world: World, plan: LearningPlan, rng: Rng, year: YearModel, schoolId: number): void {
  for (let grade = 1; grade <= 6; grade++)
    for (const subject of UNIT_TEST_SUBJECTS) {
      const units = unitsOf(plan.curriculum, grade, subject);
      for (const unit of units) {
        const day = unitWindow(year, unit, units.length).end;
        if (day > year.dataEnd) continue;
        const title = `${gradeLabel(grade)} ${subjectName(subject, grade)}「${unit.name}」単元テスト`;
        const id = assessment(world, schoolId, year, 'unit', subject, grade, title, unit.code, day, 150);
        item(world, id, 1, '知識・技能', 'knowledge', 100);
        item(world, id, 2, '思考・判断・表現', 'thinking', 50);
        for (const stay of takers(world, rng, year, grade, day, schoolId, 0.8)) {
          const theta =
            plan.ability(stay.student, year.fy, subject) + plan.drillBoost(stay.student, year, unit);
          const k = scaled(rng, 100, 1.1 * theta + 1.6, 5);
          const t = scaled(rng, 50, 1.1 * theta + 0.8, 3);
          result(world, stay, id, k + t);
        }
      }
    }
}

function recentBoost(
  plan: LearningPlan,
  year: YearModel,
  stay: StayModel,
  units: Unit[],
  day: DayNumber,
): number {
  let sum = 0;
  let n = 0;
  for (const unit of units) {
    const w = unitWindow(year, unit, units.length);
    if (w.start <= day && w.end >= day - 60) {
      sum += plan.drillBoost(stay.student, year, unit);
      n++;
    }
  }
  return n === 0 ? 0 : sum / n;
}

function regularTests(world: World, plan: LearningPlan, rng: Rng, year: YearModel, schoolId: number): void {
  for (let grade = 7; grade <= 9; grade++)
    for (const [slot, md] of REGULAR_SLOTS) {
      const calendarYear = md < '04' ? year.fy + 1 : year.fy;
      const day = firstSchoolDay(
        year,
        dayNumber(`${calendarYear}-${grade === 9 && md === '02-18' ? '02-04' : md}`),
      );
      if (day === undefined || day > year.dataEnd) continue;
      for (const subject of ['JPN', 'SOC', 'MATH', 'SCI', 'ENG'] as const) {
        const units = unitsOf(plan.curriculum, grade, subject);
        const id = assessment(
          world,
          schoolId,
          year,
          'regular',
          subject,
          grade,
          `${slot} ${subjectName(subject, grade)}（${gradeLabel(grade)}）`,
          null,
          day,
          100,
        );
        item(world, id, 1, '知識・技能', 'knowledge', 70);
        item(world, id, 2, '思考・判断・表現', 'thinking', 30);
        for (const stay of takers(world, rng, year, grade, day, schoolId, 0.85)) {
          const theta =
            plan.ability(stay.student, year.fy, subject) + recentBoost(plan, year, stay, units, day);
          result(world, stay, id, scaled(rng, 100, 1.15 * theta + 0.35, 6));
        }
      }
    }
}

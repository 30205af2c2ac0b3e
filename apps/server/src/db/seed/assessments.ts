import { formatSchoolYear, GRADE_CODES, type SubjectCode } from '@edukarte/shared';
import { dayNumber, isoOf, type DayNumber } from './calendar.ts';
import { UNIT_TEST_SUBJECTS, unitsOf, unitWindow, type Unit } from './curriculum.ts';
import type { StayModel, World, YearModel } from './model.ts';
import { isAwayAllDay } from './model.ts';
import type { LearningPlan } from './plan.ts';
import { clamp, logistic, type Rng } from './rng.ts';

const SUBJECT_NAME: Partial<Record<SubjectCode, [string, string]>> = {
  JPN: ['国語', '国語'],
  MATH: ['算数', '数学'],
  SCI: ['理科', '理科'],
  SOC: ['社会', '社会'],
  ENG: ['外国語', '英語'],
};
/** 2025 national means (平均正答率 %, domain-jp §5); 中 理科 and 英語 are assumed figures. */
const NATIONAL_MEANS: Record<string, number> = {
  'P-JPN': 67.0,
  'P-MATH': 58.2,
  'P-SCI': 57.3,
  'J-JPN': 54.6,
  'J-MATH': 48.8,
  'J-SCI': 50.0,
  'J-ENG': 46.0,
};
const REGULAR_SLOTS: [string, string][] = [
  ['1学期中間テスト', '05-27'],
  ['1学期期末テスト', '07-03'],
  ['2学期中間テスト', '10-15'],
  ['2学期期末テスト', '11-26'],
  ['学年末テスト', '02-18'],
];

function subjectName(subject: SubjectCode, grade: number): string {
  return SUBJECT_NAME[subject]?.[grade <= 6 ? 0 : 1] ?? subject;
}
function gradeLabel(grade: number): string {
  return grade <= 6 ? `${grade}年` : `${grade - 6}年`;
}

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

function firstSchoolDay(year: YearModel, from: DayNumber): DayNumber | undefined {
  return year.days.find((d) => d >= from);
}

/** Pupils of a grade enrolled on the day (at one school or all); absentees mostly take it later. */
function takers(
  world: World,
  rng: Rng,
  year: YearModel,
  grade: number,
  day: DayNumber,
  schoolId: number | null,
  makeUp: number,
): StayModel[] {
  return world.classes
    .filter((k) => k.year === year && k.grade === grade && (schoolId === null || k.school.id === schoolId))
    .flatMap((k) => k.stays)
    .filter((s) => s.start <= day && s.end >= day && (!isAwayAllDay(s.marks.get(day)) || rng.chance(makeUp)));
}

function assessment(
  world: World,
  schoolId: number | null,
  year: YearModel,
  kind: string,
  subject: SubjectCode,
  grade: number,
  title: string,
  unit: string | null,
  day: DayNumber,
  max: number,
): number {
  const id = world.ids.take('assessments');
  world.loader.add('assessments', [
    id,
    world.municipalityId,
    schoolId,
    year.id,
    kind,
    subject,
    GRADE_CODES[grade - 1] ?? 'P1',
    title,
    unit,
    isoOf(day),
    max,
    'demo',
    world.batchId,
  ]);
  return id;
}
function item(
  world: World,
  assessmentId: number,
  seq: number,
  label: string,
  viewpoint: string | null,
  max: number,
): number {
  const id = world.ids.take('assessment_items');
  world.loader.add('assessment_items', [id, assessmentId, seq, label, viewpoint, max, null]);
  return id;
}
function result(world: World, stay: StayModel, assessmentId: number, score: number): void {
  world.loader.add('assessment_results', [
    stay.school.id,
    assessmentId,
    stay.student.id,
    score,
    'demo',
    world.batchId,
  ]);
}
function scaled(rng: Rng, max: number, latent: number, sd: number): number {
  return Math.round(clamp(max * logistic(latent) + rng.normal(0, sd), 0, max));
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

function national(world: World, plan: LearningPlan, rng: Rng, year: YearModel): void {
  const firstThursday =
    dayNumber(`${year.fy}-04-01`) + ((4 - ((dayNumber(`${year.fy}-04-01`) + 4) % 7) + 7) % 7);
  const day = firstSchoolDay(year, firstThursday + 14);
  if (day === undefined || day > year.dataEnd) return;
  for (const grade of [6, 9]) {
    const subjects: SubjectCode[] = ['JPN', 'MATH'];
    if (year.fy === 2025) subjects.push('SCI');
    if (grade === 9 && (year.fy === 2023 || year.fy === 2026)) subjects.push('ENG');
    for (const subject of subjects) {
      const target = (NATIONAL_MEANS[`${grade === 6 ? 'P' : 'J'}-${subject}`] ?? 55) + rng.normal(0, 1.5);
      const count = subject === 'ENG' ? 20 : subject === 'SCI' ? 17 : subject === 'MATH' ? 16 : 14;
      const title = `${year.title} 全国学力・学習状況調査 ${grade === 6 ? '小学校' : '中学校'}${subjectName(subject, grade)}`;
      const id = assessment(world, null, year, 'national', subject, grade, title, null, day, count);
      const spread = Array.from({ length: count }, () => rng.normal(0, 0.8));
      const group = takers(world, rng, year, grade, day, null, 0);
      const thetas = group.map((s) => plan.ability(s.student, year.fy, subject));
      const base = calibrate(thetas, spread, target / 100);
      const items = spread.map((offset, i) => ({
        id: item(
          world,
          id,
          i + 1,
          `${Math.floor(i / 4) + 1}(${(i % 4) + 1})`,
          i < count * 0.6 ? 'knowledge' : 'thinking',
          1,
        ),
        difficulty: base + offset,
      }));
      for (const [k, stay] of group.entries()) {
        const theta = thetas[k] ?? 0;
        let score = 0;
        for (const it of items) {
          const correct = rng.chance(logistic(theta - it.difficulty)) ? 1 : 0;
          score += correct;
          world.loader.add('assessment_item_results', [stay.school.id, it.id, stay.student.id, correct]);
        }
        result(world, stay, id, score);
      }
    }
  }
}

/** The base difficulty at which the city's expected 平均正答率 equals the target (bisection). */
function calibrate(thetas: number[], spread: number[], target: number): number {
  if (thetas.length === 0) return 0;
  let lo = -6;
  let hi = 6;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    let sum = 0;
    for (const t of thetas) for (const s of spread) sum += logistic(t - mid - s);
    if (sum / (thetas.length * spread.length) > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function municipal(world: World, plan: LearningPlan, rng: Rng, year: YearModel): void {
  const day = firstSchoolDay(year, dayNumber(`${year.fy}-04-24`));
  if (day === undefined || day > year.dataEnd) return;
  for (let grade = 4; grade <= 8; grade++)
    for (const subject of grade >= 7 ? (['JPN', 'MATH', 'ENG'] as const) : (['JPN', 'MATH'] as const)) {
      const title = `${formatSchoolYear(year.fy)} ${world.profile.municipalityName}学力調査 ${subjectName(subject, grade)}（${grade <= 6 ? '小' : '中'}${gradeLabel(grade)}）`;
      const id = assessment(world, null, year, 'municipal', subject, grade, title, null, day, 100);
      item(world, id, 1, '知識・技能', 'knowledge', 60);
      item(world, id, 2, '思考・判断・表現', 'thinking', 40);
      for (const stay of takers(world, rng, year, grade, day, null, 0))
        result(
          world,
          stay,
          id,
          scaled(rng, 100, 1.1 * plan.ability(stay.student, year.fy, subject) + 0.45, 5),
        );
    }
}

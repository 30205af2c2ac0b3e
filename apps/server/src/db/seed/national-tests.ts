import { formatSchoolYear, type SubjectCode } from '@edukarte/shared';
import { dayNumber } from './calendar.ts';
import type { World, YearModel } from './model.ts';
import type { LearningPlan } from './plan.ts';
import { logistic, type Rng } from './rng.ts';
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
/** 全国学力・学習状況調査: 小6 and 中3 each April, item results included, city means calibrated to the national ones. */
export function national(world: World, plan: LearningPlan, rng: Rng, year: YearModel): void {
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

/** The city's own 学力調査 for 小4 to 中2 each April. */
export function municipal(world: World, plan: LearningPlan, rng: Rng, year: YearModel): void {
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

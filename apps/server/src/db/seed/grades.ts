import type { SubjectCode } from '@edukarte/shared';
import { dayNumber, reportDateOf } from './calendar.ts';
import { unitsOf, unitWindow } from './curriculum.ts';
import type { StayModel, World, YearModel } from './model.ts';
import type { LearningPlan } from './plan.ts';
import type { Rng } from './rng.ts';

type Rating = 'A' | 'B' | 'C';
const PERIODS = [1, 2, 3, 9] as const;

/** Subjects on the 通知表 / 指導要録 per grade (道徳 and 総合 are described in words, not rated). */
function subjectsFor(grade: number): SubjectCode[] {
  if (grade <= 2) return ['JPN', 'MATH', 'LIFE', 'MUSIC', 'ART', 'PE'];
  if (grade <= 4) return ['JPN', 'SOC', 'MATH', 'SCI', 'MUSIC', 'ART', 'PE'];
  if (grade <= 6) return ['JPN', 'SOC', 'MATH', 'SCI', 'MUSIC', 'ART', 'HOME', 'PE', 'ENG'];
  return ['JPN', 'SOC', 'MATH', 'SCI', 'MUSIC', 'ART', 'PE', 'TECH', 'ENG'];
}

function abc(z: number): Rating {
  return z >= 0.7 ? 'A' : z >= -0.9 ? 'B' : 'C';
}

/** 評定 consistent with the three 観点 (AAA → 5 or 4 … CCC → 1; 小 on 3 levels; none for 小1–2). */
function ratingOf(grade: number, marks: Rating[], z: number): number | null {
  if (grade <= 2) return null;
  const balance = marks.filter((m) => m === 'A').length - marks.filter((m) => m === 'C').length;
  if (grade <= 6) {
    if (balance >= 2) return balance === 3 || z > 0.5 ? 3 : 2;
    if (balance <= -2) return balance === -3 || z < -1 ? 1 : 2;
    return 2;
  }
  switch (balance) {
    case 3:
      return z >= 1.3 ? 5 : 4;
    case 2:
      return 4;
    case 1:
      return z > 0.6 ? 4 : 3;
    case 0:
      return 3;
    case -1:
      return z < -0.8 ? 2 : 3;
    case -2:
      return 2;
    default:
      return 1;
  }
}

/**
 * 評定・観点別学習状況 per pupil, subject and period (1–3 = 学期, 9 = 学年末), written when the
 * report was due before asOf, at the school the pupil attended that day.
 */
export async function writeGradeRecords(world: World, plan: LearningPlan): Promise<void> {
  for (const klass of world.classes) {
    for (const stay of klass.stays) {
      const rng = world.rng.fork('grades', stay.id);
      for (const period of PERIODS) {
        const due = dayNumber(reportDateOf(klass.year.fy, period));
        if (due > world.asOf || due < stay.start || due > stay.end) continue;
        for (const subject of subjectsFor(klass.grade))
          record(world, plan, rng, stay, klass.year, period, subject, due);
      }
    }
    await world.loader.drain();
  }
}

function record(
  world: World,
  plan: LearningPlan,
  rng: Rng,
  stay: StayModel,
  year: YearModel,
  period: number,
  subject: SubjectCode,
  due: number,
): void {
  const student = stay.student;
  const units = unitsOf(plan.curriculum, stay.klass.grade, subject);
  const termStart =
    period === 1 || period === 9
      ? year.start
      : period === 2
        ? dayNumber(`${year.fy}-09-01`)
        : dayNumber(`${year.fy + 1}-01-01`);
  const taught = units.filter((u) => {
    const w = unitWindow(year, u, units.length);
    return w.end >= termStart && w.start <= due;
  });
  const boost =
    taught.length === 0
      ? 0
      : taught.reduce((s, u) => s + plan.drillBoost(student, year, u), 0) / taught.length;
  const noise = period === 9 ? 0.15 : 0.3;
  const theta = plan.ability(student, year.fy, subject) + boost + rng.normal(0, noise);
  const chronic = student.traits.chronic.has(year.fy) ? 0.5 : 0;
  const knowledge = abc(theta + rng.normal(0, 0.35));
  const thinking = abc(theta + rng.normal(0, 0.4));
  const attitude = abc(
    0.5 * theta + 0.6 * Math.log(plan.effortOf(student, year.fy)) + rng.normal(0, 0.4) - chronic,
  );
  const rating = ratingOf(stay.klass.grade, [knowledge, thinking, attitude], theta);
  world.loader.add('grade_records', [
    stay.school.id,
    student.id,
    year.id,
    period,
    subject,
    rating,
    knowledge,
    thinking,
    attitude,
    'demo',
    world.batchId,
  ]);
}

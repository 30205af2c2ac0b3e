import { isoOf, type DayNumber } from './calendar.ts';
import { jstSeconds } from './csv.ts';
import { unitsOf, unitWindow, type Unit } from './curriculum.ts';
import type { StayModel, StudentModel, World, YearModel } from './model.ts';
import type { LearningPlan } from './plan.ts';
import { logistic, type Rng } from './rng.ts';

const ITEMS_PER_UNIT = 20;

/** The device a pupil uses: 小 tablets, 中 Chromebooks, now and then a home PC. */
export function deviceOf(rng: Rng, stay: StayModel): string {
  if (rng.chance(0.05)) return 'pc';
  return stay.school.kind === 'elementary' ? 'tablet' : 'chromebook';
}

function stayOn(student: StudentModel, year: YearModel, day: DayNumber): StayModel | undefined {
  for (const s of student.stays) if (s.year === year && s.start <= day && s.end >= day) return s;
  return undefined;
}

/** One app session of a pupil on a day: drill items of several units continue on one clock. */
interface DaySession {
  stay: StayModel;
  inLesson: boolean;
  start: number;
  clock: number;
}

/**
 * ドリル解答: every pupil answers the number of items the learning plan gave them per unit, during
 * and up to 20 days after the unit, mostly on the few days a week the pupil habitually practises
 * (in lessons or at home in the evening). All items of a day form one session and one ICT usage
 * row. Accuracy follows ability and improves through the unit.
 */
export async function writeDrills(world: World, plan: LearningPlan): Promise<void> {
  const { loader } = world;
  for (const student of world.students) {
    for (const year of world.years) {
      const counts = plan.drillCounts(student, year.fy);
      if (!counts) continue;
      const rng = world.rng.fork('drill', student.id, year.fy);
      const habit = habitualDays(
        rng,
        year,
        counts.reduce((a, b) => a + b, 0),
      );
      const sessions = new Map<DayNumber, DaySession>();
      const units = plan.curriculum.get(year.fy - student.cohort + 1) ?? [];
      for (const unit of units) {
        let left = counts[unit.index] ?? 0;
        if (left === 0) continue;
        const window = unitWindow(year, unit, unitsOf(plan.curriculum, unit.grade, unit.subject).length);
        const last = Math.min(window.end + 20, year.dataEnd);
        if (last < window.start) continue;
        const theta = plan.ability(student, year.fy, unit.subject) + plan.drillBoost(student, year, unit);
        const usual = habit.filter((d) => d >= window.start && d <= last);
        while (left > 0) {
          const size = Math.min(left, rng.int(6, 14));
          left -= size;
          const day = usual.length > 0 && rng.chance(0.85) ? rng.pick(usual) : rng.int(window.start, last);
          let session = sessions.get(day);
          if (!session) {
            const stay = stayOn(student, year, day);
            if (!stay) continue;
            const inLesson = stay.year.days.includes(day) && rng.chance(0.4);
            const start = inLesson ? rng.int(34_800, 52_200) : rng.int(59_400, 75_600);
            session = { stay, inLesson, start, clock: start };
            sessions.set(day, session);
          }
          answer(
            world,
            rng,
            session,
            unit,
            theta,
            (day - window.start) / Math.max(1, last - window.start),
            day,
            size,
          );
        }
      }
      for (const [day, s] of sessions)
        loader.addLine(
          'ict_usage',
          `${s.stay.school.id},${world.ids.take('ict_usage')},${student.id},${s.stay.klass.id},${world.tools.drill},${deviceOf(rng, s.stay)},${s.inLesson ? 'drill' : 'homework'},${jstSeconds(isoOf(day), s.start)},${Math.max(1, Math.round((s.clock - s.start) / 60))}`,
        );
      await loader.drain();
    }
  }
}

/** The days a pupil usually practises: about one day a week per 8 items of the year's plan. */
function habitualDays(rng: Rng, year: YearModel, total: number): DayNumber[] {
  const weeks = Math.max(1, (year.dataEnd - year.start) / 7);
  const perWeek = Math.min(5, total / (weeks * 8));
  const out: DayNumber[] = [];
  for (let week = year.start; week <= year.dataEnd; week += 7)
    for (let n = rng.poisson(perWeek); n > 0; n--) {
      const day = week + rng.int(0, 6);
      if (day <= year.dataEnd) out.push(day);
    }
  return out;
}

function answer(
  world: World,
  rng: Rng,
  session: DaySession,
  unit: Unit,
  theta: number,
  progress: number,
  day: DayNumber,
  size: number,
): void {
  const iso = isoOf(day);
  const prefix = `${session.stay.school.id},`;
  const tail = `,${session.stay.student.id},${world.tools.drill},`;
  for (let i = 0; i < size; i++) {
    const q = rng.int(1, ITEMS_PER_UNIT);
    const correct = rng.float() < logistic(theta + 0.9 + 0.6 * progress - (q - 10) / 7);
    const ms = Math.round(Math.min(180_000, Math.max(3_000, Math.exp(10.1 + rng.normal(0, 0.5)))));
    world.loader.addLine(
      'drill_answers',
      `${prefix}${world.ids.take('drill_answers')}${tail}${jstSeconds(iso, session.clock)},${unit.subject},${unit.code},${unit.code}-${q < 10 ? '0' : ''}${q},${correct ? 't' : 'f'},${ms}`,
    );
    session.clock += ms / 1000 + rng.int(2, 8);
  }
}

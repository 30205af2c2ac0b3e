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

/**
 * ドリル解答: every pupil answers the number of items the learning plan gave them per unit, in
 * sessions of about ten items during and after the unit (in lessons or at home in the evening);
 * each session is also one ICT usage row. Accuracy follows ability and improves through the unit.
 */
export async function writeDrills(world: World, plan: LearningPlan): Promise<void> {
  const { loader } = world;
  for (const student of world.students) {
    for (const year of world.years) {
      const counts = plan.drillCounts(student, year.fy);
      if (!counts) continue;
      const rng = world.rng.fork('drill', student.id, year.fy);
      const units = plan.curriculum.get(year.fy - student.cohort + 1) ?? [];
      for (const unit of units) {
        let left = counts[unit.index] ?? 0;
        if (left === 0) continue;
        const window = unitWindow(year, unit, unitsOf(plan.curriculum, unit.grade, unit.subject).length);
        const last = Math.min(window.end + 20, year.dataEnd);
        if (last < window.start) continue;
        const theta = plan.ability(student, year.fy, unit.subject) + plan.drillBoost(student, year, unit);
        while (left > 0) {
          const size = Math.min(left, rng.int(6, 14));
          left -= size;
          let day = rng.int(window.start, last);
          const weekend = (day + 4) % 7 === 0 || (day + 4) % 7 === 6;
          if (weekend && rng.chance(0.6)) day = rng.int(window.start, last);
          const stay = stayOn(student, year, day);
          if (!stay) continue;
          session(
            world,
            rng,
            stay,
            unit,
            theta,
            (day - window.start) / Math.max(1, last - window.start),
            day,
            size,
          );
        }
      }
      await loader.drain();
    }
  }
}

function session(
  world: World,
  rng: Rng,
  stay: StayModel,
  unit: Unit,
  theta: number,
  progress: number,
  day: DayNumber,
  size: number,
): void {
  const iso = isoOf(day);
  const inLesson = stay.year.days.includes(day) && rng.chance(0.45);
  let clock = inLesson
    ? rng.int(9 * 3600 + 40 * 60, 14 * 3600 + 30 * 60)
    : rng.int(16 * 3600 + 30 * 60, 21 * 3600);
  const started = clock;
  const schoolId = stay.school.id;
  const prefix = `${schoolId},`;
  const tail = `,${stay.student.id},${world.tools.drill},`;
  const subject = unit.subject;
  for (let i = 0; i < size; i++) {
    const q = rng.int(1, ITEMS_PER_UNIT);
    const correct = rng.float() < logistic(theta + 0.9 + 0.6 * progress - (q - 10) / 7);
    const ms = Math.round(Math.min(180_000, Math.max(3_000, Math.exp(10.1 + rng.normal(0, 0.5)))));
    world.loader.addLine(
      'drill_answers',
      `${prefix}${world.ids.take('drill_answers')}${tail}${jstSeconds(iso, clock)},${subject},${unit.code},${unit.code}-${q < 10 ? '0' : ''}${q},${correct ? 't' : 'f'},${ms}`,
    );
    clock += ms / 1000 + rng.int(2, 8);
  }
  const minutes = Math.max(1, Math.round((clock - started) / 60));
  world.loader.addLine(
    'ict_usage',
    `${schoolId},${world.ids.take('ict_usage')},${stay.student.id},${stay.klass.id},${world.tools.drill},${deviceOf(rng, stay)},${inLesson ? 'drill' : 'homework'},${jstSeconds(iso, started)},${minutes}`,
  );
}

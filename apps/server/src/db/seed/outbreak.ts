import { dayNumber, isoOf, type DayNumber } from './calendar.ts';
import type { ClassModel, SchoolModel, StayModel, World, YearModel } from './model.ts';
import { isAwayAllDay } from './model.ts';
import { schoolDays, schoolDaysBetween } from './org.ts';
import type { Rng } from './rng.ts';
import { suspend } from './attendance.ts';

const WAVE_DAYS = 10;

/**
 * インフルエンザ waves in January: every year one grade of some school has a small wave, and the
 * demo school has a big one in the most recent winter before asOf, in which one class passes the
 * 学級閉鎖 guide (about 15 % of the class away) and is closed for three school days.
 */
export function planInfluenza(world: World): void {
  const cast = world.cast;
  if (!cast) throw new Error('cast the demo first');
  const featured = [...world.years].reverse().find((y) => dayNumber(`${y.fy + 1}-01-28`) <= world.asOf);
  for (const year of world.years) {
    const rng = world.rng.fork('influenza', year.fy);
    const onsetFrom = firstSchoolDayFrom(year, dayNumber(`${year.fy + 1}-01-13`) + rng.int(0, 6));
    if (onsetFrom === undefined || onsetFrom > world.asOf) continue;
    if (year === featured) {
      const grade = 3;
      const klass = world.classes.find(
        (k) => k.school === cast.school && k.year === year && k.grade === grade && !k.special,
      );
      if (klass) {
        wave(world, rng, cast.school, year, grade, onsetFrom, klass);
        const closure = closeClass(world, klass, onsetFrom);
        if (closure) cast.influenza = { school: cast.school, grade, klass, ...closure };
      }
    }
    const others = world.schools.filter((s) => s !== cast.school || year !== featured);
    const school = rng.pick(others);
    wave(
      world,
      rng,
      school,
      year,
      school.kind === 'elementary' ? rng.int(1, 6) : rng.int(7, 9),
      onsetFrom,
      null,
    );
  }
}

function firstSchoolDayFrom(year: YearModel, day: DayNumber): DayNumber | undefined {
  return year.days.find((d) => d >= day);
}

function gradeStays(
  world: World,
  school: SchoolModel,
  year: YearModel,
  grade: number,
  day: DayNumber,
): StayModel[] {
  return world.classes
    .filter((k) => k.school === school && k.year === year && k.grade === grade)
    .flatMap((k) => k.stays)
    .filter((s) => s.start <= day && s.end >= day);
}

function wave(
  world: World,
  rng: Rng,
  school: SchoolModel,
  year: YearModel,
  grade: number,
  from: DayNumber,
  focal: ClassModel | null,
): void {
  for (const stay of gradeStays(world, school, year, grade, from)) {
    const inFocal = stay.klass === focal;
    if (!rng.chance(focal ? (inFocal ? 0.4 : 0.2) : 0.13)) continue;
    const days = schoolDaysBetween(school, year, stay.start, stay.end);
    const offset = inFocal ? rng.weighted([0, 1, 2, 3, 4], [3, 4, 3, 2, 1]) : rng.int(0, WAVE_DAYS - 1);
    const onset = days[days.indexOf(from) + offset];
    if (onset !== undefined) suspend(stay, days, onset, 'インフルエンザ', ['発熱', 'せき']);
  }
}

/** Closes the class the day after absences pass the guide; returns the closure's days. */
function closeClass(
  world: World,
  klass: ClassModel,
  from: DayNumber,
): { start: DayNumber; end: DayNumber } | null {
  const days = schoolDays(klass.school, klass.year).filter((d) => d >= from);
  for (let i = 0; i < WAVE_DAYS; i++) {
    const day = days[i];
    if (day === undefined) return null;
    const present = klass.stays.filter((s) => s.start <= day && s.end >= day);
    const away = present.filter((s) => isAwayAllDay(s.marks.get(day))).length;
    if (away < Math.max(3, 0.15 * present.length)) continue;
    const closed = days.slice(i + 1, i + 4).filter((d) => d <= world.asOf);
    const start = closed[0];
    const end = closed[closed.length - 1];
    if (start === undefined || end === undefined) return null;
    for (const stay of present)
      for (const d of closed) {
        if (stay.marks.get(d)?.category === 'SUSPENDED') continue;
        stay.marks.set(d, {
          category: 'SUSPENDED',
          reason: null,
          symptoms: [],
          disease: 'インフルエンザ',
          note: '学級閉鎖',
        });
      }
    world.loader.add('class_closures', [
      world.ids.take('class_closures'),
      klass.school.id,
      klass.id,
      isoOf(start),
      isoOf(end),
      'インフルエンザ',
      `欠席者が学級の${Math.round((100 * away) / present.length)}%に達したため（学校保健安全法第20条）`,
    ]);
    return { start, end };
  }
  return null;
}

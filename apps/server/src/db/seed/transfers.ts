import type { DayNumber } from './calendar.ts';
import { addStay } from './classes.ts';
import type { ClassModel, SchoolModel, StayModel, World, YearModel } from './model.ts';
import { createStudent } from './people.ts';
import { classCapacity } from './profile.ts';

/** Share of pupils who move in the middle of a year (each way). */
const TRANSFER_RATE = 0.012;
/** Of those moving out, the share who move to another school of the city (same person, new stay). */
const IN_CITY_SHARE = 0.3;

function activeIn(klass: ClassModel, day: DayNumber): number {
  let n = 0;
  for (const s of klass.stays) if (s.start <= day && s.end >= day) n++;
  return n;
}

/** A regular class of the grade at the school with room on that day (the emptiest one). */
function roomyClass(
  world: World,
  school: SchoolModel,
  year: YearModel,
  grade: number,
  day: DayNumber,
): ClassModel | null {
  let best: ClassModel | null = null;
  let bestCount = Infinity;
  for (const klass of world.classes) {
    if (klass.year !== year || klass.school !== school || klass.grade !== grade || klass.special) continue;
    const n = activeIn(klass, day);
    if (n < classCapacity(grade, year.fy) && n < bestCount) [best, bestCount] = [klass, n];
  }
  return best;
}

function nextNumber(klass: ClassModel): number {
  return klass.stays.reduce((max, s) => Math.max(max, s.attendanceNo), 0) + 1;
}

/**
 * 転出・転入 during the year, only up to asOf: a leaver's stay ends on the day; 3 in 10 continue at
 * another school of the city as the same person, newcomers from outside join the emptiest class.
 */
export function transfers(world: World, year: YearModel): void {
  const rng = world.rng.fork('transfers', year.fy);
  const from = year.start + 19;
  const to = Math.min(year.end - 16, year.dataEnd);
  if (to <= from) return;
  const share = (to - from) / 330;
  type Move = { day: DayNumber; out: StayModel | null; school: SchoolModel; grade: number };
  const moves: Move[] = [];
  const current = world.classes.filter((k) => k.year === year).flatMap((k) => k.stays);
  for (const stay of current)
    if (rng.chance(TRANSFER_RATE * share))
      moves.push({ day: rng.int(from, to), out: stay, school: stay.school, grade: stay.klass.grade });
  for (let n = rng.poisson(current.length * TRANSFER_RATE * share); n > 0; n--) {
    const school = rng.pick(world.schools);
    const grade = school.kind === 'elementary' ? rng.int(1, 6) : rng.int(7, 9);
    moves.push({ day: rng.int(from, to), out: null, school, grade });
  }
  moves.sort((a, b) => a.day - b.day || (a.out?.id ?? 0) - (b.out?.id ?? 0));
  for (const move of moves) {
    if (move.out) {
      const stay = move.out;
      if (stay.exit !== null || stay.end < move.day) continue;
      stay.end = move.day;
      stay.exit = 'transfer_out';
      stay.student.current = null;
      const others = world.schools.filter((s) => s.kind === stay.school.kind && s !== stay.school);
      const target = rng.chance(IN_CITY_SHARE) && others.length > 0 ? rng.pick(others) : null;
      const klass = target ? roomyClass(world, target, year, move.grade, move.day + 1) : null;
      if (klass) {
        addStay(world, klass, stay.student, move.day + 1, 'transfer_in', nextNumber(klass));
        if (klass.school.kind === 'elementary') stay.student.district = klass.school.index;
      }
    } else {
      const klass = roomyClass(world, move.school, year, move.grade, move.day);
      if (!klass) continue;
      const feeders = world.elementary.filter((e) => e.juniorHighIndex === move.school.index);
      const district = move.school.kind === 'elementary' ? move.school.index : rng.pick(feeders).index;
      const student = createStudent(world, year.fy - move.grade + 1, district, move.day);
      addStay(world, klass, student, move.day, 'transfer_in', nextNumber(klass));
    }
  }
}

import { GRADE_CODES } from '@edukarte/shared';
import { isoOf, type DayNumber } from './calendar.ts';
import type { ClassModel, SchoolModel, StayModel, StudentModel, World, YearModel } from './model.ts';
import { compareKana } from './names.ts';
import { since, sourcedId } from './org.ts';
import { createStudent } from './people.ts';
import { classCapacity } from './profile.ts';

type Entry = StayModel['entry'];
interface Arrival {
  student: StudentModel;
  entry: Entry;
}

/** Share of pupils who move in the middle of a year (each way). */
const TRANSFER_RATE = 0.012;
/** Of those moving out, the share who move to another school of the city (same person, new stay). */
const IN_CITY_SHARE = 0.3;

function gradeInSchool(grade: number): number {
  return grade <= 6 ? grade : grade - 6;
}

/** Pupils per grade in an elementary school for a cohort, stable per school and cohort. */
function cohortSize(world: World, school: SchoolModel, cohort: number): number {
  const [min, max] = world.profile.cohortPerElementary;
  const base = world.rng.fork('school-size', school.index).int(min, max);
  const size = Math.round(base * (1 + world.rng.fork('cohort', school.index, cohort).normal(0, 0.06)));
  return Math.max(Math.round(min * 0.85), Math.min(size, world.profile.maxClassesPerGrade * 35 - 3));
}

/**
 * Simulates the roster year by year: the April rollover (進級, クラス替え, new 小1, 小6 → the
 * district's 中学校 as the same person, 中3 graduates), the 特別支援学級, and mid-year transfers
 * in and out (転入・転出), so kartes can follow one child across classes, years and schools.
 */
export function buildRoster(world: World): void {
  let previous: YearModel | null = null;
  for (const year of world.years) {
    const arrivals = previous ? rollover(world, year, previous) : initialPopulation(world, year);
    for (const school of world.schools) formClasses(world, year, school, arrivals.get(school.id) ?? []);
    transfers(world, year);
    if (year.complete)
      for (const klass of world.classes)
        if (klass.year === year)
          for (const stay of klass.stays)
            if (stay.exit === null)
              stay.exit = klass.grade === 6 || klass.grade === 9 ? 'graduated' : 'promoted';
    previous = year;
  }
  for (const klass of world.classes) {
    world.loader.add('classes', [
      klass.id,
      klass.school.id,
      klass.year.id,
      klass.gradeCode,
      klass.name,
      'homeroom',
      klass.special,
      sourcedId(world, 'classes', klass.id),
      since(klass.year.start),
    ]);
    for (const s of klass.stays)
      world.loader.add('enrollments', [
        s.id,
        s.school.id,
        s.year.id,
        klass.id,
        s.student.id,
        s.attendanceNo,
        isoOf(s.start),
        isoOf(s.end),
        s.entry,
        s.exit,
        sourcedId(world, 'enrollments', s.id),
        since(s.start),
      ]);
  }
}

function initialPopulation(world: World, year: YearModel): Map<number, Arrival[]> {
  const out = new Map<number, Arrival[]>();
  for (const school of world.elementary) {
    const list: Arrival[] = [];
    for (let grade = 1; grade <= 6; grade++) {
      const cohort = year.fy - grade + 1;
      for (let i = cohortSize(world, school, cohort); i > 0; i--)
        list.push({
          student: createStudent(world, cohort, school.index, year.start),
          entry: grade === 1 ? 'new' : 'promoted',
        });
    }
    out.set(school.id, list);
  }
  for (const school of world.juniorHigh) {
    const list: Arrival[] = [];
    for (let grade = 7; grade <= 9; grade++) {
      const cohort = year.fy - grade + 1;
      for (const feeder of world.elementary.filter((e) => e.juniorHighIndex === school.index))
        for (let i = Math.round(cohortSize(world, feeder, cohort) * 0.94); i > 0; i--)
          list.push({
            student: createStudent(world, cohort, feeder.index, year.start),
            entry: grade === 7 ? 'advanced' : 'promoted',
          });
    }
    out.set(school.id, list);
  }
  for (const [schoolId, list] of out) {
    const school = world.schools.find((s) => s.id === schoolId);
    for (const a of list) a.student.current = school ?? null;
  }
  return out;
}

function rollover(world: World, year: YearModel, previous: YearModel): Map<number, Arrival[]> {
  const out = new Map<number, Arrival[]>();
  const push = (school: SchoolModel, arrival: Arrival) => {
    arrival.student.current = school;
    const list = out.get(school.id) ?? [];
    list.push(arrival);
    out.set(school.id, list);
  };
  for (const student of world.students) {
    const last = student.stays[student.stays.length - 1];
    if (!student.current || !last || last.year !== previous || last.exit === 'transfer_out') continue;
    const grade = year.fy - student.cohort + 1;
    if (grade === 10 || (grade === 7 && student.goesPrivate)) student.current = null;
    else if (grade === 7) {
      const jh = world.juniorHigh[world.elementary[student.district]?.juniorHighIndex ?? 0];
      if (jh) push(jh, { student, entry: 'advanced' });
    } else push(student.current, { student, entry: 'promoted' });
  }
  for (const school of world.elementary)
    for (let i = cohortSize(world, school, year.fy); i > 0; i--)
      push(school, { student: createStudent(world, year.fy, school.index, year.start), entry: 'new' });
  return out;
}

function newClass(
  world: World,
  school: SchoolModel,
  year: YearModel,
  grade: number,
  name: string,
  special: boolean,
): ClassModel {
  const gradeCode = GRADE_CODES[grade - 1] ?? 'P1';
  const klass: ClassModel = {
    id: world.ids.take('classes'),
    school,
    year,
    grade,
    gradeCode,
    name,
    label: special ? `${name}（${gradeInSchool(grade)}年）` : `${gradeInSchool(grade)}年${name}`,
    special,
    stays: [],
    homeroom: null,
    subjectTeachers: new Map(),
  };
  world.classes.push(klass);
  return klass;
}

function addStay(
  world: World,
  klass: ClassModel,
  student: StudentModel,
  start: DayNumber,
  entry: Entry,
  no: number,
): StayModel {
  const stay: StayModel = {
    id: world.ids.take('enrollments'),
    student,
    school: klass.school,
    year: klass.year,
    klass,
    attendanceNo: no,
    start,
    end: klass.year.end,
    entry,
    exit: null,
    marks: new Map(),
  };
  klass.stays.push(stay);
  student.stays.push(stay);
  student.current = klass.school;
  return stay;
}

/** クラス替え: balanced by sex, then 出席番号 by 五十音 (男女混合). One 特別支援学級 per school. */
function formClasses(world: World, year: YearModel, school: SchoolModel, arrivals: Arrival[]): void {
  const rng = world.rng.fork('classes', school.id, year.fy);
  const byGrade = new Map<number, Arrival[]>();
  for (const a of arrivals) {
    const grade = year.fy - a.student.cohort + 1;
    byGrade.set(grade, [...(byGrade.get(grade) ?? []), a]);
  }
  // 特別支援学級: the grade with most children who need it (at most 8, the legal maximum)
  let flagged = arrivals.filter((a) => a.student.traits.specialNeeds);
  if (flagged.length === 0 && arrivals.length > 0) {
    const chosen = rng.pick(arrivals);
    chosen.student.traits.specialNeeds = true;
    flagged = [chosen];
  }
  const counts = new Map<number, number>();
  for (const a of flagged) {
    const g = year.fy - a.student.cohort + 1;
    counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  const specialGrade = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
  const special = new Set(flagged.filter((a) => year.fy - a.student.cohort + 1 === specialGrade).slice(0, 8));

  for (const grade of [...byGrade.keys()].sort((a, b) => a - b)) {
    const members = (byGrade.get(grade) ?? []).filter((a) => !special.has(a));
    const cap = classCapacity(grade, year.fy);
    const classes = Array.from({ length: Math.max(1, Math.ceil(members.length / cap)) }, (_, k) =>
      newClass(world, school, year, grade, `${k + 1}組`, false),
    );
    const boys = rng.shuffle(members.filter((a) => a.student.sex === 'male'));
    const girls = rng.shuffle(members.filter((a) => a.student.sex === 'female'));
    const dealt: Arrival[][] = classes.map(() => []);
    [...boys, ...girls].forEach((a, i) => dealt[i % classes.length]?.push(a));
    classes.forEach((klass, k) => placeSorted(world, klass, dealt[k] ?? []));
    if (grade === specialGrade) {
      const name = school.kind === 'elementary' ? 'ひまわり学級' : 'あおぞら学級';
      placeSorted(world, newClass(world, school, year, grade, name, true), [...special]);
    }
  }
}

function placeSorted(world: World, klass: ClassModel, members: Arrival[]): void {
  members.sort((a, b) => compareKana(a.student.name, b.student.name) || a.student.id - b.student.id);
  members.forEach((a, i) => addStay(world, klass, a.student, klass.year.start, a.entry, i + 1));
}

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

/** 転出・転入 during the year, only up to asOf. */
function transfers(world: World, year: YearModel): void {
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

import { isoOf } from './calendar.ts';
import { formClasses, type Arrival } from './classes.ts';
import type { SchoolModel, World, YearModel } from './model.ts';
import { since, sourcedId } from './org.ts';
import { createStudent } from './people.ts';
import { transfers } from './transfers.ts';

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

import { GRADE_CODES } from '@edukarte/shared';
import type { DayNumber } from './calendar.ts';
import type { ClassModel, SchoolModel, StayModel, StudentModel, World, YearModel } from './model.ts';
import { compareKana } from './names.ts';
import { classCapacity } from './profile.ts';

export type Entry = StayModel['entry'];

/** A pupil at a school on 4/1 and how they got there (new 小1, 進級, 小→中). */
export interface Arrival {
  student: StudentModel;
  entry: Entry;
}

/** 1–9 → the grade as the school counts it (中1 = 1). */
export function gradeInSchool(grade: number): number {
  return grade <= 6 ? grade : grade - 6;
}

/** A class of a school and year; classes are numbered 1組, 2組, … or named (特別支援学級). */
export function newClass(
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

/** Enrolls a pupil in a class from a day to the end of the year (the transfer code may shorten it). */
export function addStay(
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
export function formClasses(world: World, year: YearModel, school: SchoolModel, arrivals: Arrival[]): void {
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

import { GRADE_CODES, type SubjectCode } from '@edukarte/shared';
import { isoOf, type DayNumber } from './calendar.ts';
import type { StayModel, World, YearModel } from './model.ts';
import { isAwayAllDay } from './model.ts';
import { clamp, logistic, type Rng } from './rng.ts';

/* Shared pieces of every test: labels, who sits it, and the assessment / item / result rows. */

const SUBJECT_NAME: Partial<Record<SubjectCode, [string, string]>> = {
  JPN: ['国語', '国語'],
  MATH: ['算数', '数学'],
  SCI: ['理科', '理科'],
  SOC: ['社会', '社会'],
  ENG: ['外国語', '英語'],
};
export function subjectName(subject: SubjectCode, grade: number): string {
  return SUBJECT_NAME[subject]?.[grade <= 6 ? 0 : 1] ?? subject;
}
export function gradeLabel(grade: number): string {
  return grade <= 6 ? `${grade}年` : `${grade - 6}年`;
}

export function firstSchoolDay(year: YearModel, from: DayNumber): DayNumber | undefined {
  return year.days.find((d) => d >= from);
}

/** Pupils of a grade enrolled on the day (at one school or all); absentees mostly take it later. */
export function takers(
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

export function assessment(
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
export function item(
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
export function result(world: World, stay: StayModel, assessmentId: number, score: number): void {
  world.loader.add('assessment_results', [
    stay.school.id,
    assessmentId,
    stay.student.id,
    score,
    'demo',
    world.batchId,
  ]);
}
export function scaled(rng: Rng, max: number, latent: number, sd: number): number {
  return Math.round(clamp(max * logistic(latent) + rng.normal(0, sd), 0, max));
}

import { dayNumber, type DayNumber } from './calendar.ts';
import type { ClassModel, StaffModel, StayModel, StudentModel, World, YearModel } from './model.ts';
import { isAwayAllDay, staffingKey } from './model.ts';
import type { LearningPlan } from './plan.ts';
import type { Rng } from './rng.ts';
import {
  administer,
  CLASS_ITEMS,
  COMMENTS,
  defineSurvey,
  likert,
  respond,
  STAFF_COMMENTS,
  STAFF_ITEMS,
  STUDENT_ITEMS,
  type ItemDef,
  type Survey,
} from './survey-parts.ts';

/**
 * Surveys (B5): the city's student survey three times a year (one administration per school and
 * term = a wave), a staff survey each December, and the demo teacher's own lesson survey. In the
 * demo class of the current year, items 3 and 5 separate high and low test scorers sharply.
 */
export async function writeSurveys(world: World, plan: LearningPlan): Promise<void> {
  const student = defineSurvey(
    world,
    'municipality',
    'student',
    '授業ふりかえり・学習行動アンケート',
    '授業改善と学習状況の把握（市内全校・各学期）',
    STUDENT_ITEMS,
    null,
    null,
  );
  const staff = defineSurvey(
    world,
    'municipality',
    'staff',
    '授業改善とICT活用に関する教員アンケート',
    '研修計画と支援の検討',
    STAFF_ITEMS,
    null,
    null,
  );
  for (const year of world.years)
    for (const school of world.schools) {
      const classes = world.classes.filter((k) => k.school === school && k.year === year);
      for (const [wave, md] of [
        [1, '07-06'],
        [2, '12-04'],
        [3, '03-02'],
      ] as const) {
        const opens = year.days.find((d) => d >= dayNumber(`${md < '04' ? year.fy + 1 : year.fy}-${md}`));
        if (opens === undefined || opens > world.asOf) continue;
        const admin = administer(
          world,
          student,
          year,
          school.id,
          null,
          wave,
          `${year.title} ${wave}学期 授業ふりかえりアンケート`,
          opens,
        );
        for (const klass of classes)
          if (klass.grade >= 3) studentWave(world, plan, student, admin, klass, opens);
      }
      const staffOpens = year.days.find((d) => d >= dayNumber(`${year.fy}-12-01`));
      const staffing = world.staffing.get(staffingKey(school, year));
      if (staffOpens !== undefined && staffOpens <= world.asOf && staffing) {
        const admin = administer(
          world,
          staff,
          year,
          school.id,
          null,
          1,
          `${year.title} 教員アンケート`,
          staffOpens,
        );
        const rng = world.rng.fork('staff-survey', school.id, year.fy);
        for (const person of [staffing.principal, staffing.vicePrincipal, ...staffing.teachers])
          if (rng.chance(0.85)) staffResponse(world, staff, admin, school.id, person, staffOpens, rng, year);
      }
      await world.loader.drain();
    }
  classSurvey(world, plan);
}

function studentWave(
  world: World,
  plan: LearningPlan,
  survey: Survey,
  admin: number,
  klass: ClassModel,
  opens: DayNumber,
): void {
  const rng = world.rng.fork('survey', admin, klass.id);
  const focal = world.cast?.klass === klass;
  for (const stay of klass.stays) {
    if (stay.start > opens || stay.end < opens) continue;
    const day = opens + rng.int(0, 6);
    if (
      day > world.asOf ||
      isAwayAllDay(stay.marks.get(day)) ||
      !rng.chance(0.93) ||
      !klass.year.days.includes(day)
    )
      continue;
    respond(world, survey, admin, stay.school.id, stay.student.id, day, rng, (i, def) =>
      studentAnswer(plan, rng, stay, i, def, focal),
    );
  }
}

function studentAnswer(
  plan: LearningPlan,
  rng: Rng,
  stay: StayModel,
  index: number,
  def: ItemDef,
  focal: boolean,
): number | string | null {
  const s: StudentModel = stay.student;
  const fy = stay.year.fy;
  if (def.type === 'text') return rng.chance(0.15) ? rng.pick(COMMENTS) : null;
  const theta = (plan.ability(s, fy, 'JPN') + plan.ability(s, fy, 'MATH')) / 2;
  const effort = Math.log(plan.effortOf(s, fy));
  const gloom = (s.traits.gloom - 0.09) * 8 + (s.traits.moodStreak > 0 ? 1 : 0);
  const social = Math.log(s.traits.sociability);
  const loading: number[] = focal
    ? [0.25, 0.1, 1.6, 0.15, 1.5, 0.2, 0, 0, 0, 0]
    : [0.45, 0.2, 0.25, 0.2, 0.2, 0.2, 0.1, 0, 0.1, 0];
  let latent = (loading[index] ?? 0) * theta + rng.normal(0.35, 0.7);
  if (index === 5) latent += 0.8 * effort;
  if (index >= 6) latent += index === 9 ? gloom - 0.9 - 0.3 * social : 0.5 * social - gloom;
  return likert(latent, 4);
}

function staffResponse(
  world: World,
  survey: Survey,
  admin: number,
  schoolId: number,
  person: StaffModel,
  day: DayNumber,
  rng: Rng,
  year: YearModel,
): void {
  const growth = (year.fy - 2023) * 0.3;
  respond(world, survey, admin, schoolId, person.id, day + rng.int(0, 5), rng, (_i, def) =>
    def.type === 'text'
      ? rng.chance(0.3)
        ? rng.pick(STAFF_COMMENTS)
        : null
      : likert(rng.normal(0.2 + growth, 1), 5),
  );
}

/** The demo teacher's own lesson survey, given to the demo class in the last three weeks. */
function classSurvey(world: World, plan: LearningPlan): void {
  const cast = world.cast;
  if (!cast) return;
  const year = cast.klass.year;
  const survey = defineSurvey(
    world,
    'teacher',
    'student',
    `${cast.klass.label} 算数 授業ふりかえり`,
    '単元の途中で理解度を確かめる',
    CLASS_ITEMS,
    cast.school.id,
    cast.teacher.id,
  );
  const days = year.days.filter((d) => d <= world.asOf && d >= world.asOf - 21);
  [days[0], days[Math.floor(days.length / 2)], days[days.length - 1]].forEach((day, i) => {
    if (day === undefined) return;
    const admin = administer(
      world,
      survey,
      year,
      cast.school.id,
      cast.klass.id,
      i + 1,
      `算数 ふりかえり ${i + 1}`,
      day,
    );
    const rng = world.rng.fork('class-survey', i);
    for (const stay of cast.klass.stays) {
      if (stay.start > day || stay.end < day || isAwayAllDay(stay.marks.get(day))) continue;
      const theta = plan.ability(stay.student, year.fy, 'MATH');
      respond(world, survey, admin, cast.school.id, stay.student.id, day, rng, (_j, def) =>
        def.type === 'text'
          ? rng.chance(0.6)
            ? rng.pick(['図を使って考えること', '単位をそろえること', '友だちの説明'])
            : null
          : likert(0.8 * theta + rng.normal(0.4, 0.7), 4),
      );
    }
  });
}

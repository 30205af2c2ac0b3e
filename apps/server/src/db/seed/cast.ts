import type { ClassModel, DemoCast, SchoolModel, StudentModel, World, YearModel } from './model.ts';
import { staffingKey } from './model.ts';
import { createStaff } from './people.ts';

function currentYear(world: World): YearModel {
  const year = world.years[world.years.length - 1];
  if (!year) throw new Error('no school year');
  return year;
}

/** The regular class of the grade (or the biggest regular class) of a school in a year. */
function featuredClass(world: World, school: SchoolModel, year: YearModel, grade: number): ClassModel {
  const regular = world.classes.filter((k) => k.school === school && k.year === year && !k.special);
  const klass =
    regular.find((k) => k.grade === grade) ?? [...regular].sort((a, b) => b.stays.length - a.stays.length)[0];
  if (!klass?.homeroom) throw new Error(`no class with a homeroom teacher at ${school.name}`);
  return klass;
}

/** Pupils of a class who are there for the whole year so far (planted patterns need a full history). */
function steadyMembers(klass: ClassModel, world: World): StudentModel[] {
  return klass.stays
    .filter((s) => s.entry !== 'transfer_in' && s.end >= Math.min(world.asOf, klass.year.end))
    .map((s) => s.student);
}

/**
 * Picks the people the demo accounts belong to and plants the patterns later screens must reveal
 * (docs/demo-data.md lists them): long and climbing absences, 雨/雷 streaks, 相談したい, a frequent
 * nurse visitor, close pairs and an isolated child in the interaction data, drill-driven gains.
 */
export function castDemo(world: World): DemoCast {
  const year = currentYear(world);
  const previousFy = year.fy - 1;
  const school = world.elementary[0];
  const otherSchool = world.elementary[1] ?? world.juniorHigh[0];
  if (!school || !otherSchool) throw new Error('the demo needs at least two schools');
  const klass = featuredClass(world, school, year, 5);
  const otherClass = featuredClass(world, otherSchool, year, 5);
  const staffing = world.staffing.get(staffingKey(school, year));
  if (!staffing || !klass.homeroom || !otherClass.homeroom) throw new Error('demo school has no staff');

  const members = steadyMembers(klass, world).filter((s) => !s.traits.specialNeeds);
  if (members.length < 10) throw new Error(`demo class ${klass.label} is too small to plant patterns`);
  // spread the planted children over the roster instead of taking the first numbers
  const at = (k: number): StudentModel => members[Math.floor((k * members.length) / 10)] as StudentModel;
  const [student, longAbsent, climbing, streakNurse, streak, isolated, pairA1, pairA2, pairB1, pairB2] =
    Array.from({ length: 10 }, (_, k) => at(k));
  if (!student || !longAbsent || !climbing || !streakNurse || !streak || !isolated) throw new Error('cast');
  if (!pairA1 || !pairA2 || !pairB1 || !pairB2) throw new Error('cast'); // by asOf: one child past the 30-day pace (33 days) and one climbing towards it (24 days)
  const daysSoFar = year.days.filter((d) => d <= world.asOf).length;
  longAbsent.traits.chronic.set(previousFy, 0.12);
  longAbsent.traits.chronic.set(year.fy, 0.2);
  longAbsent.traits.plantedAbsence = {
    fy: year.fy,
    count: Math.min(33, Math.round(0.6 * daysSoFar)),
    climbing: false,
  };
  climbing.traits.chronic.delete(year.fy);
  climbing.traits.plantedAbsence = {
    fy: year.fy,
    count: Math.min(24, Math.round(0.4 * daysSoFar)),
    climbing: true,
  };
  streakNurse.traits.moodStreak = 4;
  streakNurse.traits.wantsToTalkRecently = true;
  streakNurse.traits.frequentNurseFrom = Math.max(year.start, world.asOf - 70);
  streak.traits.moodStreak = 3;
  isolated.traits.isolated = true;
  isolated.traits.sociability = 0.05;
  pairA1.traits.closeFriendId = pairA2.id;
  pairA2.traits.closeFriendId = pairA1.id;
  pairB1.traits.closeFriendId = pairB2.id;
  pairB2.traits.closeFriendId = pairB1.id;
  student.traits.diligence = 3.2; // practises a lot, and it shows in the tests
  student.traits.ability = Math.min(student.traits.ability, -0.3);
  for (const s of [student, streak, isolated, pairA1, pairA2, pairB1, pairB2])
    s.traits.chronic.delete(year.fy);

  // one more climbing absentee and one more frequent nurse visitor elsewhere in the demo school
  const elsewhere = world.classes
    .filter((k) => k.school === school && k.year === year && k !== klass && !k.special)
    .flatMap((k) => steadyMembers(k, world));
  const otherClimbing = elsewhere[Math.floor(elsewhere.length / 3)];
  const otherNurse = elsewhere[Math.floor((2 * elsewhere.length) / 3)];
  if (otherClimbing) {
    otherClimbing.traits.chronic.delete(year.fy);
    otherClimbing.traits.plantedAbsence = {
      fy: year.fy,
      count: Math.min(22, Math.round(0.35 * daysSoFar)),
      climbing: true,
    };
  }
  if (otherNurse) otherNurse.traits.frequentNurseFrom = Math.max(year.start, world.asOf - 100);

  const first = world.years[0]?.start ?? year.start;
  const board = createStaff(world, 46, null, first);
  const admin = createStaff(world, 38, null, first);
  return {
    school,
    klass,
    teacher: klass.homeroom,
    nurse: staffing.nurse,
    principal: staffing.principal,
    student,
    otherSchool,
    otherTeacher: otherClass.homeroom,
    otherClass,
    board,
    admin,
    planted: {
      longAbsence: [longAbsent],
      climbingAbsence: [climbing, ...(otherClimbing ? [otherClimbing] : [])],
      moodStreak: [streakNurse, streak],
      wantsToTalk: [streakNurse],
      frequentNurse: [streakNurse, ...(otherNurse ? [otherNurse] : [])],
      isolated: [isolated],
      closePairs: [pairA1, pairA2, pairB1, pairB2],
      drillGrowth: [student],
    },
    influenza: null,
  };
}

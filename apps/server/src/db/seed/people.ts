import { addDays } from '@edukarte/shared';
import { dayNumber, isoOf, type DayNumber } from './calendar.ts';
import { since, sourcedId } from './org.ts';
import type { StaffModel, StudentModel, StudentTraits, World } from './model.ts';
import { staffName, studentName } from './names.ts';
import { clamp, type Rng } from './rng.ts';

const usedPseudonyms = new WeakMap<World, Set<string>>();

/** 'S-' / 'T-' + 8 base32 characters, unique in the municipality (shown to the board instead of names). */
function pseudonym(world: World, rng: Rng, prefix: 'S' | 'T'): string {
  let used = usedPseudonyms.get(world);
  if (!used) {
    used = new Set();
    usedPseudonyms.set(world, used);
  }
  for (;;) {
    const candidate = `${prefix}-${rng.base32(8)}`;
    if (!used.has(candidate)) {
      used.add(candidate);
      return candidate;
    }
  }
}

function traitsFor(rng: Rng): StudentTraits {
  return {
    ability: rng.normal(0, 1),
    diligence: clamp(Math.exp(rng.normal(-0.08, 0.45)), 0.15, 4),
    sickness: rng.exponential(1.1),
    lateness: rng.chance(0.06) ? rng.int(6, 14) : rng.exponential(1.2),
    gloom: clamp(rng.exponential(0.09), 0.01, 0.25),
    nurseVisits: rng.chance(0.5) ? rng.exponential(2.2) : rng.exponential(0.6),
    sociability: clamp(Math.exp(rng.normal(0, 0.5)), 0.2, 4),
    specialNeeds: rng.chance(0.02),
    chronic: new Map(),
    plantedAbsence: null,
    frequentNurseFrom: null,
    moodStreak: 0,
    wantsToTalkRecently: false,
    isolated: false,
    closeFriendId: null,
  };
}

/**
 * A new pupil of the cohort that is 小1 in `cohort` (born 4/2 … 4/1 of the right years), living in
 * the district of elementary school `district`. Writes the person and both source identities.
 */
export function createStudent(world: World, cohort: number, district: number, from: DayNumber): StudentModel {
  const id = world.ids.take('people');
  const rng = world.rng.fork('student', id);
  const sex = rng.chance(0.51) ? 'male' : 'female';
  const first = dayNumber(`${cohort - 7}-04-02`);
  const birthDate = isoOf(first + rng.int(0, dayNumber(`${cohort - 6}-04-01`) - first));
  const student: StudentModel = {
    id,
    sex,
    name: studentName(rng, sex),
    birthDate,
    cohort,
    pseudonym: pseudonym(world, rng, 'S'),
    district,
    goesPrivate: rng.chance(0.05),
    traits: traitsFor(rng),
    ability: new Map(),
    stays: [],
    current: null,
  };
  world.students.push(student);
  const { loader } = world;
  const n = student.name;
  loader.add('people', [
    id,
    world.municipalityId,
    'student',
    n.familyName,
    n.givenName,
    n.familyNameKana,
    n.givenNameKana,
    birthDate,
    sex,
    student.pseudonym,
    since(from),
    since(from),
    sourcedId(world, 'people', id),
  ]);
  // 校務支援システムの児童生徒番号: 入学年度 + 連番; 学習eポータル account id
  loader.add('source_identities', [
    world.ids.take('source_identities'),
    id,
    'koumu',
    `${cohort}${String(id).padStart(6, '0')}`,
    since(from),
  ]);
  loader.add('source_identities', [
    world.ids.take('source_identities'),
    id,
    'eportal',
    `ep-${rng.base32(6).toLowerCase()}${id.toString(36)}`,
    since(from),
  ]);
  return student;
}

/** A staff member (teacher, nurse, principal, board analyst). */
export function createStaff(
  world: World,
  age: number,
  subject: StaffModel['subject'],
  from: DayNumber,
): StaffModel {
  const id = world.ids.take('people');
  // keyed by the staff count, not the person id, so staff names do not move when asOf adds 転入生
  const rng = world.rng.fork('staff', world.staff.length);
  const sex = rng.chance(0.45) ? 'male' : 'female';
  const firstFy = world.years[0]?.fy ?? 2023;
  const birthDate = addDays(`${firstFy - age}-04-02`, rng.int(0, 364));
  const person: StaffModel = {
    id,
    sex,
    name: staffName(rng, sex),
    birthDate,
    pseudonym: pseudonym(world, rng, 'T'),
    subject,
  };
  world.staff.push(person);
  const n = person.name;
  world.loader.add('people', [
    id,
    world.municipalityId,
    'staff',
    n.familyName,
    n.givenName,
    n.familyNameKana,
    n.givenNameKana,
    birthDate,
    sex,
    person.pseudonym,
    since(from),
    since(from),
    sourcedId(world, 'people', id),
  ]);
  world.loader.add('source_identities', [
    world.ids.take('source_identities'),
    id,
    'koumu',
    `T${String(id).padStart(7, '0')}`,
    since(from),
  ]);
  return person;
}

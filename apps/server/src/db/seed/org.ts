import { buildSchoolCode, formatSchoolYear, GRADE_CODES, schoolYearOf } from '@edukarte/shared';
import { dayNumber, instructionDaysOf, isoOf, termsOf, type DayNumber } from './calendar.ts';
import type { SchoolModel, World, YearModel } from './model.ts';

/** A OneRoster sourcedId (UUID v4 form) derived from the seed, so reruns give the same ids. */
export function sourcedId(world: World, table: string, id: number): string {
  const rng = world.rng.fork('sourced-id', table, id);
  const hex = Array.from({ length: 32 }, () => rng.int(0, 15).toString(16));
  hex[12] = '4';
  hex[16] = ((rng.int(0, 3) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** A creation timestamp derived from the data (never the wall clock), so reruns are identical. */
export function since(day: DayNumber): string {
  return `${isoOf(day)} 00:00:00+09`;
}

/** The first school year the demo covers (令和5年度). */
export const FIRST_FISCAL_YEAR = 2023;

const ELEMENTARY_NAMES = [
  '中央',
  '東',
  '西',
  '南',
  '北',
  '桜台',
  '緑ヶ丘',
  '若葉',
  '朝日',
  '青葉',
  '泉',
  '山手',
  '川原',
  '松原',
  '栄',
  '富士見',
  '光が丘',
  '日の出',
  '白鳥',
  '杉の子',
] as const;
const JUNIOR_HIGH_NAMES = ['第一', '第二', '第三', '第四', '第五', '東', '西', '南'] as const;

/** 教育委員会コード: 都道府県 22 (静岡県) + a board number no real board uses. */
const PREFECTURE_CODE = 22;
const BOARD_CODE = '229901';

/**
 * Municipality, schools (valid MEXT codes built with the check digit), school years with
 * their 学期, grade levels and 授業日. Everything later hangs off these rows.
 */
export function buildOrganisation(world: World, asOfIso: string): void {
  const { loader, ids, profile } = world;
  const city = profile.municipalityName;
  world.municipalityId = ids.take('municipalities');
  world.prefectureCode = PREFECTURE_CODE;
  loader.add('municipalities', [
    world.municipalityId,
    BOARD_CODE,
    city,
    `${city}教育委員会`,
    PREFECTURE_CODE,
    since(dayNumber(`${FIRST_FISCAL_YEAR}-04-01`)),
    sourcedId(world, 'municipalities', world.municipalityId),
    since(dayNumber(`${FIRST_FISCAL_YEAR}-04-01`)),
  ]);

  const makeSchool = (kind: SchoolModel['kind'], index: number): SchoolModel => {
    const base = kind === 'elementary' ? ELEMENTARY_NAMES[index] : JUNIOR_HIGH_NAMES[index];
    if (!base) throw new Error(`no name for ${kind} school ${index}`);
    const suffix = kind === 'elementary' ? '小学校' : '中学校';
    const school: SchoolModel = {
      id: ids.take('schools'),
      index,
      kind,
      code: buildSchoolCode(
        kind === 'elementary' ? 'B1' : 'C1',
        PREFECTURE_CODE,
        2,
        9_901_000 + index * 10 + (kind === 'elementary' ? 1 : 5),
      ),
      name: `${city}立${base}${suffix}`,
      shortName: `${base}${kind === 'elementary' ? '小' : '中'}`,
      juniorHighIndex:
        kind === 'elementary'
          ? Math.floor((index * profile.juniorHighSchools) / profile.elementarySchools)
          : null,
      anniversary: ['05-13', '06-10', '10-17', '11-08', '06-24', '10-31'][index % 6] ?? '06-10',
    };
    loader.add('schools', [
      school.id,
      world.municipalityId,
      school.code,
      school.name,
      kind,
      since(dayNumber(`${FIRST_FISCAL_YEAR}-04-01`)),
      sourcedId(world, 'schools', school.id),
      since(dayNumber(`${FIRST_FISCAL_YEAR}-04-01`)),
    ]);
    return school;
  };
  for (let i = 0; i < profile.elementarySchools; i++) world.elementary.push(makeSchool('elementary', i));
  for (let i = 0; i < profile.juniorHighSchools; i++) world.juniorHigh.push(makeSchool('junior_high', i));
  world.schools = [...world.elementary, ...world.juniorHigh];

  GRADE_CODES.forEach((code, i) => {
    const elementary = i < 6;
    loader.add('grade_levels', [
      code,
      elementary ? 'elementary' : 'junior_high',
      elementary ? i + 1 : i - 5,
      `${elementary ? '小学' : '中学'}${elementary ? i + 1 : i - 5}年`,
    ]);
  });

  const lastFy = schoolYearOf(asOfIso);
  for (let fy = FIRST_FISCAL_YEAR; fy <= lastFy; fy++) world.years.push(buildYear(world, fy));
}

function buildYear(world: World, fy: number): YearModel {
  const { loader, ids } = world;
  const start = dayNumber(`${fy}-04-01`);
  const end = dayNumber(`${fy + 1}-03-31`);
  const year: YearModel = {
    fy,
    id: ids.take('school_years'),
    title: formatSchoolYear(fy),
    start,
    end,
    dataEnd: Math.min(end, world.asOf),
    complete: world.asOf > end,
    days: instructionDaysOf(fy),
    termIds: [],
  };
  loader.add('school_years', [
    year.id,
    world.municipalityId,
    fy,
    year.title,
    isoOf(start),
    isoOf(end),
    sourcedId(world, 'school_years', year.id),
    since(start),
  ]);
  for (const term of termsOf(fy)) {
    const id = ids.take('terms');
    year.termIds.push(id);
    loader.add('terms', [id, year.id, term.seq, term.name, term.start, term.end]);
  }
  for (const school of world.schools)
    for (const day of schoolDays(school, year))
      loader.add('instruction_days', [school.id, isoOf(day), year.id]);
  return year;
}

const schoolDayCache = new WeakMap<YearModel, Map<number, DayNumber[]>>();

/** 授業日 of one school: the municipality's days minus its 開校記念日. */
export function schoolDays(school: SchoolModel, year: YearModel): DayNumber[] {
  let perSchool = schoolDayCache.get(year);
  if (!perSchool) {
    perSchool = new Map();
    schoolDayCache.set(year, perSchool);
  }
  let days = perSchool.get(school.id);
  if (!days) {
    const fy = school.anniversary < '04' ? year.fy + 1 : year.fy;
    const off = dayNumber(`${fy}-${school.anniversary}`);
    days = year.days.filter((d) => d !== off);
    perSchool.set(school.id, days);
  }
  return days;
}

/** Instruction days of a school between two days (inclusive), also bounded by asOf. */
export function schoolDaysBetween(
  school: SchoolModel,
  year: YearModel,
  from: DayNumber,
  to: DayNumber,
): DayNumber[] {
  const last = Math.min(to, year.dataEnd);
  return schoolDays(school, year).filter((d) => d >= from && d <= last);
}

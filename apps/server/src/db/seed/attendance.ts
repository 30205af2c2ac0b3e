import type { ATTENDANCE_REASONS } from '@edukarte/shared';
import { isoOf, monthOf, type DayNumber } from './calendar.ts';
import { jstTimestamp } from './csv.ts';
import type { Mark, StayModel, World } from './model.ts';
import { schoolDaysBetween } from './org.ts';
import type { Rng } from './rng.ts';

const SEASON: Record<number, number> = {
  1: 1.7,
  2: 1.5,
  3: 1,
  4: 0.9,
  5: 0.9,
  6: 0.8,
  7: 0.7,
  9: 0.9,
  10: 0.9,
  11: 1.1,
  12: 1.4,
};
const SICK_REASONS = [
  '発熱',
  '風邪',
  '頭痛',
  '腹痛',
  '嘔吐',
  '下痢',
  '吐き気',
  '喘息',
  '受診',
  'ケガ',
] as const;
const SICK_WEIGHTS = [28, 22, 12, 12, 6, 5, 4, 3, 6, 2];
const SYMPTOMS_OF: Record<string, string[]> = {
  発熱: ['発熱'],
  風邪: ['せき', '鼻水'],
  頭痛: ['頭痛'],
  腹痛: ['腹痛'],
  嘔吐: ['嘔吐'],
  下痢: ['下痢'],
  吐き気: ['嘔吐'],
  喘息: ['ぜんそく'],
};

/** Reasons must come from the shared vocabulary (ATTENDANCE_REASONS). */
function reason(value: (typeof ATTENDANCE_REASONS)[number]): string {
  return value;
}

/**
 * Which pupils are on a 30-day absence pace in each year (不登校傾向): a persistent state that starts
 * more often in 中学校 (中1ギャップ). Tuned so about 2 % of 小 and 5–6 % of 中 pupils are on that
 * pace (domain-jp §8b). Runs before the demo cast so planted children can override it.
 */
export function assignChronicAbsence(world: World): void {
  for (const student of world.students) {
    const rng = world.rng.fork('chronic', student.id);
    let on = false;
    let first = true;
    for (const year of world.years) {
      if (!student.stays.some((s) => s.year === year)) continue;
      const grade = year.fy - student.cohort + 1;
      const start = grade <= 6 ? 0.0065 : grade === 7 ? 0.026 : 0.016;
      // a pupil seen for the first time (the first year, 小1, 転入) is drawn from the steady state
      on = first ? rng.chance(start / (0.28 + start)) : on ? rng.chance(0.72) : rng.chance(start);
      first = false;
      if (on) student.traits.chronic.set(year.fy, 0.17 + rng.float() * 0.33);
    }
  }
}

function put(stay: StayModel, day: DayNumber, mark: Mark, override = false): void {
  if (override || !stay.marks.has(day)) stay.marks.set(day, mark);
}

function mark(category: Mark['category'], why: string | null, extra: Partial<Mark> = {}): Mark {
  return { category, reason: why, symptoms: [], disease: null, note: null, ...extra };
}

/** A day of the stay, weighted by season (colds in winter, fewer in July). */
function seasonalDay(rng: Rng, days: DayNumber[]): DayNumber | undefined {
  for (let tries = 0; tries < 20; tries++) {
    const i = rng.int(0, days.length - 1);
    const day = days[i];
    if (day !== undefined && rng.float() * 1.7 < (SEASON[monthOf(day)] ?? 1)) return day;
  }
  return days[rng.int(0, days.length - 1)];
}

/** Marks each stay's days: absences (lumpy and seasonal), 30-day paces, 遅刻, 忌引, 出席停止. */
export function planAttendance(world: World): void {
  for (const klass of world.classes)
    for (const stay of klass.stays) {
      const days = schoolDaysBetween(stay.school, stay.year, stay.start, stay.end);
      if (days.length === 0) continue;
      const rng = world.rng.fork('attendance', stay.id);
      const share = days.length / 200;
      const traits = stay.student.traits;
      const planted = traits.plantedAbsence?.fy === stay.year.fy ? traits.plantedAbsence : null;
      const chronicRate = traits.chronic.get(stay.year.fy);
      if (planted) plantedDays(rng, stay, days, planted.count, planted.climbing);
      else if (chronicRate !== undefined) chronicDays(rng, stay, days, chronicRate);

      for (let n = rng.poisson(traits.sickness * share); n > 0; n--) {
        const first = seasonalDay(rng, days);
        if (first === undefined) continue;
        const length = rng.weighted([1, 2, 3], [55, 30, 15]);
        const other = rng.chance(0.12);
        const why = other
          ? rng.pick(['家庭の事情', 'その他'] as const)
          : rng.weighted(SICK_REASONS, SICK_WEIGHTS);
        const start = days.indexOf(first);
        for (let k = 0; k < length; k++) {
          const day = days[start + k];
          if (day === undefined) break;
          put(
            stay,
            day,
            mark(other ? 'ABSENT_OTHER' : 'ABSENT_SICK', reason(why), { symptoms: SYMPTOMS_OF[why] ?? [] }),
          );
        }
      }
      const winter = days.filter((d) => [12, 1, 2].includes(monthOf(d)));
      if (winter.length > 0 && rng.chance(0.035))
        suspend(stay, days, rng.pick(winter), 'インフルエンザ', ['発熱', 'せき']);
      if (rng.chance(stay.year.fy === 2023 ? 0.03 : 0.012))
        suspend(stay, days, rng.pick(days), '新型コロナウイルス感染症', ['発熱', 'のど痛']);
      if (rng.chance(0.004)) suspend(stay, days, rng.pick(days), '流行性耳下腺炎', ['発熱'], 6);
      if (rng.chance(0.006 * share)) {
        const start = days.indexOf(rng.pick(days));
        const who = rng.pick(['祖父', '祖母'] as const);
        for (let k = 0; k < 3; k++) {
          const day = days[start + k];
          if (day !== undefined) put(stay, day, mark('MOURNING', null, { note: `忌引（${who}）` }));
        }
      }
      if (rng.chance(0.003 * share))
        put(
          stay,
          rng.pick(days),
          mark('EXCUSED_OTHER', null, { note: '大雨による通学路冠水のため（校長が認めた日）' }),
        );
      for (let n = rng.poisson(traits.lateness * share); n > 0; n--) {
        const why = rng.weighted(
          ['その他', '受診', '家庭の事情', '頭痛', '腹痛', 'しんどい'] as const,
          [6, 3, 2, 1, 1, 1],
        );
        put(stay, rng.pick(days), mark('LATE', reason(why), why === 'その他' ? { note: '寝坊' } : {}));
      }
      for (let n = rng.poisson(0.4 * share); n > 0; n--)
        put(stay, rng.pick(days), mark('EARLY_LEAVE', reason(rng.pick(['受診', '家庭の事情'] as const))));
    }
}

function chronicDays(rng: Rng, stay: StayModel, days: DayNumber[], rate: number): void {
  const stayOn = 0.72;
  const startOn = (rate * (1 - stayOn)) / (1 - rate);
  const atCenter = stay.school.kind === 'junior_high' && rng.chance(0.25);
  let away = rng.chance(rate);
  for (const day of days) {
    away = rng.chance(away ? stayOn : startOn);
    if (away) put(stay, day, chronicMark(rng));
    else if (atCenter && rng.chance(0.15))
      put(stay, day, mark('PRESENT', null, { note: '出席扱い（教育支援センター「こもれび教室」）' }));
  }
}

/**
 * Exactly `count` absences (runs of 1–3 days): spread over the year, or climbing — rare at first
 * and frequent in the last weeks before asOf, a child drifting towards 30 days.
 */
function plantedDays(rng: Rng, stay: StayModel, days: DayNumber[], count: number, climbing: boolean): void {
  const weights = days.map((_, i) => (climbing ? (i / Math.max(1, days.length - 1)) ** 2 + 0.01 : 1));
  const target = Math.min(count, days.length);
  let placed = 0;
  for (let guard = 0; placed < target && guard < 10_000; guard++) {
    const start = days.indexOf(rng.weighted(days, weights));
    for (let k = rng.weighted([1, 2, 3], [4, 3, 2]); k > 0 && placed < target; k--) {
      const day = days[start + k - 1];
      if (day === undefined || stay.marks.has(day)) continue;
      stay.marks.set(day, chronicMark(rng));
      placed++;
    }
  }
}

function chronicMark(rng: Rng): Mark {
  if (rng.chance(0.5)) return mark('ABSENT_SICK', reason(rng.pick(['頭痛', '腹痛', 'しんどい'] as const)));
  return mark(
    'ABSENT_OTHER',
    reason('その他'),
    rng.chance(0.3) ? { note: '登校しぶり（保護者から連絡）' } : {},
  );
}

/** 出席停止 for a school infectious disease: 5 school days from onset (学校保健安全法施行規則 §19). */
export function suspend(
  stay: StayModel,
  days: DayNumber[],
  onset: DayNumber,
  disease: string,
  symptoms: string[],
  length = 5,
): void {
  const start = days.indexOf(onset);
  if (start < 0) return;
  for (let k = 0; k < length; k++) {
    const day = days[start + k];
    if (day === undefined) break;
    const existing = stay.marks.get(day);
    if (existing?.category === 'SUSPENDED') continue;
    put(stay, day, mark('SUSPENDED', reason('発熱'), { disease, symptoms }), true);
  }
}

/** Writes marks (only days that were not plain attendance) and 出欠確認 rolls for every class day. */
export async function writeAttendance(world: World): Promise<void> {
  const { loader } = world;
  for (const klass of world.classes) {
    const teacher = klass.homeroom?.id ?? null;
    for (const day of schoolDaysBetween(klass.school, klass.year, klass.year.start, klass.year.end))
      loader.add('attendance_rolls', [
        klass.school.id,
        klass.id,
        isoOf(day),
        teacher,
        jstTimestamp(isoOf(day), 505 + (klass.id % 15)),
      ]);
    for (const stay of klass.stays) {
      const days = [...stay.marks.keys()].sort((a, b) => a - b);
      for (const day of days) {
        const m = stay.marks.get(day);
        if (!m) continue;
        const iso = isoOf(day);
        loader.add('attendance_marks', [
          stay.school.id,
          stay.student.id,
          iso,
          m.category,
          m.reason,
          m.symptoms,
          m.disease,
          m.note,
          teacher,
          jstTimestamp(iso, 500 + (stay.student.id % 30)),
          'demo',
          world.batchId,
        ]);
      }
    }
    await loader.drain();
  }
}

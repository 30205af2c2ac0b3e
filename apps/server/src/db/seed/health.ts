import { NURSE_REASONS, type NurseReasonGroup } from '@edukarte/shared';
import { isoOf, type DayNumber } from './calendar.ts';
import { jstTimestamp } from './csv.ts';
import type { StayModel, World } from './model.ts';
import { isAwayAllDay, staffingKey } from './model.ts';
import { schoolDaysBetween } from './org.ts';
import type { Rng } from './rng.ts';

const TREATMENT: Record<string, string[]> = {
  すり傷: ['洗浄', '被覆'],
  切り傷: ['洗浄', '被覆'],
  打撲: ['冷却'],
  捻挫: ['冷却'],
  突き指: ['冷却'],
  鼻出血: ['冷却'],
  やけど: ['冷却'],
  目の異物: ['洗浄'],
  頭部打撲: ['冷却', '検温・脈拍'],
  頭痛: ['検温・脈拍', '休養'],
  腹痛: ['保温', '休養'],
  発熱: ['検温・脈拍'],
  気分不良: ['検温・脈拍', '休養'],
  吐き気: ['休養'],
  めまい: ['休養'],
  だるい: ['検温・脈拍', '休養'],
  下痢: ['保温'],
};
/** 早退 reasons in the attendance vocabulary for an illness visit that ends in 早退 */
const EARLY_LEAVE_REASON: Record<string, string> = {
  頭痛: '頭痛',
  腹痛: '腹痛',
  発熱: '発熱',
  気分不良: 'しんどい',
  吐き気: '吐き気',
  めまい: 'しんどい',
  だるい: 'しんどい',
  下痢: '下痢',
};
const DAILY_SYMPTOMS = [
  '鼻水',
  'せき',
  '睡眠不足',
  'だるい',
  '頭痛',
  '腹痛',
  '食欲不振',
  'いつもと違う',
  'のど痛',
];
const DAILY_WEIGHTS = [20, 18, 12, 8, 8, 7, 5, 4, 6];

/**
 * 保健室来室 and the morning 健康観察 (only children with something to note). Frequent visitors
 * (planted) come two or three times a week with 頭痛・腹痛・相談; visits that end in 早退 also
 * leave an EARLY_LEAVE mark so the attendance and nurse records agree.
 */
export async function writeHealth(world: World): Promise<void> {
  for (const klass of world.classes) {
    const nurse = world.staffing.get(staffingKey(klass.school, klass.year))?.nurse.id ?? null;
    const teacher = klass.homeroom?.id ?? null;
    for (const stay of klass.stays) {
      const days = schoolDaysBetween(stay.school, stay.year, stay.start, stay.end);
      if (days.length === 0) continue;
      const rng = world.rng.fork('health', stay.id);
      const present = days.filter((d) => !isAwayAllDay(stay.marks.get(d)));
      visits(world, rng, stay, present, nurse);
      observations(world, rng, stay, days, teacher);
    }
    await world.loader.drain();
  }
}

function visits(world: World, rng: Rng, stay: StayModel, present: DayNumber[], nurse: number | null): void {
  if (present.length === 0) return;
  const traits = stay.student.traits;
  const planned: { day: DayNumber; group: NurseReasonGroup; why: string }[] = [];
  for (let n = rng.poisson(traits.nurseVisits * (present.length / 200)); n > 0; n--) {
    const group = rng.weighted(['INJURY', 'ILLNESS', 'CONSULT', 'OTHER'] as const, [45, 40, 8, 7]);
    planned.push({ day: rng.pick(present), group, why: rng.pick(NURSE_REASONS[group]) });
  }
  const from = traits.frequentNurseFrom;
  if (from !== null)
    for (const day of present)
      if (day >= from && rng.chance(0.5)) {
        const group = rng.weighted(['ILLNESS', 'CONSULT'] as const, [2, 1]);
        const why =
          group === 'ILLNESS'
            ? rng.pick(['頭痛', '腹痛', '気分不良'] as const)
            : rng.pick(NURSE_REASONS.CONSULT);
        planned.push({ day, group, why });
      }
  planned.sort((a, b) => a.day - b.day);
  let lastDay = -1;
  for (const visit of planned) {
    if (visit.day === lastDay) continue; // one visit a day is enough for the demo
    lastDay = visit.day;
    const iso = isoOf(visit.day);
    const lunch = visit.group === 'INJURY' && rng.chance(0.5);
    const start = lunch ? rng.int(750, 800) : rng.int(520, 920);
    const stayMinutes =
      visit.group === 'INJURY' ? rng.int(5, 15) : visit.group === 'OTHER' ? rng.int(3, 10) : rng.int(10, 55);
    let outcome = 'returned_to_class';
    if (visit.group === 'ILLNESS')
      outcome = rng.weighted(['returned_to_class', 'early_leave', 'clinic'], [75, 22, 3]);
    if (visit.group === 'INJURY')
      outcome =
        visit.why === '頭部打撲' && rng.chance(0.05)
          ? 'ambulance'
          : rng.chance(0.07)
            ? 'clinic'
            : 'returned_to_class';
    const treatments =
      visit.group === 'CONSULT'
        ? ['話を聞く', ...(rng.chance(0.4) ? ['休養'] : [])]
        : (TREATMENT[visit.why] ?? []);
    const note =
      visit.group === 'CONSULT' ? '担任に共有済み' : outcome === 'early_leave' ? '保護者に連絡し迎え' : null;
    world.loader.add('nurse_visits', [
      stay.school.id,
      world.ids.take('nurse_visits'),
      stay.student.id,
      jstTimestamp(iso, start, rng.int(0, 59)),
      jstTimestamp(iso, start + stayMinutes),
      visit.group,
      visit.why,
      treatments,
      outcome,
      note,
      nurse,
      'demo',
      world.batchId,
    ]);
    if (outcome === 'early_leave' && !stay.marks.has(visit.day))
      stay.marks.set(visit.day, {
        category: 'EARLY_LEAVE',
        reason: EARLY_LEAVE_REASON[visit.why] ?? 'しんどい',
        symptoms: [],
        disease: null,
        note: '保健室から早退',
      });
  }
}

function observations(
  world: World,
  rng: Rng,
  stay: StayModel,
  days: DayNumber[],
  teacher: number | null,
): void {
  const gloomy = stay.student.traits.moodStreak > 0 || stay.student.traits.frequentNurseFrom !== null;
  for (let i = 0; i < days.length; i++) {
    const day = days[i] as DayNumber;
    const today = stay.marks.get(day);
    if (isAwayAllDay(today)) continue;
    const tomorrow = stay.marks.get(days[i + 1] ?? -1);
    const yesterday = stay.marks.get(days[i - 1] ?? -1);
    let symptoms: string[] | null = null;
    let temperature: number | null = null;
    if (tomorrow && tomorrow.symptoms.length > 0 && rng.chance(0.4))
      symptoms = rng.chance(0.5) ? ['だるい'] : ['せき', '鼻水'];
    else if (yesterday && isAwayAllDay(yesterday) && rng.chance(0.25)) symptoms = ['せき'];
    else if (rng.chance(gloomy ? 0.05 : 0.006))
      symptoms = [gloomy && rng.chance(0.6) ? 'いつもと違う' : rng.weighted(DAILY_SYMPTOMS, DAILY_WEIGHTS)];
    if (!symptoms) continue;
    if (rng.chance(0.15)) {
      symptoms.push('発熱');
      temperature = Math.round((37.1 + rng.float() * 0.4) * 10) / 10;
    }
    const iso = isoOf(day);
    const note = symptoms.includes('いつもと違う') ? '表情が暗く、声が小さい' : null;
    world.loader.add('health_observations', [
      stay.school.id,
      stay.student.id,
      iso,
      symptoms,
      temperature,
      note,
      teacher,
      jstTimestamp(iso, 510 + (stay.student.id % 20)),
      'demo',
      world.batchId,
    ]);
  }
}

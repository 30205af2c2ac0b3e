import { dayNumber, isoOf, type DayNumber } from './calendar.ts';
import { jstTimestamp } from './csv.ts';
import type { StayModel, World } from './model.ts';
import { isAwayAllDay } from './model.ts';
import { schoolDaysBetween } from './org.ts';
import { clamp, type Rng } from './rng.ts';

const GLOOMY_REASONS = ['ねむい', '体調がよくない', '友だちのこと', '家のこと', '勉強のこと'];
const SUNNY_REASONS = ['たのしみなことがある', 'よくねた', '友だちとあそぶ約束がある'];

/**
 * 心の天気 was introduced in 2学期 of the previous school year; since then pupils from 小3 tap
 * 晴れ/くもり/雨/雷 on arrival (about 90 % of present pupils each day). Gloomy days cluster on some
 * children; planted children end with a 雨/雷 streak, one of them asking to talk (相談したい).
 */
export function moodStart(world: World): DayNumber {
  const last = world.years[world.years.length - 1];
  const first = world.years[0];
  if (!last || !first) return world.asOf;
  return Math.max(first.start, dayNumber(`${last.fy - 1}-09-01`));
}

export async function writeMood(world: World): Promise<void> {
  const from = moodStart(world);
  for (const klass of world.classes) {
    if (klass.grade < 3 || klass.year.dataEnd < from) continue;
    for (const stay of klass.stays) {
      const days = schoolDaysBetween(stay.school, stay.year, Math.max(stay.start, from), stay.end).filter(
        (d) => !isAwayAllDay(stay.marks.get(d)),
      );
      if (days.length > 0) checkins(world, world.rng.fork('mood', stay.id), stay, days);
    }
    await world.loader.drain();
  }
}

function checkins(world: World, rng: Rng, stay: StayModel, days: DayNumber[]): void {
  const t = stay.student.traits;
  const participation = clamp(rng.normal(0.9, 0.06), 0.6, 0.99);
  const streakDays = new Set(stay.end >= world.asOf && t.moodStreak > 0 ? days.slice(-t.moodStreak) : []);
  const lastDay = days[days.length - 1];
  let gloomyYesterday = false;
  for (const day of days) {
    const planted = streakDays.has(day);
    if (!planted && !rng.chance(participation)) continue;
    let gloom: number = t.gloom * ((day + 4) % 7 === 1 ? 1.25 : 1) * (gloomyYesterday ? 1.8 : 1);
    if (t.chronic.has(stay.year.fy)) gloom *= 1.6;
    const r = rng.float();
    let weather: string =
      r < gloom * 0.75 ? 'rainy' : r < gloom ? 'stormy' : r < gloom + 0.3 ? 'cloudy' : 'sunny';
    if (planted)
      weather = day === lastDay && t.wantsToTalkRecently ? 'stormy' : rng.chance(0.7) ? 'rainy' : 'stormy';
    const gloomy: boolean = weather === 'rainy' || weather === 'stormy';
    gloomyYesterday = gloomy;
    let wantsToTalk = gloomy && rng.chance(0.015);
    if (planted && day === lastDay && t.wantsToTalkRecently) wantsToTalk = true;
    let reason: string | null = null;
    if (wantsToTalk && planted) reason = '友だちのこと';
    else if (gloomy || weather === 'cloudy') reason = rng.chance(0.35) ? rng.pick(GLOOMY_REASONS) : null;
    else reason = rng.chance(0.15) ? rng.pick(SUNNY_REASONS) : null;
    const iso = isoOf(day);
    world.loader.addLine(
      'mood_checkins',
      `${stay.school.id},${stay.student.id},${iso},arrival,${weather},${reason ?? ''},${wantsToTalk ? 't' : 'f'},${jstTimestamp(iso, 485 + rng.int(0, 25), rng.int(0, 59))}`,
    );
  }
}

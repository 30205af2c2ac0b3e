import { dayNumber, isoOf } from './calendar.ts';
import type { World } from './model.ts';
import { clamp } from './rng.ts';

/**
 * Q-U (hyper-QU) twice a year, June and November. The generator plays the vendor: it computes
 * 承認 and 被侵害 scores and the group label the vendor would return (edukarte itself only stores
 * labels; domain-jp §6). Isolated and gloomy children land in 不満足群 / 要支援群.
 */
export async function writeQu(world: World): Promise<void> {
  for (const klass of world.classes) {
    const elementary = klass.grade <= 6;
    for (const md of ['06-12', '11-12']) {
      const day = klass.year.days.find(
        (d) => d >= dayNumber(`${md < '04' ? klass.year.fy + 1 : klass.year.fy}-${md}`),
      );
      if (day === undefined || day > world.asOf) continue;
      for (const stay of klass.stays) {
        if (stay.start > day || stay.end < day) continue;
        const t = stay.student.traits;
        const rng = world.rng.fork('qu', stay.id, md);
        const friendly = Math.log(t.sociability) * 6 + (t.closeFriendId !== null ? 3 : 0);
        const hurt =
          (t.gloom - 0.09) * 40 + (t.moodStreak > 0 ? 6 : 0) + (t.chronic.has(klass.year.fy) ? 4 : 0);
        let acceptance = clamp(Math.round(37 + friendly + rng.normal(0, 5.5) - hurt * 0.5), 10, 50);
        let victimization = clamp(Math.round(19 + hurt + rng.normal(0, 5.5)), 10, 50);
        if (t.isolated)
          [acceptance, victimization] = [clamp(acceptance, 10, 21), clamp(victimization, 33, 50)];
        const highAcceptance = acceptance >= (elementary ? 36 : 34);
        const highVictimization = victimization >= (elementary ? 23 : 25);
        const group = highAcceptance
          ? highVictimization
            ? 'victimized'
            : 'satisfied'
          : highVictimization
            ? 'unsatisfied'
            : 'non_approved';
        const needsSupport = group === 'unsatisfied' && acceptance <= 25 && victimization >= 30;
        world.loader.add('qu_results', [
          stay.school.id,
          stay.student.id,
          isoOf(day),
          acceptance,
          victimization,
          group,
          needsSupport,
          '図書文化社 hyper-QU',
          'demo',
          world.batchId,
        ]);
      }
    }
    await world.loader.drain();
  }
}

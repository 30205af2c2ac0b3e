import { isoOf } from './calendar.ts';
import { jstSeconds } from './csv.ts';
import { deviceOf } from './drill.ts';
import type { ClassModel, StayModel, World } from './model.ts';
import { isAwayAllDay } from './model.ts';
import { adoption } from './profile.ts';
import type { Rng } from './rng.ts';

/**
 * 授業支援ツール: in each shared-card activity every present pupil posts a card and looks at some
 * classmates' cards (view), likes and comments on a few. Close friends look at each other's work
 * almost every time; an isolated child is rarely looked at and looks at little (発言マップ, C8).
 */
export async function writeInteractions(world: World): Promise<void> {
  for (const klass of world.classes) {
    if (klass.year.dataEnd < klass.year.start) continue;
    const rng = world.rng.fork('lesson', klass.id);
    const focal = world.cast?.klass === klass;
    const elapsed = klass.year.days.filter((d) => d <= klass.year.dataEnd).length / klass.year.days.length;
    const activities = rng.poisson(
      world.profile.lessonActivitiesPerClassYear * adoption(klass.year.fy) * elapsed * (focal ? 3 : 1),
    );
    const days = klass.year.days.filter((d) => d <= klass.year.dataEnd);
    for (let a = 0; a < activities && days.length > 0; a++)
      activity(world, rng, klass, rng.pick(days), a + 1);
    await world.loader.drain();
  }
}

function activity(world: World, rng: Rng, klass: ClassModel, day: number, seq: number): void {
  const present = klass.stays.filter(
    (s) => s.start <= day && s.end >= day && !isAwayAllDay(s.marks.get(day)),
  );
  if (present.length < 3) return;
  const iso = isoOf(day);
  const start = rng.int(9 * 3600, 14 * 3600);
  const schoolId = klass.school.id;
  const weights = present.map((s) => (s.student.traits.isolated ? 0.03 : s.student.traits.sociability));
  const total = weights.reduce((a, b) => a + b, 0);
  const byId = new Map(present.map((s) => [s.student.id, s]));
  const emit = (actor: StayModel, target: StayModel, kind: string, at: number) =>
    world.loader.addLine(
      'interactions',
      `${schoolId},${world.ids.take('interactions')},${klass.id},${actor.student.id},${target.student.id},${kind},${jstSeconds(iso, at)},${world.tools.lesson},card-${klass.id}-${seq}-${target.student.id}`,
    );
  for (const actor of present) {
    const t = actor.student.traits;
    const views = t.isolated ? (rng.chance(0.3) ? 1 : 0) : rng.poisson(1.2 + 0.4 * t.sociability);
    const targets: { stay: StayModel; friend: boolean }[] = [];
    const friend = t.closeFriendId !== null ? byId.get(t.closeFriendId) : undefined;
    if (friend && rng.chance(0.9)) targets.push({ stay: friend, friend: true });
    for (let v = 0; v < views; v++) {
      let r = rng.float() * total;
      let i = 0;
      while (i < present.length - 1 && (r -= weights[i] ?? 0) > 0) i++;
      const target = present[i];
      if (target && target !== actor) targets.push({ stay: target, friend: false });
    }
    let at = start + rng.int(60, 900);
    for (const { stay, friend: isFriend } of targets) {
      emit(actor, stay, 'view', at);
      at += rng.int(10, 90);
      if (rng.chance(isFriend ? 0.8 : 0.28)) emit(actor, stay, 'like', at++);
      if (rng.chance(isFriend ? 0.45 : 0.06)) emit(actor, stay, 'comment', (at += rng.int(20, 120)));
    }
    world.loader.addLine(
      'ict_usage',
      `${schoolId},${world.ids.take('ict_usage')},${actor.student.id},${klass.id},${world.tools.lesson},${deviceOf(rng, actor)},lesson,${jstSeconds(iso, start)},${rng.int(20, 45)}`,
    );
  }
}

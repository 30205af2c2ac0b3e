import { isoOf } from './calendar.ts';
import { jstSeconds } from './csv.ts';
import { deviceOf } from './drill.ts';
import type { World } from './model.ts';
import { isAwayAllDay } from './model.ts';
import type { LearningPlan } from './plan.ts';
import { adoption } from './profile.ts';
import { schoolDaysBetween } from './org.ts';

const TITLES = ['ノートのまとめ', '振り返りシート', '作品の写真', '発表スライド', '観察記録'];
const TEACHER_COMMENTS = [
  'よくまとまっています。',
  '図を使って説明できていますね。',
  '前回より丁寧に書けています。',
  '次は理由も書いてみよう。',
];
const PEER_COMMENTS = ['わかりやすい！', 'まねしたい', 'すごい！'];

/**
 * Other ICT use (digital textbooks, survey tool, homework), teachers' own use, and the
 * e-portfolio (B8) with teacher and peer comments.
 */
export async function writeUsageAndPortfolio(world: World, plan: LearningPlan): Promise<void> {
  const { loader, tools, profile } = world;
  for (const klass of world.classes) {
    const share = adoption(klass.year.fy);
    const teacher = klass.homeroom;
    const units = plan.curriculum.get(klass.grade) ?? [];
    for (const stay of klass.stays) {
      const days = schoolDaysBetween(stay.school, stay.year, stay.start, stay.end).filter(
        (d) => !isAwayAllDay(stay.marks.get(d)),
      );
      if (days.length === 0) continue;
      const rng = world.rng.fork('usage', stay.id);
      const portion = (days.length / 200) * share;
      for (let n = rng.poisson(profile.otherIctSessionsPerStudentYear * portion); n > 0; n--) {
        const [tool, purpose] = rng.weighted(
          [
            [tools.textbook, 'lesson'],
            [tools.survey, 'survey'],
            [tools.portfolio, 'lesson'],
            [tools.textbook, 'homework'],
            [tools.lesson, 'other'],
          ] as const,
          [45, 10, 15, 20, 10],
        );
        const home = purpose === 'homework';
        loader.addLine(
          'ict_usage',
          `${stay.school.id},${world.ids.take('ict_usage')},${stay.student.id},${klass.id},${tool},${deviceOf(rng, stay)},${purpose},${jstSeconds(isoOf(rng.pick(days)), home ? rng.int(61_200, 75_600) : rng.int(32_400, 52_200))},${rng.int(5, 40)}`,
        );
      }
      for (let n = rng.poisson(profile.portfolioPerStudentYear * portion); n > 0 && units.length > 0; n--) {
        const unit = rng.pick(units);
        const media = rng.weighted(['image/jpeg', 'video/mp4', 'application/pdf'] as const, [70, 15, 15]);
        const id = world.ids.take('portfolio_items');
        const day = isoOf(rng.pick(days));
        const ext = media === 'image/jpeg' ? 'jpg' : media === 'video/mp4' ? 'mp4' : 'pdf';
        loader.add('portfolio_items', [
          stay.school.id,
          id,
          stay.student.id,
          unit.subject,
          unit.code,
          `${unit.name} ${rng.pick(TITLES)}`,
          media,
          `demo/portfolio/${stay.school.id}/${stay.student.id}/${id}.${ext}`,
          day,
          tools.portfolio,
        ]);
        if (teacher && rng.chance(0.5))
          loader.add('portfolio_comments', [
            stay.school.id,
            world.ids.take('portfolio_comments'),
            id,
            teacher.id,
            rng.pick(TEACHER_COMMENTS),
            `${day} 16:40:00+09`,
          ]);
        const peer = rng.pick(klass.stays).student;
        if (peer !== stay.student && rng.chance(0.2))
          loader.add('portfolio_comments', [
            stay.school.id,
            world.ids.take('portfolio_comments'),
            id,
            peer.id,
            rng.pick(PEER_COMMENTS),
            `${day} 12:50:00+09`,
          ]);
      }
    }
    if (teacher) {
      const rng = world.rng.fork('teacher-usage', klass.id);
      const days = schoolDaysBetween(klass.school, klass.year, klass.year.start, klass.year.end);
      for (let n = rng.poisson(25 * share * (days.length / 200)); n > 0 && days.length > 0; n--)
        loader.addLine(
          'ict_usage',
          `${klass.school.id},${world.ids.take('ict_usage')},${teacher.id},${klass.id},${rng.pick([tools.lesson, tools.textbook])},pc,lesson,${jstSeconds(isoOf(rng.pick(days)), rng.int(30_600, 55_800))},${rng.int(10, 50)}`,
        );
    }
    await loader.drain();
  }
}

import { isoOf, type DayNumber } from './calendar.ts';
import { jstTimestamp } from './csv.ts';
import type { StayModel, World } from './model.ts';
import { isAwayAllDay } from './model.ts';
import { schoolDaysBetween } from './org.ts';

const OBSERVATIONS = [
  '授業中の発言が増えてきた。自分の考えを筋道立てて話せている。',
  '休み時間は一人で読書をしていることが多い。',
  '友だちとのトラブルがあり、双方から話を聞いた。今は落ち着いている。',
  '提出物の遅れが続いている。家庭学習の様子を保護者に確認したい。',
  '朝の表情が暗い日があった。声をかけると「眠い」とのこと。',
  'グループ活動で進んで役割を引き受けていた。',
  '計算ミスが多い。見直しの習慣づけを指導中。',
  '音読が上手になった。家でも練習しているとのこと。',
  '給食の残食が多い日が続いた。体調を確認する。',
  '係活動に意欲的に取り組んでいる。',
];
const GOOD_POINTS = [
  '係の仕事を最後まで責任をもってやり遂げた。',
  '困っている友だちにさりげなく声をかけていた。',
  '掃除の時間、誰も見ていないところまで丁寧に拭いていた。',
  '振り返りカードに、次に挑戦したいことを具体的に書けていた。',
  '低学年の子に優しく遊びを教えていた。',
  'ドリルの目標を自分で決めて、毎日取り組んでいる。',
  '発表で友だちの意見をつないで話せた。',
];
const CONSIDERATIONS = [
  '食物アレルギー（卵）あり。給食は除去食で対応。',
  '保護者の意向により、写真の掲載は不可。',
  '聴力に配慮が必要。座席は前方に。',
  '家庭環境の変化あり。しばらく様子を見守る。',
  '医療機関を受診中（通院のため月1回遅刻あり）。',
  '集団での活動に不安が強い。見通しを事前に伝えると落ち着く。',
];

/**
 * 教員の記録: 日常所見, いいとこみつけ and 共有配慮事項 with the three visibilities, a few per child
 * per year, plus the notes a teacher would write about the planted children.
 */
export async function writeTeacherNotes(world: World): Promise<void> {
  for (const klass of world.classes) {
    const author = klass.homeroom;
    if (!author) continue;
    for (const stay of klass.stays) {
      const days = schoolDaysBetween(stay.school, stay.year, stay.start, stay.end).filter(
        (d) => !isAwayAllDay(stay.marks.get(d)),
      );
      if (days.length === 0) continue;
      const rng = world.rng.fork('notes', stay.id);
      for (let n = rng.poisson(2.6 * (days.length / 200)); n > 0; n--) {
        const kind = rng.weighted(['observation', 'good_point', 'consideration'] as const, [50, 35, 15]);
        const visibility =
          kind === 'consideration'
            ? rng.weighted(['school_staff', 'class_teachers'] as const, [8, 2])
            : kind === 'observation'
              ? rng.weighted(['class_teachers', 'author'] as const, [7, 3])
              : rng.weighted(['class_teachers', 'school_staff'] as const, [6, 4]);
        const body = rng.pick(
          kind === 'observation' ? OBSERVATIONS : kind === 'good_point' ? GOOD_POINTS : CONSIDERATIONS,
        );
        note(world, stay, author.id, kind, visibility, body, rng.pick(days));
      }
      for (const [kind, visibility, body, day] of plantedNotes(world, stay))
        note(world, stay, author.id, kind, visibility, body, day);
    }
    await world.loader.drain();
  }
}

type Note = [
  'observation' | 'good_point' | 'consideration',
  'author' | 'class_teachers' | 'school_staff',
  string,
  DayNumber,
];

function plantedNotes(world: World, stay: StayModel): Note[] {
  const traits = stay.student.traits;
  const last = Math.min(stay.end, world.asOf);
  const out: Note[] = [];
  if (traits.chronic.has(stay.year.fy) || traits.plantedAbsence?.fy === stay.year.fy) {
    out.push([
      'consideration',
      'school_staff',
      '欠席が増えている。保護者と電話で連絡を取り、スクールカウンセラーとの面談を調整中。',
      last - 20,
    ]);
    out.push([
      'observation',
      'class_teachers',
      '登校した日は落ち着いて過ごしているが、朝の支度に時間がかかると保護者から聞いた。',
      last - 35,
    ]);
  }
  if (traits.moodStreak > 0 && stay.year.dataEnd === world.asOf)
    out.push([
      'observation',
      'class_teachers',
      '最近、表情が暗い。心の天気も雨の日が続いている。放課後に話を聞く予定。',
      last - 1,
    ]);
  if (traits.isolated)
    out.push(['observation', 'author', 'グループ活動で孤立しがち。座席や班編成に配慮する。', last - 15]);
  return out.filter((n) => n[3] >= stay.start);
}

function note(
  world: World,
  stay: StayModel,
  author: number,
  kind: string,
  visibility: string,
  body: string,
  day: DayNumber,
): void {
  const iso = isoOf(day);
  world.loader.add('teacher_notes', [
    stay.school.id,
    world.ids.take('teacher_notes'),
    stay.student.id,
    author,
    kind,
    visibility,
    body,
    iso,
    jstTimestamp(iso, 960 + (stay.id % 90)),
    'demo',
    world.batchId,
  ]);
}

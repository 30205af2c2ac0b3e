import { isoOf, type DayNumber } from './calendar.ts';
import { jstTimestamp } from './csv.ts';
import type { World, YearModel } from './model.ts';
import { since } from './org.ts';
import { clamp, type Rng } from './rng.ts';

/* Survey definitions (items and scales) and the rows every survey writes: definition, administration, response. */

export const LIKERT4 = ['あてはまらない', 'あまりあてはまらない', 'だいたいあてはまる', 'とてもあてはまる'];
export const LIKERT5 = [
  'そう思わない',
  'あまりそう思わない',
  'どちらともいえない',
  'ややそう思う',
  'そう思う',
];

export interface ItemDef {
  text: string;
  type: 'likert4' | 'likert5' | 'text';
  scale: string | null;
  reversed?: boolean;
}
/** 市の授業ふりかえり・学習行動アンケート (students, 小3+, once a term). */
export const STUDENT_ITEMS: ItemDef[] = [
  { text: '授業の内容がよくわかる', type: 'likert4', scale: '授業理解' },
  { text: '授業で学んだことを、ほかの場面でも使ってみたい', type: 'likert4', scale: '授業理解' },
  { text: '自分の考えを友だちに説明している', type: 'likert4', scale: '主体的な学び' },
  { text: '分からないことは自分から質問している', type: 'likert4', scale: '主体的な学び' },
  { text: '家で授業の復習をしている', type: 'likert4', scale: '学習習慣' },
  { text: 'ドリルなどで、自分で決めた目標に取り組んでいる', type: 'likert4', scale: '学習習慣' },
  { text: '学校に行くのが楽しい', type: 'likert4', scale: '学校生活' },
  { text: '困ったときに相談できる人がいる', type: 'likert4', scale: '学校生活' },
  { text: '学級の友だちから認められていると感じる', type: 'likert4', scale: '学校生活' },
  { text: 'いやな思いをすることがある', type: 'likert4', scale: '学校生活', reversed: true },
  { text: '授業で楽しかったこと、困っていることを書いてください', type: 'text', scale: null },
];
export const STAFF_ITEMS: ItemDef[] = [
  { text: 'ICTを授業で効果的に活用できている', type: 'likert5', scale: 'ICT活用' },
  { text: '児童生徒の学習データを指導に生かしている', type: 'likert5', scale: 'データ活用' },
  { text: '学級の子どもの変化に早く気づけている', type: 'likert5', scale: 'データ活用' },
  { text: '校務の負担が軽減されたと感じる', type: 'likert5', scale: '働き方' },
  { text: '必要だと感じる研修や支援を書いてください', type: 'text', scale: null },
];
export const CLASS_ITEMS: ItemDef[] = [
  { text: '今日の授業はわかりましたか', type: 'likert4', scale: '理解' },
  { text: '友だちの考えを聞いて、自分の考えが深まった', type: 'likert4', scale: '協働' },
  { text: '今日の学習で一番大事だと思ったこと', type: 'text', scale: null },
];
export const COMMENTS = [
  'グループで話し合うのが楽しかった。',
  '分数のわり算がまだよくわからない。',
  '実験が楽しかった。',
  'タブレットで友だちの考えが見られてよかった。',
  '宿題が多くて大変。',
  '発表するのが少しこわい。',
];
export const STAFF_COMMENTS = [
  'データの見方に関する研修がほしい。',
  '端末トラブルへの対応を支援してほしい。',
  '授業での効果的な活用事例を知りたい。',
];

export interface Survey {
  id: number;
  items: { id: number; def: ItemDef }[];
}

export function defineSurvey(
  world: World,
  scope: string,
  audience: string,
  title: string,
  purpose: string,
  defs: ItemDef[],
  schoolId: number | null,
  author: number | null,
): Survey {
  const id = world.ids.take('surveys');
  world.loader.add('surveys', [
    id,
    world.municipalityId,
    schoolId,
    author,
    scope,
    audience,
    title,
    purpose,
    since(world.years[0]?.start ?? world.asOf),
  ]);
  const items = defs.map((def, i) => {
    const itemId = world.ids.take('survey_items');
    const choices = def.type === 'likert4' ? LIKERT4 : def.type === 'likert5' ? LIKERT5 : null;
    world.loader.add('survey_items', [
      itemId,
      id,
      i + 1,
      def.text,
      def.type,
      def.scale,
      def.reversed ?? false,
      choices,
    ]);
    return { id: itemId, def };
  });
  return { id, items };
}

export function administer(
  world: World,
  survey: Survey,
  year: YearModel,
  schoolId: number,
  classId: number | null,
  wave: number,
  title: string,
  opens: DayNumber,
): number {
  const id = world.ids.take('survey_administrations');
  world.loader.add('survey_administrations', [
    id,
    survey.id,
    year.id,
    schoolId,
    classId,
    wave,
    title,
    isoOf(opens),
    isoOf(opens + 11),
  ]);
  return id;
}

export function respond(
  world: World,
  survey: Survey,
  administration: number,
  schoolId: number,
  person: number,
  day: DayNumber,
  rng: Rng,
  answer: (index: number, def: ItemDef) => number | string | null,
): void {
  const id = world.ids.take('survey_responses');
  world.loader.add('survey_responses', [
    schoolId,
    id,
    administration,
    person,
    jstTimestamp(isoOf(day), rng.int(560, 900), rng.int(0, 59)),
  ]);
  survey.items.forEach((item, i) => {
    const value = answer(i, item.def);
    if (value === null) return;
    world.loader.add('survey_answers', [
      schoolId,
      id,
      item.id,
      typeof value === 'number' ? value : null,
      typeof value === 'string' ? value : null,
    ]);
  });
}

export function likert(latent: number, levels: number): number {
  return clamp(Math.round((levels + 1) / 2 + latent), 1, levels);
}

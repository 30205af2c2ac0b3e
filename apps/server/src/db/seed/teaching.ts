import { GRADE_CODES, type SubjectCode } from '@edukarte/shared';
import { isoOf } from './calendar.ts';
import { unitsOf, unitWindow } from './curriculum.ts';
import type { World } from './model.ts';
import type { LearningPlan } from './plan.ts';

const OBJECTIVE: Partial<Record<SubjectCode, (name: string) => string>> = {
  MATH: (n) => `${n}の意味や計算・考え方を理解し、問題解決に活用できるようにする。`,
  JPN: (n) => `「${n}」を読み、内容や表現を捉えて、自分の考えをまとめて伝え合う。`,
  SCI: (n) => `${n}について観察・実験を通して調べ、きまりや関係を見いだす。`,
  SOC: (n) => `${n}について資料や見学から調べ、社会的事象の特色や意味を考える。`,
  ENG: (n) => `「${n}」の表現を使って、自分のことや身近なことを伝え合う。`,
};

/** 指導計画: one plan per class and unit for the whole year (plans exist ahead of the lessons). */
export async function writeTeachingPlans(world: World, plan: LearningPlan): Promise<void> {
  for (const klass of world.classes) {
    if (klass.special) continue;
    for (const unit of plan.curriculum.get(klass.grade) ?? []) {
      const window = unitWindow(klass.year, unit, unitsOf(plan.curriculum, klass.grade, unit.subject).length);
      const days = klass.year.days.filter((d) => d >= window.start && d <= window.end).length;
      const author = klass.subjectTeachers.get(unit.subject) ?? klass.homeroom;
      world.loader.add('teaching_plans', [
        world.ids.take('teaching_plans'),
        klass.school.id,
        klass.id,
        unit.subject,
        unit.code,
        unit.name,
        isoOf(window.start),
        isoOf(window.end),
        Math.max(2, Math.round((days * unit.weeklyHours) / 5)),
        OBJECTIVE[unit.subject]?.(unit.name) ?? null,
        author?.id ?? null,
      ]);
    }
    await world.loader.drain();
  }
}

const CASES: readonly {
  title: string;
  subject: SubjectCode;
  grade: number;
  tools: string[];
  materials: string;
  outcome: string;
  body: string;
}[] = [
  {
    title: '考えを共有して比べる「割合」の導入',
    subject: 'MATH',
    grade: 5,
    tools: ['クラスボード'],
    materials: '比べ方カード、全体共有用の提出箱',
    outcome: '自分と違う考えに気づき、説明し直す児童が増えた。',
    body: 'クラスボードで一人一人の比べ方を提出させ、似ている考えをグループ化して全体で検討した。',
  },
  {
    title: '音読の録画で自己評価',
    subject: 'JPN',
    grade: 2,
    tools: ['まなびアルバム'],
    materials: '音読チェックカード',
    outcome: '自分の声を聞いて、間の取り方を工夫する子が出てきた。',
    body: 'タブレットで音読を録画し、ポートフォリオに保存。前回と聞き比べて振り返った。',
  },
  {
    title: '実験結果をグラフにして共有',
    subject: 'SCI',
    grade: 5,
    tools: ['クラスボード', 'デジタル教科書ビューア'],
    materials: '表計算のテンプレート',
    outcome: '班ごとの結果の違いから条件制御の大切さに気づいた。',
    body: 'ふりこの実験結果を班ごとに入力し、全体の散らばりを見て考察した。',
  },
  {
    title: 'ドリルの個別最適化と朝学習',
    subject: 'MATH',
    grade: 3,
    tools: ['まなびドリル'],
    materials: '朝学習の計画表',
    outcome: '取り組み量の多い児童ほど単元テストの伸びが大きかった。',
    body: '朝の10分間、ドリルの苦手単元を各自で選んで取り組んだ。取り組み記録を週1回確認した。',
  },
  {
    title: '振り返りアンケートで授業改善',
    subject: 'JPN',
    grade: 6,
    tools: ['こたえてフォーム'],
    materials: '市の授業ふりかえりアンケート',
    outcome: '「自分の考えを伝えられた」の肯定的回答が10ポイント上がった。',
    body: '毎単元の終わりに振り返りを集計し、次の単元で話し合いの時間を増やした。',
  },
  {
    title: '地域調べをスライドで発表',
    subject: 'SOC',
    grade: 3,
    tools: ['クラスボード', 'まなびアルバム'],
    materials: '校区の地図、インタビューメモ',
    outcome: '写真と地図を組み合わせて分かりやすく伝えられた。',
    body: '校区探検で撮った写真を地図に配置し、グループで発表スライドを作った。',
  },
  {
    title: 'Small talk の録音で表現を増やす',
    subject: 'ENG',
    grade: 7,
    tools: ['まなびアルバム'],
    materials: 'ワークシート',
    outcome: '使える表現が増え、沈黙が減った。',
    body: 'ペアのやりとりを録音し、次の授業で使えた表現を共有した。',
  },
  {
    title: '一次関数の事象をシミュレーションで',
    subject: 'MATH',
    grade: 8,
    tools: ['デジタル教科書ビューア', 'クラスボード'],
    materials: 'シミュレーション教材',
    outcome: '式・表・グラフを行き来して説明できる生徒が増えた。',
    body: '水槽の水位の変化をシミュレーションで確かめ、グラフの傾きの意味を話し合った。',
  },
];

/** 活用事例: a handful of lesson cases from teachers across the city (B7). */
export function writePracticeCases(world: World): void {
  const year = world.years[world.years.length - 1];
  if (!year) return;
  const rng = world.rng.fork('practice-cases');
  CASES.forEach((c, i) => {
    const kind = c.grade <= 6 ? 'elementary' : 'junior_high';
    const klass = rng.pick(
      world.classes.filter((k) => k.year === year && k.school.kind === kind && !k.special && k.homeroom),
    );
    const author = klass.subjectTeachers.get(c.subject) ?? klass.homeroom;
    if (!author) return;
    const created = isoOf(Math.max(year.start, world.asOf - 7 * (i + 1)));
    world.loader.add('practice_cases', [
      world.ids.take('practice_cases'),
      world.municipalityId,
      klass.school.id,
      author.id,
      c.title,
      c.subject,
      GRADE_CODES[c.grade - 1] ?? 'P1',
      c.tools,
      c.materials,
      c.outcome,
      c.body,
      `${created} 17:30:00+09`,
    ]);
  });
}

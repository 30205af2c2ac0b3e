import { isoOf } from './calendar.ts';
import type { World } from './model.ts';
import { since } from './org.ts';
import { staffingKey } from './model.ts';

/** The one import batch every generated school-affairs row points to (provenance, A6). */
export function writeImportBatch(world: World): void {
  world.batchId = world.ids.take('import_batches');
  world.loader.add('import_batches', [
    world.batchId,
    world.municipalityId,
    null,
    'demo',
    'demo',
    null,
    'committed',
    0,
    since(world.asOf),
  ]);
}

/** Learning tools registered with the municipality (fictional vendors; example.jp URLs). */
export function writeLearningTools(world: World): void {
  const add = (name: string, vendor: string, kind: string, url: string): number => {
    const id = world.ids.take('learning_tools');
    world.loader.add('learning_tools', [id, world.municipalityId, name, vendor, kind, url]);
    return id;
  };
  world.tools = {
    drill: add('まなびドリル', '株式会社まなびラボ', 'drill', 'https://drill.example.jp/launch'),
    lesson: add(
      'クラスボード',
      'ひかり教育システム株式会社',
      'lesson_support',
      'https://classboard.example.jp/lti',
    ),
    survey: add('こたえてフォーム', '株式会社コタエテ', 'survey', 'https://kotaete.example.jp/'),
    portfolio: add('まなびアルバム', 'ひかり教育システム株式会社', 'portfolio', 'https://album.example.jp/'),
    textbook: add(
      'デジタル教科書ビューア',
      '教科書デジタル配信協議会',
      'other',
      'https://textbook.example.jp/',
    ),
  };
}

/** Default alert rules of the board (C7); schools may override them later. */
export function writeAlertRules(world: World): void {
  const rules: [string, Record<string, number>][] = [
    ['consecutive_absence', { days: 3 }],
    ['absence_rate', { windowDays: 30, percent: 20 }],
    ['long_absence_pace', { days: 30, minElapsedDays: 20 }],
    ['mood_streak', { days: 3 }],
    ['wants_to_talk', { withinDays: 3 }],
    ['frequent_nurse_visits', { visits: 4, windowDays: 14 }],
    ['score_drop', { points: 15 }],
  ];
  for (const [kind, params] of rules)
    world.loader.add('alert_rules', [
      world.ids.take('alert_rules'),
      world.municipalityId,
      null,
      kind,
      JSON.stringify(params),
      true,
    ]);
}

/** お知らせ from the board and the demo school, dated in the weeks before asOf. */
export function writeNotices(world: World): void {
  const cast = world.cast;
  const year = world.years[world.years.length - 1];
  if (!cast || !year) return;
  const principal = world.staffing.get(staffingKey(cast.school, year))?.principal.id ?? null;
  const notices: [number | null, number | null, string, string, string[], number][] = [
    [
      null,
      cast.board.id,
      '心の天気の入力について（お願い）',
      '朝の会で児童生徒が心の天気を入力できるよう、時間の確保をお願いします。雨・雷が続く場合は学級ボードにアラートが表示されます。',
      ['teacher', 'principal', 'nurse'],
      2,
    ],
    [
      null,
      cast.board.id,
      '感染症の流行状況について',
      '市内でインフルエンザの欠席者が増えています。健康観察の入力と、学級閉鎖の判断基準の確認をお願いします。',
      ['teacher', 'nurse', 'principal'],
      9,
    ],
    [
      null,
      cast.board.id,
      '個人情報の取扱いに関する研修のお知らせ',
      '教育データの利活用に係る留意事項に基づく研修を実施します。各校1名以上の参加をお願いします。',
      ['principal', 'teacher', 'nurse'],
      16,
    ],
    [
      null,
      cast.board.id,
      '学習eポータルのメンテナンス',
      '土曜日の午前中、学習eポータルと連携ツールが利用できません。',
      ['teacher', 'student', 'principal', 'nurse'],
      5,
    ],
    [
      cast.school.id,
      principal,
      '保護者懇談会資料の印刷について',
      '懇談会資料は児童カルテの「懇談会資料」から印刷してください。',
      ['teacher'],
      3,
    ],
    [
      cast.school.id,
      principal,
      'ふりかえりアンケート（2学期）の実施',
      '今週中に各学級で市の授業ふりかえりアンケートを実施してください。',
      ['teacher', 'student'],
      12,
    ],
  ];
  for (const [schoolId, author, title, body, audience, daysAgo] of notices) {
    const day = isoOf(Math.max(year.start, world.asOf - daysAgo));
    world.loader.add('notices', [
      world.ids.take('notices'),
      world.municipalityId,
      schoolId,
      author,
      title,
      body,
      audience,
      `${day} 08:00:00+09`,
    ]);
  }
}

/** 連携システム台帳 (D7): what flows in from where, for what purpose, on what legal basis. */
export function writeConnectedSystems(world: World): void {
  const basis = '個人情報の保護に関する法律第61条（所掌事務の遂行に必要な範囲での保有）';
  const systems: [string, string, string[], string, boolean][] = [
    [
      'こもれび市 校務支援システム',
      'koumu',
      ['名簿', '出欠', '健康観察', '保健室来室', '成績', '指導要録'],
      '学籍管理と指導の記録',
      false,
    ],
    [
      '学習eポータル',
      'eportal',
      ['名簿', 'シングルサインオン', '学習ログ(xAPI)'],
      '学習ツールへのログインと学習履歴の集約',
      false,
    ],
    ['まなびドリル', 'drill', ['ドリル解答ログ'], '個に応じた学習と単元ごとの習熟の把握', false],
    [
      'クラスボード',
      'lesson_support',
      ['授業での提出物', '閲覧・いいね・コメントのログ'],
      '協働学習の支援と学級の関係性の把握',
      true,
    ],
    ['こたえてフォーム', 'survey', ['アンケート回答'], '授業改善と児童生徒の学習状況の把握', false],
    ['hyper-QU（図書文化社）', 'qu', ['Q-U結果'], '学級集団の状態把握と個別支援', true],
  ];
  for (const [name, kind, categories, purpose, consent] of systems)
    world.loader.add('connected_systems', [
      world.ids.take('connected_systems'),
      world.municipalityId,
      name,
      kind,
      categories,
      purpose,
      basis,
      consent,
    ]);
}

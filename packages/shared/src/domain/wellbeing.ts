/** 心の天気 (mood check-in) marks, 保健室 visit vocabularies and teacher-note kinds. */
export const MOOD_WEATHERS = ['sunny', 'cloudy', 'rainy', 'stormy'] as const;
export type MoodWeather = (typeof MOOD_WEATHERS)[number];
export const MOOD_LABELS_JA: Record<MoodWeather, string> = {
  sunny: '晴れ',
  cloudy: 'くもり',
  rainy: '雨',
  stormy: '雷',
};
export const MOOD_MOMENTS = ['arrival', 'leaving'] as const;
export type MoodMoment = (typeof MOOD_MOMENTS)[number];

/** Morning 健康観察 symptoms (日本学校保健会 absentee system choices plus everyday checkpoints). */
export const HEALTH_SYMPTOMS = [
  '発熱',
  '頭痛',
  'のど痛',
  'せき',
  '鼻水',
  '鼻詰まり',
  'ぜんそく',
  '腹痛',
  '下痢',
  '嘔吐',
  '発疹',
  'だるい',
  '睡眠不足',
  '食欲不振',
  'いつもと違う',
] as const;
export type HealthSymptom = (typeof HEALTH_SYMPTOMS)[number];

export const NURSE_REASON_GROUPS = ['INJURY', 'ILLNESS', 'CONSULT', 'OTHER'] as const;
export type NurseReasonGroup = (typeof NURSE_REASON_GROUPS)[number];
export const NURSE_REASON_GROUP_LABELS_JA: Record<NurseReasonGroup, string> = {
  INJURY: '外科（けが）',
  ILLNESS: '内科',
  CONSULT: '相談',
  OTHER: 'その他',
};
export const NURSE_REASONS: Record<NurseReasonGroup, readonly string[]> = {
  INJURY: ['すり傷', '切り傷', '打撲', '捻挫', '突き指', '鼻出血', 'やけど', '目の異物', '頭部打撲'],
  ILLNESS: ['頭痛', '腹痛', '発熱', '気分不良', '吐き気', 'めまい', 'だるい', '下痢'],
  CONSULT: ['友人関係', '学習の悩み', '家庭のこと', '気持ちが落ち着かない'],
  OTHER: ['身長・体重測定', '書類'],
};
export const NURSE_TREATMENTS = ['洗浄', '被覆', '冷却', '保温', '検温・脈拍', '休養', '話を聞く'] as const;
export const NURSE_OUTCOMES = ['returned_to_class', 'early_leave', 'clinic', 'ambulance'] as const;
export type NurseOutcome = (typeof NURSE_OUTCOMES)[number];
export const NURSE_OUTCOME_LABELS_JA: Record<NurseOutcome, string> = {
  returned_to_class: '教室へ戻る',
  early_leave: '早退（保護者連絡）',
  clinic: '医療機関受診',
  ambulance: '救急搬送',
};

/** 日常所見 / いいとこみつけ / 共有配慮事項. */
export const NOTE_KINDS = ['observation', 'good_point', 'consideration'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];
export const NOTE_KIND_LABELS_JA: Record<NoteKind, string> = {
  observation: '日常所見',
  good_point: 'いいとこみつけ',
  consideration: '共有配慮事項',
};
/** Who may read a note: its author only, the child's homeroom and subject teachers, or all staff of the school. */
export const NOTE_VISIBILITIES = ['author', 'class_teachers', 'school_staff'] as const;
export type NoteVisibility = (typeof NOTE_VISIBILITIES)[number];

/** Q-U groups as the vendor supplies them (stored, never computed: domain-jp §6). */
export const QU_GROUPS = ['satisfied', 'non_approved', 'victimized', 'unsatisfied'] as const;
export type QuGroup = (typeof QU_GROUPS)[number];
export const QU_GROUP_LABELS_JA: Record<QuGroup, string> = {
  satisfied: '学級生活満足群',
  non_approved: '非承認群',
  victimized: '侵害行為認知群',
  unsatisfied: '学級生活不満足群',
};

export const INTERACTION_KINDS = ['view', 'like', 'comment'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

export const DEVICE_KINDS = ['tablet', 'pc', 'chromebook', 'smartphone'] as const;
export const USAGE_PURPOSES = ['lesson', 'homework', 'drill', 'survey', 'other'] as const;

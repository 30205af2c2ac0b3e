/**
 * Subjects (教科). MEXT has no separate subject-code list (domain-jp §4.2); these stable codes
 * are edukarte's own, and curriculum codes (学習指導要領コード) are stored as strings beside them.
 */
export const SUBJECT_CODES = [
  'JPN',
  'MATH',
  'SCI',
  'SOC',
  'ENG',
  'LIFE',
  'MUSIC',
  'ART',
  'PE',
  'HOME',
  'TECH',
  'MORAL',
  'INQ',
] as const;
export type SubjectCode = (typeof SUBJECT_CODES)[number];

export const SUBJECT_LABELS_JA: Record<SubjectCode, string> = {
  JPN: '国語',
  MATH: '算数・数学',
  SCI: '理科',
  SOC: '社会',
  ENG: '外国語（英語）',
  LIFE: '生活',
  MUSIC: '音楽',
  ART: '図画工作・美術',
  PE: '体育・保健体育',
  HOME: '家庭',
  TECH: '技術・家庭',
  MORAL: '道徳',
  INQ: '総合的な学習の時間',
};

/** The five subjects of the karte radar (国・算数/数学・理・社・英). */
export const CORE_SUBJECTS = ['JPN', 'MATH', 'SCI', 'SOC', 'ENG'] as const satisfies readonly SubjectCode[];

export const ASSESSMENT_KINDS = ['unit', 'regular', 'national', 'municipal'] as const;
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];
export const ASSESSMENT_KIND_LABELS_JA: Record<AssessmentKind, string> = {
  unit: '単元テスト',
  regular: '定期テスト',
  national: '全国学力・学習状況調査',
  municipal: '市学力調査',
};

/** 観点 of 観点別学習状況 (MEXT 2019). */
export const VIEWPOINTS = ['knowledge', 'thinking', 'attitude'] as const;
export type Viewpoint = (typeof VIEWPOINTS)[number];
export const VIEWPOINT_LABELS_JA: Record<Viewpoint, string> = {
  knowledge: '知識・技能',
  thinking: '思考・判断・表現',
  attitude: '主体的に学習に取り組む態度',
};
export const VIEWPOINT_RATINGS = ['A', 'B', 'C'] as const;
export type ViewpointRating = (typeof VIEWPOINT_RATINGS)[number];

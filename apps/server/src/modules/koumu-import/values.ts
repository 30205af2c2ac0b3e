import {
  ASSESSMENT_KIND_LABELS_JA,
  ASSESSMENT_KINDS,
  ATTENDANCE_CATEGORIES,
  ATTENDANCE_LABELS_JA,
  ATTENDANCE_SYMBOLS,
  NOTE_KIND_LABELS_JA,
  NOTE_KINDS,
  NOTE_VISIBILITIES,
  NURSE_OUTCOME_LABELS_JA,
  NURSE_OUTCOMES,
  NURSE_REASON_GROUP_LABELS_JA,
  NURSE_REASON_GROUPS,
  SUBJECT_CODES,
  SUBJECT_LABELS_JA,
  type AssessmentKind,
  type AttendanceCategory,
  type GradeCode,
  type NoteKind,
  type NoteVisibility,
  type NurseOutcome,
  type NurseReasonGroup,
  type SchoolKind,
  type SubjectCode,
} from '@edukarte/shared';

/** Pure parsers for the values 校務 files carry. Each returns null when the text is not valid. */

const nfkc = (text: string) => text.normalize('NFKC').trim();
const squash = (text: string) => nfkc(text).replace(/[\s()（）]/g, '');

function lookupTable<T extends string>(entries: Iterable<readonly [string, T]>): Map<string, T> {
  const map = new Map<string, T>();
  for (const [label, value] of entries) map.set(squash(label).toLowerCase(), value);
  return map;
}
/** Cached per distinct text: a file repeats the same few labels on every row. */
const lookupCache = new WeakMap<Map<string, string>, Map<string, string | null>>();
function lookup<T extends string>(table: Map<string, T>, text: string): T | null {
  let cache = lookupCache.get(table);
  if (!cache) lookupCache.set(table, (cache = new Map<string, string | null>()));
  const hit = cache.get(text);
  if (hit !== undefined) return hit as T | null;
  const value = table.get(squash(text).toLowerCase()) ?? null;
  if (cache.size < 10_000) cache.set(text, value);
  return value;
}

/** 'YYYY-MM-DD', 'YYYY/M/D', 'YYYY年M月D日' → 'YYYY-MM-DD' (a real calendar day). */
export function parseDate(text: string): string | null {
  const m = /^(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})日?$/.exec(ISO_DATE.test(text) ? text : nfkc(text));
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const daysInMonth = (year: number, month: number) =>
  month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : [4, 6, 9, 11].includes(month)
      ? 30
      : 31;

/** 'YYYY-MM-DD HH:MM' (or 'T', or '/') in Japan time → ISO timestamp with +09:00. */
export function parseDateTime(text: string): string | null {
  const m = /^(\S+?)[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(nfkc(text));
  if (!m) return null;
  const day = parseDate(m[1]!);
  const [h, min] = [Number(m[2]), Number(m[3])];
  if (!day || h > 23 || min > 59) return null;
  return `${day}T${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}:00+09:00`;
}

const CATEGORY_TABLE = lookupTable<AttendanceCategory>([
  ...ATTENDANCE_CATEGORIES.map((c) => [c, c] as const),
  ...ATTENDANCE_CATEGORIES.map((c) => [ATTENDANCE_LABELS_JA[c], c] as const),
  ...ATTENDANCE_CATEGORIES.filter((c) => ATTENDANCE_SYMBOLS[c] !== '').map(
    (c) => [ATTENDANCE_SYMBOLS[c], c] as const,
  ),
  ['病欠', 'ABSENT_SICK'],
  ['欠席病気', 'ABSENT_SICK'],
  ['欠席', 'ABSENT_OTHER'],
  ['事故欠', 'ABSENT_OTHER'],
  ['欠席事故', 'ABSENT_OTHER'],
  ['欠席その他', 'ABSENT_OTHER'],
  ['停', 'SUSPENDED'],
  ['遅', 'LATE'],
  ['非常変災', 'EXCUSED_OTHER'],
  ['出席扱い', 'PRESENT'],
]);
export const parseAttendanceCategory = (text: string) => lookup(CATEGORY_TABLE, text);
export const ATTENDANCE_CATEGORY_EXPECTED =
  '出席・欠席（病気）・欠席（事故）・遅刻・早退・出席停止・忌引・非常変災等（病/事/チ/早/停/忌 や ABSENT_SICK なども可）';

/** '発熱、せき' / '発熱,せき' / '発熱・せき' → ['発熱', 'せき'] */
export function parseList(text: string): string[] {
  return nfkc(text)
    .split(/[、,，;；/／|]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function parseNumber(text: string, min: number, max: number): number | null {
  const t = nfkc(text);
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  const n = Number(t);
  return n >= min && n <= max ? n : null;
}

export function parseInteger(text: string, min: number, max: number): number | null {
  const n = parseNumber(
    nfkc(text)
      .replace(/[年組番期]$/, '')
      .replace(/^第/, ''),
    min,
    max,
  );
  return n !== null && Number.isInteger(n) ? n : null;
}

/**
 * 学年 as written in the file for a school of this kind: '6', '6年', 'P6', '小6', '中1', or 7–9 in
 * a 義務教育学校.
 */
export function parseGrade(text: string, schoolKind: SchoolKind): GradeCode | null {
  const t = squash(text).toUpperCase();
  const explicit = /^([PJ])([1-6])$/.exec(t) ?? /^(小|中)([1-6])(?:年)?$/.exec(t);
  if (explicit) {
    const code = `${explicit[1] === 'P' || explicit[1] === '小' ? 'P' : 'J'}${explicit[2]}`;
    return code === 'J4' || code === 'J5' || code === 'J6' ? null : (code as GradeCode);
  }
  const n = parseInteger(t, 1, 9);
  if (n === null) return null;
  if (schoolKind === 'junior_high') return n <= 3 ? (`J${n}` as GradeCode) : null;
  if (schoolKind === 'elementary') return n <= 6 ? (`P${n}` as GradeCode) : null;
  return n <= 6 ? (`P${n}` as GradeCode) : (`J${n - 6}` as GradeCode);
}

/** '1' / '1組' / '１組' → '1組'; a named class (ひまわり学級) as written. */
export function parseClassName(text: string): string {
  const t = nfkc(text);
  return /^\d+$/.test(t) ? `${t}組` : t;
}

const SUBJECT_TABLE = lookupTable<SubjectCode>([
  ...SUBJECT_CODES.map((c) => [c, c] as const),
  ...SUBJECT_CODES.map((c) => [SUBJECT_LABELS_JA[c], c] as const),
  ['算数', 'MATH'],
  ['数学', 'MATH'],
  ['英語', 'ENG'],
  ['外国語', 'ENG'],
  ['外国語活動', 'ENG'],
  ['図画工作', 'ART'],
  ['図工', 'ART'],
  ['美術', 'ART'],
  ['体育', 'PE'],
  ['保健体育', 'PE'],
  ['技術', 'TECH'],
  ['技術家庭', 'TECH'],
  ['技術・家庭', 'TECH'],
  ['総合', 'INQ'],
  ['特別の教科道徳', 'MORAL'],
]);
export const parseSubject = (text: string) => lookup(SUBJECT_TABLE, text);
export const SUBJECT_EXPECTED =
  '国語・算数・数学・理科・社会・英語・生活・音楽・図画工作・美術・体育・家庭・技術・道徳・総合 など';

const ASSESSMENT_KIND_TABLE = lookupTable<AssessmentKind>([
  ...ASSESSMENT_KINDS.map((k) => [k, k] as const),
  ...ASSESSMENT_KINDS.map((k) => [ASSESSMENT_KIND_LABELS_JA[k], k] as const),
  ['単元', 'unit'],
  ['カラーテスト', 'unit'],
  ['定期', 'regular'],
  ['中間テスト', 'regular'],
  ['期末テスト', 'regular'],
  ['全国学力調査', 'national'],
  ['全国学テ', 'national'],
  ['市調査', 'municipal'],
  ['学力調査', 'municipal'],
]);
export const parseAssessmentKind = (text: string) => lookup(ASSESSMENT_KIND_TABLE, text);

const NURSE_GROUP_TABLE = lookupTable<NurseReasonGroup>([
  ...NURSE_REASON_GROUPS.map((g) => [g, g] as const),
  ...NURSE_REASON_GROUPS.map((g) => [NURSE_REASON_GROUP_LABELS_JA[g], g] as const),
  ['外科', 'INJURY'],
  ['けが', 'INJURY'],
  ['その他', 'OTHER'],
]);
export const parseNurseReasonGroup = (text: string) => lookup(NURSE_GROUP_TABLE, text);

const NURSE_OUTCOME_TABLE = lookupTable<NurseOutcome>([
  ...NURSE_OUTCOMES.map((o) => [o, o] as const),
  ...NURSE_OUTCOMES.map((o) => [NURSE_OUTCOME_LABELS_JA[o], o] as const),
  ['教室復帰', 'returned_to_class'],
  ['帰室', 'returned_to_class'],
  ['早退', 'early_leave'],
  ['受診', 'clinic'],
  ['医療機関受診', 'clinic'],
  ['救急搬送', 'ambulance'],
]);
export const parseNurseOutcome = (text: string) => lookup(NURSE_OUTCOME_TABLE, text);

const NOTE_KIND_TABLE = lookupTable<NoteKind>([
  ...NOTE_KINDS.map((k) => [k, k] as const),
  ...NOTE_KINDS.map((k) => [NOTE_KIND_LABELS_JA[k], k] as const),
  ['所見', 'observation'],
  ['配慮事項', 'consideration'],
]);
export const parseNoteKind = (text: string) => lookup(NOTE_KIND_TABLE, text);

const VISIBILITY_TABLE = lookupTable<NoteVisibility>([
  ...NOTE_VISIBILITIES.map((v) => [v, v] as const),
  ['記録者のみ', 'author'],
  ['本人のみ', 'author'],
  ['学年・学級の担当', 'class_teachers'],
  ['担任', 'class_teachers'],
  ['学級担当', 'class_teachers'],
  ['校内', 'school_staff'],
  ['校内教職員', 'school_staff'],
  ['全教職員', 'school_staff'],
]);
export const parseVisibility = (text: string) => lookup(VISIBILITY_TABLE, text);

export const parseViewpointRating = (text: string): 'A' | 'B' | 'C' | null => {
  const t = squash(text).toUpperCase();
  return t === 'A' || t === 'B' || t === 'C' ? t : null;
};

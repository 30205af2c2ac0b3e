import { z } from 'zod';
import { PageInfo, PageQuery } from './common.ts';

/** What a 校務 file holds (A6). */
export const KOUMU_IMPORT_KINDS = ['attendance', 'health', 'nurse', 'results', 'grades', 'notes'] as const;
export type KoumuImportKind = (typeof KOUMU_IMPORT_KINDS)[number];

export const KOUMU_IMPORT_KIND_LABELS_JA: Record<KoumuImportKind, string> = {
  attendance: '出欠',
  health: '健康観察',
  nurse: '保健室来室',
  results: 'テスト結果',
  grades: '評定・観点別評価',
  notes: '所見',
};

export interface KoumuField {
  key: string;
  /** The header the template uses */
  labelJa: string;
  /** Other header spellings that map to this field automatically */
  aliases: readonly string[];
  required: boolean;
  /** The value in the template's example row */
  example: string;
}

/** How a pupil is identified: the 校務 number, or 学校コード + 学年 + 組 + 出席番号 in the current year. */
const STUDENT_FIELDS: readonly KoumuField[] = [
  {
    key: 'studentNumber',
    labelJa: '校務番号',
    aliases: ['児童生徒番号', '生徒番号', '児童番号', 'student number', 'studentNumber', 'student_id'],
    required: false,
    example: '2021000123',
  },
  {
    key: 'schoolCode',
    labelJa: '学校コード',
    aliases: ['school code', 'schoolCode'],
    required: false,
    example: 'B101210000018',
  },
  { key: 'grade', labelJa: '学年', aliases: ['grade'], required: false, example: '6' },
  { key: 'className', labelJa: '組', aliases: ['学級', 'クラス', 'class'], required: false, example: '1' },
  {
    key: 'attendanceNo',
    labelJa: '出席番号',
    aliases: ['番号', 'attendance no', 'attendanceNo'],
    required: false,
    example: '12',
  },
];

const f = (
  key: string,
  labelJa: string,
  aliases: readonly string[],
  required: boolean,
  example: string,
): KoumuField => ({ key, labelJa, aliases, required, example });

/** The fields of each kind, in template column order. */
export const KOUMU_FIELDS: Record<KoumuImportKind, readonly KoumuField[]> = {
  attendance: [
    ...STUDENT_FIELDS,
    f('date', '日付', ['年月日', '出欠日', 'date'], true, '2026-11-20'),
    f('category', '区分', ['出欠区分', '出欠', 'category'], true, '欠席（病気）'),
    f('reason', '理由', ['欠席理由', 'reason'], false, '発熱'),
    f('symptoms', '症状', ['symptoms'], false, '発熱、せき'),
    f('disease', '疾病名', ['感染症名', '病名', 'disease'], false, ''),
    f('note', '備考', ['note'], false, ''),
  ],
  health: [
    ...STUDENT_FIELDS,
    f('date', '日付', ['年月日', '観察日', 'date'], true, '2026-11-20'),
    f('symptoms', '症状', ['健康観察', 'symptoms'], true, '鼻水、せき'),
    f('temperature', '体温', ['temperature'], false, '37.2'),
    f('note', '備考', ['note'], false, ''),
  ],
  nurse: [
    ...STUDENT_FIELDS,
    f('visitedAt', '来室日時', ['来室時刻', '来室', 'visitedAt', 'visited at'], true, '2026-11-20 10:15'),
    f('leftAt', '退室日時', ['退室時刻', '退室', 'leftAt'], false, '2026-11-20 10:40'),
    f('reasonGroup', '来室理由区分', ['区分', 'reason group', 'reasonGroup'], true, '内科'),
    f('reason', '来室理由', ['理由', 'reason'], true, '頭痛'),
    f('treatments', '処置', ['treatments'], false, '検温・脈拍、休養'),
    f('outcome', '対応', ['転帰', '結果', 'outcome'], true, '教室へ戻る'),
    f('note', '備考', ['note'], false, ''),
  ],
  results: [
    ...STUDENT_FIELDS,
    f('assessmentKind', 'テスト種別', ['種別', 'kind'], true, '単元テスト'),
    f('subject', '教科', ['subject'], true, '国語'),
    f('assessmentGrade', '対象学年', ['テスト学年'], false, '6'),
    f('title', 'テスト名', ['単元名', '単元', 'title'], true, '物語文の読み取り'),
    f('administeredOn', '実施日', ['日付', 'date'], true, '2026-11-10'),
    f('maxScore', '満点', ['max score', 'maxScore'], true, '100'),
    f('score', '得点', ['点数', 'score'], true, '85'),
  ],
  grades: [
    ...STUDENT_FIELDS,
    f('fiscalYear', '年度', ['fiscal year', 'fiscalYear'], false, '2026'),
    f('period', '学期', ['期', 'period'], true, '2'),
    f('subject', '教科', ['subject'], true, '算数'),
    f('rating', '評定', ['rating'], false, '3'),
    f('knowledge', '知識・技能', ['知識技能', 'knowledge'], false, 'A'),
    f('thinking', '思考・判断・表現', ['思考判断表現', 'thinking'], false, 'B'),
    f('attitude', '主体的に学習に取り組む態度', ['主体的態度', '態度', 'attitude'], false, 'A'),
  ],
  notes: [
    ...STUDENT_FIELDS,
    f('date', '記録日', ['日付', 'date'], true, '2026-11-20'),
    f('noteKind', '種別', ['所見種別', 'kind'], true, '日常所見'),
    f('visibility', '公開範囲', ['visibility'], false, '学年・学級の担当'),
    f('author', '記録者番号', ['記録者', '教職員番号', 'author'], true, 'T0000123'),
    f('body', '内容', ['所見', '本文', 'body'], true, '係の仕事を最後までやり遂げた。'),
  ],
};

/** Where one value of one row is wrong: 行 (file line), 列 (header), 値, 期待される値. */
export const ImportProblem = z.object({
  row: z.number().int(),
  column: z.string(),
  value: z.string(),
  expected: z.string(),
});
export type ImportProblem = z.infer<typeof ImportProblem>;

export const ImportCounts = z.object({
  rows: z.number().int(),
  valid: z.number().int(),
  problems: z.number().int(),
  inserted: z.number().int().optional(),
  updated: z.number().int().optional(),
  unchanged: z.number().int().optional(),
});
export type ImportCounts = z.infer<typeof ImportCounts>;

export const ImportStatusEnum = z.enum(['previewed', 'committed', 'failed']);

export const ImportBatchSummary = z.object({
  id: z.number().int(),
  kind: z.enum(KOUMU_IMPORT_KINDS),
  sourceSystem: z.string(),
  schoolId: z.number().int().nullable(),
  fileName: z.string().nullable(),
  status: ImportStatusEnum,
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  counts: ImportCounts,
});
export type ImportBatchSummary = z.infer<typeof ImportBatchSummary>;

/** The pupil a previewed row was matched to, as a teacher recognises them. */
export const ImportPreviewStudent = z.object({
  id: z.number().int(),
  /** 氏名 */
  name: z.string(),
  kana: z.string(),
  schoolName: z.string(),
  /** this school year's class, when the pupil has a stay in it */
  gradeCode: z.string().nullable(),
  className: z.string().nullable(),
  attendanceNo: z.number().int().nullable(),
});
export type ImportPreviewStudent = z.infer<typeof ImportPreviewStudent>;

/**
 * One previewed row: the file row, the pupil and the values by field key (KOUMU_FIELDS keys).
 * Coded values stay codes (category 'ABSENT_SICK', subject 'MATH', reasonGroup 'ILLNESS', …) for the
 * page to label in the reader's language; a note's author is given by name.
 */
export const ImportPreviewRow = z.object({
  row: z.number().int(),
  student: ImportPreviewStudent,
  values: z.record(z.string(), z.string()),
});
export type ImportPreviewRow = z.infer<typeof ImportPreviewRow>;

export const ImportPreviewResponse = z.object({
  batch: ImportBatchSummary,
  encoding: z.string(),
  headers: z.array(z.string()),
  /** field key → file header, as used for this preview */
  mapping: z.record(z.string(), z.string()),
  /** The first 20 valid rows as they will be stored */
  preview: z.array(ImportPreviewRow),
  problems: z.array(ImportProblem),
  /** milliseconds spent decoding, validating and storing the preview (for benchmarks and logs) */
  timings: z.record(z.string(), z.number()).optional(),
});
export type ImportPreviewResponse = z.infer<typeof ImportPreviewResponse>;

export const ImportCommitResponse = z.object({
  batch: ImportBatchSummary,
  /** milliseconds spent writing (absent when the batch was already committed) */
  timings: z.record(z.string(), z.number()).optional(),
});
export type ImportCommitResponse = z.infer<typeof ImportCommitResponse>;

export const ImportHistoryQuery = PageQuery;

/** One page of the import history, newest first, and how many imports there are in all. */
export const ImportHistoryResponse = z.object({ batches: z.array(ImportBatchSummary), ...PageInfo });
export type ImportHistoryResponse = z.infer<typeof ImportHistoryResponse>;

export const ImportKindParam = z.object({ kind: z.enum(KOUMU_IMPORT_KINDS) });

/** Multipart text fields of an upload (the file itself is the `file` part). */
export const ImportUploadFields = z.object({
  kind: z.enum(KOUMU_IMPORT_KINDS),
  sourceSystem: z.string().trim().min(1).max(40).default('koumu'),
  schoolId: z.coerce.number().int().positive().optional(),
  /** JSON object: field key → header in the file */
  mapping: z.string().optional(),
  encoding: z.enum(['utf-8', 'shift_jis']).optional(),
});

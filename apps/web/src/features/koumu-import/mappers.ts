import {
  KOUMU_FIELDS,
  type ImportBatchSummary,
  type ImportPreviewResponse,
  type KoumuImportKind,
} from '@edukarte/shared';

/** One row of the column-mapping step: an edukarte field and the file header feeding it. */
export interface MappingRow {
  key: string;
  label: string;
  required: boolean;
  /** '' when no header is chosen */
  header: string;
}

export function mappingRows(kind: KoumuImportKind, mapping: Record<string, string>): MappingRow[] {
  return KOUMU_FIELDS[kind].map((field) => ({
    key: field.key,
    label: field.labelJa,
    required: field.required,
    header: mapping[field.key] ?? '',
  }));
}

/** The mapping to send: fields without a header are left out. */
export function mappingToSend(rows: readonly MappingRow[]): Record<string, string> {
  return Object.fromEntries(rows.filter((r) => r.header !== '').map((r) => [r.key, r.header]));
}

/** Required fields that have no header yet (the upload would be refused for them). */
export function missingRequired(rows: readonly MappingRow[]): string[] {
  return rows.filter((r) => r.required && r.header === '').map((r) => r.label);
}

/** Columns of the preview table in a stable order: those of the first row. */
export function previewColumns(preview: ImportPreviewResponse['preview']): string[] {
  return preview[0] ? Object.keys(preview[0].values) : [];
}

const COLUMN_LABELS: Record<string, string> = {
  school_id: '学校ID',
  student_id: '児童生徒ID',
  date: '日付',
  category: '区分',
  reason: '理由',
  symptoms: '症状',
  disease: '疾病名',
  note: '備考',
  temperature: '体温',
  visited_at: '来室日時',
  left_at: '退室日時',
  reason_group: '来室理由区分',
  treatments: '処置',
  outcome: '対応',
  assessment: 'テスト',
  score: '得点',
  school_year_id: '年度ID',
  period: '学期',
  subject_code: '教科',
  rating: '評定',
  knowledge: '知識・技能',
  thinking: '思考・判断・表現',
  attitude: '主体的態度',
  author_id: '記録者ID',
  kind: '種別',
  visibility: '公開範囲',
  body: '内容',
  noted_on: '記録日',
};

export const columnLabel = (key: string) => COLUMN_LABELS[key] ?? key;

const STATUS_LABELS: Record<ImportBatchSummary['status'], string> = {
  previewed: '確認待ち',
  committed: '取り込み済み',
  failed: '失敗',
};
export const statusLabel = (status: ImportBatchSummary['status']) => STATUS_LABELS[status];

/** '120行（問題 3件）' or, once committed, '追加 100・更新 15・変更なし 5'. */
export function countsLabel(counts: ImportBatchSummary['counts']): string {
  if (counts.inserted !== undefined)
    return `追加 ${counts.inserted}・更新 ${counts.updated ?? 0}・変更なし ${counts.unchanged ?? 0}`;
  return counts.problems > 0 ? `${counts.rows}行（問題 ${counts.problems}件）` : `${counts.rows}行`;
}

/** 'YYYY-MM-DD HH:MM' in Japan time. */
export function formatJapanTime(iso: string): string {
  const date = new Date(iso);
  return new Date(date.getTime() + 9 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

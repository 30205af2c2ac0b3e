import {
  ASSESSMENT_KINDS,
  ATTENDANCE_CATEGORIES,
  GRADE_CODES,
  KOUMU_FIELDS,
  NOTE_KINDS,
  NOTE_VISIBILITIES,
  NURSE_OUTCOMES,
  NURSE_REASON_GROUPS,
  SUBJECT_CODES,
  type ImportBatchSummary,
  type ImportPreviewResponse,
  type ImportPreviewStudent,
  type KoumuImportKind,
} from '@edukarte/shared';
import type { TFunction } from 'i18next';

/** One row of the column-mapping step: an edukarte field and the file header feeding it. */
export interface MappingRow {
  key: string;
  required: boolean;
  /** '' when no header is chosen */
  header: string;
}

export function mappingRows(kind: KoumuImportKind, mapping: Record<string, string>): MappingRow[] {
  return KOUMU_FIELDS[kind].map((field) => ({
    key: field.key,
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
  return rows.filter((r) => r.required && r.header === '').map((r) => r.key);
}

/** A field's name in the reader's language (the template header in Japanese). */
export function fieldLabel(kind: KoumuImportKind, key: string, t: TFunction): string {
  const known = KOUMU_FIELDS[kind].some((f) => f.key === key);
  return known ? t(`koumuField.${kind}.${key}` as 'koumuField.attendance.date') : key;
}

/** Value columns of the preview table: the kind's fields that the rows carry, in template order. */
export function previewColumns(kind: KoumuImportKind, preview: ImportPreviewResponse['preview']): string[] {
  const first = preview[0];
  if (!first) return [];
  return KOUMU_FIELDS[kind].map((f) => f.key).filter((key) => key in first.values);
}

const among = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);

/** One preview cell: coded values (区分, 教科, 来室理由区分, …) as labels, everything else as it is. */
export function previewCell(key: string, value: string, t: TFunction): string {
  if (value === '') return '';
  switch (key) {
    case 'category':
      return among(ATTENDANCE_CATEGORIES, value) ? t(`attendanceCategory.${value}`) : value;
    case 'reasonGroup':
      return among(NURSE_REASON_GROUPS, value) ? t(`nurseReasonGroup.${value}`) : value;
    case 'outcome':
      return among(NURSE_OUTCOMES, value) ? t(`nurseOutcome.${value}`) : value;
    case 'assessmentKind':
      return among(ASSESSMENT_KINDS, value) ? t(`assessmentKind.${value}`) : value;
    case 'subject':
      return among(SUBJECT_CODES, value) ? t(`subject.${value}`) : value;
    case 'assessmentGrade':
      return among(GRADE_CODES, value) ? t('koumuImport.gradeLabel', { n: value.slice(1) }) : value;
    case 'noteKind':
      return among(NOTE_KINDS, value) ? t(`noteKind.${value}`) : value;
    case 'visibility':
      return among(NOTE_VISIBILITIES, value) ? t(`koumuImport.visibility.${value}`) : value;
    default:
      return value;
  }
}

/** '6年1組 12番' (school year's class of the pupil), or '' when the pupil has no class this year. */
export function placeLabel(student: ImportPreviewStudent, t: TFunction): string {
  if (student.gradeCode === null || student.className === null) return '';
  return t('koumuImport.place', {
    grade: t('koumuImport.gradeLabel', { n: student.gradeCode.slice(1) }),
    className: student.className,
    no: student.attendanceNo ?? '',
  });
}

/** '120行（問題 3件）' or, once committed, '追加 100・更新 15・変更なし 5'. */
export function countsLabel(counts: ImportBatchSummary['counts'], t: TFunction): string {
  if (counts.inserted !== undefined)
    return t('koumuImport.counts.result', {
      inserted: counts.inserted,
      updated: counts.updated ?? 0,
      unchanged: counts.unchanged ?? 0,
    });
  return counts.problems > 0
    ? t('koumuImport.counts.rowsWithProblems', { rows: counts.rows, problems: counts.problems })
    : t('koumuImport.counts.rows', { rows: counts.rows });
}

/** 'YYYY-MM-DD HH:MM' in Japan time. */
export function formatJapanTime(iso: string): string {
  const date = new Date(iso);
  return new Date(date.getTime() + 9 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

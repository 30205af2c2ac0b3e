import { ATTENDANCE_CATEGORIES, ATTENDANCE_LABELS_JA, type AttendanceCategory } from '@edukarte/shared';

export const EXPORT_HEADER = [
  '学校コード',
  '日付',
  '学年',
  '組',
  '出席番号',
  '校務番号',
  '区分',
  '理由',
  '症状',
  '体温',
  '記録時刻',
] as const;

export interface DayRecord {
  category: string | null;
  reason: string | null;
  symptoms: readonly string[];
  disease: string | null;
  temperature: number | null;
  recorded_at: Date | string;
  record: 'attendance' | 'health';
  grade_code: string | null;
  class_name: string | null;
  attendance_no: number | null;
  source_id: string | null;
}

const isCategory = (value: string | null): value is AttendanceCategory =>
  value !== null && (ATTENDANCE_CATEGORIES as readonly string[]).includes(value);

/** 'YYYY-MM-DD HH:MM:SS' in Japan time, as 校務 systems read it. */
export function japanTime(value: Date | string): string {
  const date = value instanceof Date ? value : new Date(value);
  return new Date(date.getTime() + 9 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * The rows of the 出欠 export for one school and day: 出欠 marks with their Japanese 区分 and
 * 健康観察 as 区分 '健康観察'. 学年 is the number within the school kind, 組 without '組'.
 */
export function toExportRows(schoolCode: string, date: string, records: readonly DayRecord[]): string[][] {
  return records.map((r) => {
    const category =
      r.record === 'health'
        ? '健康観察'
        : isCategory(r.category)
          ? ATTENDANCE_LABELS_JA[r.category]
          : (r.category ?? '');
    const reason = [r.reason, r.disease].filter((s): s is string => s !== null && s !== '').join('・');
    return [
      schoolCode,
      date,
      r.grade_code ? r.grade_code.slice(1) : '',
      r.class_name ? r.class_name.replace(/^(\d+)組$/, '$1') : '',
      r.attendance_no === null ? '' : String(r.attendance_no),
      r.source_id ?? '',
      category,
      reason,
      r.symptoms.join('、'),
      r.temperature === null ? '' : r.temperature.toFixed(1),
      japanTime(r.recorded_at),
    ];
  });
}

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

/** 学年 as the export writes it: the number within the school kind ('P3' → '3'). */
export const gradeOf = (gradeCode: string | null): string => (gradeCode ? gradeCode.slice(1) : '');

/** 組 as the export writes it: '2組' → '2'; a name such as 'ひまわり学級' stays as it is. */
export const classOf = (className: string | null): string =>
  className ? className.replace(/^(\d+)組$/, '$1') : '';

/** The Japanese 区分 of a record: 欠席（病気）, 遅刻 … for 出欠, '健康観察' for a 健康観察. */
export function categoryLabelOf(record: Pick<DayRecord, 'record' | 'category'>): string {
  if (record.record === 'health') return '健康観察';
  return isCategory(record.category) ? ATTENDANCE_LABELS_JA[record.category] : (record.category ?? '');
}

/** ISO 8601 in Japan time with its offset ('2026-11-20T08:15:00+09:00'): the export's 記録時刻, unambiguous. */
export function japanIsoTime(value: Date | string): string {
  return `${japanTime(value).replace(' ', 'T')}+09:00`;
}

/**
 * The rows of the 出欠 export for one school and day: 出欠 marks with their Japanese 区分 and
 * 健康観察 as 区分 '健康観察'. 学年 is the number within the school kind, 組 without '組'.
 */
export function toExportRows(schoolCode: string, date: string, records: readonly DayRecord[]): string[][] {
  return records.map((r) => {
    const reason = [r.reason, r.disease].filter((s): s is string => s !== null && s !== '').join('・');
    return [
      schoolCode,
      date,
      gradeOf(r.grade_code),
      classOf(r.class_name),
      r.attendance_no === null ? '' : String(r.attendance_no),
      r.source_id ?? '',
      categoryLabelOf(r),
      reason,
      r.symptoms.join('、'),
      r.temperature === null ? '' : r.temperature.toFixed(1),
      japanTime(r.recorded_at),
    ];
  });
}

/** Where a pupil sat that day and their 校務番号: the same columns as the export (学年, 組, 出席番号). */
export interface EventPupil {
  studentId: number;
  /** the pupil's number in the 校務 system (the export's 校務番号), when known */
  sourceId: string | null;
  /** the export's 学年: '3' */
  grade: string | null;
  /** the export's 組: '2' for 2組 */
  className: string | null;
  attendanceNo: number | null;
  /** 記録時刻 as ISO 8601 with +09:00 */
  recordedAt: string;
}

/** One 出欠 record of an `attendance.recorded` event. */
export interface AttendanceEventRecord extends EventPupil {
  /** ABSENT_SICK, LATE, …: the code */
  category: string;
  /** 欠席（病気）, 遅刻, …: the export's 区分 */
  categoryLabel: string;
  reason: string | null;
  symptoms: string[];
  disease: string | null;
}

/** One 健康観察 of a `health.recorded` event. */
export interface HealthEventRecord extends EventPupil {
  symptoms: string[];
  /** 体温 (°C), one decimal */
  temperature: number | null;
}

export interface EventDayRecord extends DayRecord {
  student_id: number;
}

function pupilOf(r: EventDayRecord): EventPupil {
  return {
    studentId: r.student_id,
    sourceId: r.source_id,
    grade: r.grade_code === null ? null : gradeOf(r.grade_code),
    className: r.class_name === null ? null : classOf(r.class_name),
    attendanceNo: r.attendance_no,
    recordedAt: japanIsoTime(r.recorded_at),
  };
}

/** The records of an event, from the same rows and with the same values as the export. */
export function toAttendanceEventRecords(rows: readonly EventDayRecord[]): AttendanceEventRecord[] {
  return rows
    .filter((r) => r.record === 'attendance')
    .map((r) => ({
      ...pupilOf(r),
      category: r.category ?? '',
      categoryLabel: categoryLabelOf(r),
      reason: r.reason,
      symptoms: [...r.symptoms],
      disease: r.disease,
    }));
}

export function toHealthEventRecords(rows: readonly EventDayRecord[]): HealthEventRecord[] {
  return rows
    .filter((r) => r.record === 'health')
    .map((r) => ({
      ...pupilOf(r),
      symptoms: [...r.symptoms],
      temperature: r.temperature === null ? null : Math.round(r.temperature * 10) / 10,
    }));
}

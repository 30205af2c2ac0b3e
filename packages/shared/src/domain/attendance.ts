/**
 * 出欠 categories and the 指導要録 annual tallies (domain-jp §2.1).
 * edukarte stores a mark only for a day that was not plain attendance: an instruction day
 * with no mark is 出席.
 */
export const ATTENDANCE_CATEGORIES = [
  'PRESENT',
  'ABSENT_SICK',
  'ABSENT_OTHER',
  'LATE',
  'EARLY_LEAVE',
  'SUSPENDED',
  'MOURNING',
  'EXCUSED_OTHER',
] as const;
export type AttendanceCategory = (typeof ATTENDANCE_CATEGORIES)[number];

export const ATTENDANCE_LABELS_JA: Record<AttendanceCategory, string> = {
  PRESENT: '出席',
  ABSENT_SICK: '欠席（病気）',
  ABSENT_OTHER: '欠席（事故）',
  LATE: '遅刻',
  EARLY_LEAVE: '早退',
  SUSPENDED: '出席停止',
  MOURNING: '忌引',
  EXCUSED_OTHER: '非常変災等',
};

/** 出席簿 symbols as one town's rules print them. */
export const ATTENDANCE_SYMBOLS: Record<AttendanceCategory, string> = {
  PRESENT: '',
  ABSENT_SICK: '病',
  ABSENT_OTHER: '事',
  LATE: 'チ',
  EARLY_LEAVE: '早',
  SUSPENDED: '停',
  MOURNING: '忌',
  EXCUSED_OTHER: '変',
};

export function isAbsence(category: AttendanceCategory): boolean {
  return category === 'ABSENT_SICK' || category === 'ABSENT_OTHER';
}

/** Days removed from the days a pupil must attend (出席停止・忌引等). */
export function isExcusedFromAttendance(category: AttendanceCategory): boolean {
  return category === 'SUSPENDED' || category === 'MOURNING' || category === 'EXCUSED_OTHER';
}

/** Sub-reasons used in practice for 欠席・遅刻・早退 (domain-jp §2.1). */
export const ATTENDANCE_REASONS = [
  '頭痛',
  '腹痛',
  'しんどい',
  '発熱',
  '風邪',
  '下痢',
  '嘔吐',
  '吐き気',
  '喘息',
  'ケガ',
  '受診',
  '家庭の事情',
  'その他',
] as const;

export interface AttendanceTally {
  /** 授業日数: instruction days while the pupil was enrolled */
  instructionDays: number;
  /** 出席停止・忌引等の日数 */
  excusedDays: number;
  /** 出席しなければならない日数 = 授業日数 − 出席停止・忌引等 */
  requiredDays: number;
  /** 欠席日数 (病気 + 事故) */
  absentDays: number;
  absentSickDays: number;
  absentOtherDays: number;
  /** 出席日数 = 出席しなければならない日数 − 欠席日数 */
  attendedDays: number;
  lateCount: number;
  earlyLeaveCount: number;
}

/**
 * Tallies a pupil's year from the number of instruction days and the marks on those days.
 * Marks on days that were not instruction days must be filtered out by the caller.
 */
export function tallyAttendance(
  instructionDays: number,
  marks: readonly { category: AttendanceCategory }[],
): AttendanceTally {
  let excusedDays = 0;
  let absentSickDays = 0;
  let absentOtherDays = 0;
  let lateCount = 0;
  let earlyLeaveCount = 0;
  for (const { category } of marks) {
    switch (category) {
      case 'ABSENT_SICK':
        absentSickDays++;
        break;
      case 'ABSENT_OTHER':
        absentOtherDays++;
        break;
      case 'SUSPENDED':
      case 'MOURNING':
      case 'EXCUSED_OTHER':
        excusedDays++;
        break;
      case 'LATE':
        lateCount++;
        break;
      case 'EARLY_LEAVE':
        earlyLeaveCount++;
        break;
      case 'PRESENT':
        break;
    }
  }
  if (excusedDays + absentSickDays + absentOtherDays > instructionDays) {
    throw new RangeError(
      `more excused/absent days (${excusedDays + absentSickDays + absentOtherDays}) than instruction days (${instructionDays})`,
    );
  }
  const requiredDays = instructionDays - excusedDays;
  const absentDays = absentSickDays + absentOtherDays;
  return {
    instructionDays,
    excusedDays,
    requiredDays,
    absentDays,
    absentSickDays,
    absentOtherDays,
    attendedDays: requiredDays - absentDays,
    lateCount,
    earlyLeaveCount,
  };
}

/** 長期欠席: 30 or more days absent in one school year (MEXT 問題行動・不登校等調査). */
export const LONG_TERM_ABSENCE_DAYS = 30;

import { describe, expect, it } from 'vitest';
import { tallyAttendance, type AttendanceCategory } from './attendance.ts';

const marks = (...categories: AttendanceCategory[]) => categories.map((category) => ({ category }));

describe('指導要録 出欠の記録', () => {
  it('a year with no marks is all attended', () => {
    expect(tallyAttendance(200, [])).toEqual({
      instructionDays: 200,
      excusedDays: 0,
      requiredDays: 200,
      absentDays: 0,
      absentSickDays: 0,
      absentOtherDays: 0,
      attendedDays: 200,
      lateCount: 0,
      earlyLeaveCount: 0,
    });
  });

  it('出席停止 and 忌引 leave the days that must be attended; 欠席 counts against them', () => {
    const t = tallyAttendance(
      200,
      marks('SUSPENDED', 'SUSPENDED', 'MOURNING', 'EXCUSED_OTHER', 'ABSENT_SICK', 'ABSENT_OTHER'),
    );
    expect(t.excusedDays).toBe(4);
    expect(t.requiredDays).toBe(196); // 授業日数 − 出席停止・忌引等
    expect(t.absentDays).toBe(2);
    expect(t.attendedDays).toBe(194); // 出席しなければならない日数 − 欠席日数
  });

  it('遅刻 and 早退 are attended days, counted separately', () => {
    const t = tallyAttendance(10, marks('LATE', 'LATE', 'EARLY_LEAVE', 'PRESENT'));
    expect(t).toMatchObject({ attendedDays: 10, lateCount: 2, earlyLeaveCount: 1, absentDays: 0 });
  });

  it('30 days absent is the 長期欠席 line', () => {
    const t = tallyAttendance(100, marks(...Array<AttendanceCategory>(30).fill('ABSENT_OTHER')));
    expect(t.absentDays).toBe(30);
    expect(t.attendedDays).toBe(70);
  });

  it('refuses more absent days than instruction days', () => {
    expect(() => tallyAttendance(1, marks('ABSENT_SICK', 'ABSENT_SICK'))).toThrow(RangeError);
  });
});

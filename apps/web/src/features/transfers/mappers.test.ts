import { describe, expect, it } from 'vitest';
import type { ClassSummary, RosterEntry } from '@edukarte/shared';
import { classesOf, enrolledPupils, isKatakana, nextAttendanceNo, schoolsOf, toKatakana } from './mappers.ts';

const cls = (id: number, schoolId: number, label: string): ClassSummary => ({
  id,
  schoolId,
  schoolName: `学校${String(schoolId)}`,
  gradeCode: 'P4',
  name: label,
  label,
  isSpecialNeeds: false,
  studentCount: 30,
  isMyHomeroom: false,
});
const pupil = (studentId: number, attendanceNo: number, status: RosterEntry['status']) =>
  ({
    studentId,
    attendanceNo,
    familyName: '山田',
    givenName: `${String(studentId)}郎`,
    familyNameKana: 'ヤマダ',
    givenNameKana: 'タロウ',
    sex: 'male',
    status,
  }) as RosterEntry;

describe('transfer form mappers', () => {
  it('lists schools once and the classes of the chosen school', () => {
    const list = [cls(1, 1, '4年1組'), cls(2, 1, '4年2組'), cls(3, 2, '4年1組')];
    expect(schoolsOf(list)).toEqual([
      { value: '1', label: '学校1' },
      { value: '2', label: '学校2' },
    ]);
    expect(classesOf(list, 1).map((c) => c.value)).toEqual(['1', '2']);
    expect(classesOf(list, null)).toEqual([]);
  });

  it('offers pupils still in the class by 出席番号 and proposes the next number after every number used', () => {
    const roster = [pupil(7, 3, 'enrolled'), pupil(5, 1, 'transferred_in'), pupil(9, 8, 'transferred_out')];
    expect(enrolledPupils(roster)).toEqual([
      { value: '5', label: '1 山田 5郎' },
      { value: '7', label: '3 山田 7郎' },
    ]);
    expect(nextAttendanceNo(roster)).toBe(9);
    expect(nextAttendanceNo([])).toBe(1);
  });

  it.each([
    ['やまだ', 'ヤマダ', true],
    ['ﾔﾏﾀﾞ', 'ヤマダ', true],
    ['ヤマダ ハナ', 'ヤマダ ハナ', true],
    ['山田', '山田', false],
    ['yamada', 'yamada', false],
  ])('%s → %s (katakana: %s)', (input, converted, ok) => {
    expect(toKatakana(input)).toBe(converted);
    expect(isKatakana(toKatakana(input))).toBe(ok);
  });
});

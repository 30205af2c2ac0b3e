import type { ClassSummary, RosterEntry } from '@edukarte/shared';
import { describe, expect, it } from 'vitest';
import { sortClassSummaries, toRosterRows } from './mappers.ts';

let nextId = 1;
function cls(overrides: Partial<ClassSummary>): ClassSummary {
  return {
    id: nextId++,
    schoolId: 1,
    schoolName: '中央小学校',
    gradeCode: 'P1',
    name: '1組',
    label: '1年1組',
    isSpecialNeeds: false,
    studentCount: 30,
    isMyHomeroom: false,
    ...overrides,
  };
}

function student(overrides: Partial<RosterEntry>): RosterEntry {
  return {
    studentId: nextId++,
    attendanceNo: 1,
    familyName: '佐藤',
    givenName: '陽菜',
    familyNameKana: 'サトウ',
    givenNameKana: 'ヒナ',
    sex: 'female',
    status: 'enrolled',
    startDate: '2026-04-01',
    endDate: '2027-03-31',
    ...overrides,
  };
}

describe('sortClassSummaries', () => {
  it('returns an empty list for no classes', () => {
    expect(sortClassSummaries([])).toEqual([]);
  });

  it('puts my homeroom first, then grade order, natural class order, special-needs last', () => {
    const input = [
      cls({ label: 'ひまわり学級', name: 'ひまわり', gradeCode: 'P1', isSpecialNeeds: true }),
      cls({ label: '2年10組', name: '10組', gradeCode: 'P2' }),
      cls({ label: '2年2組', name: '2組', gradeCode: 'P2' }),
      cls({ label: '1年1組', name: '1組', gradeCode: 'P1' }),
      cls({ label: '6年1組', name: '1組', gradeCode: 'P6', isMyHomeroom: true }),
    ];
    expect(sortClassSummaries(input).map((c) => c.label)).toEqual([
      '6年1組',
      '1年1組',
      '2年2組',
      '2年10組',
      'ひまわり学級',
    ]);
  });

  it('groups classes by school before grade', () => {
    const input = [
      cls({ schoolId: 2, schoolName: '東小学校', label: '1年1組', gradeCode: 'P1' }),
      cls({ schoolId: 1, schoolName: '中央小学校', label: '3年1組', gradeCode: 'P3' }),
      cls({ schoolId: 2, schoolName: '東小学校', label: '2年1組', gradeCode: 'P2' }),
    ];
    expect(sortClassSummaries(input).map((c) => `${c.schoolName} ${c.label}`)).toEqual([
      '中央小学校 3年1組',
      '東小学校 1年1組',
      '東小学校 2年1組',
    ]);
  });

  it('does not mutate its input', () => {
    const input = [cls({ gradeCode: 'P2' }), cls({ gradeCode: 'P1' })];
    const before = input.map((c) => c.id);
    sortClassSummaries(input);
    expect(input.map((c) => c.id)).toEqual(before);
  });
});

describe('toRosterRows', () => {
  it('orders by 出席番号 and keeps those who left in place', () => {
    const rows = toRosterRows([
      student({ attendanceNo: 3 }),
      student({ attendanceNo: 1, status: 'transferred_out', endDate: '2026-07-20' }),
      student({ attendanceNo: 2 }),
    ]);
    expect(rows.map((r) => [r.attendanceNo, r.status])).toEqual([
      [1, 'transferred_out'],
      [2, 'enrolled'],
      [3, 'enrolled'],
    ]);
  });

  it.each([
    { status: 'enrolled' as const, expected: null },
    { status: 'transferred_in' as const, expected: '2026-09-01' },
    { status: 'transferred_out' as const, expected: '2026-12-24' },
  ])('explains $status with date $expected', ({ status, expected }) => {
    const [row] = toRosterRows([student({ status, startDate: '2026-09-01', endDate: '2026-12-24' })]);
    expect(row?.statusDate).toBe(expected);
  });

  it('is empty for an empty class', () => {
    expect(toRosterRows([])).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { RolloverClassCount } from '@edukarte/shared';
import {
  assignmentsFromPlacements,
  defaultTargetYear,
  groupPlanBySchool,
  mappingRequest,
  normaliseClassName,
  overridesRequest,
  placementGroups,
  withAssignment,
} from './mappers.ts';

const row = (overrides: Partial<RolloverClassCount>): RolloverClassCount => ({
  schoolId: 1,
  schoolName: '中央小学校',
  gradeCode: 'P2',
  className: '1組',
  isSpecialNeeds: false,
  pupils: 10,
  advancing: 0,
  ...overrides,
});

describe('groupPlanBySchool', () => {
  it('groups classes by school and grade with totals', () => {
    const result = groupPlanBySchool([
      row({}),
      row({ className: '2組', pupils: 9 }),
      row({ gradeCode: 'P3', pupils: 12 }),
      row({ schoolId: 3, schoolName: '第一中学校', gradeCode: 'J1', pupils: 30, advancing: 30 }),
    ]);
    expect(result).toEqual([
      {
        schoolId: 1,
        schoolName: '中央小学校',
        pupils: 31,
        grades: [
          {
            label: '小2',
            pupils: 19,
            classes: [
              { name: '1組', pupils: 10, advancing: 0 },
              { name: '2組', pupils: 9, advancing: 0 },
            ],
          },
          { label: '小3', pupils: 12, classes: [{ name: '1組', pupils: 12, advancing: 0 }] },
        ],
      },
      {
        schoolId: 3,
        schoolName: '第一中学校',
        pupils: 30,
        grades: [{ label: '中1', pupils: 30, classes: [{ name: '1組', pupils: 30, advancing: 30 }] }],
      },
    ]);
  });
});

describe('defaultTargetYear', () => {
  it.each([
    ['2026-03-31', 2026],
    ['2026-04-01', 2027],
    ['2026-11-20', 2027],
    ['2027-01-10', 2027],
  ])('%s → %i', (today, fy) => {
    expect(defaultTargetYear(today)).toBe(fy);
  });
});

describe('custom assignment helpers', () => {
  const placement = (
    studentId: number,
    className: string,
    attendanceNo: number,
    gradeCode: 'P4' | 'J1' = 'P4',
  ) => ({
    studentId,
    name: `児童${String(studentId)}`,
    kana: 'ジドウ',
    kind: 'promote' as const,
    fromLabel: '中央小学校 小3 1組 1番',
    fromSchoolId: 1,
    schoolId: gradeCode === 'P4' ? 1 : 3,
    schoolName: gradeCode === 'P4' ? '中央小学校' : '第一中学校',
    gradeCode,
    className,
    isSpecialNeeds: false,
    attendanceNo,
  });

  it('starts from the plan and changes one pupil only', () => {
    const start = assignmentsFromPlacements([placement(1, '1組', 1), placement(2, '1組', 2)]);
    expect(withAssignment(start, { studentId: 2, className: '2組', attendanceNo: 9 })).toEqual([
      { studentId: 1, className: '1組', attendanceNo: 1 },
      { studentId: 2, className: '2組', attendanceNo: 9 },
    ]);
  });

  it.each([
    ['2', '2組'],
    ['２', '2組'],
    [' 3組 ', '3組'],
    ['ひまわり学級', 'ひまわり学級'],
  ])('normalises the class name %s → %s', (input, expected) => {
    expect(normaliseClassName(input)).toBe(expected);
  });

  it('turns the 進学先 choices into the request and groups placements by school and grade', () => {
    expect(mappingRequest({ 4: 9, 5: 10 })).toEqual([
      { elementarySchoolId: 4, juniorHighSchoolId: 9 },
      { elementarySchoolId: 5, juniorHighSchoolId: 10 },
    ]);
    expect(overridesRequest({ 120: 9 })).toEqual([{ studentId: 120, juniorHighSchoolId: 9 }]);
    expect(overridesRequest({})).toEqual([]);
    expect(
      placementGroups([placement(1, '1組', 1), placement(2, '2組', 1), placement(3, '1組', 1, 'J1')]),
    ).toEqual([
      { value: '1|P4', schoolName: '中央小学校', grade: '小4', pupils: 2 },
      { value: '3|J1', schoolName: '第一中学校', grade: '中1', pupils: 1 },
    ]);
  });
});

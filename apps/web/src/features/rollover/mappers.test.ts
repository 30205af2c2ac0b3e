import { describe, expect, it } from 'vitest';
import type { RolloverClassCount } from '@edukarte/shared';
import { defaultTargetYear, groupPlanBySchool } from './mappers.ts';

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

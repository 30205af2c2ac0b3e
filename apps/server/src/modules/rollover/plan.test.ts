import { describe, expect, it } from 'vitest';
import {
  distributeByKana,
  majorityDestinations,
  planRollover,
  shiftTerms,
  type RolloverPupil,
} from './plan.ts';

let nextId = 1;
const pupil = (overrides: Partial<RolloverPupil>): RolloverPupil => {
  const id = nextId++;
  return {
    studentId: id,
    enrollmentId: 100 + id,
    schoolId: 1,
    gradeCode: 'P3',
    className: '1組',
    isSpecialNeeds: false,
    familyNameKana: 'サトウ',
    givenNameKana: 'ハナ',
    ...overrides,
  };
};

describe('planRollover', () => {
  const facts = (pupils: RolloverPupil[], more: Partial<Parameters<typeof planRollover>[0]> = {}) => ({
    pupils,
    alreadyEnrolled: new Set<number>(),
    classCounts: new Map<string, number>(),
    juniorHighFor: new Map<number, number | null>([[1, 9]]),
    assignment: 'keep' as const,
    ...more,
  });

  it.each([
    ['the school’s 中学校 without an override', undefined, 9],
    ['the override’s 中学校', new Map([[-1, 8]]), 8],
  ])('sends a 小6 pupil to %s', (_label, override, expected) => {
    const sixth = pupil({ gradeCode: 'P6' });
    const overrides = override && new Map([[sixth.studentId, [...override.values()][0]!]]);
    const [move] = planRollover(facts([sixth], { juniorHighOverrides: overrides }));
    expect(move).toMatchObject({ kind: 'advance', to: { schoolId: expected, gradeCode: 'J1' } });
  });

  it('places pupils as keep does under custom (the service applies the assignments)', () => {
    const a = pupil({ className: '2組' });
    expect(planRollover(facts([a], { assignment: 'custom' }))[0]?.to?.className).toBe('2組');
  });

  it('promotes one grade keeping the class letter, numbering 五十音順 男女混合', () => {
    const b = pupil({ familyNameKana: 'タナカ', className: '2組' });
    const a = pupil({ familyNameKana: 'イトウ', className: '2組' });
    const c = pupil({ familyNameKana: 'アオキ', className: '1組' });
    const moves = planRollover(facts([b, a, c]));
    expect(moves.find((m) => m.studentId === a.studentId)?.to).toEqual({
      schoolId: 1,
      gradeCode: 'P4',
      className: '2組',
      isSpecialNeeds: false,
      attendanceNo: 1,
    });
    expect(moves.find((m) => m.studentId === b.studentId)?.to?.attendanceNo).toBe(2);
    expect(moves.find((m) => m.studentId === c.studentId)?.to).toMatchObject({
      className: '1組',
      attendanceNo: 1,
    });
  });

  it('sends 小6 to the mapped 中学校 as J1, graduates 中3, and reports 小6 without a destination', () => {
    const six = pupil({ gradeCode: 'P6' });
    const lost = pupil({ gradeCode: 'P6', schoolId: 2 });
    const nine = pupil({ gradeCode: 'J3', schoolId: 9 });
    const moves = planRollover(facts([six, lost, nine]));
    expect(moves.map((m) => m.kind)).toEqual(['advance', 'no_destination', 'graduate']);
    expect(moves[0]?.to).toEqual({
      schoolId: 9,
      gradeCode: 'J1',
      className: '1組',
      isSpecialNeeds: false,
      attendanceNo: 1,
    });
  });

  it('skips pupils already enrolled in the new year', () => {
    const p = pupil({});
    expect(planRollover(facts([p], { alreadyEnrolled: new Set([p.studentId]) }))[0]).toMatchObject({
      kind: 'already',
      to: null,
    });
  });

  it('distributes evenly by 五十音 into last year’s number of classes', () => {
    const pupils = ['ア', 'イ', 'ウ', 'エ', 'オ'].map((k) => pupil({ familyNameKana: k, gradeCode: 'P1' }));
    const moves = planRollover(facts(pupils, { assignment: 'gojuon', classCounts: new Map([['1|P1', 2]]) }));
    expect(moves.map((m) => `${m.to?.className}:${m.to?.attendanceNo}`)).toEqual([
      '1組:1',
      '2組:1',
      '1組:2',
      '2組:2',
      '1組:3',
    ]);
  });

  it('keeps special-needs pupils in their class name at the next grade', () => {
    const p = pupil({ isSpecialNeeds: true, className: 'ひまわり' });
    expect(planRollover(facts([p], { assignment: 'gojuon' }))[0]?.to).toMatchObject({
      className: 'ひまわり',
      isSpecialNeeds: true,
      gradeCode: 'P4',
    });
  });
});

describe('distributeByKana', () => {
  it.each([
    [0, 3, 0],
    [1, 3, 1],
    [7, 3, 3],
    [7, 0, 1],
  ])('%i pupils into %i classes uses %i classes', (n, count, used) => {
    const pupils = Array.from({ length: n }, () => pupil({}));
    expect(new Set(distributeByKana(pupils, count).values()).size).toBe(used);
  });
});

describe('majorityDestinations', () => {
  it('picks the 中学校 most graduates went to, the lower id on a tie', () => {
    const result = majorityDestinations([
      { elementarySchoolId: 1, juniorHighSchoolId: 8, pupils: 3 },
      { elementarySchoolId: 1, juniorHighSchoolId: 9, pupils: 10 },
      { elementarySchoolId: 2, juniorHighSchoolId: 9, pupils: 4 },
      { elementarySchoolId: 2, juniorHighSchoolId: 8, pupils: 4 },
    ]);
    expect([...result]).toEqual([
      [1, 9],
      [2, 8],
    ]);
  });
});

describe('shiftTerms', () => {
  it('moves the board’s terms one year on, 2/29 to 2/28', () => {
    expect(
      shiftTerms([{ seq: 1, name: '前期', startDate: '2027-04-01', endDate: '2028-02-29' }], 2028),
    ).toEqual([{ seq: 1, name: '前期', startDate: '2028-04-01', endDate: '2029-02-28' }]);
  });
  it('uses three terms when the previous year had none', () => {
    expect(shiftTerms([], 2027).map((t) => t.name)).toEqual(['1学期', '2学期', '3学期']);
  });
});

import { describe, expect, it } from 'vitest';
import {
  buildSchoolCode,
  findSchoolCodeProblem,
  isValidSchoolCode,
  schoolCodeCheckDigit,
} from './school-code.ts';

describe('学校コード check digit', () => {
  it.each([
    ['B101210000018', true], // published example (小学校)
    ['C101210000016', true], // published example (中学校)
    ['F112310102342', true], // published example (大学)
    ['B101210000016', false], // easy to invent, fails the check digit
    ['B10121000001', false], // 12 characters
    ['b101210000018', false], // lower-case letter
    ['B101210000018 ', false],
  ])('%s → %s', (code, valid) => {
    expect(isValidSchoolCode(code)).toBe(valid);
  });

  it.each([
    ['B101210000016', 'check_digit'],
    ['Z101210000016', 'shape'],
    ['E201210000010', 'unknown_school_kind'],
    ['B148210000010', 'prefecture_out_of_range'],
    ['B100210000010', 'prefecture_out_of_range'],
    ['B101201000000', 'shape'], // 学校番号 must not start with 0
  ] as const)('%s is rejected as %s', (code, problem) => {
    expect(findSchoolCodeProblem(code)).toBe(problem);
  });

  it('computes the check digit the published way', () => {
    expect(schoolCodeCheckDigit('B10121000001')).toBe(8);
    expect(schoolCodeCheckDigit('C10121000001')).toBe(6);
  });

  it('builds valid codes from parts and refuses impossible parts', () => {
    expect(buildSchoolCode('B1', 1, 2, 1_000_001)).toBe('B101210000018');
    expect(() => buildSchoolCode('B1', 48, 2, 1_000_001)).toThrow(/prefecture_out_of_range/);
  });
});

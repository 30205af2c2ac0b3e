import {
  ATTENDANCE_CATEGORIES,
  KOUMU_FIELDS,
  KOUMU_IMPORT_KINDS,
  NOTE_KINDS,
  NURSE_OUTCOMES,
  NURSE_REASON_GROUPS,
  ROLES,
  SUBJECT_CODES,
} from '@edukarte/shared';
import { describe, expect, it } from 'vitest';
import { resources, roleLabel, subjectLabel } from './resources.ts';

/** Flattens nested resources to dotted keys, folding i18next plural suffixes (_one/_other). */
function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null)
    return [prefix.replace(/_(zero|one|two|few|many|other)$/, '')];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

describe('translations', () => {
  it('have the same keys in Japanese and English', () => {
    const ja = new Set(keysOf(resources.ja.translation));
    const en = new Set(keysOf(resources.en.translation));
    expect([...en].filter((k) => !ja.has(k))).toEqual([]);
    expect([...ja].filter((k) => !en.has(k))).toEqual([]);
  });

  it('have no empty strings', () => {
    const values = (v: unknown): string[] =>
      typeof v === 'string'
        ? [v]
        : typeof v === 'object' && v !== null
          ? Object.values(v).flatMap(values)
          : [];
    expect(values(resources.ja.translation).filter((s) => s.trim() === '')).toEqual([]);
    expect(values(resources.en.translation).filter((s) => s.trim() === '')).toEqual([]);
  });

  it('use the exact 指導要録 labels in Japanese', () => {
    expect(resources.ja.translation.karte.attendance).toMatchObject({
      instructionDays: '授業日数',
      excusedDays: '出席停止・忌引等の日数',
      requiredDays: '出席しなければならない日数',
      absentDays: '欠席日数',
      attendedDays: '出席日数',
    });
  });
});

describe('import labels', () => {
  const en = resources.en.translation;
  const ja = resources.ja.translation;
  it('label every coded value a 校務 preview shows, in both languages', () => {
    for (const [codes, key] of [
      [ATTENDANCE_CATEGORIES, 'attendanceCategory'],
      [NURSE_REASON_GROUPS, 'nurseReasonGroup'],
      [NURSE_OUTCOMES, 'nurseOutcome'],
      [NOTE_KINDS, 'noteKind'],
      [KOUMU_IMPORT_KINDS, 'koumuKind'],
    ] as const)
      for (const code of codes) {
        expect((ja[key] as Record<string, string>)[code], `${key}.${code}`).toBeTruthy();
        expect((en[key] as Record<string, string>)[code], `${key}.${code}`).toBeTruthy();
      }
  });

  it('name every field of every 校務 kind, the Japanese name being the template header', () => {
    for (const kind of KOUMU_IMPORT_KINDS)
      for (const field of KOUMU_FIELDS[kind]) {
        expect((ja.koumuField[kind] as Record<string, string>)[field.key]).toBe(field.labelJa);
        expect(
          (en.koumuField[kind] as Record<string, string>)[field.key],
          `${kind}.${field.key}`,
        ).toBeTruthy();
      }
  });
});

describe('domain labels', () => {
  it.each(SUBJECT_CODES.map((code) => [code]))('subject %s has a label in both languages', (code) => {
    expect(subjectLabel(code, 'ja')).not.toBe('');
    expect(subjectLabel(code, 'en')).not.toBe('');
  });

  it('takes Japanese labels from the shared domain module', () => {
    expect(subjectLabel('MATH', 'ja')).toBe('算数・数学');
    expect(roleLabel('board', 'ja')).toBe('教育委員会');
    expect(roleLabel('board', 'en')).toBe('Board of education');
    expect(ROLES.every((r) => roleLabel(r, 'en').length > 0)).toBe(true);
  });
});

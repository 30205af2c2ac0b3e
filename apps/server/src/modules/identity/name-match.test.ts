import { describe, expect, it } from 'vitest';
import { looksLikeSamePerson, normaliseKana, normaliseName, type NameRecord } from './name-match.ts';

describe('normaliseKana', () => {
  it.each([
    ['サトウ', 'サトウ'],
    ['ｻﾄｳ', 'サトウ'],
    ['さとう', 'サトウ'],
    ['サ トウ', 'サトウ'],
    ['サ　トウ', 'サトウ'],
    [' サトウ ', 'サトウ'],
    ['ｳﾞｨｵﾗ', 'ヴィオラ'],
    ['ゔぃおら', 'ヴィオラ'],
    ['ヴィオラ', 'ヴィオラ'],
    ['ユーマ', 'ユーマ'],
    ['ﾕｰﾏ', 'ユーマ'],
    ['ユ-マ', 'ユーマ'],
    ['ユ－マ', 'ユーマ'],
    ['ユ―マ', 'ユーマ'],
    ['ｱ', 'ア'],
    ['ア', 'ア'],
    ['ガ', 'ガ'],
    ['ｶﾞ', 'ガ'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseKana(input)).toBe(expected);
  });

  it('keeps ユマ and ユーマ apart (長音 is part of the reading)', () => {
    expect(normaliseKana('ユマ')).not.toBe(normaliseKana('ユーマ'));
  });
});

describe('normaliseName', () => {
  it.each([
    ['佐藤', '佐藤'],
    ['佐 藤', '佐藤'],
    ['佐藤　', '佐藤'],
    ['髙橋', '髙橋'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseName(input)).toBe(expected);
  });
});

describe('looksLikeSamePerson', () => {
  const base: NameRecord = {
    familyName: '佐藤',
    givenName: '陽翔',
    familyNameKana: 'サトウ',
    givenNameKana: 'ハルト',
    birthDate: '2015-05-01',
  };
  it.each<[string, Partial<NameRecord>, Partial<NameRecord>, boolean]>([
    ['identical', {}, {}, true],
    ['half-width kana, same birth date', {}, { familyNameKana: 'ｻﾄｳ', givenNameKana: 'ﾊﾙﾄ' }, true],
    ['hiragana with a space', {}, { familyNameKana: 'さ とう' }, true],
    ['different kanji but same kana and birth date', {}, { givenName: '大翔' }, true],
    ['different birth date', {}, { birthDate: '2015-05-02' }, false],
    ['different reading', {}, { givenNameKana: 'ヒロト' }, false],
    ['no birth date, same kanji and kana', { birthDate: null }, {}, true],
    ['no birth date on one side, same kanji and kana', {}, { birthDate: null }, true],
    ['no birth date, different kanji', { birthDate: null }, { givenName: '大翔' }, false],
    ['no birth date, kanji with a space', { birthDate: null }, { familyName: '佐 藤' }, true],
  ])('%s → %s', (_label, a, b, expected) => {
    expect(looksLikeSamePerson({ ...base, ...a }, { ...base, ...b })).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { suggestMapping } from '../src/modules/koumu-import/mapping.ts';
import { decodeText, splitUnquoted } from '../src/modules/koumu-import/decode.ts';
import {
  parseAttendanceCategory,
  parseClassName,
  parseDate,
  parseDateTime,
  parseGrade,
  parseList,
  parseSubject,
} from '../src/modules/koumu-import/values.ts';
import iconv from 'iconv-lite';

describe('koumu value parsers', () => {
  it.each([
    ['出席', 'PRESENT'],
    ['欠席（病気）', 'ABSENT_SICK'],
    ['欠席(病気)', 'ABSENT_SICK'],
    ['病', 'ABSENT_SICK'],
    ['事', 'ABSENT_OTHER'],
    ['欠席', 'ABSENT_OTHER'],
    ['遅刻', 'LATE'],
    ['チ', 'LATE'],
    ['早退', 'EARLY_LEAVE'],
    ['出席停止', 'SUSPENDED'],
    ['忌引', 'MOURNING'],
    ['absent_sick', 'ABSENT_SICK'],
    ['ずる休み', null],
    ['', null],
  ])('区分 %s → %s', (text, expected) => expect(parseAttendanceCategory(text)).toBe(expected));

  it.each([
    ['2026-11-20', '2026-11-20'],
    ['2026/1/5', '2026-01-05'],
    ['2026年4月1日', '2026-04-01'],
    ['２０２６－１１－２０', '2026-11-20'],
    ['2026-02-29', null],
    ['2028-02-29', '2028-02-29'],
    ['20261120', null],
  ])('日付 %s → %s', (text, expected) => expect(parseDate(text)).toBe(expected));

  it.each([
    ['2026-11-20 10:15', '2026-11-20T10:15:00+09:00'],
    ['2026/11/20 9:05', '2026-11-20T09:05:00+09:00'],
    ['2026-11-20 24:00', null],
    ['2026-11-20', null],
  ])('日時 %s → %s', (text, expected) => expect(parseDateTime(text)).toBe(expected));

  it.each([
    ['6', 'elementary', 'P6'],
    ['6年', 'elementary', 'P6'],
    ['7', 'elementary', null],
    ['1', 'junior_high', 'J1'],
    ['中2', 'compulsory', 'J2'],
    ['8', 'compulsory', 'J2'],
    ['P3', 'junior_high', 'P3'],
  ] as const)('学年 %s in %s → %s', (text, kind, expected) => expect(parseGrade(text, kind)).toBe(expected));

  it('reads 組, lists and 教科', () => {
    expect(parseClassName('1')).toBe('1組');
    expect(parseClassName('１組')).toBe('1組');
    expect(parseClassName('ひまわり学級')).toBe('ひまわり学級');
    expect(parseList('発熱、せき,鼻水')).toEqual(['発熱', 'せき', '鼻水']);
    expect(parseList('')).toEqual([]);
    expect(parseSubject('算数')).toBe('MATH');
    expect(parseSubject('数学')).toBe('MATH');
    expect(parseSubject('外国語（英語）')).toBe('ENG');
    expect(parseSubject('書道')).toBeNull();
  });
});

describe('column mapping suggestions', () => {
  it('maps Japanese and English headers, the template label first', () => {
    expect(suggestMapping('attendance', ['児童生徒番号', 'Date', '出欠区分', '欠席理由'])).toEqual({
      studentNumber: '児童生徒番号',
      date: 'Date',
      category: '出欠区分',
      reason: '欠席理由',
    });
  });
  it('prefers a saved mapping whose header is still in the file', () => {
    expect(
      suggestMapping('attendance', ['番号', '日', '区分'], {
        studentNumber: '番号',
        date: '日',
        note: 'gone',
      }),
    ).toEqual({
      studentNumber: '番号',
      date: '日',
      category: '区分',
    });
  });
});

describe('encoding detection', () => {
  const text = '校務番号,区分\r\n1,欠席（病気）\r\n';
  it.each([
    ['UTF-8', Buffer.from(text, 'utf8'), 'utf-8'],
    ['UTF-8 with BOM', Buffer.from(`\uFEFF${text}`, 'utf8'), 'utf-8'],
    ['Shift_JIS', iconv.encode(text, 'cp932'), 'shift_jis'],
  ])('%s decodes to the same text', (_name, bytes, encoding) => {
    expect(decodeText(bytes)).toEqual({ text, encoding });
  });
  it('an explicit encoding wins', () => {
    expect(decodeText(iconv.encode('ﾃｽﾄ', 'cp932'), 'shift_jis').text).toBe('ﾃｽﾄ');
  });
});

describe('CSV splitting', () => {
  it.each([
    [
      'a,b\r\n1, 2\r\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    ['a,b\n1\n\n3,4,5', [['a', 'b'], ['1'], [''], ['3', '4', '5']]],
  ])('splits a quote-free CSV like csv-parse (%j)', (text, rows) => {
    expect(splitUnquoted(text)).toEqual(rows);
  });
});

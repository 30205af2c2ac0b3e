import { describe, expect, it } from 'vitest';
import { copyBytes, copyField, copyText, SentJsonObject, textArrayLiteral } from './copy-text.ts';

describe('copyField', () => {
  it.each([
    { value: null, expected: '\\N' },
    { value: undefined, expected: '\\N' },
    { value: 'まなびドリル', expected: 'まなびドリル' },
    { value: 'tab\there', expected: 'tab\\there' },
    { value: 'line\nbreak\r', expected: 'line\\nbreak\\r' },
    { value: 'back\\slash', expected: 'back\\\\slash' },
    { value: 42, expected: '42' },
    { value: -1.5, expected: '-1.5' },
    { value: true, expected: 't' },
    { value: false, expected: 'f' },
    { value: ['a', 'b c'], expected: '{"a","b c"}' },
    { value: [], expected: '{}' },
    { value: ['quote"d', 'back\\'], expected: '{"quote\\\\"d","back\\\\\\\\"}' },
    // JSON text keeps its own escapes, and COPY's backslash escaping goes on top
    { value: { name: { 'ja-JP': '「問1」\n' } }, expected: '{"name":{"ja-JP":"「問1」\\\\n"}}' },
  ])('$value → $expected', ({ value, expected }) => {
    expect(copyField(value)).toBe(expected);
  });

  it('refuses numbers COPY cannot read back', () => {
    expect(() => copyField(Number.NaN)).toThrow(/NaN/);
  });
});

describe('textArrayLiteral', () => {
  it('quotes every element so commas, braces and NULL stay text', () => {
    expect(textArrayLiteral(['a,b', '{x}', 'NULL'])).toBe('{"a,b","{x}","NULL"}');
  });
});

describe('copyText', () => {
  it('writes one tab-separated line per row', () => {
    expect(
      copyText([
        [1, 'a', null],
        [2, 'b\tc', true],
      ]),
    ).toBe('1\ta\t\\N\n2\tb\\tc\tt\n');
  });
  it('is empty for no rows', () => {
    expect(copyText([])).toBe('');
  });
});

describe('copyBytes', () => {
  const sent = (json: string, own = '') =>
    new SentJsonObject(Buffer.from(json), own, ',"stored":"2026-11-20T01:00:00.000Z"');
  const rows = [
    [1, 'まなび\tドリル', null, ['a', 'b"c'], sent('{"name":{"ja-JP":"問1"}}')],
    [4, 'z', null, ['d'], sent('{"name":"x"}', ',"id":"8d1c2a36-5c2e-4b8a-9d35-0b8f2a6f4e11"')],
    // indented with tabs and newlines, escapes in strings: COPY escaping needed
    [2, 'x', true, [], sent('{\n\t"name": "改行\\nと\\\\"\r\n}')],
    [3, 'y', false, [], { a: 'バック\\スラッシュ' }],
  ];

  it('writes the same bytes as copyText, sent JSON included', () => {
    expect(copyBytes(rows).toString('utf8')).toBe(copyText(rows));
  });

  it('writes sent JSON with its own and its shared properties appended inside the object', () => {
    expect(copyBytes([[sent('{"a":1}')], [sent('{"b":2}', ',"id":"x"')]]).toString('utf8')).toBe(
      '{"a":1,"stored":"2026-11-20T01:00:00.000Z"}\n{"b":2,"id":"x","stored":"2026-11-20T01:00:00.000Z"}\n',
    );
  });

  it('is empty for no rows', () => {
    expect(copyBytes([]).length).toBe(0);
  });
});

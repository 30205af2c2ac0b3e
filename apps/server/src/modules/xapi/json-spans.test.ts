import { describe, expect, it } from 'vitest';
import { statementSpans } from './json-spans.ts';

/** Each span's bytes, parsed: what the scan found must be exactly the values JSON.parse sees. */
function valuesOf(text: string): unknown[] {
  const bytes = Buffer.from(text, 'utf8');
  return statementSpans(bytes).map(
    (s) => JSON.parse(bytes.subarray(s.start, s.end).toString('utf8')) as unknown,
  );
}

describe('statementSpans', () => {
  it.each([
    { name: 'a batch', text: '[{"a":1},{"b":2}]' },
    { name: 'one statement', text: '{"a":{"b":[1,2,{"c":"}"}]}}' },
    { name: 'whitespace and newlines everywhere', text: ' \n[ \t{ "a" : 1 } ,\r\n { "b" : [ ] } ]\n' },
    {
      name: 'brackets, braces and quotes inside strings',
      text: '[{"s":"]}{[,\\""},{"t":"\\\\"},{"u":"\\\\\\"]"}]',
    },
    {
      name: 'Japanese and escapes',
      text: '[{"name":{"ja-JP":"小数のかけ算「問7」\\n"}},{"x":"\\u3042\\/"}]',
    },
    { name: 'numbers and literals as elements', text: '[1.5e3, -0, true, false, null, "s", [], {}]' },
    { name: 'an empty batch', text: '[]' },
    { name: 'an empty batch with spaces', text: '[ \n ]' },
  ])('$name', ({ text }) => {
    const parsed = JSON.parse(text) as unknown;
    expect(valuesOf(text)).toEqual(Array.isArray(parsed) ? parsed : [parsed]);
  });

  it('gives byte offsets, not character offsets, after multi-byte characters', () => {
    const text = '[{"n":"あいう"},{"n":"x"}]';
    const bytes = Buffer.from(text);
    const [first, second] = statementSpans(bytes);
    expect(first).toEqual({ start: 1, end: 1 + Buffer.byteLength('{"n":"あいう"}') });
    expect(bytes.subarray(second!.start, second!.end).toString()).toBe('{"n":"x"}');
  });
});

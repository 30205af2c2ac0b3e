import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from './parse-csv.ts';

describe('parseCsv', () => {
  it.each([
    ['a,b\r\n1,2\r\n', [['1', '2']], [2]],
    ['\uFEFFa,b\n1,2\n', [['1', '2']], [2]],
    ['a,b\n1,2', [['1', '2']], [2]],
    ['a,b\n\n1,2\n', [['1', '2']], [3]],
    ['a,b\n"x,y","say ""hi"""\n', [['x,y', 'say "hi"']], [2]],
    [
      'a,b\n"two\nlines",2\n3,4\n',
      [
        ['two\nlines', '2'],
        ['3', '4'],
      ],
      [2, 4],
    ],
    ['a,b\n,\n', [['', '']], [2]],
    ['a,b\n 1 , 2 \n', [['1', '2']], [2]],
  ])('%j', (text, values, lines) => {
    const table = parseCsv(text);
    expect(table.header).toEqual(['a', 'b']);
    expect(table.rows.map((r) => r.values)).toEqual(values);
    expect(table.rows.map((r) => r.line)).toEqual(lines);
  });

  it('names the line of an unclosed quote', () => {
    expect(() => parseCsv('a\n1\n"open\n')).toThrow(CsvSyntaxError);
  });
});

import { describe, expect, it } from 'vitest';
import { buildMultipart, headerParam, mediaType, MultipartError, parseMultipart } from './multipart.ts';

const CRLF = '\r\n';

describe('parseMultipart', () => {
  it('reads the example of the xAPI specification (boundary with special characters)', () => {
    const boundary = "abcABC0123'()+_,-./:=?";
    const body = Buffer.from(
      [
        `--${boundary}`,
        'Content-Type:application/json',
        '',
        '{"actor":{"mbox":"mailto:sample.agent@example.com"}}',
        `--${boundary}`,
        'Content-Type:text/plain',
        'Content-Transfer-Encoding:binary',
        'X-Experience-API-Hash:495395e777cd98da653df9615d09c0fd6bb2f8d4788394cd53c56a3bfdcd848a',
        '',
        'here is a simple attachment',
        `--${boundary}--`,
      ].join(CRLF),
    );
    const parts = parseMultipart(body, boundary);
    expect(parts).toHaveLength(2);
    expect(parts[0]!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(parts[0]!.body.toString())).toMatchObject({
      actor: { mbox: 'mailto:sample.agent@example.com' },
    });
    expect(parts[1]!.headers['x-experience-api-hash']).toMatch(/^495395/);
    expect(parts[1]!.body.toString()).toBe('here is a simple attachment');
  });

  it('keeps binary octets, CRLFs inside a part and a preamble out of the parts', () => {
    const octets = Buffer.from([0, 255, 13, 10, 45, 45, 13, 10, 1]);
    const body = Buffer.concat([
      Buffer.from(`preamble${CRLF}--b${CRLF}Content-Type: application/octet-stream${CRLF}${CRLF}`),
      octets,
      Buffer.from(`${CRLF}--b${CRLF}${CRLF}no headers${CRLF}--b--${CRLF}epilogue`),
    ]);
    const parts = parseMultipart(body, 'b');
    expect(parts[0]!.body.equals(octets)).toBe(true);
    expect(parts[1]).toEqual({ headers: {}, body: Buffer.from('no headers') });
  });

  it.each([
    ['no boundary in the body', 'just text', 'b'],
    ['no closing boundary', `--b${CRLF}Content-Type: a/b${CRLF}${CRLF}x`, 'b'],
    ['a part without the blank line', `--b${CRLF}Content-Type: a/b${CRLF}--b--`, 'b'],
    ['an empty boundary', '--', ''],
  ])('refuses %s', (_name, body, boundary) => {
    expect(() => parseMultipart(Buffer.from(body), boundary)).toThrow(MultipartError);
  });

  it('reads back what buildMultipart writes', () => {
    const built = buildMultipart([
      { headers: { 'Content-Type': 'application/json' }, body: Buffer.from('[]') },
      { headers: { 'X-Experience-API-Hash': 'ab' }, body: Buffer.from('データ') },
    ]);
    expect(mediaType(built.contentType)).toBe('multipart/mixed');
    const parts = parseMultipart(built.body, headerParam(built.contentType, 'boundary')!);
    expect(parts.map((p) => p.body.toString())).toEqual(['[]', 'データ']);
  });
});

describe('headerParam', () => {
  it.each([
    ['multipart/mixed; boundary=abc', 'abc'],
    ['multipart/mixed; boundary="abcABC0123\'()+_,-./:=?"', "abcABC0123'()+_,-./:=?"],
    ['multipart/mixed;charset=utf-8; BOUNDARY="x y"', 'x y'],
    ['multipart/mixed', undefined],
  ])('%s → %s', (header, expected) => expect(headerParam(header, 'boundary')).toBe(expected));
});

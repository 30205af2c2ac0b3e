/**
 * Where each statement of a request body lies in its bytes, so the LRS can store a statement from
 * the JSON the client sent instead of serialising the parsed object again (statements.service.ts).
 * Pure. Only for JSON that JSON.parse has already accepted: the scan follows strings and nesting,
 * and does not validate. UTF-8 multi-byte sequences never contain ASCII bytes, so scanning bytes
 * for `"`, `\`, brackets and braces is exact.
 */

/** Byte range [start, end) of one JSON value. */
export interface Span {
  start: number;
  end: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;

const isSpace = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

/** The index just past the JSON value that starts at `i` (a string, an object, an array or a literal). */
function valueEnd(bytes: Uint8Array, i: number): number {
  const first = bytes[i];
  if (first === QUOTE) return stringEnd(bytes, i);
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    // a number, true, false or null: up to the next delimiter
    let j = i;
    while (j < bytes.length) {
      const b = bytes[j]!;
      if (b === COMMA || b === CLOSE_BRACKET || b === CLOSE_BRACE || isSpace(b)) break;
      j++;
    }
    return j;
  }
  let depth = 0;
  for (let j = i; j < bytes.length; j++) {
    const b = bytes[j];
    if (b === QUOTE) j = stringEnd(bytes, j) - 1;
    else if (b === OPEN_BRACE || b === OPEN_BRACKET) depth++;
    else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  throw new Error('unterminated JSON value');
}

/**
 * The index just past the string whose opening quote is at `i`: jumps from quote to quote
 * (indexOf is a native search), and a quote after an odd run of backslashes is escaped.
 */
function stringEnd(bytes: Uint8Array, i: number): number {
  let from = i + 1;
  for (;;) {
    const quote = bytes.indexOf(QUOTE, from);
    if (quote === -1) throw new Error('unterminated JSON string');
    let backslashes = 0;
    while (bytes[quote - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

const skipSpace = (bytes: Uint8Array, i: number) => {
  while (i < bytes.length && isSpace(bytes[i]!)) i++;
  return i;
};

/** The spans of a body's statements: each element of a top-level array, or the one top-level value. */
export function statementSpans(bytes: Uint8Array): Span[] {
  let i = skipSpace(bytes, 0);
  if (bytes[i] !== OPEN_BRACKET) return [{ start: i, end: valueEnd(bytes, i) }];
  const spans: Span[] = [];
  i = skipSpace(bytes, i + 1);
  if (bytes[i] === CLOSE_BRACKET) return spans;
  for (;;) {
    const end = valueEnd(bytes, i);
    spans.push({ start: i, end });
    i = skipSpace(bytes, end);
    if (bytes[i] === CLOSE_BRACKET) return spans;
    if (bytes[i] !== COMMA) throw new Error(`expected , or ] at byte ${i}`);
    i = skipSpace(bytes, i + 1);
  }
}

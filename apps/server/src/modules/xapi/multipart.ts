/**
 * A small multipart/mixed (RFC 2046) reader and writer for xAPI statements with attachments
 * (Part Three 1.5.2): the first part holds the statements as JSON, each further part the raw
 * octets of one attachment with an `X-Experience-API-Hash` header. Pure, Buffer in and out.
 */
import { randomBytes } from 'node:crypto';

export interface MimePart {
  /** header names lower-cased */
  headers: Record<string, string>;
  body: Buffer;
}

export class MultipartError extends Error {
  override name = 'MultipartError';
}

/** The value of a parameter of a Content-Type header (`boundary`), unquoted. */
export function headerParam(contentType: string, name: string): string | undefined {
  const re = new RegExp(`;\\s*${name}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]+))`, 'i');
  const m = re.exec(contentType);
  if (!m) return undefined;
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2];
}

/** The media type without parameters, lower-cased (`multipart/mixed`). */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  // unfold continuation lines, then split
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new MultipartError(`part header without a colon: ${line.slice(0, 60)}`);
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/**
 * Splits a multipart body into its parts. Delimiters are `--boundary` at the start of the body or
 * after CRLF; the CRLF before a delimiter belongs to the delimiter; the body ends at `--boundary--`.
 */
export function parseMultipart(body: Buffer, boundary: string): MimePart[] {
  if (!boundary || boundary.length > 70)
    throw new MultipartError('the multipart boundary is missing or too long');
  const dash = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  let pos: number;
  if (body.subarray(0, dash.length).equals(dash)) pos = dash.length;
  else {
    const first = body.indexOf(delimiter);
    if (first < 0) throw new MultipartError('no multipart boundary found in the body');
    pos = first + delimiter.length;
  }
  const parts: MimePart[] = [];
  for (;;) {
    // after a delimiter: "--" closes, otherwise optional whitespace and CRLF
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return parts;
    while (body[pos] === 0x20 || body[pos] === 0x09) pos++;
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
    else if (body[pos] === 0x0a) pos += 1;
    else throw new MultipartError('malformed multipart delimiter line');
    const next = body.indexOf(delimiter, pos);
    if (next < 0) throw new MultipartError('the multipart body is not closed with the final boundary');
    const part = body.subarray(pos, next);
    // a part without headers starts with the blank line itself
    const noHeaders = part[0] === 0x0d && part[1] === 0x0a;
    const split = noHeaders ? 0 : part.indexOf('\r\n\r\n');
    const gap = noHeaders ? 2 : 4;
    if (split < 0) throw new MultipartError('a multipart part has no blank line after its headers');
    parts.push({
      headers: parseHeaders(part.subarray(0, split).toString('utf8')),
      body: part.subarray(split + gap),
    });
    pos = next + delimiter.length;
  }
}

/** Builds a multipart/mixed body; returns it with the Content-Type header to send. */
export function buildMultipart(parts: readonly MimePart[]): { contentType: string; body: Buffer } {
  const boundary = `edukarte-${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const head = Object.entries(part.headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    chunks.push(Buffer.from(`--${boundary}\r\n${head}\r\n`), part.body, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/mixed; boundary=${boundary}`, body: Buffer.concat(chunks) };
}

/**
 * Rows as PostgreSQL COPY text format (tab-separated, `\N` for NULL): what the LRS streams into
 * xapi_statements and the typed event tables. Pure. COPY parses this more cheaply than a JSON
 * parameter expanded with json_to_recordset, and it is how the ingest beats a multi-row INSERT.
 */

/**
 * A JSON object as a client sent it (its UTF-8 bytes, `{` to `}`) with properties appended (JSON
 * text such as `,"stored":"…"`): written to COPY from the bytes, without parsing and serialising
 * it again. The appended text comes in two parts: the object's own (`own`, often empty) and a part
 * shared by many objects (`shared`, the same string for a whole batch: copyBytes encodes it once).
 * copyBytes takes it as it is; copyText decodes it.
 */
export class SentJsonObject {
  constructor(
    readonly bytes: Buffer,
    readonly own: string,
    readonly shared: string,
  ) {}
}

/** A value COPY can take: JSON objects go in as their JSON text (json/jsonb columns). */
export type CopyValue =
  string | number | boolean | null | undefined | readonly string[] | SentJsonObject | Record<string, unknown>;

const SPECIAL = /[\\\t\n\r]/;

/** Escapes a field for the text format: backslash, tab, newline and carriage return. */
export function escapeCopyText(value: string): string {
  if (!SPECIAL.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/**
 * JSON text for COPY: JSON escapes every control character itself, so of COPY's special
 * characters only the backslash can occur in it and needs doubling.
 */
const escapeJsonText = (json: string): string => (json.includes('\\') ? json.replaceAll('\\', '\\\\') : json);

/** A text[] literal: every element double-quoted, with `"` and `\` escaped inside the quotes. */
export function textArrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

export function copyField(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string') return escapeCopyText(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`COPY cannot take the number ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (Array.isArray(value)) return escapeCopyText(textArrayLiteral(value as readonly string[]));
  if (value instanceof SentJsonObject)
    return `${escapeCopyText(value.bytes.subarray(0, -1).toString('utf8'))}${escapeJsonText(value.own + value.shared)}}`;
  return escapeJsonText(JSON.stringify(value));
}

/** The COPY text of rows (one line each, ending in a newline). A plain loop: 1,000 rows per batch. */
export function copyText(rows: readonly (readonly CopyValue[])[]): string {
  let out = '';
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < row.length; i++) line += i === 0 ? copyField(row[i]) : `\t${copyField(row[i])}`;
    out += `${line}\n`;
  }
  return out;
}

/** Sent JSON that COPY can take byte for byte: no backslash, and no tab, newline or return between its tokens. */
const isPlainForCopy = (bytes: Buffer) =>
  bytes.indexOf(0x5c) === -1 &&
  bytes.indexOf(0x09) === -1 &&
  bytes.indexOf(0x0a) === -1 &&
  bytes.indexOf(0x0d) === -1;

/**
 * The COPY data of rows as bytes: as copyText, except that sent JSON objects go in as the bytes
 * the client sent (when they need no escaping), so the large part of a statement row is neither
 * serialised nor encoded again.
 */
export function copyBytes(rows: readonly (readonly CopyValue[])[]): Buffer {
  // text and bytes in turn, then one buffer (a UTF-16 code unit is at most 3 UTF-8 bytes)
  const parts: (string | Buffer)[] = [];
  const sharedBytes = new Map<string, Buffer>();
  let bound = 0;
  let pending = '';
  const flush = (bytes: Buffer) => {
    parts.push(pending, bytes);
    bound += pending.length * 3 + bytes.length;
    pending = '';
  };
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      if (i > 0) pending += '\t';
      const value = row[i];
      if (value instanceof SentJsonObject && isPlainForCopy(value.bytes)) {
        flush(value.bytes.subarray(0, -1));
        pending = escapeJsonText(value.own);
        let shared = sharedBytes.get(value.shared);
        if (!shared) sharedBytes.set(value.shared, (shared = Buffer.from(escapeJsonText(value.shared))));
        flush(shared);
        pending = '}';
      } else pending += copyField(value);
    }
    pending += '\n';
  }
  parts.push(pending);
  bound += pending.length * 3;
  const out = Buffer.allocUnsafe(bound);
  let at = 0;
  for (const part of parts) at += typeof part === 'string' ? out.write(part, at) : part.copy(out, at);
  return out.subarray(0, at);
}

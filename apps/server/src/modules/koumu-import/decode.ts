import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { readSheet } from 'read-excel-file/node';

export type FileEncoding = 'utf-8' | 'shift_jis';

export interface DecodedTable {
  encoding: FileEncoding | 'xlsx';
  headers: string[];
  /** data rows, cells as trimmed strings (blank rows left out) */
  rows: string[][];
  /** the file's row number (header = 1) of each data row, for error reports */
  rowNumbers: number[];
}

/** A file that cannot be read at all (not a CSV/xlsx, no header). */
export class UnreadableFileError extends Error {}

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Decodes CSV bytes: valid UTF-8 (with or without BOM) is UTF-8, anything else is Shift_JIS (CP932),
 * the encoding 校務 systems export by default. An explicit encoding overrides the guess.
 */
export function decodeText(bytes: Buffer, encoding?: FileEncoding): { text: string; encoding: FileEncoding } {
  const chosen = encoding ?? (isValidUtf8(bytes) ? 'utf-8' : 'shift_jis');
  const text = chosen === 'utf-8' ? bytes.toString('utf8') : iconv.decode(bytes, 'cp932');
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding: chosen };
}

function isValidUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export function isXlsx(bytes: Buffer, fileName: string): boolean {
  return fileName.toLowerCase().endsWith('.xlsx') || bytes.subarray(0, 4).equals(XLSX_MAGIC);
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date)
    return value
      .toISOString()
      .slice(0, value.getUTCHours() || value.getUTCMinutes() ? 16 : 10)
      .replace('T', ' ');
  if (typeof value === 'string') return value.trim();
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

function splitHeader(records: string[][]): { headers: string[]; rows: string[][]; rowNumbers: number[] } {
  const headers = (records[0] ?? []).map((h) => h.trim());
  if (headers.length === 0 || headers.every((h) => h === ''))
    throw new UnreadableFileError('ファイルが空です（1行目に見出しが必要です）');
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  for (let i = 1; i < records.length; i++) {
    const record = records[i]!;
    if (!record.some((cell) => cell !== '')) continue;
    rows.push(record);
    rowNumbers.push(i + 1);
  }
  return { headers, rows, rowNumbers };
}

/** Reads a CSV (UTF-8 / Shift_JIS) or an .xlsx file into a header row and data rows. */
export async function decodeTable(
  bytes: Buffer,
  fileName: string,
  encoding?: FileEncoding,
): Promise<DecodedTable> {
  if (bytes.length === 0) throw new UnreadableFileError('ファイルが空です');
  if (isXlsx(bytes, fileName)) {
    let sheet: unknown[][];
    try {
      sheet = await readSheet(bytes);
    } catch {
      throw new UnreadableFileError('Excel ファイル（.xlsx）として読み取れませんでした');
    }
    return { encoding: 'xlsx', ...splitHeader(sheet.map((row) => row.map(cellText))) };
  }
  const decoded = decodeText(bytes, encoding);
  let records: string[][];
  try {
    records = decoded.text.includes('"')
      ? parse(decoded.text, { relax_column_count: true, skip_empty_lines: false, trim: true })
      : splitUnquoted(decoded.text);
  } catch (error) {
    throw new UnreadableFileError(
      `CSV として読み取れませんでした: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return { encoding: decoded.encoding, ...splitHeader(records) };
}

/** A CSV without any quote character is plain lines of commas: split it directly (much faster). */
export function splitUnquoted(text: string): string[][] {
  const lines = text.split(/\r\n|\n|\r/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => line.split(',').map((cell) => cell.trim()));
}

import { parse } from 'csv-parse/sync';

export interface CsvRow {
  /** CSV line number of the record (the header is line 1) */
  line: number;
  cells: Record<string, string>;
  /** number of cells the record had */
  width: number;
}

export interface CsvTable {
  header: string[];
  rows: CsvRow[];
}

/** Parses a CSV file (UTF-8, BOM allowed) into rows keyed by header name, keeping line numbers. */
export function parseCsv(text: string): CsvTable {
  const records = parse(text, {
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const [first, ...rest] = records;
  if (!first) return { header: [], rows: [] };
  const header = first.record.map((h) => h.trim());
  const rows = rest.map(({ record, info }) => {
    const cells: Record<string, string> = {};
    header.forEach((name, i) => {
      cells[name] = (record[i] ?? '').trim();
    });
    // info.lines is the line the record ended on; a record spanning lines starts earlier.
    const newlines = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    return { line: info.lines - newlines, cells, width: record.length };
  });
  return { header, rows };
}

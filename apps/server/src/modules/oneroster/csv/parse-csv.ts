export interface CsvRow {
  /** CSV line number where the record starts (the header is line 1) */
  line: number;
  values: string[];
}

export interface CsvTable {
  header: string[];
  /** column name → position */
  index: ReadonlyMap<string, number>;
  rows: CsvRow[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Parses RFC 4180 CSV (UTF-8, optional BOM, CRLF or LF, quoted fields with "" escapes and line
 * breaks) into rows of trimmed strings with the line each record starts on. Blank lines are
 * skipped. A single pass over the text with no per-record bookkeeping objects: a 100,000-row file
 * parses in well under a second, where csv-parse with line info spent most of its time in GC.
 */
export function parseCsv(input: string): CsvTable {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRow[] = [];
  const length = text.length;
  let line = 1;
  let i = 0;
  while (i < length) {
    const startLine = line;
    const values: string[] = [];
    let endOfRecord = false;
    while (!endOfRecord) {
      let value: string;
      if (text.charCodeAt(i) === 34 /* " */) {
        let j = i + 1;
        let parts = '';
        for (;;) {
          const q = text.indexOf('"', j);
          if (q === -1) throw new CsvSyntaxError(startLine, '閉じていない " があります');
          parts += text.slice(j, q);
          if (text.charCodeAt(q + 1) === 34) {
            parts += '"';
            j = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        for (let k = parts.indexOf('\n'); k !== -1; k = parts.indexOf('\n', k + 1)) line++;
        value = parts;
        const c = text.charCodeAt(i);
        if (i < length && c !== 44 && c !== 10 && c !== 13)
          throw new CsvSyntaxError(line, '" で囲んだ値の後に , または改行が必要です');
      } else {
        let j = i;
        while (j < length) {
          const c = text.charCodeAt(j);
          if (c === 44 || c === 10 || c === 13) break;
          j++;
        }
        value = text.slice(i, j);
        i = j;
      }
      values.push(value.trim());
      const c = text.charCodeAt(i);
      if (c === 44) {
        i++;
      } else {
        if (c === 13) i++;
        if (text.charCodeAt(i) === 10) i++;
        line++;
        endOfRecord = true;
      }
    }
    if (values.length === 1 && values[0] === '') continue;
    records.push({ line: startLine, values });
  }
  const [first, ...rows] = records;
  const header = first?.values ?? [];
  const index = new Map<string, number>();
  header.forEach((name, position) => {
    if (!index.has(name)) index.set(name, position);
  });
  return { header, index, rows };
}

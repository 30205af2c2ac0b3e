import { stringify } from 'csv-stringify/sync';
import writeXlsxFile from 'write-excel-file/node';
import { KOUMU_FIELDS, type KoumuImportKind } from '@edukarte/shared';

/** UTF-8 with BOM so Excel opens Japanese headers correctly. */
export const BOM = '\uFEFF';

/** A template: the Japanese headers of a kind and one example row. */
export function templateRows(kind: KoumuImportKind): string[][] {
  const fields = KOUMU_FIELDS[kind];
  return [fields.map((f) => f.labelJa), fields.map((f) => f.example)];
}

export function templateCsv(kind: KoumuImportKind): string {
  return BOM + stringify(templateRows(kind), { record_delimiter: '\r\n' });
}

export async function templateXlsx(kind: KoumuImportKind): Promise<Buffer> {
  const rows = templateRows(kind).map((row) => row.map((value) => ({ value, type: String })));
  return writeXlsxFile(rows).toBuffer();
}

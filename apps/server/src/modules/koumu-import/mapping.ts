import { KOUMU_FIELDS, type KoumuImportKind } from '@edukarte/shared';

/** field key → header in the file */
export type ColumnMapping = Record<string, string>;

const normalize = (header: string) =>
  header
    .normalize('NFKC')
    .replace(/[\s_\-・()（）]/g, '')
    .toLowerCase();

/**
 * Suggests which header feeds each field: a saved mapping first (where its header is still in the
 * file), then the template label, then known aliases (Japanese and English).
 */
export function suggestMapping(
  kind: KoumuImportKind,
  headers: readonly string[],
  saved: ColumnMapping | null = null,
): ColumnMapping {
  const byNormal = new Map(headers.map((h) => [normalize(h), h] as const));
  const used = new Set<string>();
  const mapping: ColumnMapping = {};
  const take = (key: string, header: string | undefined) => {
    if (header === undefined || used.has(header) || mapping[key] !== undefined) return;
    mapping[key] = header;
    used.add(header);
  };
  const fields = KOUMU_FIELDS[kind];
  if (saved)
    for (const field of fields)
      take(field.key, headers.includes(saved[field.key] ?? '') ? saved[field.key] : undefined);
  for (const field of fields) take(field.key, byNormal.get(normalize(field.labelJa)));
  for (const field of fields)
    for (const alias of [field.key, ...field.aliases]) take(field.key, byNormal.get(normalize(alias)));
  return mapping;
}

/** Keeps only known fields whose header exists in the file. */
export function cleanMapping(
  kind: KoumuImportKind,
  headers: readonly string[],
  mapping: ColumnMapping,
): ColumnMapping {
  const clean: ColumnMapping = {};
  for (const field of KOUMU_FIELDS[kind]) {
    const header = mapping[field.key];
    if (header !== undefined && headers.includes(header)) clean[field.key] = header;
  }
  return clean;
}

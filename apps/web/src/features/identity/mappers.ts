import type { IncomingRecord, PersonSummary } from '@edukarte/shared';

export interface ComparisonRow {
  /** i18n key under identity.fields */
  field: 'name' | 'kana' | 'birthDate' | 'source';
  incoming: string;
  candidate: string;
  /** the two records agree on this field (after removing spaces) */
  same: boolean;
}

const squash = (text: string) => text.normalize('NFKC').replace(/\s/g, '');

/** The incoming record beside the candidate, one row per field, for the side-by-side table. */
export function compareRecords(
  incoming: IncomingRecord,
  candidate: PersonSummary,
  noValue: string,
): ComparisonRow[] {
  const row = (field: ComparisonRow['field'], a: string, b: string): ComparisonRow => ({
    field,
    incoming: a === '' ? noValue : a,
    candidate: b === '' ? noValue : b,
    same: a !== '' && squash(a) === squash(b),
  });
  return [
    row(
      'name',
      `${incoming.familyName} ${incoming.givenName}`,
      `${candidate.familyName} ${candidate.givenName}`,
    ),
    row(
      'kana',
      `${incoming.familyNameKana} ${incoming.givenNameKana}`,
      `${candidate.familyNameKana} ${candidate.givenNameKana}`,
    ),
    row('birthDate', incoming.birthDate ?? '', candidate.birthDate ?? ''),
    {
      field: 'source',
      incoming: `${incoming.system}: ${incoming.sourceId}`,
      candidate: `ID ${String(candidate.id)}`,
      same: false,
    },
  ];
}

/** Stays as short lines, newest first: 「2025年度 中央小学校 5年1組」. */
export function stayLines(person: PersonSummary): string[] {
  return [...person.stays]
    .sort((a, b) => b.startDate.localeCompare(a.startDate))
    .map((s) => `${String(s.fiscalYear)}年度 ${s.schoolName} ${s.classLabel}`);
}

/** Total rows a merge moved, for the history table. */
export function movedTotal(moved: Record<string, number>): number {
  return Object.values(moved).reduce((sum, n) => sum + n, 0);
}

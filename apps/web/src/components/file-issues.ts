/** A long list of file problems is cut here: the rest is in the CSV download (a page with 100,000 rows would freeze). */
export const MAX_SHOWN_ISSUES = 500;

/** The row number as people read it: 0 means the whole file or package. */
export function rowLabel(row: number): string {
  return row === 0 ? '—' : String(row);
}

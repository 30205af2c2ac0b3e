import { z } from 'zod';

/** One problem in a OneRoster CSV package: where it is and what was expected there. */
export const OneRosterIssue = z.object({
  /** e.g. 'users.csv' */
  file: z.string(),
  /** CSV line number (1 = the header); 0 when the problem is about the whole file or package */
  row: z.number().int().min(0),
  column: z.string(),
  value: z.string(),
  /** what would have been accepted, in Japanese */
  expected: z.string(),
});
export type OneRosterIssue = z.infer<typeof OneRosterIssue>;

export const OneRosterCounts = z.object({
  /** rows read per file, e.g. { 'users.csv': 20 } */
  rows: z.record(z.string(), z.number().int()),
  /** what the import did (or would do) per kind: inserted / updated / unchanged / ended */
  applied: z.record(
    z.string(),
    z.object({ inserted: z.number().int(), updated: z.number().int(), ended: z.number().int() }),
  ),
});
export type OneRosterCounts = z.infer<typeof OneRosterCounts>;

/** The validation (and, when committed, import) report of a OneRoster package. */
export const OneRosterImportReport = z.object({
  ok: z.boolean(),
  /** true when the package was written to the database */
  committed: z.boolean(),
  /** '1.1' | '1.2' as read from the manifest */
  version: z.string().nullable(),
  errors: z.array(OneRosterIssue),
  warnings: z.array(OneRosterIssue),
  counts: OneRosterCounts,
});
export type OneRosterImportReport = z.infer<typeof OneRosterImportReport>;

import { and, count, desc, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { importBatches, userAccounts } from '../../db/schema/index.ts';

/** import_batches rows of OneRoster imports: source_system 'oneroster', kind 'roster', no school. */
const SOURCE = 'oneroster';
const KIND = 'roster';

/** What a OneRoster batch keeps in `report` (jsonb). */
export interface RosterBatchReport {
  via: 'upload' | 'cli';
  dryRun: boolean;
  version: string | null;
  counts: { rows: Record<string, number>; applied: Record<string, Record<string, number>> };
  errors: unknown[];
  warnings: unknown[];
  /** an unexpected server error (not a problem of the package) */
  failure: string | null;
}

export interface RosterBatchInput {
  municipalityId: number;
  fileName: string;
  createdBy: number | null;
  committed: boolean;
  rowCount: number;
  report: RosterBatchReport;
}

export async function insertRosterBatch(q: Queryable, input: RosterBatchInput): Promise<number> {
  const [row] = await q
    .insert(importBatches)
    .values({
      municipalityId: input.municipalityId,
      schoolId: null,
      sourceSystem: SOURCE,
      kind: KIND,
      fileName: input.fileName,
      status: input.committed ? 'committed' : 'failed',
      rowCount: input.rowCount,
      report: input.report as unknown as Record<string, unknown>,
      createdBy: input.createdBy,
    })
    .returning({ id: importBatches.id });
  return row!.id;
}

const columns = {
  id: importBatches.id,
  municipalityId: importBatches.municipalityId,
  fileName: importBatches.fileName,
  status: importBatches.status,
  report: importBatches.report,
  createdAt: importBatches.createdAt,
  createdBy: userAccounts.displayName,
};

const ofMunicipality = (municipalityId: number) =>
  and(
    eq(importBatches.municipalityId, municipalityId),
    eq(importBatches.sourceSystem, SOURCE),
    eq(importBatches.kind, KIND),
  );

/** One page of a municipality's OneRoster imports, newest first, and how many there are in all. */
export async function listRosterBatches(
  q: Queryable,
  municipalityId: number,
  page: { limit: number; offset: number },
) {
  const [total] = await q.select({ n: count() }).from(importBatches).where(ofMunicipality(municipalityId));
  const rows = await q
    .select(columns)
    .from(importBatches)
    .leftJoin(userAccounts, eq(userAccounts.id, importBatches.createdBy))
    .where(ofMunicipality(municipalityId))
    .orderBy(desc(importBatches.id))
    .limit(page.limit)
    .offset(page.offset);
  return { total: total?.n ?? 0, rows };
}

export async function findRosterBatch(q: Queryable, municipalityId: number, id: number) {
  const [row] = await q
    .select(columns)
    .from(importBatches)
    .leftJoin(userAccounts, eq(userAccounts.id, importBatches.createdBy))
    .where(and(eq(importBatches.id, id), ofMunicipality(municipalityId)));
  return row ?? null;
}

export type RosterBatchRow = NonNullable<Awaited<ReturnType<typeof findRosterBatch>>>;

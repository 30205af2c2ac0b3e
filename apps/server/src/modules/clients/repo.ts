import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { apiClients, municipalities } from '../../db/schema/index.ts';

export type ApiClientRow = typeof apiClients.$inferSelect;

export async function insertClient(q: Queryable, row: typeof apiClients.$inferInsert): Promise<ApiClientRow> {
  const [inserted] = await q.insert(apiClients).values(row).returning();
  if (!inserted) throw new Error('insert returned no row');
  return inserted;
}

export async function findActiveClientByKey(q: Queryable, clientKey: string): Promise<ApiClientRow | null> {
  const rows = await q
    .select()
    .from(apiClients)
    .where(and(eq(apiClients.clientKey, clientKey), isNull(apiClients.disabledAt)))
    .limit(1);
  return rows[0] ?? null;
}

export async function listClients(q: Queryable, municipalityId: number): Promise<ApiClientRow[]> {
  return q
    .select()
    .from(apiClients)
    .where(eq(apiClients.municipalityId, municipalityId))
    .orderBy(asc(apiClients.id));
}

export async function disableClient(q: Queryable, municipalityId: number, id: number): Promise<boolean> {
  const rows = await q
    .update(apiClients)
    .set({ disabledAt: new Date() })
    .where(
      and(
        eq(apiClients.id, id),
        eq(apiClients.municipalityId, municipalityId),
        isNull(apiClients.disabledAt),
      ),
    )
    .returning({ id: apiClients.id });
  return rows.length > 0;
}

/** The first municipality of the database (an installation serves one board). */
export async function findFirstMunicipality(q: Queryable) {
  const rows = await q
    .select({ id: municipalities.id, name: municipalities.name })
    .from(municipalities)
    .orderBy(asc(municipalities.id))
    .limit(1);
  return rows[0] ?? null;
}

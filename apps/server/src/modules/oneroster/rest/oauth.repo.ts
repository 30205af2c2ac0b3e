import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.ts';
import { apiClients, oauthTokens } from '../../../db/schema/index.ts';

export async function insertToken(
  q: Queryable,
  row: { tokenHash: string; clientId: number; scopes: string[]; expiresAt: Date },
): Promise<void> {
  await q.insert(oauthTokens).values(row);
}

/** A live token of an enabled client, with the client's municipality. */
export async function findLiveToken(q: Queryable, tokenHash: string, now: Date) {
  const [row] = await q
    .select({
      clientId: oauthTokens.clientId,
      scopes: oauthTokens.scopes,
      municipalityId: apiClients.municipalityId,
    })
    .from(oauthTokens)
    .innerJoin(apiClients, eq(apiClients.id, oauthTokens.clientId))
    .where(
      and(
        eq(oauthTokens.tokenHash, tokenHash),
        gt(oauthTokens.expiresAt, now),
        isNull(apiClients.disabledAt),
      ),
    );
  return row ?? null;
}

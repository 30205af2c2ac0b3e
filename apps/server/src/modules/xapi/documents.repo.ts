import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { xapiDocuments } from '../../db/schema/index.ts';

export type DocumentKind = 'state' | 'activity_profile' | 'agent_profile';

/** Where a document lives; absent parts are '' (see the table's comment). */
export interface DocumentScope {
  municipalityId: number;
  kind: DocumentKind;
  activityId: string;
  agentKey: string;
  registration: string;
}

export interface StoredDocument {
  documentId: string;
  contentType: string;
  content: Buffer;
  etag: string;
  updatedAt: Date;
}

function scopeWhere(s: DocumentScope) {
  return and(
    eq(xapiDocuments.municipalityId, s.municipalityId),
    eq(xapiDocuments.kind, s.kind),
    eq(xapiDocuments.activityId, s.activityId),
    eq(xapiDocuments.agentKey, s.agentKey),
    eq(xapiDocuments.registration, s.registration),
  );
}

/** One document; `forUpdate` locks it for a read-modify-write inside a transaction. */
export async function findDocument(
  q: Queryable,
  scope: DocumentScope,
  documentId: string,
  forUpdate = false,
): Promise<StoredDocument | null> {
  const query = q
    .select({
      documentId: xapiDocuments.documentId,
      contentType: xapiDocuments.contentType,
      content: xapiDocuments.content,
      etag: xapiDocuments.etag,
      updatedAt: xapiDocuments.updatedAt,
    })
    .from(xapiDocuments)
    .where(and(scopeWhere(scope), eq(xapiDocuments.documentId, documentId)));
  const found = forUpdate ? await query.for('update') : await query;
  return found[0] ?? null;
}

/** Ids of the documents in a scope, optionally only those updated after `since`. */
export async function listDocumentIds(q: Queryable, scope: DocumentScope, since?: Date): Promise<string[]> {
  const found = await q
    .select({ documentId: xapiDocuments.documentId })
    .from(xapiDocuments)
    .where(since ? and(scopeWhere(scope), gt(xapiDocuments.updatedAt, since)) : scopeWhere(scope))
    .orderBy(asc(xapiDocuments.documentId));
  return found.map((r) => r.documentId);
}

/** The newest update time in a scope (Last-Modified of a list). */
export async function lastUpdated(q: Queryable, scope: DocumentScope): Promise<Date | null> {
  const [row] = await q
    .select({ at: sql<Date | string | null>`max(${xapiDocuments.updatedAt})` })
    .from(xapiDocuments)
    .where(scopeWhere(scope));
  return row?.at ? new Date(row.at) : null;
}

export async function saveDocument(
  q: Queryable,
  scope: DocumentScope,
  doc: { documentId: string; contentType: string; content: Buffer; etag: string; updatedAt: Date },
): Promise<void> {
  await q
    .insert(xapiDocuments)
    .values({ ...scope, ...doc })
    .onConflictDoUpdate({
      target: [
        xapiDocuments.municipalityId,
        xapiDocuments.kind,
        xapiDocuments.activityId,
        xapiDocuments.agentKey,
        xapiDocuments.registration,
        xapiDocuments.documentId,
      ],
      set: { contentType: doc.contentType, content: doc.content, etag: doc.etag, updatedAt: doc.updatedAt },
    });
}

export async function deleteDocument(q: Queryable, scope: DocumentScope, documentId: string): Promise<void> {
  await q.delete(xapiDocuments).where(and(scopeWhere(scope), eq(xapiDocuments.documentId, documentId)));
}

export async function deleteDocuments(q: Queryable, scope: DocumentScope): Promise<void> {
  await q.delete(xapiDocuments).where(scopeWhere(scope));
}

/**
 * The document resources (State, Activity Profile, Agent Profile: Part Three 2.2–2.7) with ETag
 * concurrency (3.1), and the Activities and Agents resources. Stored in xapi_documents, confined
 * to the client's municipality.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import type { ApiClient } from '../clients/service.ts';
import * as docs from './documents.repo.ts';
import { mediaType } from './multipart.ts';
import { agentKey } from './statement-facts.ts';
import { findActivityDefinition, findAgentNames } from './statements.repo.ts';
import { isIri, isTimestamp, isUuid, parseAgentParam, type Agent } from './validate.ts';
import { badRequest, checkParams, XapiError, type XapiRequest, type XapiResponse } from './xapi-http.ts';

const etagOf = (content: Buffer) => createHash('sha1').update(content).digest('hex');

function agentParam(req: XapiRequest): { agent: Agent; key: string } {
  const value = req.query.agent;
  if (value === undefined) throw badRequest('パラメーター agent が必要です');
  const parsed = parseAgentParam('agent', value, { allowGroup: false });
  if (!parsed.ok) throw badRequest('agent が正しくありません', parsed.issues);
  return { agent: parsed.value, key: agentKey(parsed.value)! };
}

function activityParam(req: XapiRequest): string {
  const value = req.query.activityId;
  if (value === undefined || !isIri(value))
    throw badRequest('activityId（IRI）が必要です', [{ path: 'activityId', message: value ?? '' }]);
  return value;
}

function sinceParam(req: XapiRequest): Date | undefined {
  const value = req.query.since;
  if (value === undefined) return undefined;
  if (!isTimestamp(value)) throw badRequest('since はタイムゾーン付きの ISO 8601 日時です');
  return new Date(value);
}

interface Target {
  scope: docs.DocumentScope;
  /** the stateId / profileId, absent for list and delete-all requests */
  documentId: string | undefined;
  /** the document id parameter's name */
  idName: 'stateId' | 'profileId';
  /** profiles require If-Match or If-None-Match on PUT (state does not) */
  strictConcurrency: boolean;
}

function targetOf(client: ApiClient, req: XapiRequest): Target {
  const base = { municipalityId: client.municipalityId, activityId: '', agentKey: '', registration: '' };
  const get = req.method === 'GET' || req.method === 'HEAD';
  switch (req.resource) {
    case 'activities/state': {
      checkParams(
        req.query,
        ['activityId', 'agent', 'registration', 'stateId', ...(get ? ['since'] : [])],
        ['activityId', 'agent', ...(req.method === 'PUT' || req.method === 'POST' ? ['stateId'] : [])],
      );
      const registration = req.query.registration;
      if (registration !== undefined && !isUuid(registration)) throw badRequest('registration は UUID です');
      return {
        scope: {
          ...base,
          kind: 'state',
          activityId: activityParam(req),
          agentKey: agentParam(req).key,
          registration: registration?.toLowerCase() ?? '',
        },
        documentId: req.query.stateId,
        idName: 'stateId',
        strictConcurrency: false,
      };
    }
    case 'activities/profile':
      checkParams(
        req.query,
        ['activityId', 'profileId', ...(get ? ['since'] : [])],
        ['activityId', ...(get ? [] : ['profileId'])],
      );
      return {
        scope: { ...base, kind: 'activity_profile', activityId: activityParam(req) },
        documentId: req.query.profileId,
        idName: 'profileId',
        strictConcurrency: true,
      };
    case 'agents/profile':
      checkParams(
        req.query,
        ['agent', 'profileId', ...(get ? ['since'] : [])],
        ['agent', ...(get ? [] : ['profileId'])],
      );
      return {
        scope: { ...base, kind: 'agent_profile', agentKey: agentParam(req).key },
        documentId: req.query.profileId,
        idName: 'profileId',
        strictConcurrency: true,
      };
    case 'statements':
    case 'activities':
    case 'agents':
      throw new Error(`not a document resource: ${req.resource}`);
  }
}

/** If-Match / If-None-Match against the current document (RFC 7232 as the spec uses it). */
function checkPreconditions(req: XapiRequest, current: docs.StoredDocument | null, strict: boolean): void {
  const ifMatch = req.headers['if-match'];
  const ifNoneMatch = req.headers['if-none-match'];
  const tags = (h: string) => h.split(',').map((t) => t.trim().replace(/^W\//, '').replace(/^"|"$/g, ''));
  if (ifMatch !== undefined) {
    const list = tags(ifMatch);
    if (!current || !(list.includes('*') || list.includes(current.etag)))
      throw new XapiError(
        412,
        'precondition_failed',
        '文書が変更されています（If-Match の ETag が一致しません）',
      );
  }
  if (ifNoneMatch !== undefined) {
    const list = tags(ifNoneMatch);
    if (current && (list.includes('*') || list.includes(current.etag)))
      throw new XapiError(412, 'precondition_failed', '文書は既にあります（If-None-Match）');
  }
  if (strict && req.method === 'PUT' && current && ifMatch === undefined && ifNoneMatch === undefined)
    throw new XapiError(
      409,
      'conflict',
      '文書は既にあります。現在の文書を取得し、その ETag を If-Match ヘッダーに付けて送り直してください',
    );
}

function parseJsonObject(content: Buffer, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(content.toString('utf8'));
  } catch {
    throw badRequest(`${what}が JSON として読めません`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw badRequest(
      `${what}は JSON オブジェクトではありません（POST でまとめられるのは JSON オブジェクトだけです）`,
    );
  return value as Record<string, unknown>;
}

export async function handleDocument(db: Db, client: ApiClient, req: XapiRequest): Promise<XapiResponse> {
  const target = targetOf(client, req);
  const { scope, documentId } = target;

  if (req.method === 'GET' || req.method === 'HEAD') {
    if (documentId === undefined) {
      const ids = await docs.listDocumentIds(db, scope, sinceParam(req));
      const updated = await docs.lastUpdated(db, scope);
      return { status: 200, headers: updated ? { 'Last-Modified': updated.toUTCString() } : {}, body: ids };
    }
    const doc = await docs.findDocument(db, scope, documentId);
    if (!doc) throw new XapiError(404, 'not_found', '文書が見つかりません');
    return {
      status: 200,
      headers: {
        'Content-Type': doc.contentType,
        ETag: `"${doc.etag}"`,
        'Last-Modified': doc.updatedAt.toUTCString(),
      },
      body: doc.content,
    };
  }

  if (req.method === 'DELETE') {
    if (documentId === undefined) {
      if (req.resource !== 'activities/state') throw badRequest(`パラメーター ${target.idName} が必要です`);
      await docs.deleteDocuments(db, scope);
      return { status: 204 };
    }
    await db.transaction(async (tx) => {
      const current = await docs.findDocument(tx, scope, documentId, true);
      checkPreconditions(req, current, false);
      if (current) await docs.deleteDocument(tx, scope, documentId);
    });
    return { status: 204 };
  }

  // PUT and POST
  if (documentId === undefined) throw badRequest(`パラメーター ${target.idName} が必要です`);
  const content = req.body ?? Buffer.alloc(0);
  const contentType = req.headers['content-type'] ?? 'application/octet-stream';
  await db.transaction(async (tx) => {
    const current = await docs.findDocument(tx, scope, documentId, true);
    checkPreconditions(req, current, target.strictConcurrency);
    let stored = { contentType, content };
    if (req.method === 'POST' && current) {
      const isJson = (t: string) => mediaType(t) === 'application/json';
      if (!isJson(contentType) || !isJson(current.contentType))
        throw badRequest(
          '既存の文書と送られた文書がどちらも application/json のときだけ POST でまとめられます',
        );
      const merged = {
        ...parseJsonObject(current.content, '既存の文書'),
        ...parseJsonObject(content, '送られた文書'),
      };
      stored = { contentType: current.contentType, content: Buffer.from(JSON.stringify(merged)) };
    } else if (req.method === 'POST' && mediaType(contentType) === 'application/json') {
      parseJsonObject(content, '送られた文書');
    }
    await docs.saveDocument(tx, scope, {
      documentId,
      ...stored,
      etag: etagOf(stored.content),
      updatedAt: new Date(),
    });
  });
  return { status: 204 };
}

/** GET /xapi/activities: the Activity with the newest definition this municipality was sent. */
export async function getActivity(db: Db, client: ApiClient, req: XapiRequest): Promise<XapiResponse> {
  checkParams(req.query, ['activityId'], ['activityId']);
  const activityId = activityParam(req);
  const definition = await findActivityDefinition(db, client.municipalityId, activityId);
  return {
    status: 200,
    body: { objectType: 'Activity', id: activityId, ...(definition ? { definition } : {}) },
  };
}

/**
 * GET /xapi/agents: a Person object for an Agent. It holds the requested identifier and the names
 * this municipality's statements gave that agent; identifiers from other systems are never added.
 */
export async function getPerson(db: Db, client: ApiClient, req: XapiRequest): Promise<XapiResponse> {
  checkParams(req.query, ['agent'], ['agent']);
  const { agent, key } = agentParam(req);
  const names = new Set(await findAgentNames(db, client.municipalityId, key));
  if (agent.name) names.add(agent.name);
  const person: Record<string, unknown> = { objectType: 'Person' };
  if (names.size > 0) person.name = [...names];
  if (agent.mbox) person.mbox = [agent.mbox];
  if (agent.mbox_sha1sum) person.mbox_sha1sum = [agent.mbox_sha1sum];
  if (agent.openid) person.openid = [agent.openid];
  if (agent.account) person.account = [agent.account];
  return { status: 200, body: person };
}

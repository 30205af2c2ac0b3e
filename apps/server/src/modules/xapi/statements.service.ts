/**
 * The Statement Resource (Part Three 2.1): store single statements and batches (with typed
 * learning events and rollups in the same transaction), fetch one, query with filters and paging.
 * Everything a client stores or reads is confined to its municipality.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { SubjectCode } from '@edukarte/shared';
import type { Db } from '../../db/client.ts';
import { SentJsonObject } from '../../db/copy-text.ts';
import { statementSpans } from './json-spans.ts';
import type { ApiClient } from '../clients/service.ts';
import { listLearningTools, listLearningUnits, resolvePeople, type PersonLookup } from './events.repo.ts';
import { buildMultipart, headerParam, mediaType, MultipartError, parseMultipart } from './multipart.ts';
import {
  agentKey,
  factsOf,
  formatStatement,
  parseAcceptLanguage,
  sameStatement,
  sourceKeyOf,
  type StatementFormat,
} from './statement-facts.ts';
import { drillDailyDeltas, usageDailyDeltas } from './rollup-deltas.ts';
import * as repo from './statements.repo.ts';
import {
  agentsToResolve,
  japanDate,
  typedEventOf,
  type DrillRow,
  type InteractionRow,
  type LearningTool,
  type ResolvedPerson,
  type UsageRow,
} from './typed-events.ts';
import {
  isIri,
  isTimestamp,
  isUuid,
  parseAgentParam,
  validateStatementBatch,
  VOIDED_VERB,
  type Agent,
  type Attachment,
  type Statement,
} from './validate.ts';
import {
  badRequest,
  booleanParam,
  checkParams,
  XapiError,
  type XapiRequest,
  type XapiResponse,
} from './xapi-http.ts';

/** The most statements one GET returns (limit=0 or a larger limit gives this many). */
export const MAX_LIMIT = 500;

// ---------------------------------------------------------------------------------------------
// Reference data caches (per database, so tests with several databases never mix them)
// ---------------------------------------------------------------------------------------------

interface Cached<T> {
  value: T;
  expiresAt: number;
}
const toolCache = new WeakMap<Db, Map<number, Cached<LearningTool[]>>>();
const unitCache = new WeakMap<Db, Cached<Map<string, SubjectCode>>>();

async function toolsOf(db: Db, municipalityId: number): Promise<LearningTool[]> {
  let perDb = toolCache.get(db);
  if (!perDb) toolCache.set(db, (perDb = new Map<number, Cached<LearningTool[]>>()));
  const hit = perDb.get(municipalityId);
  if (hit && hit.expiresAt > Date.now()) return hit.value;
  const value = await listLearningTools(db, municipalityId);
  perDb.set(municipalityId, { value, expiresAt: Date.now() + 60_000 });
  return value;
}

async function unitsOf(db: Db): Promise<Map<string, SubjectCode>> {
  const hit = unitCache.get(db);
  if (hit && hit.expiresAt > Date.now()) return hit.value;
  const value = new Map((await listLearningUnits(db)).map((u) => [u.code, u.subjectCode]));
  unitCache.set(db, { value, expiresAt: Date.now() + 300_000 });
  return value;
}

// ---------------------------------------------------------------------------------------------
// Storing
// ---------------------------------------------------------------------------------------------

/** The Agent the LRS records as a statement's authority: the registered client application. */
export function authorityOf(client: ApiClient, origin: string): Agent {
  return {
    objectType: 'Agent',
    name: client.name,
    account: { homePage: `${origin}/xapi/clients`, name: client.clientKey },
  };
}

interface ReceivedAttachment {
  contentType: string;
  content: Buffer;
}

const SHA2_BY_LENGTH: Record<number, string> = { 56: 'sha224', 64: 'sha256', 96: 'sha384', 128: 'sha512' };

/**
 * The statements of a request body (JSON or multipart/mixed), the attachment parts it carried, and
 * the JSON's own bytes (`sent`), from which the statements are stored.
 */
export function readStatementBody(
  contentType: string | undefined,
  body: Buffer | undefined,
): { json: unknown; sent: Buffer; attachments: Map<string, ReceivedAttachment> | null } {
  if (!body || body.length === 0) throw badRequest('ステートメントの本文がありません');
  const type = mediaType(contentType);
  if (type === 'application/json')
    return { json: parseJson(body.toString('utf8')), sent: body, attachments: null };
  if (type !== 'multipart/mixed')
    throw badRequest('Content-Type は application/json または multipart/mixed です');
  const boundary = headerParam(contentType ?? '', 'boundary');
  if (!boundary) throw badRequest('multipart/mixed の boundary がありません');
  let parts;
  try {
    parts = parseMultipart(body, boundary);
  } catch (error) {
    if (error instanceof MultipartError) throw badRequest(`multipart/mixed を読めません: ${error.message}`);
    throw error;
  }
  const [first, ...rest] = parts;
  if (!first || mediaType(first.headers['content-type']) !== 'application/json')
    throw badRequest('multipart/mixed の最初のパートは Content-Type: application/json のステートメントです');
  const attachments = new Map<string, ReceivedAttachment>();
  rest.forEach((part, i) => {
    const hash = part.headers['x-experience-api-hash']?.toLowerCase();
    const where = `パート ${i + 2}`;
    if (!hash) throw badRequest(`${where} に X-Experience-API-Hash ヘッダーがありません`);
    const encoding = part.headers['content-transfer-encoding'];
    if (encoding !== undefined && encoding.toLowerCase() !== 'binary')
      throw badRequest(`${where} の Content-Transfer-Encoding は binary です`);
    const algorithm = SHA2_BY_LENGTH[hash.length];
    if (!algorithm || createHash(algorithm).update(part.body).digest('hex') !== hash)
      throw badRequest(`${where} の内容が X-Experience-API-Hash (${hash}) と一致しません`);
    attachments.set(hash, {
      contentType: part.headers['content-type'] ?? 'application/octet-stream',
      content: part.body,
    });
  });
  return { json: parseJson(first.body.toString('utf8')), sent: first.body, attachments };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('本文が JSON として読めません');
  }
}

function attachmentsOf(statement: Statement): Attachment[] {
  const own = statement.attachments ?? [];
  const object = statement.object as { objectType?: string; attachments?: Attachment[] };
  return object.objectType === 'SubStatement' && object.attachments ? [...own, ...object.attachments] : own;
}

/** Every attachment needs its raw data in the request, or a fileUrl; every part must be used. */
function checkAttachments(
  statements: readonly Statement[],
  received: Map<string, ReceivedAttachment> | null,
): void {
  const used = new Set<string>();
  statements.forEach((s, i) => {
    for (const a of attachmentsOf(s)) {
      const sha2 = a.sha2.toLowerCase();
      if (received?.has(sha2)) {
        used.add(sha2);
        continue;
      }
      if (a.fileUrl === undefined)
        throw badRequest(
          received
            ? `[${i}] の添付 (sha2 ${a.sha2}) のデータがリクエストにありません`
            : `[${i}] の添付には fileUrl が必要です（データを送るときは multipart/mixed で送ってください）`,
          [{ path: `[${i}].attachments`, message: 'fileUrl またはデータのパートが必要です' }],
        );
    }
  });
  for (const sha2 of received?.keys() ?? [])
    if (!used.has(sha2)) throw badRequest(`どのステートメントの添付でもないパートがあります (sha2 ${sha2})`);
}

/**
 * A statement as the LRS stores it: the JSON as sent with the properties the LRS adds to it — the
 * id in lower case, the timestamp (`stored`) and the version when none was sent. `stored` and
 * `authority` are the LRS's own for every statement and are kept beside it (the stored column,
 * xapi_authorities); reads add them.
 * Built from the bytes the client sent, by appending those properties, instead of serialising the
 * parsed statement again: for jsonb the last of duplicate keys wins, so an appended property
 * replaces one the client sent.
 */
function storedStatementJson(
  s: Statement,
  added: { id: string },
  sent: Buffer,
  sharedTail: SharedTails,
): SentJsonObject {
  const own = s.id !== added.id ? `,"id":${JSON.stringify(added.id)}` : '';
  return new SentJsonObject(sent, own, sharedTail(s.timestamp === undefined, s.version === undefined));
}

/** The appended text shared by a batch's statements, by whether a statement lacks its timestamp and version. */
type SharedTails = (noTimestamp: boolean, noVersion: boolean) => string;

/**
 * The properties the LRS appends to statements sent without them, the timestamp (`stored`) and
 * the version: four strings per batch, shared by its statements (copyBytes encodes each once).
 */
function sharedTails(stored: string): SharedTails {
  const timestamp = `,"timestamp":${JSON.stringify(stored)}`;
  const version = ',"version":"1.0.0"';
  const tails = ['', timestamp, version, timestamp + version];
  return (noTimestamp, noVersion) => tails[(noTimestamp ? 1 : 0) + (noVersion ? 2 : 0)]!;
}

/**
 * Each statement's bytes in the JSON a request sent (json-spans.ts): from them the statements are
 * stored, as sent, without being serialised again.
 */
function sentStatements(sent: Buffer): Buffer[] {
  return statementSpans(sent).map((span) => sent.subarray(span.start, span.end));
}

const lookupKey = (municipalityId: number, system: string, sourceId: string, date: string) =>
  `${municipalityId}\u0000${system}\u0000${sourceId}\u0000${date}`;

/**
 * Agents found in source_identities, remembered for a minute: a drill vendor sends the same pupils
 * all day, and the lookup would otherwise be a query per batch. Only hits are remembered, so a
 * newly registered identity is used at once; a transfer is seen within a minute.
 */
const RESOLVED_TTL_MS = 60_000;
const RESOLVED_CACHE_MAX = 200_000;
const resolvedCaches = new WeakMap<Db, Map<string, Cached<ResolvedPerson>>>();
function resolvedCache(db: Db): Map<string, Cached<ResolvedPerson>> {
  let cache = resolvedCaches.get(db);
  if (!cache) resolvedCaches.set(db, (cache = new Map<string, Cached<ResolvedPerson>>()));
  return cache;
}

/** Account homePages are matched with and without a trailing slash. */
function systemVariants(system: string): string[] {
  if (!/^https?:\/\//i.test(system)) return [system];
  return system.endsWith('/') ? [system, system.replace(/\/+$/, '')] : [system, `${system}/`];
}

/**
 * Everything storing a request's statements writes, worked out before the transaction. It holds
 * no parsed statement: a batch waits for the database with this alone (an async function keeps
 * every local alive across await, so a plan that held them would carry 1,000 parsed statements
 * per waiting batch through every garbage collection).
 */
interface StatementWrite {
  /** the statements' ids, in the order sent: the answer */
  ids: string[];
  rows: repo.StatementRow[];
  drill: DrillRow[];
  interactions: InteractionRow[];
  usage: UsageRow[];
  /** each statement's JSON as sent, by id: parsed again only to compare with a stored one of the same id */
  sentById: Map<string, Buffer>;
  attachments: Map<string, ReceivedAttachment> | null;
}

/**
 * A POST or PUT body read, validated and worked out into what storing it writes (a PUT's id from
 * its URL comes as `statementId`). Statements are kept exactly as sent: their JSON bytes are stored
 * with the LRS's properties appended (storedStatementJson).
 */
async function planStatements(
  db: Db,
  client: ApiClient,
  req: XapiRequest,
  statementId?: string,
): Promise<StatementWrite> {
  const { json, sent, attachments } = readStatementBody(req.headers['content-type'], req.body);
  if (statementId !== undefined && Array.isArray(json))
    throw badRequest('PUT で送れるのは 1 件のステートメントです');
  const validated = validateStatementBatch(json);
  if (!validated.ok) throw badRequest(issueSummary(validated.issues), validated.issues);
  const statements = validated.value;
  if (statementId !== undefined) {
    const bodyId = statements[0]!.id;
    if (bodyId !== undefined && bodyId.toLowerCase() !== statementId.toLowerCase())
      throw badRequest('本文の id が statementId と一致しません', [
        { path: 'id', message: `statementId ${statementId} と同じにしてください` },
      ]);
  }
  checkAttachments(statements, attachments);
  const sentJson = sentStatements(sent);
  const now = new Date();
  const stored = now.toISOString();
  const authority = authorityOf(client, req.origin);
  const authorityId = await repo.authorityIdOf(db, authority, agentKey(authority)!);
  const tails = sharedTails(stored);
  const prepared = statements.map((s, i) => {
    const id = (statementId ?? s.id ?? randomUUID()).toLowerCase();
    const timestamp = s.timestamp ?? stored;
    const facts = factsOf(s, id);
    return { s, id, timestamp, date: japanDate(timestamp), facts, sent: sentJson[i]! };
  });

  // one query resolves the batch's agents to people (and their school/class on that day);
  // agents resolved in the last minute come from memory
  const known = resolvedCache(db);
  const resolved = new Map<string, ResolvedPerson>();
  const pending = new Map<string, { system: string; sourceId: string; date: string }>();
  const wanted = new Map<string, PersonLookup>();
  for (const p of prepared)
    for (const a of agentsToResolve(p.s)) {
      const key = sourceKeyOf(a);
      if (!key) continue;
      const k = lookupKey(client.municipalityId, key.system, key.sourceId, p.date);
      if (resolved.has(k) || pending.has(k)) continue;
      const hit = known.get(k);
      if (hit && hit.expiresAt > now.getTime()) {
        resolved.set(k, hit.value);
        continue;
      }
      pending.set(k, { ...key, date: p.date });
      for (const system of systemVariants(key.system))
        wanted.set(lookupKey(client.municipalityId, system, key.sourceId, p.date), {
          system,
          sourceId: key.sourceId,
          date: p.date,
        });
    }
  const found = new Map<string, ResolvedPerson>();
  for (const r of await resolvePeople(db, client.municipalityId, [...wanted.values()]))
    found.set(lookupKey(client.municipalityId, r.system, r.source_id, r.date), {
      personId: r.person_id,
      kind: r.kind,
      schoolId: r.school_id,
      schoolKind: r.school_kind,
      classId: r.class_id,
    });
  for (const [k, { system, sourceId, date }] of pending) {
    // the homePage as sent first, then its variant with or without the trailing slash
    const value = systemVariants(system)
      .map((v) => found.get(lookupKey(client.municipalityId, v, sourceId, date)))
      .find((v) => v !== undefined);
    if (!value) continue;
    resolved.set(k, value);
    if (known.size >= RESOLVED_CACHE_MAX) known.clear();
    known.set(k, { value, expiresAt: now.getTime() + RESOLVED_TTL_MS });
  }
  const person = (a: Agent, date: string): ResolvedPerson | null => {
    const key = sourceKeyOf(a);
    return key
      ? (resolved.get(lookupKey(client.municipalityId, key.system, key.sourceId, date)) ?? null)
      : null;
  };
  // typed events need a known person: without one, skip the reference data entirely
  const needsTyping = resolved.size > 0;
  const units = needsTyping ? await unitsOf(db) : new Map<string, SubjectCode>();
  const lookups = {
    person,
    tools: needsTyping ? await toolsOf(db, client.municipalityId) : [],
    unitSubject: (code: string) => units.get(code),
  };

  const plan: StatementWrite = {
    ids: [],
    rows: [],
    drill: [],
    interactions: [],
    usage: [],
    sentById: new Map(),
    attachments,
  };
  for (const p of prepared) {
    const { s, id, timestamp, facts } = p;
    plan.ids.push(id);
    plan.sentById.set(id, p.sent);
    const actor = person(s.actor, p.date);
    const event = needsTyping ? typedEventOf(s, id, timestamp, lookups) : null;
    if (event?.kind === 'drill') plan.drill.push(event.row);
    else if (event?.kind === 'interaction') plan.interactions.push(event.row);
    else if (event?.kind === 'usage') plan.usage.push(event.row);
    plan.rows.push({
      id,
      municipality_id: client.municipalityId,
      school_id: actor?.schoolId ?? null,
      client_id: client.id,
      authority_id: authorityId,
      stored,
      timestamp,
      verb_id: s.verb.id,
      actor_key: facts.actorKey,
      activity_id: facts.activityId,
      registration: facts.registration,
      related_agents: facts.relatedAgents,
      related_activities: facts.relatedActivities,
      voids_statement_id: facts.voids,
      object_statement_id: facts.statementRef,
      is_voided: false,
      person_id: actor?.personId ?? null,
      statement: storedStatementJson(s, { id }, p.sent, tails),
    });
  }
  return plan;
}

/**
 * Stores a planned batch in one transaction. All-or-nothing: a conflicting id rejects the whole
 * request; a statement stored before with the same content is accepted and skipped.
 * The first attempt writes without looking for stored ids: the primary key refuses a stored one
 * (a client sending a batch again, a concurrent writer of the same id), and the batch is then
 * written again, this time checking each id. A new batch, nearly every batch, so pays no lookup.
 */
async function writeStatements(db: Db, client: ApiClient, plan: StatementWrite): Promise<void> {
  const { rows, drill, interactions, usage, attachments } = plan;
  const write = (checkStored: boolean) =>
    db.transaction(async (tx) => {
      // statements already stored: the same statement again is accepted and skipped, a
      // different one under a stored id is a conflict
      const existing = checkStored
        ? await repo.findStatementsByIds(
            tx,
            rows.map((r) => r.id),
          )
        : [];
      for (const e of existing) {
        const sent = plan.sentById.get(e.id);
        if (
          e.municipality_id !== client.municipalityId ||
          !sent ||
          !sameStatement(JSON.parse(sent.toString('utf8')) as Record<string, unknown>, e.statement)
        )
          throw new XapiError(
            409,
            'conflict',
            `id ${e.id} のステートメントは既に別の内容で保存されています（ステートメントは変更できません）`,
          );
      }
      const stored = new Set(existing.map((e) => e.id));
      const isNew = (statementId: string) => !stored.has(statementId);
      // a target whose voiding statement came before it, or comes in the same batch, is stored
      // voided and none of its typed events are recorded (a voiding statement cannot be voided)
      const newRows = rows.filter((r) => isNew(r.id));
      const candidates = newRows.filter((r) => r.verb_id !== VOIDED_VERB).map((r) => r.id);
      const voidedOnArrival = await repo.takeWaitingVoids(tx, client.municipalityId, candidates);
      const voidsInBatch = new Set(newRows.map((r) => r.voids_statement_id).filter((v) => v !== null));
      for (const id of candidates) if (voidsInBatch.has(id)) voidedOnArrival.add(id);
      const counts = (statementId: string) => isNew(statementId) && !voidedOnArrival.has(statementId);
      const fresh = {
        statements: newRows.map((r) => (voidedOnArrival.has(r.id) ? { ...r, is_voided: true } : r)),
        drill: drill.filter((d) => counts(d.statementId)),
        interactions: interactions.filter((i) => counts(i.statementId)),
        usage: usage.filter((u) => counts(u.statementId)),
      };
      await repo.copyStatementBatch(tx, fresh);
      // targets stored earlier: void them and take their typed events out of the rollups
      // (targets not stored yet are waited for)
      const laterVoids = fresh.statements
        .filter((r) => r.voids_statement_id !== null && !voidedOnArrival.has(r.voids_statement_id))
        .map((r) => ({ target: r.voids_statement_id!, voiding: r.id }));
      if (laterVoids.length > 0)
        await repo.voidStatements(tx, client.municipalityId, laterVoids, VOIDED_VERB);
      if (attachments && attachments.size > 0)
        await repo.insertAttachments(
          tx,
          [...attachments].map(([sha2, a]) => ({ sha2, contentType: a.contentType, content: a.content })),
        );
      // last: the rollup rows stay locked only until the commit
      await repo.addToRollups(tx, drillDailyDeltas(fresh.drill), usageDailyDeltas(fresh.usage));
    });
  // an id already stored: write again, checking the ids (and once more, should a concurrent
  // writer store one of them between that check and the COPY)
  for (let attempt = 0; ; attempt++) {
    try {
      await write(attempt > 0);
      return;
    } catch (error) {
      if (attempt === 2 || !repo.isStatementIdClash(error)) throw error;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Resource handlers
// ---------------------------------------------------------------------------------------------

function consistentThrough(): Record<string, string> {
  return { 'X-Experience-API-Consistent-Through': new Date().toISOString() };
}

export async function postStatements(db: Db, client: ApiClient, req: XapiRequest): Promise<XapiResponse> {
  checkParams(req.query, []);
  const plan = await planStatements(db, client, req);
  await writeStatements(db, client, plan);
  return { status: 200, headers: consistentThrough(), body: plan.ids };
}

export async function putStatement(db: Db, client: ApiClient, req: XapiRequest): Promise<XapiResponse> {
  checkParams(req.query, ['statementId'], ['statementId']);
  const statementId = req.query.statementId!;
  if (!isUuid(statementId))
    throw badRequest('statementId は UUID です', [{ path: 'statementId', message: 'UUID' }]);
  await writeStatements(db, client, await planStatements(db, client, req, statementId));
  return { status: 204, headers: consistentThrough() };
}

function issueSummary(issues: readonly { path: string; message: string }[]): string {
  const first = issues[0];
  if (!first) return 'ステートメントが正しくありません';
  const more = issues.length > 1 ? `（ほか ${issues.length - 1} 件）` : '';
  return `ステートメントが正しくありません: ${first.path}: ${first.message}${more}`;
}

const QUERY_PARAMS = [
  'agent',
  'verb',
  'activity',
  'registration',
  'related_activities',
  'related_agents',
  'since',
  'until',
  'limit',
  'format',
  'attachments',
  'ascending',
] as const;

interface MoreToken {
  /** the original query parameters */
  q: Record<string, string>;
  /** continue after this seq */
  a: number;
}

function encodeMore(token: MoreToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeMore(value: string): MoreToken {
  try {
    const token = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as MoreToken;
    if (typeof token.a !== 'number' || typeof token.q !== 'object' || token.q === null)
      throw new Error('shape');
    return token;
  } catch {
    throw badRequest('more の値が正しくありません');
  }
}

function formatParam(query: Record<string, string>): StatementFormat {
  const format = query.format ?? 'exact';
  if (format !== 'exact' && format !== 'ids' && format !== 'canonical')
    throw badRequest('format は ids、exact、canonical のいずれかです', [{ path: 'format', message: format }]);
  return format;
}

/** Statements (and, with attachments=true, their attachment data) as the response body. */
async function statementResponse(
  db: Db,
  payload: unknown,
  statements: readonly Record<string, unknown>[],
  withAttachments: boolean,
  headers: Record<string, string>,
): Promise<XapiResponse> {
  if (!withAttachments) return { status: 200, headers, body: payload };
  const sha2s = new Set<string>();
  for (const s of statements)
    for (const a of attachmentsOf(s as unknown as Statement)) sha2s.add(a.sha2.toLowerCase());
  const found = await repo.findAttachments(db, [...sha2s]);
  const multipart = buildMultipart([
    { headers: { 'Content-Type': 'application/json' }, body: Buffer.from(JSON.stringify(payload)) },
    ...found.map((a) => ({
      headers: {
        'Content-Type': a.contentType,
        'Content-Transfer-Encoding': 'binary',
        'X-Experience-API-Hash': a.sha2,
      },
      body: a.content,
    })),
  ]);
  return {
    status: 200,
    headers: { ...headers, 'Content-Type': multipart.contentType },
    body: multipart.body,
  };
}

export async function getStatements(db: Db, client: ApiClient, req: XapiRequest): Promise<XapiResponse> {
  const query = req.query;
  const languages = parseAcceptLanguage(req.headers['accept-language']);
  const single = query.statementId ?? query.voidedStatementId;
  if (query.statementId !== undefined && query.voidedStatementId !== undefined)
    throw badRequest('statementId と voidedStatementId は同時に使えません');
  if (single !== undefined) {
    checkParams(query, [
      query.statementId !== undefined ? 'statementId' : 'voidedStatementId',
      'format',
      'attachments',
    ]);
    if (!isUuid(single)) throw badRequest('statementId は UUID です');
    const format = formatParam(query);
    const withAttachments = booleanParam(query, 'attachments', false);
    const found = await repo.findStatement(
      db,
      client.municipalityId,
      single,
      query.voidedStatementId !== undefined,
    );
    if (!found) throw new XapiError(404, 'not_found', 'ステートメントが見つかりません');
    const statement = formatStatement(found.statement, format, languages);
    return statementResponse(db, statement, [found.statement], withAttachments, {
      ...consistentThrough(),
      'Last-Modified': new Date(found.stored).toUTCString(),
    });
  }

  let params: Record<string, string> = query;
  let afterSeq: number | undefined;
  if (query.more !== undefined) {
    checkParams(query, ['more']);
    const token = decodeMore(query.more);
    params = token.q;
    afterSeq = token.a;
  }
  checkParams(params, QUERY_PARAMS);
  const format = formatParam(params);
  const withAttachments = booleanParam(params, 'attachments', false);
  const ascending = booleanParam(params, 'ascending', false);
  let agentFilter: string | undefined;
  if (params.agent !== undefined) {
    const parsed = parseAgentParam('agent', params.agent, { allowGroup: true });
    if (!parsed.ok) throw badRequest('agent が正しくありません', parsed.issues);
    agentFilter = agentKey(parsed.value) ?? undefined;
  }
  for (const name of ['verb', 'activity'] as const)
    if (params[name] !== undefined && !isIri(params[name]))
      throw badRequest(`${name} は IRI です`, [{ path: name, message: params[name] }]);
  if (params.registration !== undefined && !isUuid(params.registration))
    throw badRequest('registration は UUID です', [{ path: 'registration', message: params.registration }]);
  for (const name of ['since', 'until'] as const)
    if (params[name] !== undefined && !isTimestamp(params[name]))
      throw badRequest(`${name} はタイムゾーン付きの ISO 8601 日時です`, [
        { path: name, message: params[name] },
      ]);
  let limit = MAX_LIMIT;
  if (params.limit !== undefined) {
    if (!/^\d+$/.test(params.limit)) throw badRequest('limit は 0 以上の整数です');
    const n = Number(params.limit);
    limit = n === 0 ? MAX_LIMIT : Math.min(n, MAX_LIMIT);
  }

  const found = await repo.queryStatements(db, client.municipalityId, {
    agentKey: agentFilter,
    relatedAgents: booleanParam(params, 'related_agents', false),
    verb: params.verb,
    activity: params.activity,
    relatedActivities: booleanParam(params, 'related_activities', false),
    registration: params.registration?.toLowerCase(),
    since: params.since,
    until: params.until,
    ascending,
    afterSeq,
    limit,
  });
  const page = found.slice(0, limit);
  const last = page.at(-1);
  const more =
    found.length > limit && last ? `/xapi/statements?more=${encodeMore({ q: params, a: last.seq })}` : '';
  const statements = page.map((r) => formatStatement(r.statement, format, languages));
  return statementResponse(
    db,
    { statements, more },
    page.map((r) => r.statement),
    withAttachments,
    consistentThrough(),
  );
}

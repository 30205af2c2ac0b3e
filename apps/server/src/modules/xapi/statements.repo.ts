import { sql, type SQL } from 'drizzle-orm';
import { copyInTransaction, type Db, type Queryable, type Tx } from '../../db/client.ts';
import { copyBytes, copyText, type CopyValue, type SentJsonObject } from '../../db/copy-text.ts';
import type { DrillDailyDelta, UsageDailyDelta } from './rollup-deltas.ts';
import type { DrillRow, InteractionRow, UsageRow } from './typed-events.ts';

/**
 * Raw SQL for the LRS store. A batch of 1,000 statements is one COPY per table whatever its size
 * (no per-statement queries, no 15,000-parameter INSERTs, no JSON to expand), and rollups are
 * upserted once per batch, last.
 */
async function rows<T>(q: Queryable, query: SQL): Promise<T[]> {
  const { rows: found } = (await q.execute(query)) as { rows: T[] };
  return found;
}

/** One row of xapi_statements as the LRS writes it. */
export interface StatementRow {
  id: string;
  municipality_id: number;
  school_id: number | null;
  client_id: number | null;
  /** the LRS's authority (authorityIdOf) */
  authority_id: number;
  stored: string;
  timestamp: string;
  verb_id: string;
  actor_key: string;
  activity_id: string | null;
  registration: string | null;
  related_agents: string[];
  related_activities: string[];
  voids_statement_id: string | null;
  object_statement_id: string | null;
  /** true when a voiding statement for it arrived first */
  is_voided: boolean;
  person_id: number | null;
  /** the statement as stored, without stored and authority (storedStatementJson in statements.service.ts) */
  statement: SentJsonObject | Record<string, unknown>;
}

export interface StatementBatch {
  statements: readonly StatementRow[];
  drill: readonly DrillRow[];
  interactions: readonly InteractionRow[];
  usage: readonly UsageRow[];
}

const json = (value: unknown) => sql`${JSON.stringify(value)}::json`;

const STATEMENT_COLUMNS = [
  'id',
  'municipality_id',
  'school_id',
  'client_id',
  'authority_id',
  'stored',
  'timestamp',
  'verb_id',
  'actor_key',
  'activity_id',
  'registration',
  'related_agents',
  'related_activities',
  'voids_statement_id',
  'object_statement_id',
  'is_voided',
  'person_id',
  'statement',
] as const;

/** The columns of a typed event table the LRS writes, each with the row field that fills it. */
const DRILL_COLUMNS = {
  school_id: 'schoolId',
  student_id: 'studentId',
  tool_id: 'toolId',
  answered_at: 'answeredAt',
  subject_code: 'subjectCode',
  unit_code: 'unitCode',
  item_code: 'itemCode',
  is_correct: 'isCorrect',
  duration_ms: 'durationMs',
  statement_id: 'statementId',
} as const satisfies Record<string, keyof DrillRow>;
const INTERACTION_COLUMNS = {
  school_id: 'schoolId',
  class_id: 'classId',
  actor_id: 'actorId',
  target_id: 'targetId',
  kind: 'kind',
  occurred_at: 'occurredAt',
  tool_id: 'toolId',
  artifact_ref: 'artifactRef',
  statement_id: 'statementId',
} as const satisfies Record<string, keyof InteractionRow>;
const USAGE_COLUMNS = {
  school_id: 'schoolId',
  person_id: 'personId',
  class_id: 'classId',
  tool_id: 'toolId',
  device: 'device',
  purpose: 'purpose',
  started_at: 'startedAt',
  minutes: 'minutes',
  statement_id: 'statementId',
} as const satisfies Record<string, keyof UsageRow>;

/** COPY of typed events into their table, each column from its row field. */
async function copyEvents<T extends DrillRow | InteractionRow | UsageRow>(
  tx: Tx,
  table: string,
  columns: Readonly<Record<string, keyof T>>,
  events: readonly T[],
): Promise<void> {
  const fields = Object.values(columns);
  await copyInTransaction(
    tx,
    table,
    Object.keys(columns),
    copyText(events.map((e) => fields.map((f) => e[f] as CopyValue))),
  );
}

/**
 * Writes new statements and their typed events with COPY (a stored id makes COPY fail with a
 * unique violation, isStatementIdClash, and the caller writes the batch again, checking its ids).
 * The rollups are not touched here: see addToRollups, the last write of the transaction.
 */
export async function copyStatementBatch(tx: Tx, batch: StatementBatch): Promise<void> {
  await copyInTransaction(
    tx,
    'xapi_statements',
    STATEMENT_COLUMNS,
    copyBytes(batch.statements.map((r) => STATEMENT_COLUMNS.map((c) => r[c]))),
  );
  await copyEvents(tx, 'drill_answers', DRILL_COLUMNS, batch.drill);
  await copyEvents(tx, 'interactions', INTERACTION_COLUMNS, batch.interactions);
  await copyEvents(tx, 'ict_usage', USAGE_COLUMNS, batch.usage);
}

/** True for the unique violation a concurrent writer of the same statement id causes. */
export function isStatementIdClash(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const pgError = e.code ? e : e.cause;
  return pgError?.code === '23505' && pgError.constraint === 'xapi_statements_pkey';
}

/**
 * Adds a batch's sums to drill_daily and ict_usage_daily, in the order given (rollup-deltas.ts
 * sorts by key): concurrent batches lock shared rollup rows in one order and cannot deadlock.
 * Called last in the transaction, so those locks are held only until the commit that follows.
 */
export async function addToRollups(
  tx: Tx,
  drill: readonly DrillDailyDelta[],
  usage: readonly UsageDailyDelta[],
): Promise<void> {
  if (drill.length > 0)
    await tx.execute(sql`INSERT INTO drill_daily (school_id, student_id, date, unit_code, subject_code, answered,
        correct, duration_ms)
      SELECT d."schoolId", d."studentId", d.date, d."unitCode", d."subjectCode", d.answered, d.correct, d."durationMs"
      FROM ROWS FROM (json_to_recordset(${json(drill)}) AS ("schoolId" integer, "studentId" integer,
        date date, "unitCode" text, "subjectCode" subject_code, answered integer, correct integer,
        "durationMs" bigint)) WITH ORDINALITY
        AS d("schoolId", "studentId", date, "unitCode", "subjectCode", answered, correct, "durationMs", n)
      ORDER BY d.n
      ON CONFLICT (school_id, student_id, date, unit_code) DO UPDATE SET
        answered = drill_daily.answered + excluded.answered,
        correct = drill_daily.correct + excluded.correct,
        duration_ms = drill_daily.duration_ms + excluded.duration_ms`);
  if (usage.length > 0)
    await tx.execute(sql`INSERT INTO ict_usage_daily (school_id, date, tool_id, device, purpose, launches, minutes)
      SELECT u."schoolId", u.date, u."toolId", u.device, u.purpose, u.launches, u.minutes
      FROM ROWS FROM (json_to_recordset(${json(usage)}) AS ("schoolId" integer, date date, "toolId" integer,
        device device_kind, purpose usage_purpose, launches integer, minutes bigint)) WITH ORDINALITY
        AS u("schoolId", date, "toolId", device, purpose, launches, minutes, n)
      ORDER BY u.n
      ON CONFLICT (school_id, date, tool_id, device, purpose) DO UPDATE SET
        launches = ict_usage_daily.launches + excluded.launches,
        minutes = ict_usage_daily.minutes + excluded.minutes`);
}

/**
 * Of these new statement ids, those a voiding statement of the municipality already points at
 * (it arrived first and is waiting in xapi_pending_voids): they are stored voided, and are no
 * longer waited for.
 */
export async function takeWaitingVoids(
  tx: Tx,
  municipalityId: number,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const found = await rows<{ id: string }>(
    tx,
    sql`DELETE FROM xapi_pending_voids
        WHERE target_id = ANY(${`{${ids.join(',')}}`}::uuid[]) AND municipality_id = ${municipalityId}
        RETURNING target_id::text AS id`,
  );
  return new Set(found.map((r) => r.id));
}

/** Statements with these ids, whatever their municipality (ids are global: a clash is a conflict). */
export async function findStatementsByIds(q: Queryable, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return rows<{ id: string; municipality_id: number; statement: Record<string, unknown> }>(
    q,
    sql`SELECT id::text AS id, municipality_id, statement FROM xapi_statements
        WHERE id = ANY(${`{${ids.join(',')}}`}::uuid[])`,
  );
}

/**
 * Marks the targets of voiding statements voided (never a voiding statement itself) and removes
 * the typed events derived from them: drill answers (taken out of drill_daily), interactions and
 * ICT sessions (taken out of ict_usage_daily). Returns the ids voided now.
 */
export async function voidStatements(
  tx: Tx,
  municipalityId: number,
  voids: readonly { target: string; voiding: string }[],
  voidedVerb: string,
): Promise<string[]> {
  if (voids.length === 0) return [];
  const targetIds = `{${voids.map((v) => v.target).join(',')}}`;
  // a target not stored at all is waited for: it is stored voided when it comes
  await tx.execute(sql`INSERT INTO xapi_pending_voids (target_id, voiding_id, municipality_id)
    SELECT v."target", v."voiding", ${municipalityId}
    FROM json_to_recordset(${json(voids)}) AS v("target" uuid, "voiding" uuid)
    WHERE NOT EXISTS (SELECT 1 FROM xapi_statements s WHERE s.id = v."target")
    ON CONFLICT DO NOTHING`);
  const voided = await rows<{ id: string }>(
    tx,
    sql`UPDATE xapi_statements SET is_voided = true
        WHERE id = ANY(${targetIds}::uuid[]) AND municipality_id = ${municipalityId}
          AND verb_id <> ${voidedVerb} AND NOT is_voided
        RETURNING id::text AS id`,
  );
  if (voided.length === 0) return [];
  const ids = `{${voided.map((v) => v.id).join(',')}}`;
  // each typed table is reached through its (school_id, …, time) index: the statement's school and timestamp
  const targets = sql`SELECT id, school_id, person_id, "timestamp" FROM xapi_statements
      WHERE id = ANY(${ids}::uuid[]) AND school_id IS NOT NULL`;
  const emptied = await rows<{
    school_id: number;
    student_id: number;
    date: string;
    unit_code: string;
    answered: number;
  }>(
    tx,
    sql`WITH v AS (${targets}), gone AS (
      DELETE FROM drill_answers d USING v
      WHERE d.school_id = v.school_id AND d.student_id = v.person_id AND d.answered_at = v."timestamp"
        AND d.statement_id = v.id
      RETURNING d.school_id, d.student_id, d.answered_at, d.unit_code, d.is_correct, d.duration_ms
    ), totals AS (
      SELECT school_id, student_id, (answered_at AT TIME ZONE 'Asia/Tokyo')::date AS date, unit_code,
        count(*) AS answered, count(*) FILTER (WHERE is_correct) AS correct, sum(duration_ms) AS duration_ms
      FROM gone GROUP BY 1, 2, 3, 4
    )
    UPDATE drill_daily d SET answered = d.answered - t.answered, correct = d.correct - t.correct,
      duration_ms = d.duration_ms - t.duration_ms
    FROM totals t
    WHERE d.school_id = t.school_id AND d.student_id = t.student_id AND d.date = t.date AND d.unit_code = t.unit_code
    RETURNING d.school_id, d.student_id, d.date::text AS date, d.unit_code, d.answered`,
  );
  // rollup rows left with nothing in them go, in one statement
  const emptiedDays = emptied.filter((r) => Number(r.answered) <= 0);
  if (emptiedDays.length > 0)
    await tx.execute(sql`DELETE FROM drill_daily d
      USING json_to_recordset(${json(emptiedDays)}) AS e(school_id integer, student_id integer, date date, unit_code text)
      WHERE d.school_id = e.school_id AND d.student_id = e.student_id AND d.date = e.date
        AND d.unit_code = e.unit_code AND d.answered <= 0`);
  await tx.execute(sql`WITH v AS (${targets})
    DELETE FROM interactions i USING v
    WHERE i.school_id = v.school_id AND i.occurred_at = v."timestamp" AND i.statement_id = v.id`);
  const usageLeft = await rows<{
    school_id: number;
    date: string;
    tool_id: number;
    device: string;
    purpose: string;
    launches: number;
  }>(
    tx,
    sql`WITH v AS (${targets}), gone AS (
      DELETE FROM ict_usage u USING v
      WHERE u.school_id = v.school_id AND u.started_at = v."timestamp" AND u.statement_id = v.id
      RETURNING u.school_id, u.started_at, u.tool_id, u.device, u.purpose, u.minutes
    ), totals AS (
      SELECT school_id, (started_at AT TIME ZONE 'Asia/Tokyo')::date AS date, tool_id, device, purpose,
        count(*) AS launches, sum(minutes) AS minutes
      FROM gone GROUP BY 1, 2, 3, 4, 5
    )
    UPDATE ict_usage_daily d SET launches = d.launches - t.launches, minutes = d.minutes - t.minutes
    FROM totals t
    WHERE d.school_id = t.school_id AND d.date = t.date AND d.tool_id = t.tool_id AND d.device = t.device
      AND d.purpose = t.purpose
    RETURNING d.school_id, d.date::text AS date, d.tool_id, d.device::text AS device,
      d.purpose::text AS purpose, d.launches`,
  );
  const emptiedUsage = usageLeft.filter((r) => Number(r.launches) <= 0);
  if (emptiedUsage.length > 0)
    await tx.execute(sql`DELETE FROM ict_usage_daily d
      USING json_to_recordset(${json(emptiedUsage)}) AS e(school_id integer, date date, tool_id integer,
        device device_kind, purpose usage_purpose)
      WHERE d.school_id = e.school_id AND d.date = e.date AND d.tool_id = e.tool_id AND d.device = e.device
        AND d.purpose = e.purpose AND d.launches <= 0`);
  return voided.map((v) => v.id);
}

export async function insertAttachments(
  tx: Tx,
  attachments: readonly { sha2: string; contentType: string; content: Buffer }[],
): Promise<void> {
  for (const a of attachments)
    await tx.execute(sql`INSERT INTO xapi_attachments (sha2, content_type, length, content)
      VALUES (${a.sha2}, ${a.contentType}, ${a.content.length}, ${a.content})
      ON CONFLICT (sha2) DO NOTHING`);
}

export async function findAttachments(q: Queryable, sha2s: readonly string[]) {
  if (sha2s.length === 0) return [];
  const found = await rows<{ sha2: string; content_type: string; content: Buffer | Uint8Array }>(
    q,
    sql`SELECT sha2, content_type, content FROM xapi_attachments
        WHERE sha2 = ANY(${`{${sha2s.map((s) => s.replace(/[^0-9a-fA-F]/g, '')).join(',')}}`}::text[])`,
  );
  return found.map((r) => ({
    sha2: r.sha2,
    contentType: r.content_type,
    content: Buffer.isBuffer(r.content) ? r.content : Buffer.from(r.content),
  }));
}

/**
 * The id of the authority the LRS records for a client's statements, stored once in
 * xapi_authorities (rows there never change, so an id once known is remembered). Outside the
 * statements' transaction, so that a rolled-back batch cannot leave a remembered id behind.
 */
export async function authorityIdOf(q: Db, agent: object, agentKey: string): Promise<number> {
  const text = JSON.stringify(agent);
  let cache = authorityIds.get(q);
  if (!cache) authorityIds.set(q, (cache = new Map<string, number>()));
  const known = cache.get(text);
  if (known !== undefined) return known;
  const [row] = await rows<{ id: number }>(
    q,
    sql`WITH added AS (
          INSERT INTO xapi_authorities (agent_key, agent) VALUES (${agentKey}, ${text}::jsonb)
          ON CONFLICT (agent) DO NOTHING RETURNING id)
        SELECT id FROM added UNION ALL SELECT id FROM xapi_authorities WHERE agent = ${text}::jsonb`,
  );
  cache.set(text, row!.id);
  return row!.id;
}
const authorityIds = new WeakMap<Db, Map<string, number>>();

/** `stored` as the LRS writes it: UTC with milliseconds. */
const storedText = (x: SQL) => sql`to_char(${x}.stored AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * A stored statement as the LRS returns it: the JSON kept, with `stored` and `authority` added
 * (they are the LRS's own: a column and xapi_authorities). Needs `x` (xapi_statements) and `a`
 * (its xapi_authorities row) in the FROM clause.
 */
const STATEMENT_AS_STORED = sql`x.statement || jsonb_build_object('stored', ${storedText(sql`x`)}, 'authority', a.agent)`;

/** One statement of the municipality: a live one, or (voided = true) one that has been voided. */
export async function findStatement(q: Queryable, municipalityId: number, id: string, voided: boolean) {
  const found = await rows<{ statement: Record<string, unknown>; stored: string }>(
    q,
    sql`SELECT ${STATEMENT_AS_STORED} AS statement, ${storedText(sql`x`)} AS stored
        FROM xapi_statements x JOIN xapi_authorities a ON a.id = x.authority_id
        WHERE x.id = ${id}::uuid AND x.municipality_id = ${municipalityId} AND x.is_voided = ${voided}`,
  );
  return found[0] ?? null;
}

export interface StatementFilter {
  agentKey?: string | undefined;
  relatedAgents: boolean;
  verb?: string | undefined;
  activity?: string | undefined;
  relatedActivities: boolean;
  registration?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  ascending: boolean;
  /** continue after this seq (the `more` cursor) */
  afterSeq?: number | undefined;
  limit: number;
}

/** The IFI key of an agent held in JSON, in SQL (the same as agentKey() in statement-facts.ts). */
function agentKeySql(j: SQL): SQL {
  return sql`CASE
    WHEN ${j} ? 'mbox' THEN 'mbox:' || regexp_replace(${j}->>'mbox', '@.*$', '') || lower(substring(${j}->>'mbox' from '@.*$'))
    WHEN ${j} ? 'mbox_sha1sum' THEN 'mbox_sha1sum:' || lower(${j}->>'mbox_sha1sum')
    WHEN ${j} ? 'openid' THEN 'openid:' || (${j}->>'openid')
    WHEN ${j} ? 'account' THEN 'account:' || (${j}->'account'->>'homePage') || '|' || (${j}->'account'->>'name')
  END`;
}

function membersMatch(group: SQL, key: string): SQL {
  return sql`(jsonb_typeof(${group}->'member') = 'array' AND EXISTS (
    SELECT 1 FROM jsonb_array_elements(${group}->'member') AS m(j) WHERE ${agentKeySql(sql`m.j`)} = ${key}))`;
}

/**
 * The predicate of the partial index `xapi_statements_agent_objects_index` (db/schema/learning.ts):
 * statements whose object is an Agent or Group, or whose actor is a Group.
 */
const AGENT_OBJECT_PREDICATE = sql`((statement -> 'object' ->> 'objectType') IN ('Agent', 'Group') OR (statement -> 'actor' ->> 'objectType') = 'Group')`;

/**
 * Filtered statements of the municipality, voided ones excluded, one more than `limit` to detect a
 * next page. As Part Three 2.1.3 asks, statements that target a matching statement by StatementRef
 * (and, in turn, statements that target those) match as well; since, until and the page cursor
 * apply to them all. Only the few statements that carry a StatementRef are followed
 * (object_statement_id has a partial index), so an ordinary filter pays one index probe.
 */
export async function queryStatements(q: Queryable, municipalityId: number, f: StatementFilter) {
  const filters: SQL[] = [];
  if (f.agentKey !== undefined) {
    const key = f.agentKey;
    const related = sql`related_agents @> ARRAY[${key}]::text[]`;
    // related_agents holds the agents besides the actor and the authority
    if (f.relatedAgents)
      filters.push(sql`(actor_key = ${key} OR ${related}
        OR authority_id IN (SELECT id FROM xapi_authorities WHERE agent_key = ${key}))`);
    else {
      const actor = sql`statement->'actor'`;
      const object = sql`statement->'object'`;
      // the second arm repeats the predicate of the partial index xapi_statements_agent_objects_index,
      // so PostgreSQL combines it with the actor_key index instead of scanning every statement
      filters.push(sql`(actor_key = ${key} OR (${AGENT_OBJECT_PREDICATE} AND ${related} AND (
        ${membersMatch(actor, key)}
        OR (${object}->>'objectType' IN ('Agent', 'Group') AND ${agentKeySql(object)} = ${key})
        OR (${object}->>'objectType' = 'Group' AND ${membersMatch(object, key)}))))`);
    }
  }
  if (f.verb !== undefined) filters.push(sql`verb_id = ${f.verb}`);
  if (f.activity !== undefined)
    filters.push(
      f.relatedActivities
        ? sql`(activity_id = ${f.activity} OR related_activities @> ARRAY[${f.activity}]::text[])`
        : sql`activity_id = ${f.activity}`,
    );
  if (f.registration !== undefined) filters.push(sql`registration = ${f.registration}::uuid`);

  const window: SQL[] = [sql`municipality_id = ${municipalityId}`, sql`NOT is_voided`];
  if (f.since !== undefined) window.push(sql`stored > ${f.since}::timestamptz`);
  if (f.until !== undefined) window.push(sql`stored <= ${f.until}::timestamptz`);
  if (f.afterSeq !== undefined)
    window.push(f.ascending ? sql`seq > ${f.afterSeq}` : sql`seq < ${f.afterSeq}`);
  const order = f.ascending ? sql`ASC` : sql`DESC`;
  const and = (parts: SQL[]) => sql.join(parts, sql` AND `);

  if (filters.length === 0)
    return rows<{ seq: number; statement: Record<string, unknown> }>(
      q,
      sql`SELECT x.seq, ${STATEMENT_AS_STORED} AS statement
          FROM xapi_statements x JOIN xapi_authorities a ON a.id = x.authority_id
          WHERE x.seq IN (SELECT seq FROM xapi_statements WHERE ${and(window)}
                          ORDER BY seq ${order} LIMIT ${f.limit + 1})
          ORDER BY x.seq ${order}`,
    );
  return rows<{ seq: number; statement: Record<string, unknown> }>(
    q,
    sql`WITH RECURSIVE referenced AS (
          -- matching statements that some statement of the municipality targets by StatementRef
          SELECT id FROM xapi_statements
          WHERE ${and(filters)} AND municipality_id = ${municipalityId} AND NOT is_voided
            AND id IN (SELECT object_statement_id FROM xapi_statements
                       WHERE object_statement_id IS NOT NULL AND municipality_id = ${municipalityId})
          UNION
          -- the statements targeting them, and so on
          SELECT r.id FROM xapi_statements r JOIN referenced t ON r.object_statement_id = t.id
          WHERE r.object_statement_id IS NOT NULL AND r.municipality_id = ${municipalityId} AND NOT r.is_voided
        ), hits AS (
          (SELECT seq FROM xapi_statements WHERE ${and(filters)} AND ${and(window)}
           ORDER BY seq ${order} LIMIT ${f.limit + 1})
          UNION
          (SELECT seq FROM xapi_statements
           WHERE object_statement_id IN (SELECT id FROM referenced) AND ${and(window)}
           ORDER BY seq ${order} LIMIT ${f.limit + 1})
        )
        SELECT x.seq, ${STATEMENT_AS_STORED} AS statement
        FROM xapi_statements x JOIN xapi_authorities a ON a.id = x.authority_id
        WHERE x.seq IN (SELECT seq FROM hits ORDER BY seq ${order} LIMIT ${f.limit + 1})
        ORDER BY x.seq ${order}`,
  );
}

/** The newest definition this municipality's statements gave an activity (the Activities resource). */
export async function findActivityDefinition(q: Queryable, municipalityId: number, activityId: string) {
  const found = await rows<{ definition: Record<string, unknown> | null }>(
    q,
    sql`SELECT statement->'object'->'definition' AS definition FROM xapi_statements
        WHERE municipality_id = ${municipalityId} AND activity_id = ${activityId}
          AND statement->'object' ? 'definition'
        ORDER BY seq DESC LIMIT 1`,
  );
  return found[0]?.definition ?? null;
}

/** Names the municipality's statements gave an actor (the Agents resource's Person object). */
export async function findAgentNames(
  q: Queryable,
  municipalityId: number,
  actorKey: string,
): Promise<string[]> {
  const found = await rows<{ name: string }>(
    q,
    sql`SELECT DISTINCT statement->'actor'->>'name' AS name FROM (
          SELECT statement FROM xapi_statements
          WHERE municipality_id = ${municipalityId} AND actor_key = ${actorKey}
          ORDER BY seq DESC LIMIT 100) s
        WHERE statement->'actor' ? 'name'`,
  );
  return found.map((r) => r.name);
}

import { and, asc, count, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Queryable, Tx } from '../../db/client.ts';
import { schools, userAccounts, webhookDeliveries, webhookSubscriptions } from '../../db/schema/index.ts';
import type { EventDayRecord } from './export-rows.ts';

export async function hasSubscriptions(
  q: Queryable,
  municipalityId: number,
  event: string,
): Promise<boolean> {
  const rows = await q
    .select({ id: webhookSubscriptions.id })
    .from(webhookSubscriptions)
    .where(
      and(
        eq(webhookSubscriptions.municipalityId, municipalityId),
        eq(webhookSubscriptions.isEnabled, true),
        isNull(webhookSubscriptions.deletedAt),
        sql`${event} = ANY(${webhookSubscriptions.events})`,
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** One pending delivery per enabled (not deleted) subscriber of the event in the municipality (and school, when set). */
/**
 * Queues one delivery of an event per enabled subscriber of the municipality (or of the school),
 * for each school's payload, in one statement however many school days an import touched; the
 * deliveries are numbered in the order of `payloads`.
 */
export async function insertDeliveries(
  tx: Tx,
  params: {
    municipalityId: number;
    event: string;
    payloads: readonly { schoolId: number; payload: Record<string, unknown> }[];
  },
): Promise<number> {
  if (params.payloads.length === 0) return 0;
  const result = (await tx.execute(sql`INSERT INTO webhook_deliveries (subscription_id, event, payload)
      SELECT s.id, ${params.event}, d.payload
      FROM ROWS FROM (jsonb_to_recordset(${JSON.stringify(params.payloads)}::jsonb)
          AS ("schoolId" integer, payload jsonb)) WITH ORDINALITY AS d("schoolId", payload, n)
        JOIN webhook_subscriptions s ON s.school_id IS NULL OR s.school_id = d."schoolId"
      WHERE s.municipality_id = ${params.municipalityId} AND s.is_enabled AND s.deleted_at IS NULL
        AND ${params.event} = ANY(s.events)
      ORDER BY d.n, s.id
      RETURNING id`)) as { rows: unknown[] };
  return result.rows.length;
}

export async function insertSubscription(
  q: Queryable,
  values: typeof webhookSubscriptions.$inferInsert,
): Promise<number> {
  const [row] = await q
    .insert(webhookSubscriptions)
    .values(values)
    .returning({ id: webhookSubscriptions.id });
  return row!.id;
}

const deliveryToSend = {
  id: webhookDeliveries.id,
  event: webhookDeliveries.event,
  payload: webhookDeliveries.payload,
  attempts: webhookDeliveries.attempts,
  url: webhookSubscriptions.url,
  secret: webhookSubscriptions.secret,
};

export interface DeliveryToSend {
  id: number;
  event: string;
  payload: Record<string, unknown>;
  attempts: number;
  url: string;
  secret: string;
}

/**
 * Claims up to `limit` due deliveries for this worker and returns them with their receiver's address
 * and secret (read now, so a retry after a new secret is signed with it). The claim is one statement:
 * it locks the due rows it can (`FOR UPDATE … SKIP LOCKED`, so two workers never wait for or take the
 * same row) and moves their next attempt to `leaseUntil`, so no other worker finds them due while this
 * one sends; recording the attempt then sets the real next state. A worker that dies mid-send leaves
 * the delivery to be sent again once the lease ends. Deliveries of a disabled receiver wait; a deleted
 * receiver's were cancelled.
 */
export async function claimDueDeliveries(
  q: Queryable,
  params: { now: Date; leaseUntil: Date; limit: number },
): Promise<DeliveryToSend[]> {
  const result = (await q.execute(sql`
    UPDATE webhook_deliveries d SET next_attempt_at = ${params.leaseUntil.toISOString()}::timestamptz
    FROM webhook_subscriptions s
    WHERE s.id = d.subscription_id AND d.id IN (
      SELECT due.id FROM webhook_deliveries due
      JOIN webhook_subscriptions receiver ON receiver.id = due.subscription_id
      WHERE due.status = 'pending' AND due.next_attempt_at <= ${params.now.toISOString()}::timestamptz
        AND receiver.is_enabled AND receiver.deleted_at IS NULL
      ORDER BY due.next_attempt_at, due.id
      LIMIT ${params.limit}
      FOR UPDATE OF due SKIP LOCKED)
    RETURNING d.id, d.event, d.payload, d.attempts, s.url, s.secret`)) as {
    rows: {
      id: number | string;
      event: string;
      payload: Record<string, unknown>;
      attempts: number;
      url: string;
      secret: string;
    }[];
  };
  return result.rows.map((r) => ({ ...r, id: Number(r.id), attempts: Number(r.attempts) }));
}

/** One delivery with its receiver's address and secret, for sending it now (a test delivery). */
export async function findDeliveryToSend(q: Queryable, id: number): Promise<DeliveryToSend | null> {
  const [row] = await q
    .select(deliveryToSend)
    .from(webhookDeliveries)
    .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
    .where(eq(webhookDeliveries.id, id));
  return row ?? null;
}

export async function recordAttempt(
  q: Queryable,
  id: number,
  outcome:
    | { status: 'delivered'; attempts: number; at: Date }
    | { status: 'pending' | 'failed'; attempts: number; nextAttemptAt: Date; error: string },
) {
  await q
    .update(webhookDeliveries)
    .set(
      outcome.status === 'delivered'
        ? { status: 'delivered', attempts: outcome.attempts, deliveredAt: outcome.at, lastError: null }
        : {
            status: outcome.status,
            attempts: outcome.attempts,
            nextAttemptAt: outcome.nextAttemptAt,
            lastError: outcome.error,
          },
    )
    .where(eq(webhookDeliveries.id, id));
}

export async function findDelivery(q: Queryable, id: number) {
  const [row] = await q.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
  return row ?? null;
}

/**
 * The rows of `day` (student_id, school_id, date, … , record) with where each pupil sat that day at that
 * school (学年, 組, 出席番号) and their id in `sourceSystem` (校務番号): what the export and the events carry.
 */
async function placed<T>(q: Queryable, day: SQL, sourceSystem: string): Promise<(EventDayRecord & T)[]> {
  const result = (await q.execute(sql`
    WITH day AS (${day})
    SELECT d.*, c.grade_code, c.name AS class_name, e.attendance_no,
      (SELECT si.source_id FROM source_identities si WHERE si.person_id = d.student_id AND si.system = ${sourceSystem}
        ORDER BY si.id LIMIT 1) AS source_id
    FROM day d
    LEFT JOIN LATERAL (
      SELECT * FROM enrollments e WHERE e.student_id = d.student_id AND e.school_id = d.school_id
        AND e.start_date <= d.date AND e.end_date >= d.date
      ORDER BY e.start_date DESC LIMIT 1) e ON true
    LEFT JOIN classes c ON c.id = e.class_id
    ORDER BY d.school_id, d.date, c.grade_code, c.name, e.attendance_no, d.record, d.student_id`)) as {
    rows: unknown[];
  };
  return result.rows as (EventDayRecord & T)[];
}

/** 出欠 marks and 健康観察 of one school and day, with where each pupil sits and their 校務番号. */
export async function listDayRecords(
  q: Queryable,
  params: { schoolId: number; date: string; sourceSystem: string },
) {
  return placed(
    q,
    sql`SELECT m.school_id, m.date, m.student_id, m.category::text AS category, m.reason, m.symptoms, m.disease,
        NULL::real AS temperature, m.recorded_at, 'attendance' AS record
      FROM attendance_marks m WHERE m.school_id = ${params.schoolId} AND m.date = ${params.date}::date
      UNION ALL
      SELECT h.school_id, h.date, h.student_id, NULL, NULL, h.symptoms, NULL, h.temperature, h.recorded_at, 'health'
      FROM health_observations h WHERE h.school_id = ${params.schoolId} AND h.date = ${params.date}::date`,
    params.sourceSystem,
  );
}

/**
 * The 出欠 marks or 健康観察 an import batch wrote (inserted or changed: rows it left unchanged keep the
 * batch that wrote them), shaped as {@link listDayRecords}, with the school's code; by school and day.
 */
export async function listBatchRecords(
  q: Queryable,
  params: { record: 'attendance' | 'health'; batchId: number; sourceSystem: string },
) {
  const day =
    params.record === 'attendance'
      ? sql`SELECT m.school_id, m.date, m.student_id, m.category::text AS category, m.reason, m.symptoms, m.disease,
            NULL::real AS temperature, m.recorded_at, 'attendance' AS record
          FROM attendance_marks m WHERE m.batch_id = ${params.batchId}`
      : sql`SELECT h.school_id, h.date, h.student_id, NULL::text AS category, NULL::text AS reason, h.symptoms,
            NULL::text AS disease, h.temperature, h.recorded_at, 'health' AS record
          FROM health_observations h WHERE h.batch_id = ${params.batchId}`;
  return placed<{ school_id: number; day: string; school_code: string }>(
    q,
    sql`SELECT x.*, x.date::text AS day, s.code AS school_code FROM (${day}) x JOIN schools s ON s.id = x.school_id`,
    params.sourceSystem,
  );
}

const lastDelivery = (column: 'status' | 'created_at') =>
  sql.raw(`(SELECT d.${column} FROM webhook_deliveries d WHERE d.subscription_id = webhook_subscriptions.id
    ORDER BY d.id DESC LIMIT 1)`);

const subscriptionColumns = {
  id: webhookSubscriptions.id,
  municipalityId: webhookSubscriptions.municipalityId,
  schoolId: webhookSubscriptions.schoolId,
  name: webhookSubscriptions.name,
  url: webhookSubscriptions.url,
  events: webhookSubscriptions.events,
  isEnabled: webhookSubscriptions.isEnabled,
  createdAt: webhookSubscriptions.createdAt,
  updatedAt: webhookSubscriptions.updatedAt,
  updatedBy: webhookSubscriptions.updatedBy,
  updatedByName: userAccounts.displayName,
  lastDeliveryStatus: sql<string | null>`${lastDelivery('status')}`,
  lastDeliveryAt: sql<Date | string | null>`${lastDelivery('created_at')}`,
};
const selectSubscriptions = (q: Queryable) =>
  q
    .select(subscriptionColumns)
    .from(webhookSubscriptions)
    .leftJoin(userAccounts, eq(userAccounts.id, webhookSubscriptions.updatedBy));
export type SubscriptionRow = Awaited<ReturnType<typeof selectSubscriptions>>[number];

/** The municipality's receivers that have not been deleted, oldest first. */
export async function listSubscriptions(q: Queryable, municipalityId: number): Promise<SubscriptionRow[]> {
  return selectSubscriptions(q)
    .where(
      and(eq(webhookSubscriptions.municipalityId, municipalityId), isNull(webhookSubscriptions.deletedAt)),
    )
    .orderBy(asc(webhookSubscriptions.id));
}

/** One receiver of the municipality (not deleted), or null: another municipality's id is not found. */
export async function findSubscription(
  q: Queryable,
  municipalityId: number,
  id: number,
): Promise<SubscriptionRow | null> {
  const [row] = await selectSubscriptions(q).where(
    and(
      eq(webhookSubscriptions.id, id),
      eq(webhookSubscriptions.municipalityId, municipalityId),
      isNull(webhookSubscriptions.deletedAt),
    ),
  );
  return row ?? null;
}

export async function updateSubscription(
  q: Queryable,
  id: number,
  values: Partial<
    Pick<
      typeof webhookSubscriptions.$inferInsert,
      'name' | 'url' | 'events' | 'schoolId' | 'isEnabled' | 'secret'
    >
  > & { updatedBy: number },
): Promise<void> {
  await q
    .update(webhookSubscriptions)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(webhookSubscriptions.id, id));
}

/** Marks a receiver deleted and cancels its pending deliveries; the log keeps the rest. */
export async function softDeleteSubscription(tx: Tx, id: number, userId: number): Promise<void> {
  await tx
    .update(webhookSubscriptions)
    .set({ deletedAt: sql`now()`, updatedAt: sql`now()`, updatedBy: userId, isEnabled: false })
    .where(eq(webhookSubscriptions.id, id));
  await tx
    .update(webhookDeliveries)
    .set({ status: 'cancelled' })
    .where(and(eq(webhookDeliveries.subscriptionId, id), eq(webhookDeliveries.status, 'pending')));
}

/** A delivery for one receiver only (the test delivery); the caller sends it at once. */
export async function insertDelivery(
  q: Queryable,
  values: { subscriptionId: number; event: string; payload: Record<string, unknown>; nextAttemptAt: Date },
): Promise<number> {
  const [row] = await q.insert(webhookDeliveries).values(values).returning({ id: webhookDeliveries.id });
  return row!.id;
}

/** A page of the municipality's deliveries, newest first, with the receiver each went to. */
export async function listDeliveries(
  q: Queryable,
  params: {
    municipalityId: number;
    deliveryId?: number | undefined;
    subscriptionId?: number | undefined;
    status?: string | undefined;
    limit: number;
    offset: number;
  },
) {
  const conditions: SQL[] = [eq(webhookSubscriptions.municipalityId, params.municipalityId)];
  if (params.deliveryId !== undefined) conditions.push(eq(webhookDeliveries.id, params.deliveryId));
  if (params.subscriptionId !== undefined)
    conditions.push(eq(webhookDeliveries.subscriptionId, params.subscriptionId));
  if (params.status !== undefined) conditions.push(eq(webhookDeliveries.status, params.status));
  const where = and(...conditions);
  const rows = await q
    .select({
      id: webhookDeliveries.id,
      subscriptionId: webhookDeliveries.subscriptionId,
      subscriptionName: webhookSubscriptions.name,
      subscriptionUrl: webhookSubscriptions.url,
      subscriptionEnabled: webhookSubscriptions.isEnabled,
      subscriptionDeletedAt: webhookSubscriptions.deletedAt,
      event: webhookDeliveries.event,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      lastError: webhookDeliveries.lastError,
      createdAt: webhookDeliveries.createdAt,
      deliveredAt: webhookDeliveries.deliveredAt,
      date: sql<string | null>`${webhookDeliveries.payload}->>'date'`,
      schoolCode: sql<string | null>`${webhookDeliveries.payload}->>'schoolCode'`,
      records: sql<number | null>`CASE WHEN jsonb_typeof(${webhookDeliveries.payload}->'records') = 'array'
        THEN jsonb_array_length(${webhookDeliveries.payload}->'records') END`,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
    .where(where)
    .orderBy(desc(webhookDeliveries.id))
    .limit(params.limit)
    .offset(params.offset);
  const [total] = await q
    .select({ n: count() })
    .from(webhookDeliveries)
    .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
    .where(where);
  return { rows, total: total?.n ?? 0 };
}

/** Schools of the municipality (or just one), by 学校コード. */
export async function listSchools(q: Queryable, municipalityId: number, onlySchoolId: number | null) {
  return q
    .select({ id: schools.id, code: schools.code, name: schools.name })
    .from(schools)
    .where(
      and(
        eq(schools.municipalityId, municipalityId),
        onlySchoolId === null ? undefined : eq(schools.id, onlySchoolId),
      ),
    )
    .orderBy(asc(schools.code));
}

import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '../../db/client.ts';
import { sourceIdentities, webhookDeliveries, webhookSubscriptions } from '../../db/schema/index.ts';

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
        sql`${event} = ANY(${webhookSubscriptions.events})`,
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** One pending delivery per enabled subscriber of the event in the municipality (and school, when set). */
export async function insertDeliveries(
  tx: Tx,
  params: { municipalityId: number; schoolId: number; event: string; payload: Record<string, unknown> },
): Promise<number> {
  const result = (await tx.execute(sql`INSERT INTO webhook_deliveries (subscription_id, event, payload)
      SELECT s.id, ${params.event}, ${JSON.stringify(params.payload)}::jsonb FROM webhook_subscriptions s
      WHERE s.municipality_id = ${params.municipalityId} AND s.is_enabled AND ${params.event} = ANY(s.events)
        AND (s.school_id IS NULL OR s.school_id = ${params.schoolId})
      RETURNING id`)) as { rows: unknown[] };
  return result.rows.length;
}

export async function insertSubscription(q: Queryable, values: typeof webhookSubscriptions.$inferInsert) {
  const [row] = await q.insert(webhookSubscriptions).values(values).returning();
  return row!;
}

export async function findDueDeliveries(q: Queryable, now: Date, limit: number) {
  return q
    .select({
      id: webhookDeliveries.id,
      event: webhookDeliveries.event,
      payload: webhookDeliveries.payload,
      attempts: webhookDeliveries.attempts,
      url: webhookSubscriptions.url,
      secret: webhookSubscriptions.secret,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
    .where(and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, now)))
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(limit);
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

/** 出欠 marks and 健康観察 of one school and day, with where each pupil sits and their 校務番号. */
export async function listDayRecords(
  q: Queryable,
  params: { schoolId: number; date: string; sourceSystem: string },
) {
  const result = (await q.execute(sql`
    WITH day AS (
      SELECT m.student_id, m.category::text AS category, m.reason, m.symptoms, m.disease, NULL::real AS temperature,
        m.recorded_at, 'attendance' AS record
      FROM attendance_marks m WHERE m.school_id = ${params.schoolId} AND m.date = ${params.date}::date
      UNION ALL
      SELECT h.student_id, NULL, NULL, h.symptoms, NULL, h.temperature, h.recorded_at, 'health'
      FROM health_observations h WHERE h.school_id = ${params.schoolId} AND h.date = ${params.date}::date)
    SELECT d.*, c.grade_code, c.name AS class_name, e.attendance_no,
      (SELECT si.source_id FROM source_identities si WHERE si.person_id = d.student_id AND si.system = ${params.sourceSystem}
        ORDER BY si.id LIMIT 1) AS source_id
    FROM day d
    LEFT JOIN LATERAL (
      SELECT * FROM enrollments e WHERE e.student_id = d.student_id AND e.school_id = ${params.schoolId}
        AND e.start_date <= ${params.date}::date AND e.end_date >= ${params.date}::date
      ORDER BY e.start_date DESC LIMIT 1) e ON true
    LEFT JOIN classes c ON c.id = e.class_id
    ORDER BY c.grade_code, c.name, e.attendance_no, d.record`)) as { rows: unknown[] };
  return result.rows as {
    student_id: number;
    category: string | null;
    reason: string | null;
    symptoms: string[];
    disease: string | null;
    temperature: number | null;
    recorded_at: Date | string;
    record: 'attendance' | 'health';
    grade_code: string | null;
    class_name: string | null;
    attendance_no: number | null;
    source_id: string | null;
  }[];
}

export async function listSubscriptions(q: Queryable, municipalityId: number) {
  return q
    .select()
    .from(webhookSubscriptions)
    .where(eq(webhookSubscriptions.municipalityId, municipalityId))
    .orderBy(asc(webhookSubscriptions.id));
}

export async function listRecentDeliveries(q: Queryable, municipalityId: number, limit: number) {
  return q
    .select({
      id: webhookDeliveries.id,
      subscriptionId: webhookDeliveries.subscriptionId,
      event: webhookDeliveries.event,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      lastError: webhookDeliveries.lastError,
      createdAt: webhookDeliveries.createdAt,
      deliveredAt: webhookDeliveries.deliveredAt,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
    .where(eq(webhookSubscriptions.municipalityId, municipalityId))
    .orderBy(desc(webhookDeliveries.id))
    .limit(limit);
}

/** 校務番号 (or another system's ids) of the given pupils. */
export async function sourceIdsOf(q: Queryable, system: string, personIds: readonly number[]) {
  if (personIds.length === 0) return new Map<number, string>();
  const rows = await q
    .select({ personId: sourceIdentities.personId, sourceId: sourceIdentities.sourceId })
    .from(sourceIdentities)
    .where(and(eq(sourceIdentities.system, system), inArray(sourceIdentities.personId, [...personIds])));
  return new Map(rows.map((r) => [r.personId, r.sourceId]));
}

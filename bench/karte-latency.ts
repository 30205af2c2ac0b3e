import { and, count, desc, eq } from 'drizzle-orm';
import type { Database } from '../apps/server/src/db/client.ts';
import { enrollments, userAccounts } from '../apps/server/src/db/schema/index.ts';
import { DEMO_PASSWORD } from '../apps/server/src/db/seed/demo-accounts.ts';

export interface Latency {
  p50: number;
  p95: number;
  count: number;
  students: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

/**
 * Signs in as the demo nurse (who may read every karte of her school) and times sequential
 * karte requests over HTTP for pupils of that school, after a warm-up.
 */
export async function karteLatency(database: Database, baseUrl: string, requests: number): Promise<Latency> {
  const { db } = database;
  const [nurse] = await db
    .select({ schoolId: userAccounts.schoolId })
    .from(userAccounts)
    .where(eq(userAccounts.loginId, 'nurse'));
  if (!nurse?.schoolId) throw new Error('the demo nurse account is missing');
  const pupils = await db
    .select({ studentId: enrollments.studentId, n: count() })
    .from(enrollments)
    .where(and(eq(enrollments.schoolId, nurse.schoolId)))
    .groupBy(enrollments.studentId)
    .orderBy(desc(count()), enrollments.studentId)
    .limit(200);
  const response = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ loginId: 'nurse', password: DEMO_PASSWORD }),
  });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const timings: number[] = [];
  for (let i = 0; i < requests + 10; i++) {
    const pupil = pupils[i % pupils.length]!;
    const start = process.hrtime.bigint();
    const r = await fetch(`${baseUrl}/api/students/${pupil.studentId}/karte`, { headers: { cookie } });
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`karte ${pupil.studentId}: HTTP ${r.status}`);
    if (i >= 10) timings.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  timings.sort((a, b) => a - b);
  return {
    p50: percentile(timings, 50),
    p95: percentile(timings, 95),
    count: timings.length,
    students: pupils.length,
  };
}

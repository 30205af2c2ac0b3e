import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/client.ts';
import { webhookDeliveries, webhookSubscriptions } from '../src/db/schema/index.ts';
import { claimDueDeliveries } from '../src/modules/attendance-feed/repo.ts';
import { startWebhookWorker } from '../src/modules/attendance-feed/worker.ts';
import { buildMunicipality } from './support/factories.ts';
import { openTestDatabase, testEngines, type TestDatabase } from './support/test-db.ts';

const DELIVERIES = 40;

/**
 * Two webhook workers on one database, as two server processes would run them: every due delivery
 * must reach the receiver exactly once. On PostgreSQL the second worker has its own connection pool
 * (a second process's view of the same database); PGlite can only be opened by one process, so both
 * workers share it.
 */
describe.each(testEngines())('webhook workers side by side on %s', (engine) => {
  let database: TestDatabase;
  let second: Database | null = null;
  let receiver: Server;
  let subscriptionId = 0;
  const received: string[] = [];

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    if (engine === 'postgres') {
      const result: unknown = await database.db.execute(sql`SELECT current_database() AS name`);
      const row = (result as { rows: { name: string }[] }).rows[0];
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${row!.name}`;
      second = await openDatabase({ databaseUrl: url.toString(), migrate: false });
    }
    receiver = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        received.push(String(request.headers['x-edukarte-delivery']));
        // answer a little later, so the two workers' sends overlap
        setTimeout(() => response.end(), 5);
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const municipality = await buildMunicipality(database.db);
    const [sub] = await database.db
      .insert(webhookSubscriptions)
      .values({
        municipalityId: municipality.id,
        url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
        secret: 'claim-secret',
        events: ['attendance.recorded'],
      })
      .returning();
    subscriptionId = sub!.id;
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver?.close(resolve));
    await second?.close();
    await database?.dispose();
  });

  const queue = async (n: number, nextAttemptAt: Date) =>
    database.db
      .insert(webhookDeliveries)
      .values(
        Array.from({ length: n }, (_, i) => ({
          subscriptionId,
          event: 'attendance.recorded',
          payload: { date: '2026-11-20', n: i },
          nextAttemptAt,
        })),
      )
      .returning({ id: webhookDeliveries.id });

  it('sends each due delivery once when two workers run at the same time', async () => {
    const now = new Date();
    const ids = (await queue(DELIVERIES, now)).map((r) => String(r.id));
    const options = { now: () => now, intervalMs: 3_600_000, batchSize: 100 };
    const a = startWebhookWorker({ db: database.db, ...options });
    const b = startWebhookWorker({ db: (second ?? database).db, ...options });
    try {
      const [byA, byB] = await Promise.all([a.runOnce(), b.runOnce()]);
      expect(byA + byB).toBe(DELIVERIES);
      expect(await Promise.all([a.runOnce(), b.runOnce()])).toEqual([0, 0]);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    expect([...received].sort()).toEqual([...ids].sort());
    const rows = await database.db
      .select({ status: webhookDeliveries.status, attempts: webhookDeliveries.attempts })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.subscriptionId, subscriptionId));
    expect(rows).toHaveLength(DELIVERIES);
    expect(rows.every((r) => r.status === 'delivered' && r.attempts === 1)).toBe(true);
  });

  it('a claimed delivery is not due for anyone else until its lease ends, then it is sent', async () => {
    received.length = 0;
    const now = new Date();
    const [{ id }] = (await queue(1, now)) as [{ id: number }];
    // a worker that claimed it and died before sending
    const claimed = await claimDueDeliveries(database.db, {
      now,
      leaseUntil: new Date(now.getTime() + 120_000),
      limit: 10,
    });
    expect(claimed.map((d) => d.id)).toEqual([id]);
    expect(claimed[0]).toMatchObject({
      url: expect.stringContaining('/hook') as unknown,
      secret: 'claim-secret',
    });
    expect(
      await claimDueDeliveries((second ?? database).db, {
        now: new Date(now.getTime() + 60_000),
        leaseUntil: new Date(now.getTime() + 180_000),
        limit: 10,
      }),
    ).toEqual([]);

    const later = startWebhookWorker({
      db: (second ?? database).db,
      now: () => new Date(now.getTime() + 121_000),
      intervalMs: 3_600_000,
    });
    try {
      expect(await later.runOnce()).toBe(1);
    } finally {
      await later.stop();
    }
    expect(received).toEqual([String(id)]);
  });
});

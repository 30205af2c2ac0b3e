import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ImportPreviewResponse,
  WebhookDeliveryList,
  WebhookSubscriptionCreated,
  WebhookSubscriptionList,
} from '@edukarte/shared';
import { webhookDeliveries } from '../src/db/schema/index.ts';
import { findDelivery } from '../src/modules/attendance-feed/repo.ts';
import { verifySignature } from '../src/modules/attendance-feed/signature.ts';
import {
  afterFailure,
  startWebhookWorker,
  type WebhookWorker,
} from '../src/modules/attendance-feed/worker.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { testEngines } from './support/test-db.ts';
import { commit, csv, pupilsOf, schoolOf, upload } from './fixtures/koumu/helpers.ts';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

describe('webhook back-off', () => {
  it.each([
    [1, 'pending', 60_000],
    [2, 'pending', 300_000],
    [3, 'pending', 1_800_000],
    [4, 'pending', 7_200_000],
    [5, 'pending', 21_600_000],
    [6, 'failed', 0],
  ] as const)('after attempt %i: %s, next in %i ms', (attempts, status, delay) => {
    const now = new Date('2026-11-20T00:00:00Z');
    const next = afterFailure(attempts, now);
    expect(next.status).toBe(status);
    expect(next.nextAttemptAt.getTime() - now.getTime()).toBe(delay);
  });
});

describe.each(testEngines())('出欠 webhook deliveries on %s', (engine) => {
  let t: TestApp;
  let receiver: Server;
  let worker: WebhookWorker;
  const received: Received[] = [];
  let answers = [500, 200];
  let clock = new Date(Date.now() + 60_000); // deliveries are queued at the database's now()
  let SECRET = '';

  beforeAll(async () => {
    t = await startTestApp(engine);
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        received.push({ headers: request.headers, body });
        response.statusCode = answers.shift() ?? 200;
        response.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const cookie = await t.signIn('admin');
    const created = await fetch(`${t.baseUrl}/api/admin/webhook-subscriptions`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/edukarte` }),
    });
    expect(created.status).toBe(201);
    SECRET = WebhookSubscriptionCreated.parse(await created.json()).secret;
    worker = startWebhookWorker({ db: t.database.db, now: () => clock, intervalMs: 3_600_000 });
  });
  afterAll(async () => {
    await worker?.stop();
    await new Promise((resolve) => receiver?.close(resolve));
    await t?.dispose();
  });

  it('queues an event when an attendance import commits, retries after a 500 and delivers signed JSON', async () => {
    const cookie = await t.signIn('admin');
    const [pupil] = await pupilsOf(t, await schoolOf(t, 'principal'), 2026, 1);
    const file = csv([
      ['校務番号', '日付', '区分', '理由'],
      [pupil!.sourceId, '2026-11-20', '欠席（病気）', '発熱'],
    ]);
    const preview = ImportPreviewResponse.parse(
      await (await upload(t, cookie, file, { kind: 'attendance' })).json(),
    );
    expect((await commit(t, cookie, preview.batch.id)).status).toBe(200);
    const queued = await t.database.db.select().from(webhookDeliveries);
    expect(queued).toHaveLength(1);
    const id = queued[0]!.id;

    expect(await worker.runOnce()).toBe(1);
    let delivery = await findDelivery(t.database.db, id);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 500' });
    expect(delivery!.nextAttemptAt.getTime()).toBe(clock.getTime() + 60_000);

    expect(await worker.runOnce()).toBe(0); // not due yet
    clock = new Date(clock.getTime() + 61_000);
    expect(await worker.runOnce()).toBe(1);
    delivery = await findDelivery(t.database.db, id);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 2, lastError: null });

    expect(received).toHaveLength(2);
    const last = received[1]!;
    expect(last.headers['x-edukarte-delivery']).toBe(String(id));
    expect(verifySignature(SECRET, last.body, last.headers['x-edukarte-signature'] as string)).toBe(true);
    expect(verifySignature('wrong', last.body, last.headers['x-edukarte-signature'] as string)).toBe(false);
    const body = JSON.parse(last.body) as {
      event: string;
      payload: { date: string; records: { studentId: number; category: string }[] };
    };
    expect(body.event).toBe('attendance.recorded');
    expect(body.payload.date).toBe('2026-11-20');
    expect(body.payload.records).toEqual([
      expect.objectContaining({
        studentId: pupil!.studentId,
        sourceId: pupil!.sourceId,
        category: 'ABSENT_SICK',
        reason: '発熱',
      }),
    ]);
  });

  it('gives up after the last retry and keeps the error', async () => {
    answers = Array.from({ length: 10 }, () => 503);
    const [delivery] = await t.database.db
      .insert(webhookDeliveries)
      .values({
        subscriptionId: 1,
        event: 'attendance.recorded',
        payload: { test: true },
        nextAttemptAt: clock,
      })
      .returning();
    for (let attempt = 0; attempt < 6; attempt++) {
      await worker.runOnce();
      clock = new Date(clock.getTime() + 7 * 3_600_000);
    }
    expect(await findDelivery(t.database.db, delivery!.id)).toMatchObject({
      status: 'failed',
      attempts: 6,
      lastError: 'HTTP 503',
    });
  });

  it('lists subscribers (no secret) and deliveries to the admin only', async () => {
    const admin = await t.signIn('admin');
    const list = WebhookSubscriptionList.parse(
      await (await t.get('/api/admin/webhook-subscriptions', admin)).json(),
    );
    expect(list.subscriptions).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain(SECRET);
    const deliveries = WebhookDeliveryList.parse(
      await (await t.get('/api/admin/webhook-deliveries', admin)).json(),
    );
    expect(deliveries.deliveries.map((d) => d.status).sort()).toEqual(['delivered', 'failed']);
    for (const role of ['principal', 'nurse', 'teacher', 'board', 'student']) {
      const cookie = await t.signIn(role);
      expect((await t.get('/api/admin/webhook-subscriptions', cookie)).status, role).toBe(403);
      expect((await t.get('/api/admin/webhook-deliveries', cookie)).status, role).toBe(403);
    }
  });
});

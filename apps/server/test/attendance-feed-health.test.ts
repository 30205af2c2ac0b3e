import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq, inArray } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportPreviewResponse, WebhookDeliveryList, WebhookSubscriptionCreated } from '@edukarte/shared';
import { attendanceMarks, healthObservations, webhookDeliveries } from '../src/db/schema/index.ts';
import { verifySignature } from '../src/modules/attendance-feed/signature.ts';
import { startWebhookWorker, type WebhookWorker } from '../src/modules/attendance-feed/worker.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { testEngines } from './support/test-db.ts';
import { commit, csv, pupilsOf, schoolOf, upload, type Pupil } from './fixtures/koumu/helpers.ts';

const DAY = '2026-11-13';

interface Received {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

interface EventBody {
  id: number;
  event: string;
  payload: { schoolCode: string; date: string; source: string; records: Record<string, unknown>[] };
}

describe.each(testEngines())('健康観察 and 出欠 webhook events on %s', (engine) => {
  let t: TestApp;
  let receiver: Server;
  let worker: WebhookWorker;
  let admin = '';
  let schoolId = 0;
  let pupils: Pupil[] = [];
  const received: Received[] = [];
  const subs: Record<'health' | 'attendance' | 'both', WebhookSubscriptionCreated> = {} as never;
  const clock = () => new Date(Date.now() + 60_000);

  const importFile = async (kind: 'health' | 'attendance', rows: (string | number)[][]) => {
    const preview = ImportPreviewResponse.parse(
      await (await upload(t, admin, csv(rows), { kind, schoolId: String(schoolId) })).json(),
    );
    expect(preview.problems, JSON.stringify(preview.problems)).toEqual([]);
    expect((await commit(t, admin, preview.batch.id)).status).toBe(200);
  };
  const queued = async (subscriptionId: number) =>
    t.database.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.subscriptionId, subscriptionId))
      .orderBy(webhookDeliveries.id);
  const healthFile = (temperature: string) => [
    ['校務番号', '日付', '症状', '体温'],
    [pupils[0]!.sourceId, DAY, '鼻水、せき', temperature],
    [pupils[1]!.sourceId, DAY, '頭痛', '36.9'],
  ];

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.signIn('admin');
    schoolId = await schoolOf(t, 'principal');
    pupils = await pupilsOf(t, schoolId, 2026, 2);
    const ids = pupils.map((p) => p.studentId);
    // the demo may hold this day already: start from nothing so the file's rows are new
    await t.database.db
      .delete(healthObservations)
      .where(and(eq(healthObservations.date, DAY), inArray(healthObservations.studentId, ids)));
    await t.database.db
      .delete(attendanceMarks)
      .where(and(eq(attendanceMarks.date, DAY), inArray(attendanceMarks.studentId, ids)));

    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        received.push({ path: request.url ?? '', headers: request.headers, body });
        response.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    for (const [key, events] of [
      ['health', ['health.recorded']],
      ['attendance', ['attendance.recorded']],
      ['both', ['attendance.recorded', 'health.recorded']],
    ] as const) {
      const response = await fetch(`${t.baseUrl}/api/admin/webhook-subscriptions`, {
        method: 'POST',
        headers: { cookie: admin, 'content-type': 'application/json' },
        body: JSON.stringify({ name: key, url: `${base}/${key}`, events }),
      });
      expect(response.status).toBe(201);
      subs[key] = WebhookSubscriptionCreated.parse(await response.json());
    }
    worker = startWebhookWorker({ db: t.database.db, now: clock, intervalMs: 3_600_000 });
  });
  afterAll(async () => {
    await worker?.stop();
    await new Promise((resolve) => receiver?.close(resolve));
    await t?.dispose();
  });

  it('a 健康観察 import queues one health.recorded event per school and day, for its subscribers only', async () => {
    await importFile('health', healthFile('37.8'));
    expect(await queued(subs.attendance.id)).toEqual([]);
    for (const sub of [subs.health, subs.both]) {
      const rows = await queued(sub.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ event: 'health.recorded', status: 'pending' });
    }

    await worker.runOnce();
    const sent = received.filter((r) => r.path === '/health');
    expect(sent).toHaveLength(1);
    const delivery = sent[0]!;
    expect(delivery.headers['x-edukarte-event']).toBe('health.recorded');
    expect(
      verifySignature(subs.health.secret, delivery.body, delivery.headers['x-edukarte-signature'] as string),
    ).toBe(true);
    const body = JSON.parse(delivery.body) as EventBody;
    expect(body.event).toBe('health.recorded');
    expect(body.payload).toMatchObject({ date: DAY, schoolCode: pupils[0]!.schoolCode, source: 'koumu' });
    expect(body.payload.records).toHaveLength(2);
    expect(body.payload.records.find((r) => r.studentId === pupils[0]!.studentId)).toEqual({
      studentId: pupils[0]!.studentId,
      sourceId: pupils[0]!.sourceId,
      grade: pupils[0]!.grade,
      className: pupils[0]!.className,
      attendanceNo: pupils[0]!.attendanceNo,
      symptoms: ['鼻水', 'せき'],
      temperature: 37.8,
      recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+09:00$/) as unknown,
    });

    const log = WebhookDeliveryList.parse(
      await (await t.get(`/api/admin/webhook-deliveries?subscriptionId=${subs.health.id}`, admin)).json(),
    );
    expect(log.deliveries[0]).toMatchObject({
      event: 'health.recorded',
      status: 'delivered',
      date: DAY,
      records: 2,
    });
  });

  it('carries the same values as the CSV export of that school and day', async () => {
    const body = JSON.parse(received.find((r) => r.path === '/health')!.body) as EventBody;
    const response = await t.get(`/api/koumu/attendance-export?schoolId=${schoolId}&date=${DAY}`, admin);
    expect(response.status).toBe(200);
    const rows = parse<Record<string, string>>(Buffer.from(await response.arrayBuffer()).toString('utf8'), {
      bom: true,
      columns: true,
    });
    const ours = new Set(pupils.map((p) => p.sourceId));
    const healthRows = rows.filter((r) => r['区分'] === '健康観察' && ours.has(r['校務番号']!));
    expect(healthRows).toHaveLength(2);
    for (const record of body.payload.records) {
      const row = healthRows.find((r) => r['校務番号'] === record.sourceId);
      expect(row, String(record.sourceId)).toBeDefined();
      expect(row!['学年']).toBe(record.grade);
      expect(row!['組']).toBe(record.className);
      expect(row!['出席番号']).toBe(String(record.attendanceNo));
      expect(row!['症状']).toBe((record.symptoms as string[]).join('、'));
      expect(row!['体温']).toBe((record.temperature as number).toFixed(1));
      expect(row!['記録時刻']).toBe((record.recordedAt as string).slice(0, 19).replace('T', ' '));
    }
  });

  it('repeating the same file sends nothing; a changed row sends just that row', async () => {
    await importFile('health', healthFile('37.8'));
    expect(await queued(subs.health.id)).toHaveLength(1);
    await importFile('health', healthFile('38.2'));
    const rows = await queued(subs.health.id);
    expect(rows).toHaveLength(2);
    const payload = rows[1]!.payload as EventBody['payload'];
    expect(payload.records).toEqual([
      expect.objectContaining({ studentId: pupils[0]!.studentId, temperature: 38.2 }),
    ]);
  });

  it('an 出欠 import goes to attendance subscribers with the export’s 区分, 学年, 組 and 出席番号', async () => {
    await importFile('attendance', [
      ['校務番号', '日付', '区分', '理由'],
      [pupils[1]!.sourceId, DAY, '欠席（病気）', '発熱'],
    ]);
    expect((await queued(subs.health.id)).map((d) => d.event)).toEqual([
      'health.recorded',
      'health.recorded',
    ]);
    const [attendance] = await queued(subs.attendance.id);
    expect(attendance).toMatchObject({ event: 'attendance.recorded' });
    expect((await queued(subs.both.id)).map((d) => d.event)).toContain('attendance.recorded');
    expect((attendance!.payload as EventBody['payload']).records).toEqual([
      {
        studentId: pupils[1]!.studentId,
        sourceId: pupils[1]!.sourceId,
        grade: pupils[1]!.grade,
        className: pupils[1]!.className,
        attendanceNo: pupils[1]!.attendanceNo,
        category: 'ABSENT_SICK',
        categoryLabel: '欠席（病気）',
        reason: '発熱',
        symptoms: [],
        disease: null,
        recordedAt: expect.stringMatching(/\+09:00$/) as unknown,
      },
    ]);
  });

  it('lets a receiver change which events it gets', async () => {
    const path = `/api/admin/webhook-subscriptions/${subs.attendance.id}`;
    const patched = await fetch(`${t.baseUrl}${path}`, {
      method: 'PATCH',
      headers: { cookie: admin, 'content-type': 'application/json' },
      body: JSON.stringify({ events: ['health.recorded'] }),
    });
    expect(patched.status).toBe(200);
    const before = (await queued(subs.attendance.id)).length;
    await importFile('health', healthFile('37.1'));
    const after = await queued(subs.attendance.id);
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({ event: 'health.recorded' });

    const unknown = await fetch(`${t.baseUrl}${path}`, {
      method: 'PATCH',
      headers: { cookie: admin, 'content-type': 'application/json' },
      body: JSON.stringify({ events: ['nurse.recorded'] }),
    });
    expect(unknown.status).toBe(400);
  });
});

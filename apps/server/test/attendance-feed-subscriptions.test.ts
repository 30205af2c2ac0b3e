import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ErrorResponse,
  ExportSchoolList,
  ImportPreviewResponse,
  WebhookDeliveryList,
  WebhookDeliverySummary,
  WebhookSubscriptionCreated,
  WebhookSubscriptionList,
  WebhookSubscriptionSummary,
} from '@edukarte/shared';
import {
  accessAudit,
  schools,
  userAccounts,
  webhookDeliveries,
  webhookSubscriptions,
} from '../src/db/schema/index.ts';
import { verifySignature } from '../src/modules/attendance-feed/signature.ts';
import { startWebhookWorker, type WebhookWorker } from '../src/modules/attendance-feed/worker.ts';
import { buildMunicipality, buildSchool } from './support/factories.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { testEngines } from './support/test-db.ts';
import { commit, csv, pupilsOf, schoolOf, upload } from './fixtures/koumu/helpers.ts';

interface Received {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const OTHER_ROLES = ['principal', 'nurse', 'teacher', 'board', 'student'] as const;

describe.each(testEngines())('webhook subscription administration on %s', (engine) => {
  let t: TestApp;
  let receiver: Server;
  let worker: WebhookWorker;
  let hookUrl = '';
  let schoolId = 0;
  let otherMunicipalitySubscriptionId = 0;
  const received: Received[] = [];
  const cookies: Record<string, string> = {};
  // deliveries are queued at the database's now(); the worker looks a minute ahead
  const clock = () => new Date(Date.now() + 60_000);

  const call = (method: string, path: string, cookie: string, body?: unknown) =>
    fetch(`${t.baseUrl}${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const create = async (body: Record<string, unknown>) => {
    const response = await call('POST', '/api/admin/webhook-subscriptions', cookies.admin!, body);
    expect(response.status, await response.clone().text()).toBe(201);
    return WebhookSubscriptionCreated.parse(await response.json());
  };
  const list = async () =>
    WebhookSubscriptionList.parse(
      await (await t.get('/api/admin/webhook-subscriptions', cookies.admin)).json(),
    ).subscriptions;
  const deliveries = async (query = '') =>
    WebhookDeliveryList.parse(
      await (await t.get(`/api/admin/webhook-deliveries${query}`, cookies.admin)).json(),
    );
  const errorCode = async (response: Response) => ErrorResponse.parse(await response.json()).error.code;

  /** Commits a one-row 出欠 file for the principal's school on `date`: the way attendance reaches the feed. */
  const importAttendance = async (date: string) => {
    const [pupil] = await pupilsOf(t, schoolId, 2026, 1);
    const file = csv([
      ['校務番号', '日付', '区分', '理由'],
      [pupil!.sourceId, date, '遅刻', '通院'],
    ]);
    const preview = ImportPreviewResponse.parse(
      await (
        await upload(t, cookies.admin!, file, { kind: 'attendance', schoolId: String(schoolId) })
      ).json(),
    );
    expect((await commit(t, cookies.admin!, preview.batch.id)).status).toBe(200);
  };
  const queuedFor = async (subscriptionId: number) =>
    t.database.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.subscriptionId, subscriptionId));

  beforeAll(async () => {
    t = await startTestApp(engine);
    for (const role of ['admin', ...OTHER_ROLES]) cookies[role] = await t.signIn(role);
    schoolId = await schoolOf(t, 'principal');
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        received.push({ path: request.url ?? '', headers: request.headers, body });
        response.statusCode = request.url?.startsWith('/refuse') ? 503 : 200;
        response.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    worker = startWebhookWorker({ db: t.database.db, now: clock, intervalMs: 3_600_000 });

    // a receiver of another municipality, which this admin must neither see nor change
    const other = await buildMunicipality(t.database.db);
    const [row] = await t.database.db
      .insert(webhookSubscriptions)
      .values({
        municipalityId: other.id,
        url: `${hookUrl}/other-city`,
        secret: 'other-secret',
        events: ['attendance.recorded'],
        name: '他市の連携先',
      })
      .returning();
    otherMunicipalitySubscriptionId = row!.id;
    await t.database.db.insert(webhookDeliveries).values({
      subscriptionId: row!.id,
      event: 'attendance.recorded',
      payload: { date: '2026-11-01' },
      status: 'delivered',
    });
  });
  afterAll(async () => {
    await worker?.stop();
    await new Promise((resolve) => receiver?.close(resolve));
    await t?.dispose();
  });

  it('refuses an address that is not https (except localhost), has credentials or is not a URL, with a code', async () => {
    const path = '/api/admin/webhook-subscriptions';
    for (const [url, code] of [
      ['http://koumu.example.jp/edukarte', 'webhook_url_insecure'],
      ['https://user:pw@koumu.example.jp/', 'webhook_url_credentials'],
      ['koumu.example.jp', 'webhook_url_invalid'],
    ] as const) {
      const response = await call('POST', path, cookies.admin!, { url });
      expect(response.status, url).toBe(400);
      const body = ErrorResponse.parse(await response.json());
      expect(body.error.code, url).toBe(code);
      expect(body.error.message).toMatch(/URL/);
    }
    const unknownSchool = await call('POST', path, cookies.admin!, {
      url: 'https://koumu.example.jp/hook',
      schoolId: 999_999,
    });
    expect(unknownSchool.status).toBe(400);
    expect(await errorCode(unknownSchool)).toBe('webhook_school_unknown');
    const noEvents = await call('POST', path, cookies.admin!, {
      url: 'https://koumu.example.jp/',
      events: [],
    });
    expect(noEvents.status).toBe(400);
    expect(await list()).toEqual([]);
  });

  it('creates a receiver with a name and school, showing the secret once; the list never shows it', async () => {
    const created = await create({ name: '校務支援システム', url: `${hookUrl}/a`, schoolId });
    expect(created).toMatchObject({
      name: '校務支援システム',
      url: `${hookUrl}/a`,
      schoolId,
      isEnabled: true,
      events: ['attendance.recorded'],
      lastDelivery: null,
    });
    expect(created.secret).toMatch(/^[0-9a-f]{64}$/);
    const subscriptions = await list();
    expect(subscriptions.map((s) => s.id)).toEqual([created.id]);
    expect(JSON.stringify(subscriptions)).not.toContain(created.secret);
    expect(JSON.stringify(subscriptions)).not.toContain('other-city');
  });

  it('edits name, address, school and enabled with PATCH; a bad address changes nothing', async () => {
    const created = await create({ url: 'https://koumu.example.jp/v1' });
    const path = `/api/admin/webhook-subscriptions/${created.id}`;
    const patched = await call('PATCH', path, cookies.admin!, {
      name: '本番',
      url: 'https://koumu.example.jp/v2',
      schoolId,
    });
    expect(patched.status).toBe(200);
    expect(WebhookSubscriptionSummary.parse(await patched.json())).toMatchObject({
      name: '本番',
      url: 'https://koumu.example.jp/v2',
      schoolId,
      isEnabled: true,
    });
    const widened = await call('PATCH', path, cookies.admin!, { schoolId: null, isEnabled: false });
    expect(WebhookSubscriptionSummary.parse(await widened.json())).toMatchObject({
      schoolId: null,
      isEnabled: false,
    });

    const insecure = await call('PATCH', path, cookies.admin!, {
      url: 'http://koumu.example.jp/v3',
      name: 'x',
    });
    expect(insecure.status).toBe(400);
    expect(await errorCode(insecure)).toBe('webhook_url_insecure');
    expect((await list()).find((s) => s.id === created.id)).toMatchObject({
      name: '本番',
      url: 'https://koumu.example.jp/v2',
    });
    expect((await call('PATCH', '/api/admin/webhook-subscriptions/999999', cookies.admin!, {})).status).toBe(
      404,
    );
    await call('DELETE', path, cookies.admin!);
  });

  it('a disabled receiver gets no new deliveries, and its pending ones wait until it is enabled', async () => {
    const sub = await create({ name: '停止テスト', url: `${hookUrl}/pause`, schoolId });
    await importAttendance('2026-11-16');
    const [pending] = await queuedFor(sub.id);
    expect(pending).toMatchObject({ status: 'pending', event: 'attendance.recorded' });

    const disabled = await call('POST', `/api/admin/webhook-subscriptions/${sub.id}/disable`, cookies.admin!);
    expect(WebhookSubscriptionSummary.parse(await disabled.json()).isEnabled).toBe(false);
    await importAttendance('2026-11-17'); // written while disabled: nothing is queued for it
    expect(await queuedFor(sub.id)).toHaveLength(1);

    const before = received.length;
    await worker.runOnce();
    expect(received.slice(before).filter((r) => r.path === '/pause')).toEqual([]);
    expect((await queuedFor(sub.id))[0]).toMatchObject({ status: 'pending', attempts: 0 });

    const enabled = await call('POST', `/api/admin/webhook-subscriptions/${sub.id}/enable`, cookies.admin!);
    expect(WebhookSubscriptionSummary.parse(await enabled.json()).isEnabled).toBe(true);
    await worker.runOnce();
    const sent = received.slice(before).filter((r) => r.path === '/pause');
    expect(sent).toHaveLength(1);
    expect(
      verifySignature(sub.secret, sent[0]!.body, sent[0]!.headers['x-edukarte-signature'] as string),
    ).toBe(true);
    expect(JSON.parse(sent[0]!.body)).toMatchObject({ payload: { date: '2026-11-16' } });
    expect((await queuedFor(sub.id))[0]).toMatchObject({ status: 'delivered', attempts: 1 });
    expect((await list()).find((s) => s.id === sub.id)?.lastDelivery?.status).toBe('delivered');
    await call('DELETE', `/api/admin/webhook-subscriptions/${sub.id}`, cookies.admin!);
  });

  it('sends a signed test delivery now; a new secret replaces the old one at once', async () => {
    const sub = await create({ url: `${hookUrl}/test` });
    const path = `/api/admin/webhook-subscriptions/${sub.id}`;
    const tested = await call('POST', `${path}/test`, cookies.admin!);
    expect(tested.status).toBe(200);
    expect(WebhookDeliverySummary.parse(await tested.json())).toMatchObject({
      subscriptionId: sub.id,
      event: 'webhook.test',
      status: 'delivered',
      attempts: 1,
    });
    const first = received.filter((r) => r.path === '/test').at(-1)!;
    expect(first.headers['x-edukarte-event']).toBe('webhook.test');
    expect(verifySignature(sub.secret, first.body, first.headers['x-edukarte-signature'] as string)).toBe(
      true,
    );

    const rotated = await call('POST', `${path}/rotate-secret`, cookies.admin!);
    expect(rotated.status).toBe(200);
    const { secret } = WebhookSubscriptionCreated.parse(await rotated.json());
    expect(secret).not.toBe(sub.secret);
    await call('POST', `${path}/test`, cookies.admin!);
    const second = received.filter((r) => r.path === '/test').at(-1)!;
    expect(verifySignature(secret, second.body, second.headers['x-edukarte-signature'] as string)).toBe(true);
    expect(verifySignature(sub.secret, second.body, second.headers['x-edukarte-signature'] as string)).toBe(
      false,
    );

    await call('POST', `${path}/disable`, cookies.admin!);
    const refused = await call('POST', `${path}/test`, cookies.admin!);
    expect(refused.status).toBe(409);
    expect(await errorCode(refused)).toBe('webhook_disabled');
    await call('DELETE', path, cookies.admin!);
  });

  it('records a test delivery the receiver refuses as failed, with the error and no retry', async () => {
    const sub = await create({ url: `${hookUrl}/refuse` });
    const tested = await call('POST', `/api/admin/webhook-subscriptions/${sub.id}/test`, cookies.admin!);
    expect(WebhookDeliverySummary.parse(await tested.json())).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'HTTP 503',
    });
    await call('DELETE', `/api/admin/webhook-subscriptions/${sub.id}`, cookies.admin!);
  });

  it('deletes a receiver: gone from the list, pending deliveries cancelled, the log kept', async () => {
    const sub = await create({ name: '削除テスト', url: `${hookUrl}/gone`, schoolId });
    await importAttendance('2026-11-18');
    expect(await queuedFor(sub.id)).toHaveLength(1);
    const path = `/api/admin/webhook-subscriptions/${sub.id}`;
    expect((await call('DELETE', path, cookies.admin!)).status).toBe(204);
    expect((await list()).map((s) => s.id)).not.toContain(sub.id);
    expect((await queuedFor(sub.id))[0]).toMatchObject({ status: 'cancelled' });
    const before = received.length;
    await worker.runOnce();
    expect(received.slice(before).filter((r) => r.path === '/gone')).toEqual([]);

    const log = await deliveries(`?subscriptionId=${sub.id}`);
    expect(log.deliveries).toHaveLength(1);
    expect(log.deliveries[0]).toMatchObject({
      status: 'cancelled',
      subscription: { name: '削除テスト', isDeleted: true },
      date: '2026-11-18',
      records: 1,
    });
    expect((await call('DELETE', path, cookies.admin!)).status).toBe(404);
    expect((await call('PATCH', path, cookies.admin!, { name: 'x' })).status).toBe(404);
    expect((await call('POST', `${path}/rotate-secret`, cookies.admin!)).status).toBe(404);
  });

  it('pages and filters the delivery log of this municipality only', async () => {
    const all = await deliveries('?pageSize=100');
    expect(all.total).toBe(all.deliveries.length);
    expect(all.total).toBeGreaterThanOrEqual(5);
    expect(all.deliveries.map((d) => d.subscription.url)).not.toContain(`${hookUrl}/other-city`);
    const ids = all.deliveries.map((d) => d.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const page2 = await deliveries('?pageSize=2&page=2');
    expect(page2).toMatchObject({ total: all.total, page: 2, pageSize: 2 });
    expect(page2.deliveries.map((d) => d.id)).toEqual(ids.slice(2, 4));

    const failed = await deliveries('?status=failed');
    expect(failed.deliveries.length).toBeGreaterThan(0);
    expect(failed.deliveries.every((d) => d.status === 'failed')).toBe(true);
    expect(failed.total).toBe(all.deliveries.filter((d) => d.status === 'failed').length);

    expect((await t.get('/api/admin/webhook-deliveries?status=lost', cookies.admin)).status).toBe(400);
    expect((await t.get('/api/admin/webhook-deliveries?pageSize=1000', cookies.admin)).status).toBe(400);
    const foreign = await deliveries(`?subscriptionId=${otherMunicipalitySubscriptionId}`);
    expect(foreign).toMatchObject({ total: 0, deliveries: [] });
  });

  it("cannot see or change another municipality's receiver", async () => {
    const path = `/api/admin/webhook-subscriptions/${otherMunicipalitySubscriptionId}`;
    expect((await call('PATCH', path, cookies.admin!, { isEnabled: false })).status).toBe(404);
    expect((await call('POST', `${path}/disable`, cookies.admin!)).status).toBe(404);
    expect((await call('POST', `${path}/rotate-secret`, cookies.admin!)).status).toBe(404);
    expect((await call('POST', `${path}/test`, cookies.admin!)).status).toBe(404);
    expect((await call('DELETE', path, cookies.admin!)).status).toBe(404);
    const [row] = await t.database.db
      .select()
      .from(webhookSubscriptions)
      .where(eq(webhookSubscriptions.id, otherMunicipalitySubscriptionId));
    expect(row).toMatchObject({ isEnabled: true, deletedAt: null, secret: 'other-secret' });
  });

  it('records who created, changed, disabled, enabled, re-keyed and deleted a receiver, and shows 最終更新者', async () => {
    const [me] = await t.database.db
      .select({ id: userAccounts.id, displayName: userAccounts.displayName })
      .from(userAccounts)
      .where(eq(userAccounts.loginId, 'admin'));
    const sub = await create({ name: '監査テスト', url: 'https://koumu.example.jp/audit' });
    expect(sub.updatedBy).toEqual({ userId: me!.id, displayName: me!.displayName });
    const path = `/api/admin/webhook-subscriptions/${sub.id}`;
    expect((await call('PATCH', path, cookies.admin!, { name: '監査テスト2', schoolId })).status).toBe(200);
    expect((await call('POST', `${path}/disable`, cookies.admin!)).status).toBe(200);
    expect((await call('POST', `${path}/enable`, cookies.admin!)).status).toBe(200);
    const rotated = WebhookSubscriptionCreated.parse(
      await (await call('POST', `${path}/rotate-secret`, cookies.admin!)).json(),
    );
    expect((await list()).find((s) => s.id === sub.id)?.updatedBy).toEqual({
      userId: me!.id,
      displayName: me!.displayName,
    });
    // refused and failed calls change nothing and leave no row
    await call('PATCH', path, cookies.teacher!, { name: 'x' });
    await call('PATCH', path, cookies.admin!, { url: 'http://koumu.example.jp/' });
    expect((await call('DELETE', path, cookies.admin!)).status).toBe(204);

    const rows = await t.database.db
      .select()
      .from(accessAudit)
      .where(sql`${accessAudit.detail}->>'subscriptionId' = ${String(sub.id)}`)
      .orderBy(accessAudit.id);
    expect(rows.map((r) => r.action)).toEqual([
      'webhook_subscription.create',
      'webhook_subscription.update',
      'webhook_subscription.disable',
      'webhook_subscription.enable',
      'webhook_subscription.rotate_secret',
      'webhook_subscription.delete',
    ]);
    expect(rows.every((r) => r.userId === me!.id && r.role === 'admin')).toBe(true);
    expect(rows[1]).toMatchObject({ schoolId, detail: { changes: { name: '監査テスト2', schoolId } } });
    expect(JSON.stringify(rows)).not.toContain(sub.secret);
    expect(JSON.stringify(rows)).not.toContain(rotated.secret);
    const [stored] = await t.database.db
      .select()
      .from(webhookSubscriptions)
      .where(eq(webhookSubscriptions.id, sub.id));
    expect(stored).toMatchObject({ createdBy: me!.id, updatedBy: me!.id });
    expect(stored!.deletedAt).not.toBeNull();
  });

  it('refuses every receiver endpoint to roles other than the admin with 403', async () => {
    const sub = await create({ url: 'https://koumu.example.jp/roles' });
    const path = `/api/admin/webhook-subscriptions/${sub.id}`;
    for (const role of OTHER_ROLES) {
      const cookie = cookies[role]!;
      const attempts: [string, string, unknown?][] = [
        ['GET', '/api/admin/webhook-subscriptions'],
        ['POST', '/api/admin/webhook-subscriptions', { url: 'https://koumu.example.jp/x' }],
        ['PATCH', path, { name: 'x' }],
        ['POST', `${path}/disable`],
        ['POST', `${path}/enable`],
        ['POST', `${path}/rotate-secret`],
        ['POST', `${path}/test`],
        ['DELETE', path],
        ['GET', '/api/admin/webhook-deliveries'],
      ];
      for (const [method, url, body] of attempts) {
        const response = await call(method, url, cookie, body);
        expect(response.status, `${role} ${method} ${url}`).toBe(403);
        expect(await errorCode(response)).toBe('forbidden');
      }
    }
    expect((await list()).find((s) => s.id === sub.id)).toMatchObject({ name: '', isEnabled: true });
    expect((await fetch(`${t.baseUrl}/api/admin/webhook-subscriptions`)).status).toBe(401);
  });

  it('lists the schools each role may export 出欠 for', async () => {
    const schoolsOf = async (role: string) =>
      ExportSchoolList.parse(
        await (await t.get('/api/koumu/attendance-export/schools', cookies[role])).json(),
      ).schools;
    const municipal = await t.database.db.select({ id: schools.id }).from(schools);
    const other = await buildSchool(t.database.db, (await buildMunicipality(t.database.db)).id);
    const adminSchools = await schoolsOf('admin');
    expect(adminSchools.length).toBe(municipal.length);
    expect(adminSchools.map((s) => s.id)).not.toContain(other.id);
    expect((await schoolsOf('principal')).map((s) => s.id)).toEqual([schoolId]);
    expect((await schoolsOf('nurse')).length).toBe(1);
    for (const role of ['teacher', 'board', 'student'])
      expect((await t.get('/api/koumu/attendance-export/schools', cookies[role])).status, role).toBe(403);
  });
});

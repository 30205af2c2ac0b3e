import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, signIn } from './support/browser.ts';
import { useJourney } from './support/journey.ts';

interface ClassList {
  classes: { id: number; schoolId: number; gradeCode: string; name: string; isSpecialNeeds: boolean }[];
}
interface Roster {
  students: { attendanceNo: number; status: string }[];
}
interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** What a 校務 system does with a delivery: HMAC-SHA256 of the raw body, compared in constant time. */
function signedWith(secret: string, request: Received): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(request.body).digest('hex')}`);
  const given = Buffer.from(String(request.headers['x-edukarte-signature'] ?? ''));
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** A day a week ago in Japan, so the pupil is enrolled whatever the real date. */
function aWeekAgoInJapan(): string {
  return new Date(Date.now() + 9 * 3_600_000 - 7 * 86_400_000).toISOString().slice(0, 10);
}

/**
 * [ADMIN][ATTENDANCE_FEED] register a webhook receiver (a real HTTP server in this test), keep the secret
 * shown once, record 出欠 and 健康観察, see the signed deliveries arrive and in the log, then disable the receiver.
 */
describe('admin sends 出欠 to the 校務 system by webhook in Chromium', () => {
  const journey = useJourney({ WEBHOOK_INTERVAL_MS: '500' });
  const received: Received[] = [];
  let receiver: Server;
  let receiverUrl = '';

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        received.push({ headers: request.headers, body });
        response.statusCode = 204;
        response.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/koumu/edukarte`;
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('[ADMIN][ATTENDANCE_FEED] registers a receiver, delivers signed 出欠, shows the log and disables it', async () => {
    const { baseUrl } = journey.server;
    const page = await journey.browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'ja-JP' });
    await signIn(page, baseUrl, 'admin');
    await page.getByRole('link', { name: '出欠の送信' }).click();
    await page.waitForURL(/\/admin\/attendance-feed$/);
    await expect.poll(() => page.getByText('連携先はまだ登録されていません').count()).toBe(1);
    await expect.poll(() => page.getByText('配信はまだありません').count()).toBe(1);

    // a plain-http address outside this machine is refused on the field, then the local receiver is added
    await page.getByRole('button', { name: '連携先を追加' }).click();
    const dialog = page.getByRole('dialog', { name: '連携先を追加' });
    // 出欠 and 健康観察 are both chosen for a new receiver
    expect(await dialog.getByRole('checkbox', { name: '出欠' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('checkbox', { name: '健康観察' }).isChecked()).toBe(true);
    await dialog.getByLabel('名前').fill('校務支援システム');
    await dialog.getByLabel('受信 URL').fill('http://koumu.example.jp/edukarte');
    await dialog.getByRole('button', { name: '追加してシークレットを発行' }).click();
    await expect
      .poll(() => dialog.getByText('https:// で始まる URL を指定してください', { exact: false }).count())
      .toBe(1);
    await dialog.getByLabel('受信 URL').fill(receiverUrl);
    await dialog.getByRole('button', { name: '追加してシークレットを発行' }).click();

    const secretBox = page.getByTestId('webhook-secret');
    await expect.poll(() => secretBox.count()).toBe(1);
    const secret = (await secretBox.textContent()) ?? '';
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.getByText('X-Edukarte-Signature', { exact: false }).count()).toBeGreaterThan(0);
    const row = page
      .getByRole('table', { name: 'Webhook 連携先の一覧' })
      .getByRole('row', { name: /校務支援システム/ });
    await expect.poll(() => row.getByText('有効').count()).toBe(1);
    // who changed it last: the signed-in admin
    const me = (await (await page.request.get(`${baseUrl}/api/me`)).json()) as { displayName: string };
    expect(await row.getByText(me.displayName).count()).toBe(1);
    expect(await row.getByText('健康観察').count()).toBe(1);
    await screenshot(page, 'attendance-feed-secret');
    await page.getByRole('button', { name: '設定したので閉じる' }).click();
    expect(await page.getByText(secret).count()).toBe(0);

    // 出欠 is recorded (a 校務 file committed through the API with the admin's session)
    const classes = (await (await page.request.get(`${baseUrl}/api/classes`)).json()) as ClassList;
    const homeroom = classes.classes.find((c) => !c.isSpecialNeeds)!;
    const roster = (await (
      await page.request.get(`${baseUrl}/api/classes/${homeroom.id}/students`)
    ).json()) as Roster;
    const pupil = roster.students.find((s) => s.status === 'enrolled')!;
    const day = aWeekAgoInJapan();
    const csv = `学年,組,出席番号,日付,区分,理由\r\n${homeroom.gradeCode.slice(1)},${homeroom.name.replace('組', '')},${pupil.attendanceNo},${day},病,発熱\r\n`;
    const preview = await page.request.post(`${baseUrl}/api/admin/koumu-imports`, {
      multipart: {
        kind: 'attendance',
        sourceSystem: 'koumu',
        schoolId: String(homeroom.schoolId),
        file: { name: 'shukketsu.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) },
      },
    });
    expect(preview.status()).toBe(200);
    const { batch } = (await preview.json()) as { batch: { id: number } };
    const committed = await page.request.post(`${baseUrl}/api/admin/koumu-imports/${batch.id}/commit`);
    expect(committed.status()).toBe(200);

    // and a 健康観察 of the same pupil that day
    const healthCsv = `学年,組,出席番号,日付,症状,体温\r\n${homeroom.gradeCode.slice(1)},${homeroom.name.replace('組', '')},${pupil.attendanceNo},${day},せき,37.4\r\n`;
    const healthPreview = await page.request.post(`${baseUrl}/api/admin/koumu-imports`, {
      multipart: {
        kind: 'health',
        sourceSystem: 'koumu',
        schoolId: String(homeroom.schoolId),
        file: { name: 'kenkou.csv', mimeType: 'text/csv', buffer: Buffer.from(healthCsv) },
      },
    });
    expect(healthPreview.status()).toBe(200);
    const healthBatch = ((await healthPreview.json()) as { batch: { id: number } }).batch;
    expect(
      (await page.request.post(`${baseUrl}/api/admin/koumu-imports/${healthBatch.id}/commit`)).status(),
    ).toBe(200);

    // the receiver gets one signed attendance.recorded delivery for that day
    await expect
      .poll(() => received.filter((r) => r.headers['x-edukarte-event'] === 'attendance.recorded').length, {
        timeout: 30_000,
      })
      .toBe(1);
    const delivery = received.find((r) => r.headers['x-edukarte-event'] === 'attendance.recorded')!;
    expect(signedWith(secret, delivery)).toBe(true);
    expect(signedWith('0'.repeat(64), delivery)).toBe(false);
    const body = JSON.parse(delivery.body) as { payload: { date: string; records: { category: string }[] } };
    expect(body.payload.date).toBe(day);
    expect(body.payload.records).toEqual([expect.objectContaining({ category: 'ABSENT_SICK' })]);
    await expect
      .poll(() => received.filter((r) => r.headers['x-edukarte-event'] === 'health.recorded').length, {
        timeout: 30_000,
      })
      .toBe(1);
    const health = received.find((r) => r.headers['x-edukarte-event'] === 'health.recorded')!;
    expect(signedWith(secret, health)).toBe(true);
    const healthBody = JSON.parse(health.body) as {
      payload: { date: string; records: { symptoms: string[]; temperature: number }[] };
    };
    expect(healthBody.payload.date).toBe(day);
    expect(healthBody.payload.records).toEqual([
      expect.objectContaining({ symptoms: ['せき'], temperature: 37.4 }),
    ]);

    // the log shows it delivered; then the receiver is switched off
    await page.reload();
    const log = page.getByRole('table', { name: 'Webhook の配信履歴' });
    await expect.poll(() => log.getByRole('row').count()).toBe(3);
    expect(await log.getByText('配信済み').count()).toBe(2);
    expect(await log.getByText(`出欠 ${day}`).count()).toBe(1);
    expect(await log.getByText(`健康観察 ${day}`).count()).toBe(1);
    // the visible track of the switch (the checkbox itself is visually hidden)
    const toggle = page.getByRole('switch', { name: '「校務支援システム」への送信を有効にする' });
    await page.locator('label').filter({ has: toggle }).click();
    await expect.poll(() => row.getByText('停止中').count()).toBe(1);
    await screenshot(page, 'attendance-feed-log');
    await page.close();
  });
});

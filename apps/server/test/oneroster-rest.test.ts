import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ONEROSTER_SCOPES, registerClient } from '../src/modules/clients/service.ts';
import { readFolder } from '../src/modules/oneroster/csv/read-package.ts';
import { importOneRosterPackage } from '../src/modules/oneroster/import-package.ts';
import { rowsOf } from '../src/modules/oneroster/repo.ts';
import { buildMunicipality } from './support/factories.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { testEngines } from './support/test-db.ts';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/oneroster');
const BASE = '/ims/oneroster/rostering/v1p2';
const [CORE, , DEMOGRAPHICS] = ONEROSTER_SCOPES;

describe.each(testEngines())('OneRoster REST API and OAuth (%s)', (engine) => {
  let t: TestApp;
  let full: { key: string; secret: string };
  let coreOnly: { key: string; secret: string };
  let other: { key: string; secret: string };

  const token = async (key: string, secret: string, scope?: string) =>
    fetch(`${t.baseUrl}/ims/oneroster/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) }).toString(),
    });
  const bearer = async (client: { key: string; secret: string }, scope?: string) =>
    ((await (await token(client.key, client.secret, scope)).json()) as { access_token: string }).access_token;
  const get = (pathAndQuery: string, accessToken: string) =>
    fetch(`${t.baseUrl}${BASE}${pathAndQuery}`, { headers: { authorization: `Bearer ${accessToken}` } });

  beforeAll(async () => {
    t = await startTestApp(engine);
    const [municipality] = rowsOf<{ id: number }>(
      await t.database.db.execute(sql`SELECT id FROM municipalities ORDER BY id LIMIT 1`),
    );
    const municipalityId = municipality!.id;
    const report = await importOneRosterPackage(
      t.database.db,
      await readFolder(path.join(FIXTURES, 'valid-bulk')),
      {
        municipalityId,
        dryRun: false,
        today: '2026-11-20',
      },
    );
    expect(report.errors).toEqual([]);
    const a = await registerClient(t.database.db, {
      municipalityId,
      name: '学習eポータル',
      kind: 'oneroster',
    });
    full = { key: a.client.clientKey, secret: a.secret };
    const b = await registerClient(t.database.db, {
      municipalityId,
      name: 'ドリル',
      kind: 'oneroster',
      scopes: [CORE],
    });
    coreOnly = { key: b.client.clientKey, secret: b.secret };
    const elsewhere = await buildMunicipality(t.database.db);
    const c = await registerClient(t.database.db, {
      municipalityId: elsewhere.id,
      name: '他市',
      kind: 'oneroster',
    });
    other = { key: c.client.clientKey, secret: c.secret };
  });
  afterAll(async () => t?.dispose());

  it('issues a bearer token for client credentials (Basic or form) and refuses a bad secret', async () => {
    const response = await token(full.key, full.secret);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    const form = await fetch(`${t.baseUrl}/ims/oneroster/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: full.key,
        client_secret: full.secret,
      }).toString(),
    });
    expect(form.status).toBe(200);
    expect((await token(full.key, `${full.secret}x`)).status).toBe(401);
    expect((await token(coreOnly.key, coreOnly.secret, DEMOGRAPHICS)).status).toBe(400);
  });

  it('requires a bearer with the right scope (401 without, 403 for demographics on a core-only token)', async () => {
    const none = await fetch(`${t.baseUrl}${BASE}/users`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ imsx_codeMajor: 'failure', imsx_severity: 'error' });
    const core = await bearer(coreOnly);
    expect((await get('/users', core)).status).toBe(200);
    expect((await get('/demographics', core)).status).toBe(403);
    expect((await get('/demographics', await bearer(full))).status).toBe(200);
  });

  it('refuses an expired token', async () => {
    const accessToken = await bearer(full);
    await t.database.db.execute(sql`UPDATE oauth_tokens SET expires_at = now() - interval '1 second'`);
    expect((await get('/users', accessToken)).status).toBe(401);
  });

  it('pages, filters, sorts and trims fields, with X-Total-Count and Link', async () => {
    const accessToken = await bearer(full);
    const all = await get(
      `/students?filter=${encodeURIComponent("metadata.jp.homeClass='cls-p5-1'")}`,
      accessToken,
    );
    expect(all.headers.get('x-total-count')).toBe('4');
    const page = await get(
      `/students?filter=${encodeURIComponent("metadata.jp.homeClass='cls-p5-1'")}&sort=sourcedId&limit=2&offset=2&fields=sourcedId,familyName`,
      accessToken,
    );
    expect(page.status).toBe(200);
    expect(page.headers.get('x-total-count')).toBe('4');
    expect(page.headers.get('link')).toContain('rel="prev"');
    expect(await page.json()).toEqual({
      users: [
        { sourcedId: 'stu-03', familyName: '高橋' },
        { sourcedId: 'stu-04', familyName: '田中' },
      ],
    });
    const since = await get(
      `/users?filter=${encodeURIComponent("dateLastModified>'2000-01-01' AND role='teacher'")}`,
      accessToken,
    );
    expect(((await since.json()) as { users: unknown[] }).users.length).toBeGreaterThanOrEqual(5);
    const bad = await get('/users?filter=role%3Dteacher', accessToken);
    expect(bad.status).toBe(400);
  });

  it('serves singles and nested lists with the imported sourcedIds and Japan Profile metadata', async () => {
    const accessToken = await bearer(full);
    const user = (await (await get('/users/stu-02', accessToken)).json()) as {
      user: Record<string, unknown>;
    };
    expect(user.user).toMatchObject({
      sourcedId: 'stu-02',
      metadata: { 'jp.kanaFamilyName': 'スズキ', 'jp.homeClass': 'cls-p5-1' },
    });
    const roster = (await (await get('/classes/cls-p5-1/students', accessToken)).json()) as {
      users: unknown[];
    };
    expect(roster.users).toHaveLength(4);
    const enrollment = (await (await get('/enrollments/enr-stu-02', accessToken)).json()) as {
      enrollment: Record<string, unknown>;
    };
    expect(enrollment.enrollment).toMatchObject({ metadata: { 'jp.shussekiNo': 2 } });
    const himawari = (await (await get('/classes/cls-himawari', accessToken)).json()) as {
      class: Record<string, unknown>;
    };
    expect(himawari.class).toMatchObject({ metadata: { 'jp.specialNeeds': true } });
    expect((await get('/users/nobody', accessToken)).status).toBe(404);
  });

  it('keeps a client inside its own municipality', async () => {
    const accessToken = await bearer(other);
    expect((await get('/users/stu-02', accessToken)).status).toBe(404);
    expect(((await (await get('/users', accessToken)).json()) as { users: unknown[] }).users).toEqual([]);
  });
});

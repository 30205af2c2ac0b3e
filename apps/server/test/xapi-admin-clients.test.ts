import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClientListResponse, RegisterClientResponse } from '@edukarte/shared';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { testEngines } from './support/test-db.ts';
import { basic } from './support/xapi-client.ts';

describe.each(testEngines())('連携アプリ administration API on %s', (engine) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestApp(engine);
    for (const loginId of ['admin', 'teacher', 'principal', 'board'])
      cookies[loginId] = await t.signIn(loginId);
  });
  afterAll(async () => t?.dispose());

  const call = (path: string, cookie: string | undefined, body?: unknown) =>
    fetch(`${t.baseUrl}${path}`, {
      method: body === undefined && !path.endsWith('/disable') ? 'GET' : 'POST',
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const xapiStatements = (key: string, secret: string) =>
    fetch(`${t.baseUrl}/xapi/statements`, {
      headers: { authorization: basic({ key, secret }), 'x-experience-api-version': '1.0.3' },
    });

  it('lets the admin register an xAPI app, shows the secret once, and the key works at /xapi', async () => {
    const response = await call('/api/admin/clients', cookies.admin, { name: 'まなびドリル', kind: 'xapi' });
    expect(response.status).toBe(201);
    const created = RegisterClientResponse.parse(await response.json());
    expect(created.client).toMatchObject({ name: 'まなびドリル', kind: 'xapi', disabledAt: null });
    expect(created.secret.length).toBeGreaterThanOrEqual(24);
    expect((await xapiStatements(created.client.clientKey, created.secret)).status).toBe(200);

    const list = ApiClientListResponse.parse(await (await call('/api/admin/clients', cookies.admin)).json());
    expect(list.clients.map((c) => c.clientKey)).toContain(created.client.clientKey);
    expect(JSON.stringify(list)).not.toContain(created.secret);
  });

  it('registers a OneRoster consumer with roster scopes', async () => {
    const response = await call('/api/admin/clients', cookies.admin, { name: '名簿連携', kind: 'oneroster' });
    const created = RegisterClientResponse.parse(await response.json());
    expect(created.client.kind).toBe('oneroster');
    expect(created.client.scopes.some((s) => s.endsWith('roster-core.readonly'))).toBe(true);
  });

  it('disables an app, after which its key is refused at once', async () => {
    const created = RegisterClientResponse.parse(
      await (await call('/api/admin/clients', cookies.admin, { name: '授業支援', kind: 'xapi' })).json(),
    );
    expect((await xapiStatements(created.client.clientKey, created.secret)).status).toBe(200);
    const disabled = await call(`/api/admin/clients/${created.client.id}/disable`, cookies.admin);
    expect(disabled.status).toBe(204);
    expect((await xapiStatements(created.client.clientKey, created.secret)).status).toBe(401);
    const list = ApiClientListResponse.parse(await (await call('/api/admin/clients', cookies.admin)).json());
    expect(list.clients.find((c) => c.id === created.client.id)?.disabledAt).not.toBeNull();
    expect((await call(`/api/admin/clients/${created.client.id}/disable`, cookies.admin)).status).toBe(404);
  });

  it('refuses a bad name with 400', async () => {
    expect((await call('/api/admin/clients', cookies.admin, { name: '  ', kind: 'xapi' })).status).toBe(400);
    expect((await call('/api/admin/clients', cookies.admin, { name: 'x', kind: 'lti' })).status).toBe(400);
  });

  it.each(['teacher', 'principal', 'board'])('refuses a %s with 403 on every endpoint', async (loginId) => {
    const cookie = cookies[loginId];
    const list = await call('/api/admin/clients', cookie);
    expect(list.status).toBe(403);
    expect(await list.json()).toMatchObject({ error: { code: 'forbidden' } });
    expect((await call('/api/admin/clients', cookie, { name: 'x', kind: 'xapi' })).status).toBe(403);
    expect((await call('/api/admin/clients/1/disable', cookie)).status).toBe(403);
  });

  it('refuses a caller who is not signed in with 401', async () => {
    expect((await call('/api/admin/clients', undefined)).status).toBe(401);
  });
});

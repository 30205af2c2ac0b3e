import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Me } from '@edukarte/shared';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { testEngines } from './support/test-db.ts';

describe.each(testEngines())('sign-in and sessions over HTTP on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(async () => t?.dispose());

  const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${t.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('refuses /api/me without a session', async () => {
    const response = await t.get('/api/me');
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('signs in with a secure HttpOnly session cookie and describes the user', async () => {
    const response = await postJson('/api/auth/sign-in', { loginId: 'teacher', password: 'edukarte-demo' });
    expect(response.status).toBe(200);
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^ek_session=[A-Za-z0-9_-]{40,};/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = setCookie.split(';')[0]!;
    const me = Me.parse(await (await t.get('/api/me', cookie)).json());
    expect(me).toMatchObject({ loginId: 'teacher', role: 'teacher' });
    expect(me.school).not.toBeNull();
    expect(me.homeClassId).toEqual(expect.any(Number));
  });

  it('stores only a hash of the session token', async () => {
    const cookie = await t.signIn('nurse');
    const token = cookie.split('=')[1]!;
    const { sessions } = await import('../src/db/schema/index.ts');
    const rows = await t.database.db.select({ tokenHash: sessions.tokenHash }).from(sessions);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.tokenHash === token)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.tokenHash))).toBe(true);
  });

  it('gives the same answer for a wrong password and an unknown login id', async () => {
    const wrong = await postJson('/api/auth/sign-in', { loginId: 'teacher', password: 'nope' });
    const unknown = await postJson('/api/auth/sign-in', { loginId: 'nobody', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it('names the field when the request is malformed', async () => {
    const response = await postJson('/api/auth/sign-in', { loginId: '' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; issues: { path: string }[] } };
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.issues.map((i) => i.path).join(' ')).toMatch(/loginId|password/);
  });

  it('refuses a sign-in posted from another site', async () => {
    const response = await postJson(
      '/api/auth/sign-in',
      { loginId: 'teacher', password: 'edukarte-demo' },
      { origin: 'https://evil.example' },
    );
    expect(response.status).toBe(403);
  });

  it('ends the session on sign-out', async () => {
    const cookie = await t.signIn('principal');
    expect((await t.get('/api/me', cookie)).status).toBe(200);
    const out = await fetch(`${t.baseUrl}/api/auth/sign-out`, { method: 'POST', headers: { cookie } });
    expect(out.status).toBe(204);
    expect((await t.get('/api/me', cookie)).status).toBe(401);
  });

  it('rate-limits repeated sign-in attempts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push(
        (await postJson('/api/auth/sign-in', { loginId: 'admin', password: `wrong-${i}` })).status,
      );
    }
    expect(statuses).toContain(429);
    const limited = await postJson('/api/auth/sign-in', { loginId: 'admin', password: 'x' });
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
  });
});

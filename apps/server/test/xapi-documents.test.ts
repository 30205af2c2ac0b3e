import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from './support/test-db.ts';
import { drillStatement, startXapiFixture, type XapiFixture } from './support/xapi-client.ts';

describe.each(testEngines())('xAPI document, activity and agent resources on %s', (engine) => {
  let f: XapiFixture;
  beforeAll(async () => {
    f = await startXapiFixture(engine);
  });
  afterAll(async () => f?.dispose());

  const activityId = 'https://drill.example.jp/units/MATH-P5-03';
  const agent = () => JSON.stringify({ objectType: 'Agent', account: f.pupil.account });
  const stateUrl = (params: Record<string, string>) =>
    `/xapi/activities/state?${new URLSearchParams({ activityId, agent: agent(), ...params }).toString()}`;
  const json = (body: unknown, headers: Record<string, string> = {}) => ({
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });

  describe('state', () => {
    it('stores, merges, lists and deletes state documents with SHA-1 ETags', async () => {
      const url = stateUrl({ stateId: 'progress' });
      expect((await f.call(url, { method: 'PUT', ...json({ page: 3, answers: ['b'] }) })).status).toBe(204);
      const got = await f.call(url);
      expect(got.status).toBe(200);
      const text = await got.text();
      expect(JSON.parse(text)).toEqual({ page: 3, answers: ['b'] });
      expect(got.headers.get('etag')).toBe(`"${createHash('sha1').update(text).digest('hex')}"`);
      expect(got.headers.get('x-experience-api-version')).toBe('1.0.3');
      expect(got.headers.get('last-modified')).toBeTruthy();

      // POST merges top-level properties of two JSON objects
      expect((await f.call(url, { method: 'POST', ...json({ page: 4, bookmark: '問7' }) })).status).toBe(204);
      expect(await (await f.call(url)).json()).toEqual({ page: 4, answers: ['b'], bookmark: '問7' });

      await f.call(stateUrl({ stateId: 'settings' }), { method: 'PUT', ...json({ furigana: true }) });
      const ids = await f.call(stateUrl({}));
      expect(await ids.json()).toEqual(['progress', 'settings']);

      expect((await f.call(url, { method: 'DELETE' })).status).toBe(204);
      expect((await f.call(url)).status).toBe(404);
      expect((await f.call(stateUrl({}), { method: 'DELETE' })).status).toBe(204);
      expect(await (await f.call(stateUrl({}))).json()).toEqual([]);
    });

    it('keeps documents of another registration apart', async () => {
      const registration = randomUUID();
      await f.call(stateUrl({ stateId: 'r', registration }), { method: 'PUT', ...json({ a: 1 }) });
      expect((await f.call(stateUrl({ stateId: 'r' }))).status).toBe(404);
      expect((await f.call(stateUrl({ stateId: 'r', registration }))).status).toBe(200);
    });

    it('honours If-Match and If-None-Match', async () => {
      const url = stateUrl({ stateId: 'etag' });
      await f.call(url, { method: 'PUT', ...json({ v: 1 }) });
      const etag = (await f.call(url)).headers.get('etag')!;
      const stale = await f.call(url, { method: 'PUT', ...json({ v: 2 }, { 'if-match': '"0000"' }) });
      expect(stale.status).toBe(412);
      const fresh = await f.call(url, { method: 'PUT', ...json({ v: 2 }, { 'if-match': etag }) });
      expect(fresh.status).toBe(204);
      const exists = await f.call(url, { method: 'PUT', ...json({ v: 3 }, { 'if-none-match': '*' }) });
      expect(exists.status).toBe(412);
      expect(await (await f.call(url)).json()).toEqual({ v: 2 });
    });

    it('refuses to merge a document that is not JSON, and bad parameters', async () => {
      const url = stateUrl({ stateId: 'text' });
      await f.call(url, { method: 'PUT', body: 'plain words', headers: { 'content-type': 'text/plain' } });
      expect((await f.call(url, { method: 'POST', ...json({ a: 1 }) })).status).toBe(400);
      expect(await (await f.call(url)).text()).toBe('plain words');
      expect((await f.call(`/xapi/activities/state?activityId=${activityId}&stateId=x`)).status).toBe(400);
      expect((await f.call(stateUrl({ stateId: 'x', registration: 'not-a-uuid' }))).status).toBe(400);
      expect((await f.call(stateUrl({ stateId: 'x', colour: 'red' }))).status).toBe(400);
    });

    it('keeps one municipality’s documents from another’s clients', async () => {
      const url = stateUrl({ stateId: 'private' });
      await f.call(url, { method: 'PUT', ...json({ secret: 'ひみつ' }) });
      expect((await f.callAs(f.outsider, url)).status).toBe(404);
      expect(await (await f.callAs(f.outsider, stateUrl({}))).json()).toEqual([]);
    });
  });

  describe('profiles', () => {
    const profileUrl = (profileId?: string) =>
      `/xapi/activities/profile?${new URLSearchParams({ activityId, ...(profileId ? { profileId } : {}) }).toString()}`;

    it('requires If-Match or If-None-Match to overwrite an activity profile (409 without)', async () => {
      const url = profileUrl('teacher-notes');
      expect(
        (await f.call(url, { method: 'PUT', ...json({ level: 1 }, { 'if-none-match': '*' }) })).status,
      ).toBe(204);
      expect((await f.call(url, { method: 'PUT', ...json({ level: 2 }) })).status).toBe(409);
      const etag = (await f.call(url)).headers.get('etag')!;
      expect((await f.call(url, { method: 'PUT', ...json({ level: 2 }, { 'if-match': etag }) })).status).toBe(
        204,
      );
      expect(await (await f.call(profileUrl())).json()).toEqual(['teacher-notes']);
      expect((await f.call(url, { method: 'DELETE', headers: { 'if-match': '"stale"' } })).status).toBe(412);
      expect((await f.call(url, { method: 'DELETE' })).status).toBe(204);
      expect((await f.call(url)).status).toBe(404);
    });

    it('stores agent profiles by agent', async () => {
      const url = `/xapi/agents/profile?${new URLSearchParams({ agent: agent(), profileId: 'prefs' }).toString()}`;
      expect(
        (await f.call(url, { method: 'PUT', ...json({ ruby: true }, { 'if-none-match': '*' }) })).status,
      ).toBe(204);
      expect(await (await f.call(url)).json()).toEqual({ ruby: true });
      const list = `/xapi/agents/profile?${new URLSearchParams({ agent: agent() }).toString()}`;
      expect(await (await f.call(list)).json()).toEqual(['prefs']);
      const group = JSON.stringify({ objectType: 'Group', mbox: 'mailto:team@example.jp' });
      expect((await f.call(`/xapi/agents/profile?agent=${encodeURIComponent(group)}`)).status).toBe(400);
    });
  });

  describe('activities and agents', () => {
    it('returns the newest definition of an activity, or just its id', async () => {
      await f.call('/xapi/statements', { method: 'POST', body: drillStatement(f.pupil.account) });
      const id = 'https://drill.example.jp/items/MATH-P5-03-07';
      const response = await f.call(`/xapi/activities?activityId=${encodeURIComponent(id)}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]{40}"$/);
      expect(await response.json()).toMatchObject({
        objectType: 'Activity',
        id,
        definition: { name: { 'ja-JP': '小数のかけ算 問7' } },
      });
      const unknown = await f.call('/xapi/activities?activityId=https%3A%2F%2Fdrill.example.jp%2Fnone');
      expect(await unknown.json()).toEqual({ objectType: 'Activity', id: 'https://drill.example.jp/none' });
      const outsider = await f.callAs(f.outsider, `/xapi/activities?activityId=${encodeURIComponent(id)}`);
      expect(await outsider.json()).toEqual({ objectType: 'Activity', id });
    });

    it('returns a Person with the agent’s identifier and the names sent for it', async () => {
      const response = await f.call(`/xapi/agents?agent=${encodeURIComponent(agent())}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        objectType: 'Person',
        name: ['児童'],
        account: [f.pupil.account],
      });
      expect((await f.call('/xapi/agents')).status).toBe(400);
    });

    it('answers HEAD like GET without a body', async () => {
      const response = await f.call(`/xapi/agents?agent=${encodeURIComponent(agent())}`, { method: 'HEAD' });
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('');
    });
  });
});

import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { xapiAttachments, xapiStatements } from '../src/db/schema/index.ts';
import { headerParam, parseMultipart } from '../src/modules/xapi/multipart.ts';
import {
  copyStatementBatch,
  isStatementIdClash,
  type StatementRow,
} from '../src/modules/xapi/statements.repo.ts';
import { testEngines } from './support/test-db.ts';
import {
  basic,
  drillStatement,
  startXapiFixture,
  type StatementJson,
  type XapiFixture,
} from './support/xapi-client.ts';

interface StatementResult {
  statements: Record<string, unknown>[];
  more: string;
}

describe.each(testEngines())('xAPI statement resource on %s', (engine) => {
  let f: XapiFixture;
  beforeAll(async () => {
    f = await startXapiFixture(engine);
  });
  afterAll(async () => f?.dispose());

  const post = (body: unknown, init: { headers?: Record<string, string> } = {}) =>
    f.call('/xapi/statements', { method: 'POST', body, ...init });
  const query = async (params: Record<string, string>) => {
    const response = await f.call(`/xapi/statements?${new URLSearchParams(params).toString()}`);
    expect(response.status).toBe(200);
    return (await response.json()) as StatementResult;
  };
  const stored = async () => (await f.t.database.db.select({ n: count() }).from(xapiStatements))[0]!.n;
  const agentParam = JSON.stringify({ account: { homePage: 'https://drill.example.jp', name: 'S-000123' } });

  describe('the about resource and headers', () => {
    it('answers /xapi/about without credentials or a version header', async () => {
      const response = await f.callAs(null, '/xapi/about', { noVersion: true });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-experience-api-version')).toBe('1.0.3');
      expect(await response.json()).toEqual({ version: ['1.0.3'] });
    });

    it('refuses a request without the version header, or with a 0.95 one, with 400', async () => {
      const missing = await f.call('/xapi/statements', { noVersion: true });
      expect(missing.status).toBe(400);
      expect(missing.headers.get('x-experience-api-version')).toBe('1.0.3');
      expect(missing.headers.get('x-experience-api-consistent-through')).toBeTruthy();
      expect(await missing.json()).toMatchObject({
        error: { message: expect.stringContaining('X-Experience-API-Version') as unknown },
      });
      const old = await f.call('/xapi/statements', { headers: { 'x-experience-api-version': '0.95' } });
      expect(old.status).toBe(400);
      const short = await f.call('/xapi/statements', { headers: { 'x-experience-api-version': '1.0' } });
      expect(short.status).toBe(200);
    });

    it('refuses missing or wrong credentials with 401 and a Basic challenge', async () => {
      const none = await f.callAs(null, '/xapi/statements');
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toBe('Basic realm="edukarte xAPI"');
      expect(none.headers.get('x-experience-api-version')).toBe('1.0.3');
      const wrong = await f.callAs({ key: f.client.key, secret: 'wrong' }, '/xapi/statements');
      expect(wrong.status).toBe(401);
    });

    it('sends X-Experience-API-Consistent-Through on statement GETs', async () => {
      const response = await f.call('/xapi/statements');
      const through = response.headers.get('x-experience-api-consistent-through');
      expect(Date.parse(through!)).toBeGreaterThan(Date.now() - 60_000);
    });
  });

  describe('storing', () => {
    it('stores one statement, generating its id, and sets stored, authority and version', async () => {
      const response = await post(drillStatement(f.pupil.account));
      expect(response.status).toBe(200);
      const ids = (await response.json()) as string[];
      expect(ids).toHaveLength(1);
      expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
      const one = await f.call(`/xapi/statements?statementId=${ids[0]}`);
      expect(one.status).toBe(200);
      expect(one.headers.get('last-modified')).toBeTruthy();
      const statement = (await one.json()) as Record<string, unknown>;
      expect(statement).toMatchObject({
        id: ids[0],
        version: '1.0.0',
        timestamp: '2026-11-20T10:15:00+09:00',
        authority: { objectType: 'Agent', name: 'まなびドリル', account: { name: f.client.key } },
        actor: { account: f.pupil.account },
      });
      expect(Date.parse(statement.stored as string)).toBeGreaterThan(Date.now() - 60_000);
    });

    it('ignores an authority and stored sent by the client', async () => {
      const id = randomUUID();
      await post({
        ...drillStatement(f.pupil.account),
        id,
        stored: '2001-01-01T00:00:00Z',
        authority: { mbox: 'mailto:boss@example.jp' },
      });
      const statement = (await (await f.call(`/xapi/statements?statementId=${id}`)).json()) as Record<
        string,
        unknown
      >;
      expect(statement.stored).not.toBe('2001-01-01T00:00:00Z');
      expect(statement.authority).toMatchObject({ account: { name: f.client.key } });
    });

    it('returns the ids of a batch in order, keeping the posted ones', async () => {
      const first = randomUUID();
      const batch = [
        { ...drillStatement(f.pupil.account), id: first },
        drillStatement(f.classmate.account),
        { ...drillStatement(f.pupil.account), id: randomUUID().toUpperCase() },
      ];
      const response = await post(batch);
      expect(response.status).toBe(200);
      const ids = (await response.json()) as string[];
      expect(ids[0]).toBe(first);
      expect(ids[2]).toBe((batch[2]!.id as string).toLowerCase());
      expect(new Set(ids).size).toBe(3);
    });

    it('treats a re-posted identical statement as a no-op and a different one as a 409 conflict', async () => {
      const id = randomUUID();
      const statement = { ...drillStatement(f.pupil.account), id };
      expect((await post(statement)).status).toBe(200);
      const before = await stored();
      const again = await post({ ...statement, timestamp: '2026-11-20T01:15:00Z' });
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual([id]);
      expect(await stored()).toBe(before);

      const fresh = randomUUID();
      const conflict = await post([
        { ...drillStatement(f.pupil.account), id: fresh },
        { ...statement, result: { success: false } },
      ]);
      expect(conflict.status).toBe(409);
      expect(await stored()).toBe(before);
      expect((await f.call(`/xapi/statements?statementId=${fresh}`)).status).toBe(404);
    });

    it('stores with PUT (204), accepts the same statement again and refuses a different one', async () => {
      const id = randomUUID();
      const statement = drillStatement(f.pupil.account);
      const put = (body: unknown) => f.call(`/xapi/statements?statementId=${id}`, { method: 'PUT', body });
      const first = await put(statement);
      expect(first.status).toBe(204);
      expect(first.headers.get('x-experience-api-version')).toBe('1.0.3');
      expect((await put({ ...statement, id })).status).toBe(204);
      expect((await put({ ...statement, result: { success: false } })).status).toBe(409);
      expect((await put({ ...statement, id: randomUUID() })).status).toBe(400);
      expect((await f.call('/xapi/statements', { method: 'PUT', body: statement })).status).toBe(400);
    });

    it('refuses a batch with two statements of the same id', async () => {
      const id = randomUUID();
      const response = await post([
        { ...drillStatement(f.pupil.account), id },
        { ...drillStatement(f.classmate.account), id },
      ]);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { issues: [{ path: '[1].id' }] } });
    });

    it.each<[string, (s: StatementJson) => void, string]>([
      ['mbox without mailto:', (s) => (s.actor = { mbox: 'hanako@school.example.jp' }), 'actor.mbox'],
      ['a timestamp without a time zone', (s) => (s.timestamp = '2026-11-20T10:15:00'), 'timestamp'],
      ['an unknown property', (s) => (s.grade = 5), '(statement)'],
      ['a display that is not a language map', (s) => (s.verb.display = 'answered'), 'verb.display'],
      ['a null result', (s) => (s.result = null), 'result'],
    ])('refuses %s with 400 naming the property', async (_name, mutate, path) => {
      const statement = drillStatement(f.pupil.account);
      mutate(statement);
      const before = await stored();
      const response = await post([drillStatement(f.classmate.account), statement]);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { message: string; issues: { path: string }[] } };
      expect(body.error.issues[0]!.path).toBe(path === '(statement)' ? '[1]' : `[1].${path}`);
      expect(body.error.message).toContain(body.error.issues[0]!.path);
      expect(await stored()).toBe(before);
    });

    it('refuses a body that is not JSON, or of another content type', async () => {
      expect((await post('{"actor":')).status).toBe(400);
      const text = await f.call('/xapi/statements', {
        method: 'POST',
        body: JSON.stringify(drillStatement(f.pupil.account)),
        headers: { 'content-type': 'text/plain' },
      });
      expect(text.status).toBe(400);
    });

    it('keeps text with tabs, line breaks, backslashes and quotes exactly as sent', async () => {
      const id = randomUUID();
      const response = 'ア\tイ\n「3.6」\\ "x" \r\n終';
      const statement = drillStatement(f.pupil.account);
      const sent = {
        ...statement,
        id,
        result: { success: true, duration: 'PT42.5S', response },
        object: { ...statement.object, definition: { name: { 'ja-JP': '問1\t\\n は改行ではない' } } },
      };
      expect((await post(sent)).status).toBe(200);
      const back = (await (await f.call(`/xapi/statements?statementId=${id}`)).json()) as StatementJson;
      expect(back.result).toEqual(sent.result);
      expect(back.object).toEqual(sent.object);
    });

    it('stores statements from the JSON as sent: indented with tabs and newlines, escaped as PHP does', async () => {
      const [a, b] = [randomUUID(), randomUUID()];
      const first = { ...drillStatement(f.pupil.account), id: a };
      const second = { ...drillStatement(f.classmate.account), id: b.toUpperCase() };
      // json_encode's defaults: \/ for every slash, \uXXXX for every non-ASCII character
      const phpStyle = JSON.stringify(second)
        .replace(/\//g, '\\/')
        .replace(/[^ -~]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      const body = `[\n\t${JSON.stringify(first, null, '\t')},\r\n${phpStyle}\n]`;
      const response = await post(body, { headers: { 'content-type': 'application/json' } });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual([a, b]);
      for (const [id, sent] of [
        [a, first],
        [b, { ...second, id: b }],
      ] as const) {
        const back = (await (await f.call(`/xapi/statements?statementId=${id}`)).json()) as StatementJson;
        expect(back).toMatchObject({ ...sent, version: '1.0.0' });
        expect(back.authority).toMatchObject({ account: { name: f.client.key } });
      }
    });

    it('stores a batch sent twice at the same moment once, answering both with its ids', async () => {
      const batch = Array.from({ length: 20 }, (_, i) => ({
        ...drillStatement(i % 2 ? f.pupil.account : f.classmate.account),
        id: randomUUID(),
      }));
      const before = await stored();
      const [a, b] = await Promise.all([post(batch), post(batch)]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(await a.json()).toEqual(batch.map((s) => s.id));
      expect(await b.json()).toEqual(batch.map((s) => s.id));
      expect(await stored()).toBe(before + 20);
    });

    it('recognises the clash of a concurrent writer of the same id, which the LRS retries', async () => {
      const id = randomUUID();
      expect((await post({ ...drillStatement(f.pupil.account), id })).status).toBe(200);
      const [row] = await f.t.database.db.select().from(xapiStatements).where(eq(xapiStatements.id, id));
      const again: StatementRow = {
        id,
        municipality_id: row!.municipalityId,
        school_id: row!.schoolId,
        client_id: row!.clientId,
        authority_id: row!.authorityId,
        stored: new Date().toISOString(),
        timestamp: row!.timestamp.toISOString(),
        verb_id: row!.verbId,
        actor_key: row!.actorKey,
        activity_id: row!.activityId,
        registration: null,
        related_agents: row!.relatedAgents,
        related_activities: row!.relatedActivities,
        voids_statement_id: null,
        object_statement_id: null,
        is_voided: false,
        person_id: row!.personId,
        statement: row!.statement,
      };
      const error = await f.t.database.db
        .transaction((tx) =>
          copyStatementBatch(tx, { statements: [again], drill: [], interactions: [], usage: [] }),
        )
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(error).not.toBeNull();
      expect(isStatementIdClash(error)).toBe(true);
      expect(isStatementIdClash(new Error('something else'))).toBe(false);
    });

    it('stores a statement whose agent nobody knows, as sent, without a person', async () => {
      const id = randomUUID();
      const unknown = { homePage: 'https://other-drill.example.jp', name: 'X-1' };
      expect((await post({ ...drillStatement(unknown), id })).status).toBe(200);
      const [row] = await f.t.database.db.select().from(xapiStatements).where(eq(xapiStatements.id, id));
      expect(row).toMatchObject({
        personId: null,
        schoolId: null,
        actorKey: 'account:https://other-drill.example.jp|X-1',
      });
      expect(row!.statement).toMatchObject({ actor: { account: unknown } });
    });
  });

  describe('voiding', () => {
    it('voids a statement: gone from queries, fetched only by voidedStatementId; the voiding one cannot be voided', async () => {
      const target = randomUUID();
      await post({
        ...drillStatement(f.pupil.account),
        id: target,
        verb: { id: 'http://example.jp/verbs/voiding-test' },
      });
      const voiding = randomUUID();
      const voidedBy = await post({
        id: voiding,
        actor: { mbox: 'mailto:admin@drill.example.jp' },
        verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { 'en-US': 'voided' } },
        object: { objectType: 'StatementRef', id: target },
      });
      expect(voidedBy.status).toBe(200);
      expect((await f.call(`/xapi/statements?statementId=${target}`)).status).toBe(404);
      const voided = await f.call(`/xapi/statements?voidedStatementId=${target}`);
      expect(voided.status).toBe(200);
      expect(await voided.json()).toMatchObject({ id: target });
      const list = await query({ verb: 'http://example.jp/verbs/voiding-test' });
      expect(list.statements).toEqual([]);
      const voidings = await query({ verb: 'http://adlnet.gov/expapi/verbs/voided' });
      expect(voidings.statements.map((s) => s.id)).toContain(voiding);

      // a statement voiding the voiding statement is stored but voids nothing
      await post({
        actor: { mbox: 'mailto:admin@drill.example.jp' },
        verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
        object: { objectType: 'StatementRef', id: voiding },
      });
      expect((await f.call(`/xapi/statements?statementId=${voiding}`)).status).toBe(200);
      expect((await f.call(`/xapi/statements?voidedStatementId=${voiding}`)).status).toBe(404);
    });

    it('refuses a voiding statement whose object is not a StatementRef', async () => {
      const response = await post({
        actor: { mbox: 'mailto:admin@drill.example.jp' },
        verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
        object: { id: 'https://drill.example.jp/items/1' },
      });
      expect(response.status).toBe(400);
    });
  });

  describe('querying', () => {
    const registration = randomUUID();
    const verb = 'http://example.jp/verbs/query-test';
    const ids: string[] = [];
    let middleStored = '';

    beforeAll(async () => {
      for (let i = 0; i < 5; i++) {
        const id = randomUUID();
        ids.push(id);
        const account = i % 2 === 0 ? f.pupil.account : f.classmate.account;
        await post({
          ...drillStatement(account),
          id,
          verb: { id: verb, display: { 'ja-JP': 'テスト', 'en-US': 'test' } },
          object: { id: `https://drill.example.jp/query-test/${i % 2}` },
          context: {
            registration,
            instructor: { mbox: 'mailto:sensei@school.example.jp' },
            contextActivities: { parent: [{ id: 'https://drill.example.jp/query-test/unit' }] },
          },
        });
        if (i === 2) {
          await new Promise((r) => setTimeout(r, 20));
          const s = (await (await f.call(`/xapi/statements?statementId=${id}`)).json()) as { stored: string };
          middleStored = s.stored;
          await new Promise((r) => setTimeout(r, 20));
        }
      }
    });

    it('filters by verb, newest first, and by agent (actor)', async () => {
      expect((await query({ verb })).statements.map((s) => s.id)).toEqual([...ids].reverse());
      const mine = await query({ verb, agent: agentParam });
      expect(mine.statements.map((s) => s.id)).toEqual([ids[4], ids[2], ids[0]]);
    });

    it('also returns statements that target a matching statement by StatementRef, and those targeting them', async () => {
      const refVerb = 'http://example.jp/verbs/statementref-test';
      const target = randomUUID();
      const comment = randomUUID();
      const reply = randomUUID();
      const other = randomUUID();
      const unrelated = randomUUID();
      await post([
        { ...drillStatement(f.pupil.account), id: target, verb: { id: refVerb } },
        { ...drillStatement(f.pupil.account), id: other, verb: { id: `${refVerb}/other` } },
        {
          id: comment,
          actor: { mbox: 'mailto:sensei@school.example.jp' },
          verb: { id: 'http://adlnet.gov/expapi/verbs/commented' },
          object: { objectType: 'StatementRef', id: target },
          result: { response: 'よくできました' },
        },
        {
          id: reply,
          actor: { account: f.classmate.account },
          verb: { id: 'http://activitystrea.ms/schema/1.0/like' },
          object: { objectType: 'StatementRef', id: comment },
        },
        {
          id: unrelated,
          actor: { mbox: 'mailto:sensei@school.example.jp' },
          verb: { id: 'http://adlnet.gov/expapi/verbs/commented' },
          object: { objectType: 'StatementRef', id: other },
        },
      ]);
      const byVerb = await query({ verb: refVerb });
      expect(byVerb.statements.map((s) => s.id)).toEqual([reply, comment, target]);
      // the agent filter matches the target as actor; the teacher's comment and the like follow it
      const byAgent = await query({ agent: agentParam, since: middleStored, verb: refVerb });
      expect(byAgent.statements.map((s) => s.id)).toEqual([reply, comment, target]);
      // paging covers the followed statements too
      const first = await query({ verb: refVerb, limit: '2', ascending: 'true' });
      expect(first.statements.map((s) => s.id)).toEqual([target, comment]);
      const next = (await (await f.call(first.more)).json()) as StatementResult;
      expect(next.statements.map((s) => s.id)).toEqual([reply]);
      // a voided target is not a match, so nothing follows it
      await post({
        actor: { mbox: 'mailto:admin@drill.example.jp' },
        verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
        object: { objectType: 'StatementRef', id: target },
      });
      expect((await query({ verb: refVerb })).statements).toEqual([]);
    });

    it('matches the agent as the object, and as a member of a group actor', async () => {
      const verbAbout = 'http://example.jp/verbs/agent-object-test';
      const asObject = randomUUID();
      const asMember = randomUUID();
      await post([
        {
          id: asObject,
          actor: { mbox: 'mailto:sensei@school.example.jp' },
          verb: { id: verbAbout },
          object: { objectType: 'Agent', account: f.pupil.account },
        },
        {
          id: asMember,
          actor: {
            objectType: 'Group',
            name: '3班',
            member: [{ account: f.pupil.account }, { account: f.classmate.account }],
          },
          verb: { id: verbAbout },
          object: { id: 'https://classboard.example.jp/cards/9' },
        },
      ]);
      const found = await query({ verb: verbAbout, agent: agentParam });
      expect(found.statements.map((s) => s.id)).toEqual([asMember, asObject]);
      const teacher = JSON.stringify({ mbox: 'mailto:sensei@school.example.jp' });
      expect((await query({ verb: verbAbout, agent: teacher })).statements.map((s) => s.id)).toEqual([
        asObject,
      ]);
    });

    it('matches an instructor only with related_agents=true', async () => {
      const instructor = JSON.stringify({ mbox: 'mailto:sensei@school.example.jp' });
      expect((await query({ verb, agent: instructor })).statements).toEqual([]);
      expect((await query({ verb, agent: instructor, related_agents: 'true' })).statements).toHaveLength(5);
    });

    it('filters by activity, related_activities and registration', async () => {
      expect((await query({ activity: 'https://drill.example.jp/query-test/1' })).statements).toHaveLength(2);
      const unit = 'https://drill.example.jp/query-test/unit';
      expect((await query({ activity: unit })).statements).toHaveLength(0);
      expect((await query({ activity: unit, related_activities: 'true' })).statements).toHaveLength(5);
      expect((await query({ registration })).statements).toHaveLength(5);
    });

    it('filters by since and until on stored, and sorts ascending', async () => {
      const after = await query({ verb, since: middleStored, ascending: 'true' });
      expect(after.statements.map((s) => s.id)).toEqual([ids[3], ids[4]]);
      const upTo = await query({ verb, until: middleStored, ascending: 'true' });
      expect(upTo.statements.map((s) => s.id)).toEqual([ids[0], ids[1], ids[2]]);
    });

    it('pages with limit and an opaque more URL that continues where the page ended', async () => {
      const seen: unknown[] = [];
      let page = await query({ verb, limit: '2' });
      seen.push(...page.statements.map((s) => s.id));
      expect(page.more).toMatch(/^\/xapi\/statements\?more=/);
      while (page.more) {
        const next = await f.call(page.more);
        expect(next.status).toBe(200);
        page = (await next.json()) as StatementResult;
        seen.push(...page.statements.map((s) => s.id));
      }
      expect(seen).toEqual([...ids].reverse());
      expect((await f.call('/xapi/statements?more=garbage')).status).toBe(400);
    });

    it('gives ids and canonical formats', async () => {
      const ids_ = await query({ verb, limit: '1', format: 'ids' });
      expect(ids_.statements[0]!.verb).toEqual({ id: verb });
      expect(ids_.statements[0]!.actor).toEqual({ objectType: 'Agent', account: f.pupil.account });
      const canonical = await f.call(
        `/xapi/statements?${new URLSearchParams({ verb, limit: '1', format: 'canonical' }).toString()}`,
        {
          headers: { 'accept-language': 'en-US' },
        },
      );
      const body = (await canonical.json()) as StatementResult;
      expect(body.statements[0]!.verb).toEqual({ id: verb, display: { 'en-US': 'test' } });
      const japanese = await query({ verb, limit: '1', format: 'canonical' });
      expect(japanese.statements[0]!.verb).toEqual({ id: verb, display: { 'ja-JP': 'テスト' } });
    });

    it.each([
      ['an unknown parameter', { verb, colour: 'red' }],
      ['a parameter in the wrong case', { Verb: verb }],
      ['statementId with another filter', { statementId: randomUUID(), verb }],
      ['statementId and voidedStatementId', { statementId: randomUUID(), voidedStatementId: randomUUID() }],
      ['an agent that is not JSON', { agent: 'S-000123' }],
      ['a since without a time zone', { since: '2026-11-20T10:00:00' }],
      ['a bad format', { format: 'full' }],
      ['a negative limit', { limit: '-1' }],
    ])('refuses %s with 400', async (_name, params) => {
      const response = await f.call(
        `/xapi/statements?${new URLSearchParams(params as Record<string, string>).toString()}`,
      );
      expect(response.status).toBe(400);
    });
  });

  describe('confinement to the client’s municipality', () => {
    it('lets a client of another municipality read none of these statements', async () => {
      const id = randomUUID();
      await post({ ...drillStatement(f.pupil.account), id });
      const outsider = await f.callAs(f.outsider, `/xapi/statements?statementId=${id}`);
      expect(outsider.status).toBe(404);
      const list = await f.callAs(f.outsider, `/xapi/statements?agent=${encodeURIComponent(agentParam)}`);
      expect(((await list.json()) as StatementResult).statements).toEqual([]);
      const all = await f.callAs(f.outsider, '/xapi/statements');
      expect(((await all.json()) as StatementResult).statements).toEqual([]);
      // nor overwrite or void them
      const clash = await f.callAs(f.outsider, '/xapi/statements', {
        method: 'POST',
        body: { ...drillStatement(f.pupil.account), id },
      });
      expect(clash.status).toBe(409);
      await f.callAs(f.outsider, '/xapi/statements', {
        method: 'POST',
        body: {
          actor: { mbox: 'mailto:x@example.jp' },
          verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
          object: { objectType: 'StatementRef', id },
        },
      });
      expect((await f.call(`/xapi/statements?statementId=${id}`)).status).toBe(200);
    });

    it('refuses a disabled client', async () => {
      const response = await f.callAs({ key: 'xapi-unknown', secret: f.client.secret }, '/xapi/statements');
      expect(response.status).toBe(401);
    });
  });

  describe('attachments (multipart/mixed)', () => {
    const content = Buffer.from('がんばりカード: 5年1組 山田花子');
    const sha2 = createHash('sha256').update(content).digest('hex');
    const withAttachment = (id: string, fileUrl?: string) => ({
      ...drillStatement(f.pupil.account),
      id,
      attachments: [
        {
          usageType: 'https://w3id.org/edukarte/xapi/attachments/worksheet',
          display: { 'ja-JP': 'がんばりカード' },
          contentType: 'text/plain; charset=utf-8',
          length: content.length,
          sha2,
          ...(fileUrl ? { fileUrl } : {}),
        },
      ],
    });
    const multipart = (statements: unknown, parts: { hash: string; body: Buffer }[]) => {
      const boundary = 'edukarte-test-boundary';
      const chunks: Buffer[] = [
        Buffer.from(
          `--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(statements)}\r\n`,
        ),
      ];
      for (const part of parts)
        chunks.push(
          Buffer.from(
            `--${boundary}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${part.hash}\r\n\r\n`,
          ),
          part.body,
          Buffer.from('\r\n'),
        );
      chunks.push(Buffer.from(`--${boundary}--\r\n`));
      return {
        body: Buffer.concat(chunks),
        headers: { 'content-type': `multipart/mixed; boundary="${boundary}"` },
      };
    };

    it('stores the attachment data and returns it with attachments=true', async () => {
      const id = randomUUID();
      const request = multipart([withAttachment(id)], [{ hash: sha2, body: content }]);
      const response = await f.call('/xapi/statements', { method: 'POST', ...request });
      expect(response.status).toBe(200);
      const [row] = await f.t.database.db
        .select()
        .from(xapiAttachments)
        .where(eq(xapiAttachments.sha2, sha2));
      expect(row!.content.equals(content)).toBe(true);

      const plain = await f.call(`/xapi/statements?statementId=${id}`);
      expect(plain.headers.get('content-type')).toMatch(/^application\/json/);
      const withData = await f.call(`/xapi/statements?statementId=${id}&attachments=true`);
      const type = withData.headers.get('content-type')!;
      expect(type).toMatch(/^multipart\/mixed/);
      const parts = parseMultipart(Buffer.from(await withData.arrayBuffer()), headerParam(type, 'boundary')!);
      expect(JSON.parse(parts[0]!.body.toString())).toMatchObject({ id });
      expect(parts[1]!.headers['x-experience-api-hash']).toBe(sha2);
      expect(parts[1]!.body.equals(content)).toBe(true);
    });

    it('refuses a part whose data does not match its hash, or a missing part', async () => {
      const wrong = multipart([withAttachment(randomUUID())], [{ hash: sha2, body: Buffer.from('改ざん') }]);
      expect((await f.call('/xapi/statements', { method: 'POST', ...wrong })).status).toBe(400);
      const missing = multipart([withAttachment(randomUUID())], []);
      expect((await f.call('/xapi/statements', { method: 'POST', ...missing })).status).toBe(400);
    });

    it('accepts JSON with fileUrl attachments and refuses JSON attachments without one', async () => {
      expect((await post(withAttachment(randomUUID(), 'https://drill.example.jp/cards/1.txt'))).status).toBe(
        200,
      );
      expect((await post(withAttachment(randomUUID()))).status).toBe(400);
    });
  });

  describe('alternate request syntax', () => {
    const form = (fields: Record<string, string>) => ({
      method: 'POST',
      body: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });

    it('PUTs and GETs through POST ?method= with headers and parameters in the form', async () => {
      const id = randomUUID();
      const put = await f.callAs(null, '/xapi/statements?method=PUT', {
        ...form({
          statementId: id,
          Authorization: basic(f.client),
          'X-Experience-API-Version': '1.0.3',
          'Content-Type': 'application/json',
          content: JSON.stringify(drillStatement(f.pupil.account)),
        }),
        noVersion: true,
      });
      expect(put.status).toBe(204);
      const get = await f.callAs(null, '/xapi/statements?method=GET', {
        ...form({ statementId: id, Authorization: basic(f.client), 'X-Experience-API-Version': '1.0.3' }),
        noVersion: true,
      });
      expect(get.status).toBe(200);
      expect(await get.json()).toMatchObject({ id });
    });

    it('refuses other query parameters beside method, and a form without method', async () => {
      const extra = await f.call(`/xapi/statements?method=GET&statementId=${randomUUID()}`, form({}));
      expect(extra.status).toBe(400);
      const noMethod = await f.call('/xapi/statements', form({ content: '{}' }));
      expect(noMethod.status).toBe(400);
    });
  });
});

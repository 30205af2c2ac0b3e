import { describe, expect, it } from 'vitest';
import {
  agentKey,
  factsOf,
  formatStatement,
  parseAcceptLanguage,
  pickLanguage,
  sameStatement,
  sourceKeyOf,
} from './statement-facts.ts';
import type { Statement } from './validate.ts';

const account = { homePage: 'https://drill.example.jp', name: 'S-000123' };

const statement = (): Statement => ({
  actor: { objectType: 'Agent', name: '山田 花子', account },
  verb: {
    id: 'http://adlnet.gov/expapi/verbs/answered',
    display: { 'ja-JP': '解答した', 'en-US': 'answered' },
  },
  object: {
    id: 'https://drill.example.jp/items/MATH-P5-03-07',
    definition: { name: { 'en-US': 'Q7', 'ja-JP': '問7' } },
  },
  result: { success: true },
  context: {
    registration: 'E7B5A1F0-9A2C-4C1D-8F3E-2D4B6A8C0E12',
    instructor: { mbox: 'mailto:sensei@School.Example.jp' },
    contextActivities: { parent: { id: 'https://drill.example.jp/units/MATH-P5-03' } },
  },
  timestamp: '2026-05-12T10:15:30+09:00',
});

describe('agentKey and sourceKeyOf', () => {
  it.each([
    [
      { account },
      'account:https://drill.example.jp|S-000123',
      { system: 'https://drill.example.jp', sourceId: 'S-000123' },
    ],
    [
      { mbox: 'mailto:Hanako@School.Example.JP' },
      'mbox:mailto:Hanako@school.example.jp',
      { system: 'mbox', sourceId: 'hanako@school.example.jp' },
    ],
    [
      { openid: 'https://id.example.jp/u/1' },
      'openid:https://id.example.jp/u/1',
      { system: 'openid', sourceId: 'https://id.example.jp/u/1' },
    ],
    [{ mbox_sha1sum: 'ABC' }, 'mbox_sha1sum:abc', null],
  ])('%j', (agent, key, source) => {
    expect(agentKey(agent)).toBe(key);
    expect(sourceKeyOf(agent)).toEqual(source);
  });
});

describe('factsOf', () => {
  it('collects the actor, related agents and activities, and the registration in lower case', () => {
    const facts = factsOf(statement(), 'id-1');
    expect(facts).toMatchObject({
      actorKey: 'account:https://drill.example.jp|S-000123',
      activityId: 'https://drill.example.jp/items/MATH-P5-03-07',
      registration: 'e7b5a1f0-9a2c-4c1d-8f3e-2d4b6a8c0e12',
      voids: null,
      statementRef: null,
    });
    // the actor and the object are in actorKey and activityId, not again among the related ones
    expect(facts.relatedAgents).toEqual(['mbox:mailto:sensei@school.example.jp']);
    expect(facts.relatedActivities).toEqual(['https://drill.example.jp/units/MATH-P5-03']);
  });

  it('leaves out an authority the client sent: the LRS records its own', () => {
    const s: Statement = { ...statement(), authority: { mbox: 'mailto:someone@example.jp' } };
    expect(factsOf(s, 'id-2').relatedAgents).not.toContain('mbox:mailto:someone@example.jp');
  });

  it('finds the target of a voiding statement and the agents inside a SubStatement', () => {
    const voiding: Statement = {
      actor: { mbox: 'mailto:admin@example.jp' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
      object: { objectType: 'StatementRef', id: 'ABCDEF01-0000-4000-8000-000000000000' },
    };
    expect(factsOf(voiding, 'x')).toMatchObject({
      voids: 'abcdef01-0000-4000-8000-000000000000',
      statementRef: 'abcdef01-0000-4000-8000-000000000000',
    });
    const comment: Statement = { ...voiding, verb: { id: 'http://adlnet.gov/expapi/verbs/commented' } };
    expect(factsOf(comment, 'y')).toMatchObject({
      voids: null,
      statementRef: 'abcdef01-0000-4000-8000-000000000000',
    });
    const sub: Statement = {
      actor: { mbox: 'mailto:a@example.jp' },
      verb: { id: 'http://example.jp/planned' },
      object: {
        objectType: 'SubStatement',
        actor: { mbox: 'mailto:b@example.jp' },
        verb: { id: 'http://example.jp/did' },
        object: { id: 'http://example.jp/act' },
      },
    };
    const facts = factsOf(sub, 'y');
    expect(facts.relatedAgents).toContain('mbox:mailto:b@example.jp');
    expect(facts.relatedActivities).toEqual(['http://example.jp/act']);
    expect(facts.activityId).toBeNull();
  });

  it('gives an anonymous group actor a key of its own statement', () => {
    const s: Statement = { ...statement(), actor: { objectType: 'Group', member: [{ account }] } };
    expect(factsOf(s, 'id-9').actorKey).toBe('anon:id-9');
    expect(factsOf(s, 'id-9').relatedAgents).toContain('account:https://drill.example.jp|S-000123');
  });
});

describe('sameStatement', () => {
  const stored = (): Record<string, unknown> => ({
    ...statement(),
    id: '8d1c2a36-5c2e-4b8a-9d35-0b8f2a6f4e11',
    stored: '2026-05-12T01:20:00.000Z',
    authority: { account: { homePage: 'http://lrs/xapi/clients', name: 'k' } },
    version: '1.0.0',
  });
  const incoming = () => statement() as unknown as Record<string, unknown>;

  it('ignores what the LRS set, timestamp serialisation, verb display and activity definitions', () => {
    expect(sameStatement(incoming(), stored())).toBe(true);
    expect(sameStatement({ ...incoming(), timestamp: '2026-05-12T01:15:30Z' }, stored())).toBe(true);
    expect(
      sameStatement({ ...incoming(), verb: { id: 'http://adlnet.gov/expapi/verbs/answered' } }, stored()),
    ).toBe(true);
    expect(
      sameStatement(
        { ...incoming(), object: { id: 'https://drill.example.jp/items/MATH-P5-03-07' } },
        stored(),
      ),
    ).toBe(true);
  });

  it('ignores a timestamp the LRS filled in', () => {
    const withoutTimestamp = incoming();
    delete withoutTimestamp.timestamp;
    expect(sameStatement(withoutTimestamp, stored())).toBe(true);
  });

  it('sees a different result, actor or time', () => {
    expect(sameStatement({ ...incoming(), result: { success: false } }, stored())).toBe(false);
    expect(sameStatement({ ...incoming(), actor: { account: { ...account, name: 'S-9' } } }, stored())).toBe(
      false,
    );
    expect(sameStatement({ ...incoming(), timestamp: '2026-05-12T10:15:31+09:00' }, stored())).toBe(false);
  });
});

describe('formats', () => {
  const s = statement() as unknown as Record<string, unknown>;

  it('ids keeps identifiers only', () => {
    const out = formatStatement(s, 'ids', []);
    expect(out.actor).toEqual({ objectType: 'Agent', account });
    expect(out.verb).toEqual({ id: 'http://adlnet.gov/expapi/verbs/answered' });
    expect(out.object).toEqual({ id: 'https://drill.example.jp/items/MATH-P5-03-07' });
  });

  it('canonical keeps one language per map: the accepted one, else Japanese, else the first', () => {
    expect(formatStatement(s, 'canonical', ['en']).verb).toMatchObject({ display: { 'en-US': 'answered' } });
    const ja = formatStatement(s, 'canonical', ['fr']);
    expect(ja.verb).toMatchObject({ display: { 'ja-JP': '解答した' } });
    expect((ja.object as { definition: unknown }).definition).toEqual({ name: { 'ja-JP': '問7' } });
    expect(pickLanguage({ 'ko-KR': '답', 'zh-CN': '答' }, [])).toEqual({ 'ko-KR': '답' });
  });

  it('exact returns the statement unchanged', () => {
    expect(formatStatement(s, 'exact', ['en'])).toBe(s);
  });

  it('orders Accept-Language by quality', () => {
    expect(parseAcceptLanguage('en;q=0.5, ja-JP, fr;q=0.8, *;q=0.1')).toEqual(['ja-JP', 'fr', 'en', '*']);
    expect(parseAcceptLanguage(undefined)).toEqual([]);
  });
});

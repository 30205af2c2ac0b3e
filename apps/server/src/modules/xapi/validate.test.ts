/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access --
   the table rows below mutate deep statement JSON in place; typing every path would hide the intent */
import { describe, expect, it } from 'vitest';
import {
  isDuration,
  isLanguageTag,
  isTimestamp,
  parseAgentParam,
  validateStatement,
  validateStatementBatch,
} from './validate.ts';
import { drill } from './test-statements.ts';

type Mutate = (s: Record<string, any>) => void;

const valid: [string, Mutate][] = [
  ['a full drill answer', () => {}],
  ['no id (the LRS assigns one)', (s) => delete s.id],
  ['an mbox actor', (s) => (s.actor = { mbox: 'mailto:hanako@school.example.jp', name: '山田 花子' })],
  ['an mbox_sha1sum actor', (s) => (s.actor = { mbox_sha1sum: 'ebd31e95054c018b10727ccffd2ef2ec3a016ee9' })],
  ['an openid actor', (s) => (s.actor = { openid: 'https://id.example.jp/u/123' })],
  [
    'an identified group actor',
    (s) =>
      (s.actor = {
        objectType: 'Group',
        name: '5年1組 3班',
        account: { homePage: 'https://lms.example.jp', name: 'g-3' },
      }),
  ],
  [
    'an anonymous group with members',
    (s) =>
      (s.actor = {
        objectType: 'Group',
        member: [
          { mbox: 'mailto:a@example.jp' },
          { account: { homePage: 'https://drill.example.jp', name: 'S-1' } },
        ],
      }),
  ],
  ['a UTC timestamp', (s) => (s.timestamp = '2026-05-12T01:15:30Z')],
  ['a timestamp with +0900', (s) => (s.timestamp = '2026-05-12T10:15:30+0900')],
  ['an activity without objectType', (s) => delete s.object.objectType],
  [
    'an Agent object',
    (s) => {
      s.object = { objectType: 'Agent', mbox: 'mailto:teacher@example.jp' };
      delete s.context.platform;
    },
  ],
  [
    'a StatementRef object without revision/platform',
    (s) => {
      s.object = { objectType: 'StatementRef', id: '0b8f2a6f-4e11-4b8a-9d35-8d1c2a36c5c2' };
      delete s.context.platform;
    },
  ],
  [
    'a SubStatement',
    (s) => {
      s.object = {
        objectType: 'SubStatement',
        actor: { mbox: 'mailto:b@example.jp' },
        verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
        object: { id: 'https://drill.example.jp/videos/1' },
      };
      delete s.context.platform;
    },
  ],
  [
    'language map keys zh-Hant-TW and es-419',
    (s) => (s.verb.display = { 'zh-Hant-TW': '回答', 'es-419': 'respondió' }),
  ],
  ['null inside extensions', (s) => (s.result.extensions = { 'https://drill.example.jp/ext/hint': null })],
  ['version 1.0.0', (s) => (s.version = '1.0.0')],
  [
    'an attachment with fileUrl',
    (s) =>
      (s.attachments = [
        {
          usageType: 'http://adlnet.gov/expapi/attachments/signature',
          display: { 'ja-JP': '解答用紙' },
          contentType: 'image/png',
          length: 1234,
          sha2: 'a'.repeat(64),
          fileUrl: 'https://drill.example.jp/sheets/1.png',
        },
      ]),
  ],
  [
    'a voiding statement',
    (s) => {
      s.verb = { id: 'http://adlnet.gov/expapi/verbs/voided', display: { 'en-US': 'voided' } };
      s.object = { objectType: 'StatementRef', id: '0b8f2a6f-4e11-4b8a-9d35-8d1c2a36c5c2' };
      delete s.result;
      delete s.context;
    },
  ],
];

const invalid: [string, Mutate, string, RegExp?][] = [
  ['mbox without mailto:', (s) => (s.actor = { mbox: 'hanako@school.example.jp' }), 'actor.mbox', /mailto/],
  ['two identifiers', (s) => (s.actor.mbox = 'mailto:hanako@school.example.jp'), 'actor', /1 つだけ/],
  ['no identifier', (s) => (s.actor = { name: '山田 花子' }), 'actor', /識別子/],
  [
    'an account without name',
    (s) => (s.actor.account = { homePage: 'https://drill.example.jp' }),
    'actor.account.name',
  ],
  [
    'an account homePage that is not an IRL',
    (s) => (s.actor.account.homePage = 'drill.example.jp'),
    'actor.account.homePage',
  ],
  ['an anonymous group without members', (s) => (s.actor = { objectType: 'Group' }), 'actor.member'],
  ['a verb id without a scheme', (s) => (s.verb.id = 'answered'), 'verb.id', /IRI/],
  ['a display that is not a language map', (s) => (s.verb.display = '解答した'), 'verb.display'],
  ['a bad language tag', (s) => (s.verb.display = { ja_JP: '解答した' }), 'verb.display.ja_JP', /言語タグ/],
  [
    'a timestamp without a time zone',
    (s) => (s.timestamp = '2026-05-12T10:15:30'),
    'timestamp',
    /タイムゾーン/,
  ],
  ['a timestamp with -00:00', (s) => (s.timestamp = '2026-05-12T10:15:30-00:00'), 'timestamp'],
  ['a date-only timestamp', (s) => (s.timestamp = '2026-05-12'), 'timestamp'],
  ['month 13', (s) => (s.timestamp = '2026-13-12T10:15:30+09:00'), 'timestamp'],
  ['an id that is not a UUID', (s) => (s.id = 'S-000123-1'), 'id', /UUID/],
  ['an unknown top-level property', (s) => (s.score = 10), '(statement)', /score/],
  ['an unknown property inside actor', (s) => (s.actor.grade = 5), 'actor', /grade/],
  ['a null result', (s) => (s.result = null), 'result', /null/],
  ['success as a string', (s) => (s.result.success = 'true'), 'result.success', /真偽値/],
  ['raw as a string', (s) => (s.result.score.raw = '10'), 'result.score.raw', /数値/],
  ['scaled above 1', (s) => (s.result.score.scaled = 1.5), 'result.score.scaled'],
  ['raw above max', (s) => (s.result.score.raw = 11), 'result.score.raw'],
  ['a bad duration', (s) => (s.result.duration = '42.5 seconds'), 'result.duration'],
  ['a bad registration', (s) => (s.context.registration = 'reg-1'), 'context.registration'],
  [
    'a context activity without id',
    (s) => (s.context.contextActivities.parent = [{ objectType: 'Activity' }]),
    'context.contextActivities.parent',
  ],
  [
    'platform with an Agent object',
    (s) => (s.object = { objectType: 'Agent', mbox: 'mailto:teacher@example.jp' }),
    'context.platform',
    /Activity/,
  ],
  ['an unknown objectType', (s) => (s.object.objectType = 'activity'), 'object'],
  [
    'choices with a likert interaction',
    (s) => (s.object.definition.interactionType = 'likert'),
    'object.definition.choices',
  ],
  [
    'an unknown interactionType',
    (s) => (s.object.definition.interactionType = 'essay'),
    'object.definition.interactionType',
  ],
  [
    'a voiding statement with an Activity object',
    (s) => (s.verb = { id: 'http://adlnet.gov/expapi/verbs/voided', display: { 'en-US': 'voided' } }),
    'object',
    /StatementRef/,
  ],
  [
    'a SubStatement inside a SubStatement',
    (s) =>
      (s.object = {
        objectType: 'SubStatement',
        actor: { mbox: 'mailto:b@example.jp' },
        verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
        object: {
          objectType: 'SubStatement',
          actor: { mbox: 'mailto:c@example.jp' },
          verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
          object: { id: 'https://drill.example.jp/videos/1' },
        },
      }),
    'object.object',
  ],
  [
    'a SubStatement with an id',
    (s) =>
      (s.object = {
        objectType: 'SubStatement',
        id: '0b8f2a6f-4e11-4b8a-9d35-8d1c2a36c5c2',
        actor: { mbox: 'mailto:b@example.jp' },
        verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
        object: { id: 'https://drill.example.jp/videos/1' },
      }),
    'object',
    /id/,
  ],
  ['version 2.0.0', (s) => (s.version = '2.0.0'), 'version'],
  [
    'an attachment without a sha2',
    (s) =>
      (s.attachments = [
        { usageType: 'http://example.jp/u', display: { ja: '紙' }, contentType: 'image/png', length: 1 },
      ]),
    'attachments[0].sha2',
  ],
  [
    'an extension key that is not an IRI',
    (s) => (s.context.extensions = { 'school-code': 'B1' }),
    'context.extensions.school-code',
  ],
];

describe('validateStatement', () => {
  it.each(valid)('accepts %s', (_name, mutate) => {
    const s = drill();
    mutate(s);
    const result = validateStatement(s);
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it.each(invalid)('rejects %s', (_name, mutate, path, message) => {
    const s = drill();
    mutate(s);
    const result = validateStatement(s);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const issue = result.issues.find((i) => i.path === path);
    expect(issue, JSON.stringify(result.issues)).toBeDefined();
    if (message) expect(issue!.message).toMatch(message);
  });

  it('rejects something that is not an object', () => {
    expect(validateStatement([])).toMatchObject({ ok: false, issues: [{ path: '(statement)' }] });
    expect(validateStatement('{}')).toMatchObject({ ok: false });
  });
});

describe('validateStatementBatch', () => {
  it('accepts one statement or an array', () => {
    expect(validateStatementBatch(drill())).toMatchObject({ ok: true });
    const second = { ...drill(), id: '9d1c2a36-5c2e-4b8a-9d35-0b8f2a6f4e11' };
    expect(validateStatementBatch([drill(), second])).toMatchObject({ ok: true });
  });

  it('names the index of a bad statement in a batch', () => {
    const bad = drill();
    (bad.actor as Record<string, unknown>).account = { homePage: 'https://drill.example.jp', name: '' };
    const result = validateStatementBatch([{ ...drill(), id: undefined }, bad]);
    expect(result).toMatchObject({ ok: false, issues: [{ path: '[1].actor.account.name' }] });
  });

  it('rejects two statements with the same id, and an empty batch', () => {
    const result = validateStatementBatch([drill(), drill()]);
    expect(result).toMatchObject({ ok: false, issues: [{ path: '[1].id' }] });
    expect(validateStatementBatch([])).toMatchObject({ ok: false });
  });
});

describe('value formats', () => {
  it.each([
    ['2026-05-12T10:15:30+09:00', true],
    ['2026-05-12T10:15:30.123456+09:00', true],
    ['2026-05-12T10:15Z', true],
    ['2026-05-12T10:15:30+09', true],
    ['2026-05-12T10:15:30', false],
    ['2026-05-12 10:15:30+09:00', false],
    ['2026-02-12T24:15:30+09:00', false],
    ['2026-05-12T10:15:30-0000', false],
  ])('timestamp %s → %s', (value, ok) => expect(isTimestamp(value)).toBe(ok));

  it.each([
    ['PT42.5S', true],
    ['P1DT2H', true],
    ['P3W', true],
    ['PT', false],
    ['P', false],
    ['42S', false],
  ])('duration %s → %s', (value, ok) => expect(isDuration(value)).toBe(ok));

  it.each([
    ['ja', true],
    ['ja-JP', true],
    ['en-US', true],
    ['zh-Hant-TW', true],
    ['x-private', true],
    ['ja_JP', false],
    ['', false],
    ['ja-', false],
    ['toolongprimary', false],
  ])('language tag %s → %s', (value, ok) => expect(isLanguageTag(value)).toBe(ok));
});

describe('parseAgentParam', () => {
  it('reads an account agent', () => {
    const r = parseAgentParam(
      'agent',
      '{"account":{"homePage":"https://drill.example.jp","name":"S-000123"}}',
      {
        allowGroup: false,
      },
    );
    expect(r).toMatchObject({ ok: true, value: { account: { name: 'S-000123' } } });
  });

  it.each([
    ['not JSON', 'S-000123'],
    ['no identifier', '{"name":"山田"}'],
    ['a group where an agent is needed', '{"objectType":"Group","mbox":"mailto:g@example.jp"}'],
    ['an anonymous group', '{"objectType":"Group","member":[{"mbox":"mailto:a@example.jp"}]}'],
  ])('refuses %s', (_name, value) => {
    expect(parseAgentParam('agent', value, { allowGroup: false }).ok).toBe(false);
  });
});

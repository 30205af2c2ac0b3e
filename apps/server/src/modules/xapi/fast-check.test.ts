import { describe, expect, it } from 'vitest';
import { passesFastCheck } from './fast-check.ts';
import { VOIDED_VERB } from './statement-rules.ts';
import { drill } from './test-statements.ts';
import { statementSchema, validateStatement } from './validate.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const HOME = 'https://drill.example.jp';

/** The vendor's drill answer with every optional part a drill statement can carry added. */
function richDrill(): Json {
  const s = drill() as Record<string, Record<string, Json>>;
  const object = s.object as Record<string, Record<string, Json>>;
  return {
    ...s,
    object: { ...object, definition: { ...object.definition, moreInfo: `${HOME}/help` } },
    result: { ...s.result, extensions: { 'https://drill.example.jp/xapi/ext/attempt': 2 } },
    context: {
      ...s.context,
      instructor: { mbox: 'mailto:sato@school.example.jp' },
      revision: 'r2',
      statement: { objectType: 'StatementRef', id: '0b1d2c3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e' },
    },
    stored: '2026-05-12T01:15:31Z',
    authority: { objectType: 'Agent', account: { homePage: 'https://lrs.example.jp', name: 'drill' } },
    version: '1.0.3',
  };
}

/** Valid statements of every kind the fast check covers, with as many optional parts as xAPI allows. */
const covered: Record<string, Json> = {
  'drill answer (choice, score, extensions)': richDrill(),
  'group of pupils with members, an agent as object': {
    actor: {
      objectType: 'Group',
      name: '5年1組 班1',
      member: [
        { account: { homePage: HOME, name: 'S-1' } },
        { objectType: 'Agent', mbox_sha1sum: 'ebd31e95054c018b10727ccffd2ef2ec3a016ee9' },
      ],
    },
    verb: { id: 'https://w3id.org/xapi/dod-isd/verbs/commented' },
    object: { objectType: 'Agent', openid: 'https://openid.example.jp/u/7' },
    context: {
      team: { objectType: 'Group', account: { homePage: HOME, name: 'team-1' } },
      instructor: { objectType: 'Group', mbox: 'mailto:teachers@school.example.jp' },
      language: 'ja',
    },
    timestamp: '2026-05-12T10:15:30Z',
  },
  'voiding statement': {
    id: '3a9b1c2d-4e5f-4a6b-9c7d-8e9f0a1b2c3d',
    actor: { mbox: 'mailto:vendor@drill.example.jp' },
    verb: { id: VOIDED_VERB, display: { 'en-US': 'voided' } },
    object: { objectType: 'StatementRef', id: '8d1c2a36-5c2e-4b8a-9d35-0b8f2a6f4e11' },
  },
  'identified group as object, matching interaction': {
    actor: { account: { homePage: HOME, name: 'S-2' } },
    verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
    object: {
      id: `${HOME}/items/JPN-P5-01-02`,
      definition: {
        interactionType: 'matching',
        source: [{ id: 's1' }, { id: 's2' }],
        target: [{ id: 't1' }],
      },
    },
    context: {
      contextActivities: { category: [{ id: 'https://w3id.org/xapi/cmi5/context/categories/cmi5' }] },
    },
    timestamp: '2026-05-12T10:15:30+0900',
  },
};

/** Valid statements the fast check leaves to zod: they are still accepted. */
const leftToZod: Record<string, Json> = {
  'a SubStatement': {
    actor: { mbox: 'mailto:teacher@school.example.jp' },
    verb: { id: 'http://adlnet.gov/expapi/verbs/planned' },
    object: {
      objectType: 'SubStatement',
      actor: { account: { homePage: HOME, name: 'S-3' } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/attempted' },
      object: { id: `${HOME}/items/MATH-P5-03-07` },
    },
  },
  'an attachment': {
    actor: { mbox: 'mailto:teacher@school.example.jp' },
    verb: { id: 'http://adlnet.gov/expapi/verbs/attempted' },
    object: { id: `${HOME}/items/MATH-P5-03-07` },
    attachments: [
      {
        usageType: 'http://id.tincanapi.com/attachment/supporting_media',
        display: { 'ja-JP': 'ノートの写真' },
        contentType: 'image/png',
        length: 3,
        sha2: 'a'.repeat(64),
        fileUrl: 'https://files.example.jp/note.png',
      },
    ],
  },
};

/** Every path to a value inside `value` (not the root itself). */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((k) => {
    const child = (value as Record<string | number, Json>)[k]!;
    return [[...prefix, k], ...paths(child, [...prefix, k])];
  });
}

function edit(
  value: Json,
  path: (string | number)[],
  change: (parent: Json[] | Record<string, Json>, key: string | number) => void,
): Json {
  const copy = structuredClone(value);
  let parent = copy as Record<string | number, Json>;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, Json>;
  change(parent, path.at(-1)!);
  return copy;
}

/** Values that are wrong somewhere, and right somewhere else (an objectType, an IRI, a tag, …). */
const REPLACEMENTS: Json[] = [
  null,
  0,
  -2,
  1.5,
  1e300,
  true,
  '',
  ' ',
  'not an iri',
  'http://ex ample.jp',
  'urn:x',
  'mailto:x@y.jp',
  'ja-JP',
  'ja_JP',
  '2026-02-30T10:00:00+09:00',
  '2026-05-12T10:15:30-00:00',
  '2026-05-12',
  'PT',
  '1.1.0',
  'Agent',
  'Group',
  'Activity',
  'StatementRef',
  'SubStatement',
  'choice',
  VOIDED_VERB,
  '8d1c2a36-5c2e-4b8a-9d35-0b8f2a6f4e11',
  [],
  [{}],
  ['x'],
  {},
  { id: 'x' },
  { mbox: 'mailto:x@y.jp', openid: 'https://openid.example.jp/u/1' },
];
const ADDED_KEYS = [
  'unknownProperty',
  'ja',
  'not a tag',
  'http://example.jp/ext',
  'member',
  'mbox',
  'choices',
];

/** Every one-step change of a statement: a value replaced, a property removed, a property added. */
function mutants(statement: Json): Json[] {
  const out: Json[] = [];
  for (const path of paths(statement)) {
    for (const replacement of REPLACEMENTS)
      out.push(
        edit(
          statement,
          path,
          (parent, key) => ((parent as Record<string | number, Json>)[key] = replacement),
        ),
      );
    out.push(
      edit(statement, path, (parent, key) => {
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key];
      }),
    );
  }
  for (const path of [[], ...paths(statement)]) {
    const target = path.reduce<Json>((v, k) => (v as Record<string | number, Json>)[k]!, statement);
    if (target === null || typeof target !== 'object' || Array.isArray(target)) continue;
    for (const key of ADDED_KEYS)
      for (const value of ['x', 1, { mbox: 'mailto:x@y.jp' }] as Json[])
        out.push(
          path.length === 0
            ? { ...(target as Record<string, Json>), [key]: value }
            : edit(
                statement,
                [...path, key],
                (parent, k) => ((parent as Record<string | number, Json>)[k] = value),
              ),
        );
  }
  return out;
}

describe('the compiled fast check of statements', () => {
  it.each(Object.entries(covered))(
    'accepts %s without asking zod (the ingest relies on it)',
    (_name, statement) => {
      expect(statementSchema.safeParse(statement).success).toBe(true);
      expect(passesFastCheck(statement)).toBe(true);
    },
  );

  it.each(Object.entries(leftToZod))('leaves %s to zod, which accepts it', (_name, statement) => {
    expect(passesFastCheck(statement)).toBe(false);
    expect(validateStatement(statement).ok).toBe(true);
  });

  it.each(Object.entries(covered))('never accepts a change of %s that zod refuses', (_name, statement) => {
    const all = mutants(statement);
    const accepted = all.filter((m) => passesFastCheck(m));
    const wronglyAccepted = accepted.filter((m) => !statementSchema.safeParse(m).success);
    expect(wronglyAccepted).toEqual([]);
    // the changes exercise both sides: many are refused, and some remain valid
    expect(accepted.length).toBeGreaterThan(10);
    expect(all.length - accepted.length).toBeGreaterThan(all.length / 3);
  });

  it('refuses what zod refuses, so the error still comes from zod with its reason', () => {
    const bad = structuredClone(covered['drill answer (choice, score, extensions)']) as Record<string, Json>;
    (bad.result as Record<string, Json>).score = { raw: 11, min: 0, max: 10 };
    expect(passesFastCheck(bad)).toBe(false);
    expect(validateStatement(bad)).toEqual({
      ok: false,
      issues: [{ path: 'result.score.raw', message: 'raw は max 以下にしてください' }],
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { SubjectCode } from '@edukarte/shared';
import {
  drillItemOf,
  durationMs,
  EXT,
  japanDate,
  lastSegment,
  toolOf,
  typedEventOf,
  type LearningTool,
  type MappingLookups,
  type ResolvedPerson,
} from './typed-events.ts';
import type { Agent, Statement } from './validate.ts';

const HOME = 'https://drill.example.jp';
const tools: LearningTool[] = [
  { id: 1, kind: 'drill', name: 'まなびドリル', launchUrl: 'https://drill.example.jp/launch' },
  { id: 2, kind: 'lesson_support', name: 'クラスボード', launchUrl: 'https://classboard.example.jp/lti' },
];
const units = new Map<string, SubjectCode>([
  ['MATH-P5-03', 'MATH'],
  ['JPN-P5-01', 'JPN'],
]);
const people: Record<string, ResolvedPerson> = {
  'S-000123': { personId: 10, kind: 'student', schoolId: 1, schoolKind: 'elementary', classId: 100 },
  'S-000124': { personId: 11, kind: 'student', schoolId: 1, schoolKind: 'elementary', classId: 100 },
  'T-1': { personId: 20, kind: 'staff', schoolId: 1, schoolKind: 'elementary', classId: null },
};
const lookups: MappingLookups = {
  person: (a: Agent) => (a.account ? (people[a.account.name] ?? null) : null),
  tools,
  unitSubject: (c) => units.get(c),
};
const agent = (name: string): Agent => ({ account: { homePage: HOME, name } });

const answered = (overrides: Partial<Statement> = {}): Statement => ({
  actor: agent('S-000123'),
  verb: { id: 'http://adlnet.gov/expapi/verbs/answered' },
  object: { id: `${HOME}/items/MATH-P5-03-07` },
  result: { success: false, duration: 'PT1M2.5S' },
  ...overrides,
});

describe('helpers', () => {
  it.each([
    ['PT42.5S', 42_500],
    ['PT42S', 42_000],
    ['PT1M2.5S', 62_500],
    ['P1DT1H', 90_000_000],
    ['PT0,5S', 500],
    [undefined, null],
  ])('durationMs(%s) = %s', (d, ms) => expect(durationMs(d)).toBe(ms));

  it('puts a timestamp on its Japan date', () => {
    expect(japanDate('2026-05-12T15:30:00Z')).toBe('2026-05-13');
    expect(japanDate('2026-05-12T23:59:00+09:00')).toBe('2026-05-12');
    expect(japanDate('2026-05-12T10:00:00+0900')).toBe('2026-05-12');
    expect(japanDate('2026-05-12T00:00:00.250+09')).toBe('2026-05-12');
    expect(japanDate('2026-05-12T08:59:00+00:00')).toBe('2026-05-12');
    expect(japanDate('2026-05-12T15:00:00+00:00')).toBe('2026-05-13');
    // +09:30 is not Japan time: 00:10 there is 23:40 the day before in Japan
    expect(japanDate('2026-05-12T00:10:00+09:30')).toBe('2026-05-11');
    expect(japanDate('2026-05-12T15:00:00.000Z')).toBe('2026-05-13');
    expect(japanDate('2026-05-12T23:30:00-01:00')).toBe('2026-05-13');
  });

  it.each([
    ['https://drill.example.jp/items/MATH-P5-03-07', 'MATH-P5-03-07'],
    ['https://drill.example.jp/items/MATH-P5-03-07/?x=1#f', 'MATH-P5-03-07'],
    ['urn:drill:item:%E5%95%8F7', '問7'],
  ])('lastSegment(%s) = %s', (iri, segment) => expect(lastSegment(iri)).toBe(segment));
});

describe('drillItemOf', () => {
  it('derives unit and subject from an item code that starts with a known unit', () => {
    expect(drillItemOf(answered(), lookups.unitSubject)).toEqual({
      subjectCode: 'MATH',
      unitCode: 'MATH-P5-03',
      itemCode: 'MATH-P5-03-07',
    });
  });

  it('takes the unit from a parent context activity', () => {
    const s = answered({
      object: { id: `${HOME}/q/7` },
      context: { contextActivities: { parent: [{ id: `${HOME}/units/JPN-P5-01` }] } },
    });
    expect(drillItemOf(s, lookups.unitSubject)).toEqual({
      subjectCode: 'JPN',
      unitCode: 'JPN-P5-01',
      itemCode: '7',
    });
  });

  it('prefers the edukarte extensions, and accepts an unknown unit when the subject is given', () => {
    const s = answered({
      object: {
        id: `${HOME}/q/x`,
        definition: { extensions: { [EXT.unit]: 'SCI-P5-99', [EXT.item]: 'q-1', [EXT.subject]: 'sci' } },
      },
    });
    expect(drillItemOf(s, lookups.unitSubject)).toEqual({
      subjectCode: 'SCI',
      unitCode: 'SCI-P5-99',
      itemCode: 'q-1',
    });
  });

  it('gives up without a unit it can place', () => {
    expect(drillItemOf(answered({ object: { id: `${HOME}/q/7` } }), lookups.unitSubject)).toBeNull();
  });
});

describe('toolOf', () => {
  it('matches the activity id, then the account homePage, then context.platform', () => {
    expect(toolOf(answered(), tools)?.id).toBe(1);
    expect(toolOf(answered({ object: { id: 'urn:x:1' } }), tools)?.id).toBe(1);
    const viaPlatform = answered({
      actor: { mbox: 'mailto:a@example.jp' },
      object: { id: 'urn:x:1' },
      context: { platform: 'クラスボード' },
    });
    expect(toolOf(viaPlatform, tools)?.id).toBe(2);
    expect(
      toolOf(answered({ actor: { mbox: 'mailto:a@example.jp' }, object: { id: 'urn:x:1' } }), tools),
    ).toBeNull();
  });

  it.each([
    ['HTTPS://Drill.Example.JP/items/1', 1],
    ['https://drill.example.jp:443/items/1', 1],
    ['https://user@drill.example.jp/items/1', 1],
    ['https://drill.example.jp?item=1', 1],
    ['https://drill.example.jp#1', 1],
    ['https:\\\\drill.example.jp\\items\\1', 1],
    ['https://drill.example.jp:8443/items/1', null],
    ['http://drill.example.jp/items/1', null],
    ['https://drill.example.jp.evil.example/items/1', null],
  ])('matches the activity %s by its origin, as a URL parser reads it (tool %s)', (id, tool) => {
    const statement = answered({ actor: { mbox: 'mailto:a@example.jp' }, object: { id } });
    expect(toolOf(statement, tools)?.id ?? null).toBe(tool);
  });

  it('takes the first of two tools with the same origin, and reads a new list of tools afresh', () => {
    const twins: LearningTool[] = [
      { id: 7, kind: 'drill', name: 'A', launchUrl: `${HOME}/a` },
      { id: 8, kind: 'drill', name: 'B', launchUrl: `${HOME}/b` },
    ];
    expect(toolOf(answered(), twins)?.id).toBe(7);
    expect(toolOf(answered(), twins.slice(1))?.id).toBe(8);
  });
});

describe('typedEventOf', () => {
  it('turns an answered drill item into a drill_answers row', () => {
    expect(typedEventOf(answered(), 'st-1', '2026-05-12T10:15:30+09:00', lookups)).toEqual({
      kind: 'drill',
      row: {
        schoolId: 1,
        studentId: 10,
        toolId: 1,
        answeredAt: '2026-05-12T10:15:30+09:00',
        subjectCode: 'MATH',
        unitCode: 'MATH-P5-03',
        itemCode: 'MATH-P5-03-07',
        isCorrect: false,
        durationMs: 62_500,
        statementId: 'st-1',
      },
    });
  });

  it.each<[string, Partial<Statement>]>([
    ['no result.success', { result: { completion: true } }],
    ['an unknown pupil', { actor: agent('S-999') }],
    ['a teacher answering', { actor: agent('T-1') }],
    ['an unknown verb', { verb: { id: 'http://adlnet.gov/expapi/verbs/attempted' } }],
    ['a group actor', { actor: { objectType: 'Group', account: { homePage: HOME, name: 'S-000123' } } }],
  ])('stores only the statement for %s', (_name, overrides) => {
    expect(typedEventOf(answered(overrides), 'st', '2026-05-12T10:15:30+09:00', lookups)).toBeNull();
  });

  it('turns a liked card into an interaction of the actor’s class', () => {
    const liked: Statement = {
      actor: agent('S-000123'),
      verb: { id: 'http://activitystrea.ms/schema/1.0/like' },
      object: {
        id: 'https://classboard.example.jp/cards/42',
        definition: { extensions: { [EXT.owner]: agent('S-000124') } },
      },
    };
    expect(typedEventOf(liked, 'st-2', '2026-05-12T10:00:00+09:00', lookups)).toMatchObject({
      kind: 'interaction',
      row: {
        schoolId: 1,
        classId: 100,
        actorId: 10,
        targetId: 11,
        kind: 'like',
        toolId: 2,
        artifactRef: 'https://classboard.example.jp/cards/42',
      },
    });
  });

  it('uses the pupil’s class when a teacher comments', () => {
    const commented: Statement = {
      actor: agent('T-1'),
      verb: { id: 'http://adlnet.gov/expapi/verbs/commented' },
      object: { id: 'https://classboard.example.jp/cards/42' },
      context: { extensions: { [EXT.owner]: agent('S-000124') } },
    };
    expect(typedEventOf(commented, 's', '2026-05-12T10:00:00+09:00', lookups)).toMatchObject({
      kind: 'interaction',
      row: { classId: 100, actorId: 20, targetId: 11, kind: 'comment' },
    });
  });

  it('turns a launched app into ICT usage, with device and purpose defaults', () => {
    const launched: Statement = {
      actor: agent('S-000123'),
      verb: { id: 'http://adlnet.gov/expapi/verbs/launched' },
      object: { id: 'https://drill.example.jp/app' },
      result: { duration: 'PT25M' },
    };
    expect(typedEventOf(launched, 's', '2026-05-12T19:00:00+09:00', lookups)).toMatchObject({
      kind: 'usage',
      row: { personId: 10, classId: 100, toolId: 1, device: 'tablet', purpose: 'drill', minutes: 25 },
    });
    const withExtensions: Statement = {
      ...launched,
      context: { extensions: { [EXT.device]: 'PC', [EXT.purpose]: 'homework' } },
    };
    expect(typedEventOf(withExtensions, 's', '2026-05-12T19:00:00+09:00', lookups)).toMatchObject({
      row: { device: 'pc', purpose: 'homework' },
    });
  });
});

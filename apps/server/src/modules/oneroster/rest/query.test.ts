import { describe, expect, it } from 'vitest';
import { applyQuery, linkHeader, parseCollectionQuery, type CollectionQuery } from './query.ts';

const items = [
  { sourcedId: 'a', role: 'student', dateLastModified: '2026-04-01T00:00:00Z', school: { sourcedId: 's1' } },
  { sourcedId: 'b', role: 'teacher', dateLastModified: '2026-05-01T00:00:00Z', school: { sourcedId: 's1' } },
  { sourcedId: 'c', role: 'student', dateLastModified: '2026-06-01T00:00:00Z', school: { sourcedId: 's2' } },
];
const parse = (params: Record<string, string>): CollectionQuery => {
  const parsed = parseCollectionQuery(params);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.query;
};

describe('OneRoster collection query', () => {
  it.each([
    [{}, ['a', 'b', 'c']],
    [{ filter: "role='student'" }, ['a', 'c']],
    [{ filter: "dateLastModified>'2026-04-15'" }, ['b', 'c']],
    [{ filter: "role='student' AND dateLastModified>'2026-04-15'" }, ['c']],
    [{ filter: "school.sourcedId='s1'" }, ['a', 'b']],
    [{ filter: "role!='student'" }, ['b']],
    [{ sort: 'dateLastModified', orderBy: 'desc' }, ['c', 'b', 'a']],
    [{ limit: '2', offset: '1' }, ['b', 'c']],
  ])('%j', (params, ids) => {
    expect(applyQuery(items, parse(params)).page.map((i) => i.sourcedId)).toEqual(ids);
  });

  it('caps limit at 1000, defaults to 100 and keeps only the asked fields', () => {
    expect(parse({ limit: '5000' }).limit).toBe(1000);
    expect(parse({}).limit).toBe(100);
    expect(applyQuery(items, parse({ fields: 'sourcedId,role' })).page[0]).toEqual({
      sourcedId: 'a',
      role: 'student',
    });
  });

  it.each([{ limit: '0' }, { offset: '-1' }, { orderBy: 'up' }, { filter: 'role=student' }])(
    'rejects %j',
    (params) => {
      expect(parseCollectionQuery(params).ok).toBe(false);
    },
  );

  it('links the neighbouring pages', () => {
    const header = linkHeader(
      'http://x/users',
      { limit: '1', offset: '1' },
      3,
      parse({ limit: '1', offset: '1' }),
    );
    expect(header).toContain('offset=0>; rel="prev"');
    expect(header).toContain('offset=2>; rel="next"');
    expect(header).toContain('offset=2>; rel="last"');
  });
});

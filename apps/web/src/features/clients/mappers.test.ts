import { describe, expect, it } from 'vitest';
import type { ApiClientSummary } from '@edukarte/shared';
import { japanDateOf, sortClients, xapiEndpoint } from './mappers.ts';

const app = (id: number, createdAt: string, disabledAt: string | null = null): ApiClientSummary => ({
  id,
  name: `app ${id}`,
  kind: 'xapi',
  clientKey: `xapi-${id}`,
  scopes: ['xapi:all'],
  createdAt,
  disabledAt,
});

describe('clients mappers', () => {
  it('puts a registration on its Japan date', () => {
    expect(japanDateOf('2026-04-01T14:59:59.000Z')).toBe('2026-04-01');
    expect(japanDateOf('2026-04-01T15:00:00.000Z')).toBe('2026-04-02');
  });

  it('lists active applications first, newest first', () => {
    const sorted = sortClients([
      app(1, '2026-04-01T00:00:00.000Z'),
      app(2, '2026-05-01T00:00:00.000Z', '2026-06-01T00:00:00.000Z'),
      app(3, '2026-05-01T00:00:00.000Z'),
    ]);
    expect(sorted.map((c) => c.id)).toEqual([3, 1, 2]);
  });

  it('gives the xAPI endpoint of this server', () => {
    expect(xapiEndpoint('https://edukarte.city.example.jp')).toBe('https://edukarte.city.example.jp/xapi/');
    expect(xapiEndpoint('http://localhost:3000/')).toBe('http://localhost:3000/xapi/');
  });
});

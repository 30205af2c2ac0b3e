import { describe, expect, it } from 'vitest';
import { pageCount } from './pagination.ts';

describe('pageCount', () => {
  it.each([
    [0, 20, 1],
    [20, 20, 1],
    [21, 20, 2],
    [101, 20, 6],
  ])('%i items at %i per page make %i pages', (total, size, pages) => {
    expect(pageCount(total, size)).toBe(pages);
  });
});

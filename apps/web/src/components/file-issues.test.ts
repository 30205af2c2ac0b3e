import { describe, expect, it } from 'vitest';
import { rowLabel } from './file-issues.ts';

describe('rowLabel', () => {
  it.each([
    [0, '—'],
    [1, '1'],
    [25, '25'],
  ])('row %i → %s', (row, label) => {
    expect(rowLabel(row)).toBe(label);
  });
});

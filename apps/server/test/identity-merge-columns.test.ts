import { describe, expect, it } from 'vitest';
import {
  discoverPersonColumns,
  MERGE_COLUMNS,
  MERGE_EXCLUDED_COLUMNS,
} from '../src/modules/identity/merge.repo.ts';

describe('person merge covers every person-referencing column', () => {
  it('handles or explicitly excludes each column found in db/schema', () => {
    const handled = [...MERGE_COLUMNS, ...Object.keys(MERGE_EXCLUDED_COLUMNS)].sort();
    expect(discoverPersonColumns()).toEqual(handled);
  });

  it('finds the columns it is meant to find', () => {
    const found = discoverPersonColumns();
    for (const name of ['enrollments.student_id', 'interactions.target_id', 'survey_responses.respondent_id'])
      expect(found).toContain(name);
  });
});

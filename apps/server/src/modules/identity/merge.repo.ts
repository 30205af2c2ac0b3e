import { and, eq, getTableColumns, inArray, isNull, or, type SQL } from 'drizzle-orm';
import { getTableConfig, PgTable, type PgColumn } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../db/client.ts';
import * as schema from '../../db/schema/index.ts';
import { personMerges } from '../../db/schema/index.ts';

/**
 * Person-referencing columns that a merge moves from the merged record to the survivor, as
 * 'table.column' (SQL names). Every column of the schema that references people (by foreign key
 * or by a *_id name such as student_id, author_id) must be here or in {@link MERGE_EXCLUDED_COLUMNS};
 * identity-merge.test.ts fails otherwise, so a new table cannot be forgotten silently.
 */
export const MERGE_COLUMNS = [
  'source_identities.person_id',
  'enrollments.student_id',
  'staff_assignments.person_id',
  'class_teachers.person_id',
  'user_accounts.person_id',
  'access_audit.student_id',
  'attendance_marks.student_id',
  'health_observations.student_id',
  'nurse_visits.student_id',
  'teacher_notes.student_id',
  'teacher_notes.author_id',
  'teaching_plans.author_id',
  'assessment_results.student_id',
  'assessment_item_results.student_id',
  'grade_records.student_id',
  'qu_results.student_id',
  'surveys.author_id',
  'survey_responses.respondent_id',
  'mood_checkins.student_id',
  'drill_answers.student_id',
  'drill_daily.student_id',
  'interactions.actor_id',
  'interactions.target_id',
  'ict_usage.person_id',
  'portfolio_items.student_id',
  'portfolio_comments.author_id',
  'alerts.student_id',
  'practice_cases.author_id',
  'notices.author_id',
  'xapi_statements.person_id',
  'alerts.acknowledged_by',
  'attendance_marks.recorded_by',
  'attendance_rolls.taken_by',
  'health_observations.recorded_by',
  'nurse_visits.recorded_by',
] as const;

/** Person-referencing columns a merge leaves alone, and why. */
export const MERGE_EXCLUDED_COLUMNS: Record<string, string> = {
  'people.id': 'the person rows themselves stay (the merged record is kept, empty, for unmerge)',
  'identity_reviews.candidate_person_id': 'a review records what was decided about that record',
  'person_merges.survivor_id': 'merge history',
  'person_merges.merged_id': 'merge history',
  'xapi_pending_voids.target_id': 'the id of an xAPI statement not stored yet, not a person',
};

const PERSON_NAME = /(^|_)(student|person|actor|target|respondent|author)_id$/;
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

interface PersonColumn {
  name: string;
  table: PgTable;
  column: PgColumn;
  /** JavaScript property of the column */
  key: string;
  /** JavaScript properties of the primary key (all columns when the table has none) */
  primaryKey: string[];
  /** JavaScript properties of each unique key that contains the column */
  uniqueKeys: string[][];
}

function describeTables(): PersonColumn[] {
  const found: PersonColumn[] = [];
  for (const value of Object.values(schema)) {
    if (!(value instanceof PgTable)) continue;
    const config = getTableConfig(value);
    const columns = getTableColumns(value) as Record<string, PgColumn>;
    const keyOf = new Map(Object.entries(columns).map(([key, col]) => [col, key]));
    const keysOf = (cols: readonly PgColumn[]) => cols.map((c) => keyOf.get(c) ?? c.name);
    const referencesPeople = new Set(
      config.foreignKeys
        .filter((fk) => getTableConfig(fk.reference().foreignTable).name === 'people')
        .flatMap((fk) => fk.reference().columns),
    );
    const pk = config.primaryKeys[0]?.columns ?? Object.values(columns).filter((c) => c.primary);
    const primaryKey = keysOf(pk.length > 0 ? pk : Object.values(columns));
    const uniques: string[][] = [
      primaryKey,
      ...config.uniqueConstraints.map((u) => keysOf(u.columns)),
      ...config.indexes
        .filter((i) => i.config.unique)
        .map((i) => keysOf(i.config.columns.filter((c): c is PgColumn => 'table' in c))),
      ...Object.entries(columns)
        .filter(([, c]) => c.isUnique)
        .map(([k]) => [k]),
    ];
    for (const [key, column] of Object.entries(columns)) {
      const sqlName = snake(column.name);
      const isPersonId = config.name === 'people' && key === 'id';
      if (!isPersonId && !referencesPeople.has(column) && !PERSON_NAME.test(sqlName)) continue;
      found.push({
        name: `${config.name}.${sqlName}`,
        table: value,
        column,
        key,
        primaryKey,
        uniqueKeys: uniques.filter((u) => u.includes(key)),
      });
    }
  }
  return found;
}

let described: Map<string, PersonColumn> | null = null;
function personColumns(): Map<string, PersonColumn> {
  described ??= new Map(describeTables().map((c) => [c.name, c]));
  return described;
}

/** Every person-referencing column of the schema, as 'table.column' (for the completeness test). */
export function discoverPersonColumns(): string[] {
  return [...personColumns().keys()].sort();
}

function handled(name: string): PersonColumn {
  const column = personColumns().get(name);
  if (!column) throw new Error(`unknown person column ${name}`);
  return column;
}

type Row = Record<string, unknown>;
const valueKey = (row: Row, keys: readonly string[]) =>
  JSON.stringify(
    keys.map((k) => {
      const v = row[k];
      return v instanceof Date ? v.toISOString() : v;
    }),
  );

export interface MergeConflict {
  column: string;
  /** the values of the unique key (other than the person) that both records have */
  key: Record<string, unknown>;
}

/** Rows of both records that would collide on a unique key if `mergedId` became `survivorId`. */
export async function findMergeConflicts(
  q: Queryable,
  survivorId: number,
  mergedId: number,
): Promise<MergeConflict[]> {
  const conflicts: MergeConflict[] = [];
  for (const name of MERGE_COLUMNS) {
    const c = handled(name);
    if (c.uniqueKeys.length === 0) continue;
    const rows = (await q
      .select()
      .from(c.table)
      .where(inArray(c.column, [survivorId, mergedId]))) as Row[];
    for (const unique of c.uniqueKeys) {
      const others = unique.filter((k) => k !== c.key);
      const survivorKeys = new Set(
        rows.filter((r) => r[c.key] === survivorId).map((r) => valueKey(r, others)),
      );
      for (const row of rows.filter((r) => r[c.key] === mergedId)) {
        if (!survivorKeys.has(valueKey(row, others))) continue;
        conflicts.push({ column: name, key: Object.fromEntries(others.map((k) => [snake(k), row[k]])) });
      }
    }
  }
  return conflicts;
}

/** What one column's move touched: the primary keys of the moved rows, after the move. */
export interface MovedRows {
  column: string;
  keys: Row[];
}

/** Moves every reference from `mergedId` to `survivorId`; returns what moved, in order. */
export async function moveReferences(q: Queryable, survivorId: number, mergedId: number) {
  const moved: MovedRows[] = [];
  for (const name of MERGE_COLUMNS) {
    const c = handled(name);
    const columns = getTableColumns(c.table) as Record<string, PgColumn>;
    const returning = Object.fromEntries(c.primaryKey.map((k) => [k, columns[k]!]));
    const keys = (await q
      .update(c.table)
      .set({ [c.key]: survivorId })
      .where(eq(c.column, mergedId))
      .returning(returning)) as Row[];
    if (keys.length > 0) moved.push({ column: name, keys: keys.map(jsonSafe) });
  }
  return moved;
}

/** Moves exactly the recorded rows back from `survivorId` to `mergedId`, in reverse order. */
export async function restoreReferences(
  q: Queryable,
  survivorId: number,
  mergedId: number,
  moved: readonly MovedRows[],
): Promise<void> {
  for (const step of [...moved].reverse()) {
    const c = handled(step.column);
    const columns = getTableColumns(c.table) as Record<string, PgColumn>;
    const match = (key: Row): SQL =>
      and(
        ...c.primaryKey.map((k) => {
          const column = columns[k]!;
          const value = key[k];
          if (value === null) return isNull(column);
          return eq(
            column,
            column.dataType === 'date' && typeof value === 'string' ? new Date(value) : value,
          );
        }),
      )!;
    for (let i = 0; i < step.keys.length; i += 500) {
      const chunk = step.keys.slice(i, i + 500);
      await q
        .update(c.table)
        .set({ [c.key]: mergedId })
        .where(and(eq(c.column, survivorId), or(...chunk.map(match))));
    }
  }
}

function jsonSafe(row: Row): Row {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]),
  );
}

export async function insertMerge(
  q: Queryable,
  values: { survivorId: number; mergedId: number; moved: MovedRows[]; mergedBy: number },
) {
  const [row] = await q
    .insert(personMerges)
    .values({ ...values, moved: { steps: values.moved } })
    .returning();
  return row!;
}

export async function findMerge(q: Queryable, id: number) {
  const rows = await q.select().from(personMerges).where(eq(personMerges.id, id)).for('update');
  return rows[0] ?? null;
}

/** An active (not undone) merge that already absorbed `mergedId`. */
export async function findActiveMergeOf(q: Queryable, personId: number) {
  const rows = await q
    .select({ id: personMerges.id })
    .from(personMerges)
    .where(and(eq(personMerges.mergedId, personId), isNull(personMerges.undoneAt)));
  return rows[0] ?? null;
}

export async function markMergeUndone(q: Queryable, id: number, userId: number, at: Date) {
  await q.update(personMerges).set({ undoneBy: userId, undoneAt: at }).where(eq(personMerges.id, id));
}

/** Every row of one handled column's table that references the given people (for checks and tests). */
export async function selectReferencingRows(q: Queryable, name: string, personIds: readonly number[]) {
  const c = handled(name);
  return (await q
    .select()
    .from(c.table)
    .where(inArray(c.column, [...personIds]))) as Row[];
}

import { eq, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { learningTools, learningUnits } from '../../db/schema/index.ts';
import type { LearningTool } from './typed-events.ts';

async function rows<T>(q: Queryable, query: SQL): Promise<T[]> {
  const { rows: found } = (await q.execute(query)) as { rows: T[] };
  return found;
}

export interface PersonLookup {
  system: string;
  sourceId: string;
  /** Japan date the person's school and class are wanted for */
  date: string;
}

export interface PersonLookupRow {
  system: string;
  source_id: string;
  date: string;
  person_id: number;
  kind: 'student' | 'staff';
  school_id: number | null;
  school_kind: string | null;
  class_id: number | null;
}

/**
 * People of the municipality behind (system, source id) pairs, with the school and class of their
 * enrollment (pupils) or staff assignment (staff) on the given date: one query for a whole batch.
 */
export async function resolvePeople(
  q: Queryable,
  municipalityId: number,
  lookups: readonly PersonLookup[],
): Promise<PersonLookupRow[]> {
  if (lookups.length === 0) return [];
  const input = JSON.stringify(lookups.map((l) => ({ system: l.system, source_id: l.sourceId, d: l.date })));
  return rows<PersonLookupRow>(
    q,
    sql`SELECT r.system, r.source_id, r.d::text AS date, p.id AS person_id, p.kind::text AS kind,
          coalesce(e.school_id, sa.school_id) AS school_id, sc.kind::text AS school_kind, e.class_id
        FROM json_to_recordset(${input}::json) AS r(system text, source_id text, d date)
        JOIN source_identities si ON si.system = r.system AND si.source_id = r.source_id
        JOIN people p ON p.id = si.person_id AND p.municipality_id = ${municipalityId}
        LEFT JOIN LATERAL (
          SELECT e.school_id, e.class_id FROM enrollments e
          WHERE p.kind = 'student' AND e.student_id = p.id AND r.d BETWEEN e.start_date AND e.end_date
          ORDER BY e.start_date DESC LIMIT 1
        ) e ON true
        LEFT JOIN LATERAL (
          SELECT sa.school_id FROM staff_assignments sa JOIN school_years sy ON sy.id = sa.school_year_id
          WHERE p.kind = 'staff' AND sa.person_id = p.id AND r.d BETWEEN sy.start_date AND sy.end_date
          ORDER BY sa.id LIMIT 1
        ) sa ON true
        LEFT JOIN schools sc ON sc.id = coalesce(e.school_id, sa.school_id)`,
  );
}

export async function listLearningTools(q: Queryable, municipalityId: number): Promise<LearningTool[]> {
  return q
    .select({
      id: learningTools.id,
      kind: learningTools.kind,
      name: learningTools.name,
      launchUrl: learningTools.launchUrl,
    })
    .from(learningTools)
    .where(eq(learningTools.municipalityId, municipalityId));
}

export async function listLearningUnits(q: Queryable) {
  return q.select({ code: learningUnits.code, subjectCode: learningUnits.subjectCode }).from(learningUnits);
}

import { sql, type SQL } from 'drizzle-orm';
import type { Queryable, Tx } from '../../db/client.ts';

/**
 * Bulk writes of a OneRoster import. Every statement takes a whole batch as one JSON parameter
 * (jsonb_to_recordset), so an import runs a fixed number of statements per 5,000 rows, on either
 * engine. Upserts only touch rows whose values differ, so re-importing a package changes nothing.
 */
const CHUNK = 5000;

type Row = Record<string, unknown>;
export interface UpsertCount {
  inserted: number;
  updated: number;
}

async function rows<T>(q: Queryable, query: SQL): Promise<T[]> {
  return rowsOf<T>(await q.execute(query));
}

/** The rows of a raw query result (node-postgres and PGlite both return `{ rows }`). */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

const json = (items: readonly unknown[]) => sql`${JSON.stringify(items)}::jsonb`;

async function countUpserts(tx: Tx, items: readonly Row[], build: (batch: SQL) => SQL): Promise<UpsertCount> {
  const count = { inserted: 0, updated: 0 };
  for (const batch of chunks(items)) {
    const result = await rows<{ inserted: boolean }>(tx, build(json(batch)));
    for (const r of result) {
      if (r.inserted) count.inserted++;
      else count.updated++;
    }
  }
  return count;
}

/** sourcedId → id for rows of `table` (one of ours) with the given sourcedIds. */
export async function idsBySourcedId(
  q: Queryable,
  table: 'schools' | 'school_years' | 'classes' | 'people' | 'enrollments',
  sourcedIds: readonly string[],
): Promise<Map<string, { id: number; municipalityId: number }>> {
  const map = new Map<string, { id: number; municipalityId: number }>();
  const municipality: Record<typeof table, SQL> = {
    schools: sql`t.municipality_id`,
    school_years: sql`t.municipality_id`,
    people: sql`t.municipality_id`,
    classes: sql`(SELECT s.municipality_id FROM schools s WHERE s.id = t.school_id)`,
    enrollments: sql`(SELECT s.municipality_id FROM schools s WHERE s.id = t.school_id)`,
  };
  for (const batch of chunks(sourcedIds)) {
    const found = await rows<{ id: number; sourced_id: string; municipality_id: number }>(
      q,
      sql`SELECT t.id, t.sourced_id, ${municipality[table]} AS municipality_id FROM ${sql.identifier(table)} t
          WHERE t.sourced_id IN (SELECT jsonb_array_elements_text(${json(batch)}))`,
    );
    for (const r of found) map.set(r.sourced_id, { id: r.id, municipalityId: r.municipality_id });
  }
  return map;
}

/** The sourcedIds stored in a municipality, so a delta package may refer to them. */
export async function loadKnownSourcedIds(q: Queryable, municipalityId: number) {
  const list = (query: SQL) =>
    rows<{ sourced_id: string }>(q, query).then((r) => new Set(r.map((x) => x.sourced_id)));
  return {
    orgs: await list(sql`SELECT sourced_id FROM schools WHERE municipality_id = ${municipalityId}
                         UNION ALL SELECT sourced_id FROM municipalities WHERE id = ${municipalityId}`),
    sessions: await list(sql`SELECT sourced_id FROM school_years WHERE municipality_id = ${municipalityId}`),
    classes: await list(sql`SELECT c.sourced_id FROM classes c JOIN schools s ON s.id = c.school_id
                            WHERE s.municipality_id = ${municipalityId}`),
    users: await list(sql`SELECT sourced_id FROM people WHERE municipality_id = ${municipalityId}`),
  };
}

export async function hasPeople(q: Queryable, municipalityId: number): Promise<boolean> {
  const found = await rows<{ one: number }>(
    q,
    sql`SELECT 1 AS one FROM people WHERE municipality_id = ${municipalityId} LIMIT 1`,
  );
  return found.length > 0;
}

export async function hasEnrollments(q: Queryable, municipalityId: number): Promise<boolean> {
  const found = await rows<{ one: number }>(
    q,
    sql`SELECT 1 AS one FROM enrollments e JOIN schools s ON s.id = e.school_id
        WHERE s.municipality_id = ${municipalityId} LIMIT 1`,
  );
  return found.length > 0;
}

export interface PersonValues {
  kind: string;
  family_name: string;
  given_name: string;
  family_name_kana: string;
  given_name_kana: string;
  birth_date: string | null;
  sex: string;
}

/** The stored values of a municipality's people by sourcedId, to send only what changed. */
export async function loadPeopleValues(
  q: Queryable,
  municipalityId: number,
): Promise<Map<string, PersonValues>> {
  const found = await rows<PersonValues & { sourced_id: string }>(
    q,
    sql`SELECT sourced_id, kind::text AS kind, family_name, given_name, family_name_kana, given_name_kana,
        to_char(birth_date, 'YYYY-MM-DD') AS birth_date, sex::text AS sex
        FROM people WHERE municipality_id = ${municipalityId}`,
  );
  return new Map(found.map((r) => [r.sourced_id, r]));
}

/** The stored stays of a municipality by sourcedId, to send only what changed. */
export async function loadEnrollmentValues(
  q: Queryable,
  municipalityId: number,
): Promise<Map<string, EnrollmentInput>> {
  const found = await rows<EnrollmentInput>(
    q,
    sql`SELECT e.sourced_id, e.school_id, e.school_year_id, e.class_id, e.student_id, e.attendance_no,
        to_char(e.start_date, 'YYYY-MM-DD') AS start_date, to_char(e.end_date, 'YYYY-MM-DD') AS end_date
        FROM enrollments e JOIN schools s ON s.id = e.school_id WHERE s.municipality_id = ${municipalityId}`,
  );
  return new Map(found.map((r) => [r.sourced_id, r]));
}

export async function findMunicipality(q: Queryable, id: number) {
  const [row] = await rows<{ id: number; sourced_id: string; code: string; name: string }>(
    q,
    sql`SELECT id, sourced_id, code, name FROM municipalities WHERE id = ${id}`,
  );
  return row ?? null;
}

export async function findFirstMunicipalityId(q: Queryable): Promise<number | null> {
  const [row] = await rows<{ id: number }>(q, sql`SELECT id FROM municipalities ORDER BY id LIMIT 1`);
  return row?.id ?? null;
}

export async function findMunicipalityBySourcedId(q: Queryable, sourcedId: string): Promise<number | null> {
  const [row] = await rows<{ id: number }>(
    q,
    sql`SELECT id FROM municipalities WHERE sourced_id = ${sourcedId}`,
  );
  return row?.id ?? null;
}

export async function insertMunicipality(
  tx: Tx,
  m: { sourcedId: string; code: string; name: string; boardName: string; prefectureCode: number },
): Promise<number> {
  const [row] = await rows<{ id: number }>(
    tx,
    sql`INSERT INTO municipalities (sourced_id, code, name, board_name, prefecture_code)
        VALUES (${m.sourcedId}, ${m.code}, ${m.name}, ${m.boardName}, ${m.prefectureCode}) RETURNING id`,
  );
  if (!row) throw new Error('municipality insert returned nothing');
  return row.id;
}

/** Gives the municipality the district org's sourcedId, so exports return the package's id. */
export async function adoptMunicipalitySourcedId(tx: Tx, id: number, sourcedId: string): Promise<boolean> {
  const result = await rows<{ id: number }>(
    tx,
    sql`UPDATE municipalities SET sourced_id = ${sourcedId}, updated_at = now()
        WHERE id = ${id} AND sourced_id <> ${sourcedId}
          AND NOT EXISTS (SELECT 1 FROM municipalities m WHERE m.sourced_id = ${sourcedId}) RETURNING id`,
  );
  return result.length > 0;
}

export interface SchoolInput {
  sourced_id: string;
  municipality_id: number;
  code: string;
  name: string;
  kind: string;
}

export async function upsertSchools(tx: Tx, items: readonly SchoolInput[]): Promise<UpsertCount> {
  // a school already known by its 学校コード takes the package's sourcedId
  for (const batch of chunks(items))
    await tx.execute(sql`UPDATE schools s SET sourced_id = x.sourced_id
      FROM jsonb_to_recordset(${json(batch)}) AS x(sourced_id text, municipality_id int, code text)
      WHERE s.code = x.code AND s.municipality_id = x.municipality_id AND s.sourced_id <> x.sourced_id
        AND NOT EXISTS (SELECT 1 FROM schools o WHERE o.sourced_id = x.sourced_id)`);
  return countUpserts(
    tx,
    items as unknown as Row[],
    (batch) => sql`INSERT INTO schools AS t (sourced_id, municipality_id, code, name, kind)
      SELECT x.sourced_id, x.municipality_id, x.code, x.name, x.kind::school_kind
      FROM jsonb_to_recordset(${batch}) AS x(sourced_id text, municipality_id int, code text, name text, kind text)
      ON CONFLICT (sourced_id) DO UPDATE SET code = excluded.code, name = excluded.name, kind = excluded.kind, updated_at = now()
      WHERE t.municipality_id = excluded.municipality_id
        AND (t.code, t.name, t.kind) IS DISTINCT FROM (excluded.code, excluded.name, excluded.kind)
      RETURNING (xmax = 0) AS inserted`,
  );
}

export interface SchoolYearInput {
  sourced_id: string;
  municipality_id: number;
  fiscal_year: number;
  title: string;
  start_date: string;
  end_date: string;
}

export async function upsertSchoolYears(tx: Tx, items: readonly SchoolYearInput[]): Promise<UpsertCount> {
  for (const batch of chunks(items))
    await tx.execute(sql`UPDATE school_years y SET sourced_id = x.sourced_id
      FROM jsonb_to_recordset(${json(batch)}) AS x(sourced_id text, municipality_id int, fiscal_year int)
      WHERE y.municipality_id = x.municipality_id AND y.fiscal_year = x.fiscal_year AND y.sourced_id <> x.sourced_id
        AND NOT EXISTS (SELECT 1 FROM school_years o WHERE o.sourced_id = x.sourced_id)`);
  return countUpserts(
    tx,
    items as unknown as Row[],
    (
      batch,
    ) => sql`INSERT INTO school_years AS t (sourced_id, municipality_id, fiscal_year, title, start_date, end_date)
      SELECT x.sourced_id, x.municipality_id, x.fiscal_year, x.title, x.start_date, x.end_date
      FROM jsonb_to_recordset(${batch}) AS x(sourced_id text, municipality_id int, fiscal_year int, title text, start_date date, end_date date)
      ON CONFLICT (sourced_id) DO UPDATE SET fiscal_year = excluded.fiscal_year, title = excluded.title,
        start_date = excluded.start_date, end_date = excluded.end_date, updated_at = now()
      WHERE t.municipality_id = excluded.municipality_id
        AND (t.fiscal_year, t.title, t.start_date, t.end_date) IS DISTINCT FROM
            (excluded.fiscal_year, excluded.title, excluded.start_date, excluded.end_date)
      RETURNING (xmax = 0) AS inserted`,
  );
}

export interface TermInput {
  school_year_id: number;
  seq: number;
  name: string;
  start_date: string;
  end_date: string;
}

export async function upsertTerms(tx: Tx, items: readonly TermInput[]): Promise<UpsertCount> {
  return countUpserts(
    tx,
    items as unknown as Row[],
    (batch) => sql`INSERT INTO terms AS t (school_year_id, seq, name, start_date, end_date)
      SELECT x.school_year_id, x.seq, x.name, x.start_date, x.end_date
      FROM jsonb_to_recordset(${batch}) AS x(school_year_id int, seq int, name text, start_date date, end_date date)
      ON CONFLICT (school_year_id, seq) DO UPDATE SET name = excluded.name, start_date = excluded.start_date, end_date = excluded.end_date
      WHERE (t.name, t.start_date, t.end_date) IS DISTINCT FROM (excluded.name, excluded.start_date, excluded.end_date)
      RETURNING (xmax = 0) AS inserted`,
  );
}

export interface ClassInput {
  sourced_id: string;
  school_id: number;
  school_year_id: number;
  grade_code: string;
  name: string;
  class_type: string;
  is_special_needs: boolean;
  subject_code: string | null;
}

export async function upsertClasses(tx: Tx, items: readonly ClassInput[]): Promise<UpsertCount> {
  const columns = sql`x(sourced_id text, school_id int, school_year_id int, grade_code text, name text,
    class_type text, is_special_needs boolean, subject_code text)`;
  for (const batch of chunks(items))
    await tx.execute(sql`UPDATE classes c SET sourced_id = x.sourced_id
      FROM jsonb_to_recordset(${json(batch)}) AS ${columns}
      WHERE c.school_id = x.school_id AND c.school_year_id = x.school_year_id AND c.grade_code = x.grade_code::grade_code
        AND c.name = x.name AND c.sourced_id <> x.sourced_id
        AND NOT EXISTS (SELECT 1 FROM classes o WHERE o.sourced_id = x.sourced_id)`);
  return countUpserts(
    tx,
    items as unknown as Row[],
    (
      batch,
    ) => sql`INSERT INTO classes AS t (sourced_id, school_id, school_year_id, grade_code, name, class_type, is_special_needs, subject_code)
      SELECT x.sourced_id, x.school_id, x.school_year_id, x.grade_code::grade_code, x.name, x.class_type::class_type,
             x.is_special_needs, x.subject_code::subject_code
      FROM jsonb_to_recordset(${batch}) AS ${columns}
      ON CONFLICT (sourced_id) DO UPDATE SET school_id = excluded.school_id, school_year_id = excluded.school_year_id,
        grade_code = excluded.grade_code, name = excluded.name, class_type = excluded.class_type,
        is_special_needs = excluded.is_special_needs, subject_code = excluded.subject_code, updated_at = now()
      WHERE (t.school_id, t.school_year_id, t.grade_code, t.name, t.class_type, t.is_special_needs, t.subject_code)
        IS DISTINCT FROM (excluded.school_id, excluded.school_year_id, excluded.grade_code, excluded.name,
                          excluded.class_type, excluded.is_special_needs, excluded.subject_code)
      RETURNING (xmax = 0) AS inserted`,
  );
}

/** People already linked to a OneRoster sourcedId take it as their sourced_id (returns how many). */
export async function adoptPeopleBySourceIdentity(
  tx: Tx,
  municipalityId: number,
  sourcedIds: readonly string[],
) {
  let adopted = 0;
  for (const batch of chunks(sourcedIds)) {
    const result = await rows<{ id: number }>(
      tx,
      sql`UPDATE people p SET sourced_id = si.source_id
          FROM source_identities si
          WHERE si.person_id = p.id AND si.system = 'oneroster' AND p.municipality_id = ${municipalityId}
            AND si.source_id IN (SELECT jsonb_array_elements_text(${json(batch)}))
            AND p.sourced_id <> si.source_id
            AND NOT EXISTS (SELECT 1 FROM people o WHERE o.sourced_id = si.source_id)
          RETURNING p.id`,
    );
    adopted += result.length;
  }
  return adopted;
}

export interface PersonInput {
  sourced_id: string;
  municipality_id: number;
  /** null: keep the stored kind (a delta row whose role was sent earlier) */
  kind: 'student' | 'staff' | null;
  family_name: string;
  given_name: string;
  family_name_kana: string;
  given_name_kana: string;
  pseudonym: string;
  /** set on insert only; demographics of stored people go through updateDemographics */
  birth_date: string | null;
  sex: 'male' | 'female' | 'unspecified';
}

/** Inserts new people (linking each to its OneRoster id) and updates changed ones. */
export async function upsertPeople(tx: Tx, items: readonly PersonInput[]): Promise<UpsertCount> {
  return countUpserts(
    tx,
    items as unknown as Row[],
    (
      batch,
    ) => sql`WITH upserted AS (INSERT INTO people AS t (sourced_id, municipality_id, kind, family_name, given_name,
        family_name_kana, given_name_kana, pseudonym, birth_date, sex)
      SELECT x.sourced_id, x.municipality_id,
             COALESCE(x.kind::person_kind, (SELECT p.kind FROM people p WHERE p.sourced_id = x.sourced_id)), x.family_name, x.given_name,
             x.family_name_kana, x.given_name_kana, x.pseudonym, x.birth_date, x.sex::sex
      FROM jsonb_to_recordset(${batch}) AS x(sourced_id text, municipality_id int, kind text, family_name text,
        given_name text, family_name_kana text, given_name_kana text, pseudonym text, birth_date date, sex text)
      ON CONFLICT (sourced_id) DO UPDATE SET kind = excluded.kind, family_name = excluded.family_name,
        given_name = excluded.given_name, family_name_kana = excluded.family_name_kana,
        given_name_kana = excluded.given_name_kana, updated_at = now()
      WHERE t.municipality_id = excluded.municipality_id
        AND (t.kind, t.family_name, t.given_name, t.family_name_kana, t.given_name_kana) IS DISTINCT FROM
            (excluded.kind, excluded.family_name, excluded.given_name, excluded.family_name_kana, excluded.given_name_kana)
      RETURNING t.id, t.sourced_id, (t.xmax = 0) AS inserted),
      linked AS (INSERT INTO source_identities (person_id, system, source_id)
        SELECT id, 'oneroster', sourced_id FROM upserted WHERE inserted
        ON CONFLICT (system, source_id) DO NOTHING)
      SELECT inserted FROM upserted`,
  );
}

export async function updateDemographics(
  tx: Tx,
  municipalityId: number,
  items: readonly { sourced_id: string; birth_date: string | null; sex: string }[],
): Promise<number> {
  let updated = 0;
  for (const batch of chunks(items)) {
    const result = await rows<{ id: number }>(
      tx,
      sql`UPDATE people p SET birth_date = x.birth_date, sex = x.sex::sex, updated_at = now()
          FROM jsonb_to_recordset(${json(batch)}) AS x(sourced_id text, birth_date date, sex text)
          WHERE p.sourced_id = x.sourced_id AND p.municipality_id = ${municipalityId}
            AND (p.birth_date, p.sex) IS DISTINCT FROM (x.birth_date, x.sex::sex)
          RETURNING p.id`,
    );
    updated += result.length;
  }
  return updated;
}

export interface EnrollmentInput {
  sourced_id: string;
  school_id: number;
  school_year_id: number;
  class_id: number;
  student_id: number;
  attendance_no: number;
  start_date: string;
  end_date: string;
}

/** `isNew`: rows not yet stored under their sourcedId, which may match a stay stored under another id. */
export async function upsertEnrollments(
  tx: Tx,
  items: readonly EnrollmentInput[],
  isNew: (sourcedId: string) => boolean,
): Promise<UpsertCount> {
  const columns = sql`x(sourced_id text, school_id int, school_year_id int, class_id int, student_id int,
    attendance_no int, start_date date, end_date date)`;
  for (const batch of chunks(items.filter((i) => isNew(i.sourced_id))))
    await tx.execute(sql`UPDATE enrollments e SET sourced_id = x.sourced_id
      FROM jsonb_to_recordset(${json(batch)}) AS ${columns}
      WHERE e.class_id = x.class_id AND e.student_id = x.student_id AND e.start_date = x.start_date
        AND e.sourced_id <> x.sourced_id AND NOT EXISTS (SELECT 1 FROM enrollments o WHERE o.sourced_id = x.sourced_id)`);
  return countUpserts(
    tx,
    items as unknown as Row[],
    (batch) => sql`INSERT INTO enrollments AS t (sourced_id, school_id, school_year_id, class_id, student_id,
        attendance_no, start_date, end_date, entry)
      SELECT x.sourced_id, x.school_id, x.school_year_id, x.class_id, x.student_id, x.attendance_no,
             x.start_date, x.end_date, 'new'
      FROM jsonb_to_recordset(${batch}) AS ${columns}
      ON CONFLICT (sourced_id) DO UPDATE SET school_id = excluded.school_id, school_year_id = excluded.school_year_id,
        class_id = excluded.class_id, student_id = excluded.student_id, attendance_no = excluded.attendance_no,
        start_date = excluded.start_date, end_date = excluded.end_date, updated_at = now()
      WHERE (t.school_id, t.school_year_id, t.class_id, t.student_id, t.attendance_no, t.start_date, t.end_date)
        IS DISTINCT FROM (excluded.school_id, excluded.school_year_id, excluded.class_id, excluded.student_id,
                          excluded.attendance_no, excluded.start_date, excluded.end_date)
      RETURNING (xmax = 0) AS inserted`,
  );
}

export interface ClassTeacherInput {
  school_id: number;
  class_id: number;
  person_id: number;
  role: 'homeroom' | 'assistant' | 'subject';
}

export async function upsertClassTeachers(tx: Tx, items: readonly ClassTeacherInput[]): Promise<UpsertCount> {
  return countUpserts(
    tx,
    items as unknown as Row[],
    (batch) => sql`INSERT INTO class_teachers AS t (school_id, class_id, person_id, role)
      SELECT x.school_id, x.class_id, x.person_id, x.role::class_teacher_role
      FROM jsonb_to_recordset(${batch}) AS x(school_id int, class_id int, person_id int, role text)
      ON CONFLICT (class_id, person_id) DO UPDATE SET role = excluded.role
      WHERE t.role IS DISTINCT FROM excluded.role
      RETURNING (xmax = 0) AS inserted`,
  );
}

export async function removeClassTeachers(tx: Tx, items: readonly { class_id: number; person_id: number }[]) {
  let removed = 0;
  for (const batch of chunks(items)) {
    const result = await rows<{ person_id: number }>(
      tx,
      sql`DELETE FROM class_teachers t USING jsonb_to_recordset(${json(batch)}) AS x(class_id int, person_id int)
          WHERE t.class_id = x.class_id AND t.person_id = x.person_id RETURNING t.person_id`,
    );
    removed += result.length;
  }
  return removed;
}

/**
 * Ends enrollments (never deletes them: attendance history hangs on them). A stay ends the day
 * before `on`, or on its first day when it began later; rows already ended by then are left alone.
 * `by` selects the enrollments: by their own sourcedId, by the pupil's or by the class's.
 */
export async function endEnrollments(
  tx: Tx,
  by: 'enrollment' | 'student' | 'class',
  items: readonly { sourced_id: string; on: string }[],
): Promise<number> {
  const match: Record<typeof by, SQL> = {
    enrollment: sql`e.sourced_id = x.sourced_id`,
    student: sql`e.student_id = (SELECT id FROM people WHERE sourced_id = x.sourced_id)`,
    class: sql`e.class_id = (SELECT id FROM classes WHERE sourced_id = x.sourced_id)`,
  };
  let ended = 0;
  for (const batch of chunks(items)) {
    const result = await rows<{ id: number }>(
      tx,
      sql`UPDATE enrollments e SET end_date = greatest(e.start_date, x."on" - 1), updated_at = now()
          FROM jsonb_to_recordset(${json(batch)}) AS x(sourced_id text, "on" date)
          WHERE ${match[by]} AND e.end_date > greatest(e.start_date, x."on" - 1)
          RETURNING e.id`,
    );
    ended += result.length;
  }
  return ended;
}

export async function listSchoolYears(q: Queryable, municipalityId: number) {
  return rows<{ id: number; sourced_id: string; start_date: string; end_date: string }>(
    q,
    sql`SELECT id, sourced_id, to_char(start_date, 'YYYY-MM-DD') AS start_date, to_char(end_date, 'YYYY-MM-DD') AS end_date
        FROM school_years WHERE municipality_id = ${municipalityId}`,
  );
}

export async function findClassesBySourcedId(
  q: Queryable,
  municipalityId: number,
  sourcedIds: readonly string[],
) {
  const out: {
    id: number;
    sourced_id: string;
    school_id: number;
    school_year_id: number;
    class_type: string;
  }[] = [];
  for (const batch of chunks(sourcedIds))
    out.push(
      ...(await rows<(typeof out)[number]>(
        q,
        sql`SELECT c.id, c.sourced_id, c.school_id, c.school_year_id, c.class_type::text AS class_type
            FROM classes c JOIN schools s ON s.id = c.school_id
            WHERE s.municipality_id = ${municipalityId}
              AND c.sourced_id IN (SELECT jsonb_array_elements_text(${json(batch)}))`,
      )),
    );
  return out;
}

import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { rowsOf } from './repo.ts';

/**
 * What an export (and the REST API) reads: the current roster of one municipality, one query per
 * OneRoster file, each a single pass over its tables (no lookups per row).
 */
const iso = (column: string) =>
  sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`);
const day = (column: string) => sql.raw(`to_char(${column}, 'YYYY-MM-DD')`);

export async function readMunicipality(q: Queryable, municipalityId: number) {
  const [row] = rowsOf<{ sourced_id: string; code: string; board_name: string; modified: string }>(
    await q.execute(sql`SELECT sourced_id, code, board_name, ${iso('updated_at')} AS modified
      FROM municipalities WHERE id = ${municipalityId}`),
  );
  return row ?? null;
}

export async function readSchools(q: Queryable, municipalityId: number) {
  return rowsOf<{ sourced_id: string; code: string; name: string; modified: string }>(
    await q.execute(sql`SELECT sourced_id, code, name, ${iso('updated_at')} AS modified
      FROM schools WHERE municipality_id = ${municipalityId} ORDER BY code`),
  );
}

export async function readSchoolYears(q: Queryable, municipalityId: number) {
  return rowsOf<{
    id: number;
    sourced_id: string;
    fiscal_year: number;
    title: string;
    start_date: string;
    end_date: string;
    modified: string;
  }>(
    await q.execute(sql`SELECT id, sourced_id, fiscal_year, title, ${day('start_date')} AS start_date,
        ${day('end_date')} AS end_date, ${iso('updated_at')} AS modified
      FROM school_years WHERE municipality_id = ${municipalityId} ORDER BY fiscal_year`),
  );
}

export async function readTerms(q: Queryable, municipalityId: number) {
  return rowsOf<{
    year_sourced_id: string;
    seq: number;
    name: string;
    start_date: string;
    end_date: string;
    fiscal_year: number;
  }>(
    await q.execute(sql`SELECT y.sourced_id AS year_sourced_id, y.fiscal_year, t.seq, t.name,
        ${day('t.start_date')} AS start_date, ${day('t.end_date')} AS end_date
      FROM terms t JOIN school_years y ON y.id = t.school_year_id
      WHERE y.municipality_id = ${municipalityId} ORDER BY y.fiscal_year, t.seq`),
  );
}

export async function readClasses(q: Queryable, municipalityId: number) {
  return rowsOf<{
    sourced_id: string;
    name: string;
    grade_code: string;
    class_type: string;
    is_special_needs: boolean;
    subject_code: string | null;
    school_sourced_id: string;
    year_sourced_id: string;
    fiscal_year: number;
    modified: string;
  }>(
    await q.execute(sql`SELECT c.sourced_id, c.name, c.grade_code::text AS grade_code, c.class_type::text AS class_type,
        c.is_special_needs, c.subject_code::text AS subject_code, s.sourced_id AS school_sourced_id,
        y.sourced_id AS year_sourced_id, y.fiscal_year, ${iso('c.updated_at')} AS modified
      FROM classes c JOIN schools s ON s.id = c.school_id JOIN school_years y ON y.id = c.school_year_id
      WHERE s.municipality_id = ${municipalityId} ORDER BY s.code, y.fiscal_year, c.grade_code, c.name`),
  );
}

export async function readPeople(q: Queryable, municipalityId: number) {
  return rowsOf<{
    id: number;
    sourced_id: string;
    kind: 'student' | 'staff';
    family_name: string;
    given_name: string;
    family_name_kana: string;
    given_name_kana: string;
    birth_date: string | null;
    sex: string;
    modified: string;
    home_class: string | null;
    school_sourced_id: string | null;
  }>(
    await q.execute(sql`WITH
        -- each pupil's latest homeroom, and the school of their latest enrollment
        home AS (
          SELECT DISTINCT ON (e.student_id) e.student_id, c.sourced_id
          FROM enrollments e JOIN classes c ON c.id = e.class_id JOIN schools s ON s.id = e.school_id
          WHERE s.municipality_id = ${municipalityId} AND c.class_type = 'homeroom'
          ORDER BY e.student_id, e.end_date DESC, e.start_date DESC, e.id DESC),
        enrolled AS (
          SELECT DISTINCT ON (e.student_id) e.student_id, s.sourced_id
          FROM enrollments e JOIN schools s ON s.id = e.school_id
          WHERE s.municipality_id = ${municipalityId}
          ORDER BY e.student_id, e.end_date DESC, e.id DESC),
        -- a teacher's school: of their latest class, else of their latest staff assignment
        teaching AS (
          SELECT DISTINCT ON (t.person_id) t.person_id, s.sourced_id
          FROM class_teachers t JOIN schools s ON s.id = t.school_id
          WHERE s.municipality_id = ${municipalityId}
          ORDER BY t.person_id, t.class_id DESC),
        assigned AS (
          SELECT DISTINCT ON (a.person_id) a.person_id, s.sourced_id
          FROM staff_assignments a JOIN schools s ON s.id = a.school_id
          WHERE s.municipality_id = ${municipalityId}
          ORDER BY a.person_id, a.school_year_id DESC, a.id DESC)
      SELECT p.id, p.sourced_id, p.kind::text AS kind, p.family_name, p.given_name,
        p.family_name_kana, p.given_name_kana, ${day('p.birth_date')} AS birth_date, p.sex::text AS sex,
        ${iso('p.updated_at')} AS modified, home.sourced_id AS home_class,
        COALESCE(enrolled.sourced_id, teaching.sourced_id, assigned.sourced_id) AS school_sourced_id
      FROM people p
        LEFT JOIN home ON home.student_id = p.id
        LEFT JOIN enrolled ON enrolled.student_id = p.id
        LEFT JOIN teaching ON teaching.person_id = p.id
        LEFT JOIN assigned ON assigned.person_id = p.id
      WHERE p.municipality_id = ${municipalityId} ORDER BY p.sourced_id`),
  );
}

export async function readEnrollments(q: Queryable, municipalityId: number) {
  return rowsOf<{
    sourced_id: string;
    class_sourced_id: string;
    school_sourced_id: string;
    user_sourced_id: string;
    attendance_no: number;
    start_date: string;
    end_date: string;
    modified: string;
  }>(
    await q.execute(sql`SELECT e.sourced_id, c.sourced_id AS class_sourced_id, s.sourced_id AS school_sourced_id,
        p.sourced_id AS user_sourced_id, e.attendance_no, ${day('e.start_date')} AS start_date,
        ${day('e.end_date')} AS end_date, ${iso('e.updated_at')} AS modified
      FROM enrollments e JOIN classes c ON c.id = e.class_id JOIN schools s ON s.id = e.school_id
        JOIN people p ON p.id = e.student_id
      WHERE s.municipality_id = ${municipalityId} ORDER BY e.sourced_id`),
  );
}

export async function readClassTeachers(q: Queryable, municipalityId: number) {
  return rowsOf<{
    class_sourced_id: string;
    school_sourced_id: string;
    user_sourced_id: string;
    role: string;
  }>(
    await q.execute(sql`SELECT c.sourced_id AS class_sourced_id, s.sourced_id AS school_sourced_id,
        p.sourced_id AS user_sourced_id, t.role::text AS role
      FROM class_teachers t JOIN classes c ON c.id = t.class_id JOIN schools s ON s.id = t.school_id
        JOIN people p ON p.id = t.person_id
      WHERE s.municipality_id = ${municipalityId} ORDER BY 1, 3`),
  );
}

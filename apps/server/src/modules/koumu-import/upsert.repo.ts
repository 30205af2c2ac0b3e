import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';

/**
 * Writes validated rows with one statement per chunk: the rows travel as one JSON parameter,
 * are unpacked with json_to_recordset and upserted on their natural key. A row whose stored values
 * are the same is left alone, so a repeated import reports it as unchanged.
 */

export interface WriteCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface Provenance {
  source: string;
  batchId: number;
}

const CHUNK = 10_000;

/**
 * Where rows come from: records in memory (sent as JSON parameters in chunks), or the rows kept as
 * JSON text on a previewed import batch — read by the database itself, so they never travel back.
 */
export type RowSource<T> =
  { kind: 'rows'; rows: readonly T[] } | { kind: 'batch'; batchId: number; count: number };

async function run<T>(tx: Tx, source: RowSource<T>, statement: (json: SQL) => SQL): Promise<WriteCounts> {
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  const add = async (json: SQL, size: number) => {
    const result = (await tx.execute(statement(json))) as { rows: unknown[] };
    const row = result.rows[0] as { inserted: number; updated: number };
    counts.inserted += Number(row.inserted);
    counts.updated += Number(row.updated);
    counts.unchanged += size - Number(row.inserted) - Number(row.updated);
  };
  if (source.kind === 'batch') {
    await add(
      sql`(SELECT (report ->> 'rows')::json FROM import_batches WHERE id = ${source.batchId})`,
      source.count,
    );
    return counts;
  }
  for (let at = 0; at < source.rows.length; at += CHUNK) {
    const chunk = source.rows.slice(at, at + CHUNK);
    await add(sql`${JSON.stringify(chunk)}::json`, chunk.length);
  }
  return counts;
}

const tally = sql`SELECT (count(*) FILTER (WHERE inserted))::int AS inserted, (count(*) FILTER (WHERE NOT inserted))::int AS updated FROM written`;

export interface AttendanceRecord {
  school_id: number;
  student_id: number;
  date: string;
  category: string;
  reason: string | null;
  symptoms: string[];
  disease: string | null;
  note: string | null;
}

export function upsertAttendance(tx: Tx, rows: RowSource<AttendanceRecord>, p: Provenance) {
  return run(
    tx,
    rows,
    (json) => sql`WITH written AS (
      INSERT INTO attendance_marks (school_id, student_id, date, category, reason, symptoms, disease, note, source, batch_id)
      SELECT r.school_id, r.student_id, r.date, r.category, r.reason, r.symptoms, r.disease, r.note, ${p.source}, ${p.batchId}::int
      FROM json_to_recordset(${json}) AS r(school_id int, student_id int, date date, category attendance_category,
        reason text, symptoms text[], disease text, note text)
      ON CONFLICT (school_id, student_id, date) DO UPDATE SET category = excluded.category, reason = excluded.reason,
        symptoms = excluded.symptoms, disease = excluded.disease, note = excluded.note, recorded_at = now(),
        source = excluded.source, batch_id = excluded.batch_id
      WHERE (attendance_marks.category, attendance_marks.reason, attendance_marks.symptoms, attendance_marks.disease, attendance_marks.note)
        IS DISTINCT FROM (excluded.category, excluded.reason, excluded.symptoms, excluded.disease, excluded.note)
      RETURNING (xmax = 0) AS inserted) ${tally}`,
  );
}

export interface HealthRecord {
  school_id: number;
  student_id: number;
  date: string;
  symptoms: string[];
  temperature: number | null;
  note: string | null;
}

export function upsertHealth(tx: Tx, rows: RowSource<HealthRecord>, p: Provenance) {
  return run(
    tx,
    rows,
    (json) => sql`WITH written AS (
      INSERT INTO health_observations (school_id, student_id, date, symptoms, temperature, note, source, batch_id)
      SELECT r.school_id, r.student_id, r.date, r.symptoms, r.temperature, r.note, ${p.source}, ${p.batchId}::int
      FROM json_to_recordset(${json}) AS r(school_id int, student_id int, date date, symptoms text[], temperature real, note text)
      ON CONFLICT (school_id, student_id, date) DO UPDATE SET symptoms = excluded.symptoms, temperature = excluded.temperature,
        note = excluded.note, recorded_at = now(), source = excluded.source, batch_id = excluded.batch_id
      WHERE (health_observations.symptoms, health_observations.temperature, health_observations.note)
        IS DISTINCT FROM (excluded.symptoms, excluded.temperature, excluded.note)
      RETURNING (xmax = 0) AS inserted) ${tally}`,
  );
}

export interface ResultRecord {
  school_id: number;
  student_id: number;
  assessment_id: number;
  score: number;
}

export function upsertResults(tx: Tx, rows: RowSource<ResultRecord>, p: Provenance) {
  return run(
    tx,
    rows,
    (json) => sql`WITH written AS (
      INSERT INTO assessment_results (school_id, assessment_id, student_id, score, source, batch_id)
      SELECT r.school_id, r.assessment_id, r.student_id, r.score, ${p.source}, ${p.batchId}::int
      FROM json_to_recordset(${json}) AS r(school_id int, assessment_id int, student_id int, score real)
      ON CONFLICT (school_id, assessment_id, student_id) DO UPDATE SET score = excluded.score,
        source = excluded.source, batch_id = excluded.batch_id
      WHERE assessment_results.score IS DISTINCT FROM excluded.score
      RETURNING (xmax = 0) AS inserted) ${tally}`,
  );
}

export interface GradeRecord {
  school_id: number;
  student_id: number;
  school_year_id: number;
  period: number;
  subject_code: string;
  rating: number | null;
  knowledge: string | null;
  thinking: string | null;
  attitude: string | null;
}

export function upsertGrades(tx: Tx, rows: RowSource<GradeRecord>, p: Provenance) {
  return run(
    tx,
    rows,
    (json) => sql`WITH written AS (
      INSERT INTO grade_records (school_id, student_id, school_year_id, period, subject_code, rating, knowledge, thinking, attitude, source, batch_id)
      SELECT r.school_id, r.student_id, r.school_year_id, r.period, r.subject_code, r.rating, r.knowledge, r.thinking, r.attitude,
        ${p.source}, ${p.batchId}::int
      FROM json_to_recordset(${json}) AS r(school_id int, student_id int, school_year_id int, period smallint,
        subject_code subject_code, rating smallint, knowledge viewpoint_rating, thinking viewpoint_rating, attitude viewpoint_rating)
      ON CONFLICT (school_id, student_id, school_year_id, period, subject_code) DO UPDATE SET rating = excluded.rating,
        knowledge = excluded.knowledge, thinking = excluded.thinking, attitude = excluded.attitude,
        source = excluded.source, batch_id = excluded.batch_id
      WHERE (grade_records.rating, grade_records.knowledge, grade_records.thinking, grade_records.attitude)
        IS DISTINCT FROM (excluded.rating, excluded.knowledge, excluded.thinking, excluded.attitude)
      RETURNING (xmax = 0) AS inserted) ${tally}`,
  );
}

export interface NurseRecord {
  school_id: number;
  student_id: number;
  visited_at: string;
  left_at: string | null;
  reason_group: string;
  reason: string;
  treatments: string[];
  outcome: string;
  note: string | null;
}

/** 来室記録 have no unique key in the table: match on (school, pupil, visited_at) here. */
export function upsertNurseVisits(tx: Tx, rows: RowSource<NurseRecord>, p: Provenance) {
  return run(
    tx,
    rows,
    (json) => sql`WITH input AS (
        SELECT * FROM json_to_recordset(${json}) AS r(school_id int, student_id int, visited_at timestamptz,
          left_at timestamptz, reason_group nurse_reason_group, reason text, treatments text[], outcome nurse_outcome, note text)),
      matched AS (
        SELECT i.*, v.id AS existing_id,
          (v.left_at, v.reason_group, v.reason, v.treatments, v.outcome, v.note)
            IS DISTINCT FROM (i.left_at, i.reason_group, i.reason, i.treatments, i.outcome, i.note) AS changed
        FROM input i LEFT JOIN LATERAL (
          SELECT * FROM nurse_visits n WHERE n.school_id = i.school_id AND n.student_id = i.student_id
            AND n.visited_at = i.visited_at ORDER BY n.id LIMIT 1) v ON true),
      updated AS (
        UPDATE nurse_visits n SET left_at = m.left_at, reason_group = m.reason_group, reason = m.reason,
          treatments = m.treatments, outcome = m.outcome, note = m.note, source = ${p.source}, batch_id = ${p.batchId}::int
        FROM matched m WHERE m.existing_id IS NOT NULL AND m.changed AND n.school_id = m.school_id AND n.id = m.existing_id
        RETURNING 1),
      inserted AS (
        INSERT INTO nurse_visits (school_id, student_id, visited_at, left_at, reason_group, reason, treatments, outcome, note, source, batch_id)
        SELECT school_id, student_id, visited_at, left_at, reason_group, reason, treatments, outcome, note, ${p.source}, ${p.batchId}::int
        FROM matched WHERE existing_id IS NULL
        RETURNING 1)
      SELECT (SELECT count(*) FROM inserted)::int AS inserted, (SELECT count(*) FROM updated)::int AS updated`,
  );
}

export interface NoteRecord {
  school_id: number;
  student_id: number;
  author_id: number;
  kind: string;
  visibility: string;
  body: string;
  noted_on: string;
}

/** 所見 have no unique key in the table: match on (school, pupil, date, author, kind, body). */
export function upsertNotes(tx: Tx, rows: RowSource<NoteRecord>, p: Provenance) {
  return run(
    tx,
    rows,
    (json) => sql`WITH input AS (
        SELECT * FROM json_to_recordset(${json}) AS r(school_id int, student_id int, author_id int,
          kind note_kind, visibility note_visibility, body text, noted_on date)),
      matched AS (
        SELECT i.*, v.id AS existing_id, v.visibility IS DISTINCT FROM i.visibility AS changed
        FROM input i LEFT JOIN LATERAL (
          SELECT * FROM teacher_notes n WHERE n.school_id = i.school_id AND n.student_id = i.student_id
            AND n.noted_on = i.noted_on AND n.author_id = i.author_id AND n.kind = i.kind
            AND md5(n.body) = md5(i.body) ORDER BY n.id LIMIT 1) v ON true),
      updated AS (
        UPDATE teacher_notes n SET visibility = m.visibility, source = ${p.source}, batch_id = ${p.batchId}::int
        FROM matched m WHERE m.existing_id IS NOT NULL AND m.changed AND n.school_id = m.school_id AND n.id = m.existing_id
        RETURNING 1),
      inserted AS (
        INSERT INTO teacher_notes (school_id, student_id, author_id, kind, visibility, body, noted_on, source, batch_id)
        SELECT school_id, student_id, author_id, kind, visibility, body, noted_on, ${p.source}, ${p.batchId}::int
        FROM matched WHERE existing_id IS NULL
        RETURNING 1)
      SELECT (SELECT count(*) FROM inserted)::int AS inserted, (SELECT count(*) FROM updated)::int AS updated`,
  );
}

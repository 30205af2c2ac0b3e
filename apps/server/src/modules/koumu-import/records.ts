import type { KoumuImportKind } from '@edukarte/shared';
import type { AnyRow, AssessmentKey, RowsByKind } from './rows.ts';
import type { AttendanceRecord, GradeRecord, HealthRecord, NoteRecord, NurseRecord } from './upsert.repo.ts';

/** A results row before its assessment id is known (found or created at commit). */
export interface PendingResultRecord {
  school_id: number;
  student_id: number;
  assessment: AssessmentKey;
  score: number;
}

export type StoredRecord =
  AttendanceRecord | HealthRecord | NurseRecord | PendingResultRecord | GradeRecord | NoteRecord;

/**
 * The row as it will be written (column names of the table), kept on the previewed batch so the
 * commit needs no second upload.
 */
export function toRecord(
  kind: KoumuImportKind,
  row: AnyRow,
  schoolYearIds: ReadonlyMap<number, number>,
): StoredRecord {
  const school_id = row.schoolId;
  const student_id = row.studentId;
  switch (kind) {
    case 'attendance': {
      const r = row as RowsByKind['attendance'];
      return {
        school_id,
        student_id,
        date: r.date,
        category: r.category,
        reason: r.reason,
        symptoms: r.symptoms,
        disease: r.disease,
        note: r.note,
      };
    }
    case 'health': {
      const r = row as RowsByKind['health'];
      return {
        school_id,
        student_id,
        date: r.date,
        symptoms: r.symptoms,
        temperature: r.temperature,
        note: r.note,
      };
    }
    case 'nurse': {
      const r = row as RowsByKind['nurse'];
      return {
        school_id,
        student_id,
        visited_at: r.visitedAt,
        left_at: r.leftAt,
        reason_group: r.reasonGroup,
        reason: r.reason,
        treatments: r.treatments,
        outcome: r.outcome,
        note: r.note,
      };
    }
    case 'results': {
      const r = row as RowsByKind['results'];
      return { school_id, student_id, assessment: r.assessment, score: r.score };
    }
    case 'grades': {
      const r = row as RowsByKind['grades'];
      return {
        school_id,
        student_id,
        school_year_id: schoolYearIds.get(r.fiscalYear) ?? 0,
        period: r.period,
        subject_code: r.subjectCode,
        rating: r.rating,
        knowledge: r.knowledge,
        thinking: r.thinking,
        attitude: r.attitude,
      };
    }
    case 'notes': {
      const r = row as RowsByKind['notes'];
      return {
        school_id,
        student_id,
        author_id: r.authorId,
        kind: r.kind,
        visibility: r.visibility,
        body: r.body,
        noted_on: r.notedOn,
      };
    }
  }
}

const text = (value: string | number | null | undefined) =>
  value === null || value === undefined ? '' : String(value);
const list = (values: readonly string[]) => values.join('、');
/** '2026-11-20T10:15:00+09:00' → '2026-11-20 10:15' (Japan time, as the file had it). */
const localTime = (iso: string | null) => (iso === null ? '' : iso.slice(0, 16).replace('T', ' '));

/**
 * A validated row as display values by field key (the keys of KOUMU_FIELDS), for the preview.
 * Coded values stay codes: the page labels them in the reader's language. `authorName` turns a
 * note's author id into a name.
 */
export function previewValues(
  kind: KoumuImportKind,
  row: AnyRow,
  authorName: (personId: number) => string,
): Record<string, string> {
  switch (kind) {
    case 'attendance': {
      const r = row as RowsByKind['attendance'];
      return {
        date: r.date,
        category: r.category,
        reason: text(r.reason),
        symptoms: list(r.symptoms),
        disease: text(r.disease),
        note: text(r.note),
      };
    }
    case 'health': {
      const r = row as RowsByKind['health'];
      return {
        date: r.date,
        symptoms: list(r.symptoms),
        temperature: text(r.temperature),
        note: text(r.note),
      };
    }
    case 'nurse': {
      const r = row as RowsByKind['nurse'];
      return {
        visitedAt: localTime(r.visitedAt),
        leftAt: localTime(r.leftAt),
        reasonGroup: r.reasonGroup,
        reason: r.reason,
        treatments: list(r.treatments),
        outcome: r.outcome,
        note: text(r.note),
      };
    }
    case 'results': {
      const r = row as RowsByKind['results'];
      const a = r.assessment;
      return {
        assessmentKind: a.kind,
        subject: a.subjectCode,
        assessmentGrade: a.gradeCode,
        title: a.title,
        administeredOn: a.administeredOn,
        maxScore: text(a.maxScore),
        score: text(r.score),
      };
    }
    case 'grades': {
      const r = row as RowsByKind['grades'];
      return {
        fiscalYear: text(r.fiscalYear),
        period: text(r.period),
        subject: r.subjectCode,
        rating: text(r.rating),
        knowledge: text(r.knowledge),
        thinking: text(r.thinking),
        attitude: text(r.attitude),
      };
    }
    case 'notes': {
      const r = row as RowsByKind['notes'];
      return {
        date: r.notedOn,
        noteKind: r.kind,
        visibility: r.visibility,
        author: authorName(r.authorId),
        body: r.body,
      };
    }
  }
}

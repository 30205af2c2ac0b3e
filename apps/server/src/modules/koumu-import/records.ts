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

/** A stored record as display strings for the preview table. */
export function previewValues(record: StoredRecord): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value === null || value === undefined) values[key] = '';
    else if (Array.isArray(value)) values[key] = value.join('、');
    else if (typeof value === 'object') {
      const a = value as AssessmentKey;
      values[key] =
        `${a.title}（${a.kind}・${a.subjectCode}・${a.gradeCode}・${a.administeredOn}・満点${a.maxScore}）`;
    } else values[key] = String(value);
  }
  return values;
}

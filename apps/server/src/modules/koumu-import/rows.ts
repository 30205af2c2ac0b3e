import type {
  AssessmentKind,
  AttendanceCategory,
  GradeCode,
  NoteKind,
  NoteVisibility,
  NurseOutcome,
  NurseReasonGroup,
  SchoolKind,
  SubjectCode,
} from '@edukarte/shared';

/** A pupil as the import finds them: enrolled in the current year. */
export interface StudentRef {
  studentId: number;
  schoolId: number;
  gradeCode: GradeCode;
}

/** Everything validation needs, loaded once per import (never a query per row). */
export interface ImportLookups {
  schoolsByCode: ReadonlyMap<string, { id: number; kind: SchoolKind }>;
  schoolKindById: ReadonlyMap<number, SchoolKind>;
  /** 校務番号 (source_identities of the import's source system) → pupil */
  studentsBySourceId: ReadonlyMap<string, StudentRef>;
  /** `${schoolId}|${gradeCode}|${className}|${attendanceNo}` → pupil */
  studentsByPlace: ReadonlyMap<string, StudentRef>;
  /** 教職員番号 (source_identities) → staff person id */
  staffBySourceId: ReadonlyMap<string, number>;
  /** the school chosen for the import (fills a missing 学校コード column) */
  defaultSchoolId: number | null;
  currentFiscalYear: number;
  /** 年度 → school_years.id of the municipality */
  schoolYearIds: ReadonlyMap<number, number>;
}

export const placeKey = (schoolId: number, gradeCode: GradeCode, className: string, attendanceNo: number) =>
  `${schoolId}|${gradeCode}|${className}|${attendanceNo}`;

interface Base extends StudentRef {
  /** the file row it came from */
  row: number;
}

export interface AttendanceRow extends Base {
  date: string;
  category: AttendanceCategory;
  reason: string | null;
  symptoms: string[];
  disease: string | null;
  note: string | null;
}
export interface HealthRow extends Base {
  date: string;
  symptoms: string[];
  temperature: number | null;
  note: string | null;
}
export interface NurseRow extends Base {
  visitedAt: string;
  leftAt: string | null;
  reasonGroup: NurseReasonGroup;
  reason: string;
  treatments: string[];
  outcome: NurseOutcome;
  note: string | null;
}
export interface AssessmentKey {
  schoolId: number;
  schoolYearId: number;
  kind: AssessmentKind;
  subjectCode: SubjectCode;
  gradeCode: GradeCode;
  title: string;
  administeredOn: string;
  maxScore: number;
}
export interface ResultRow extends Base {
  assessment: AssessmentKey;
  score: number;
}
export interface GradeRow extends Base {
  fiscalYear: number;
  period: number;
  subjectCode: SubjectCode;
  rating: number | null;
  knowledge: 'A' | 'B' | 'C' | null;
  thinking: 'A' | 'B' | 'C' | null;
  attitude: 'A' | 'B' | 'C' | null;
}
export interface NoteRow extends Base {
  notedOn: string;
  kind: NoteKind;
  visibility: NoteVisibility;
  authorId: number;
  body: string;
}

export interface RowsByKind {
  attendance: AttendanceRow;
  health: HealthRow;
  nurse: NurseRow;
  results: ResultRow;
  grades: GradeRow;
  notes: NoteRow;
}
export type AnyRow = RowsByKind[keyof RowsByKind];

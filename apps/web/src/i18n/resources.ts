import {
  ASSESSMENT_KIND_LABELS_JA,
  ATTENDANCE_LABELS_JA,
  KOUMU_FIELDS,
  KOUMU_IMPORT_KIND_LABELS_JA,
  KOUMU_IMPORT_KINDS,
  NOTE_KIND_LABELS_JA,
  NURSE_OUTCOME_LABELS_JA,
  NURSE_REASON_GROUP_LABELS_JA,
  ROLE_LABELS_JA,
  SUBJECT_LABELS_JA,
  type AssessmentKind,
  type Role,
  type SubjectCode,
} from '@edukarte/shared';
import en from './en.json';
import ja from './ja.json';

export const LANGS = ['ja', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export function isLang(value: unknown): value is Lang {
  return value === 'ja' || value === 'en';
}

/**
 * Japanese domain labels (roles, subjects, assessment kinds) have one source, the shared domain
 * module the server also uses; they are merged into the Japanese resources rather than copied.
 */
const jaTranslation = {
  ...ja,
  role: ROLE_LABELS_JA,
  subject: SUBJECT_LABELS_JA,
  assessmentKind: ASSESSMENT_KIND_LABELS_JA,
  attendanceCategory: ATTENDANCE_LABELS_JA,
  nurseReasonGroup: NURSE_REASON_GROUP_LABELS_JA,
  nurseOutcome: NURSE_OUTCOME_LABELS_JA,
  noteKind: NOTE_KIND_LABELS_JA,
  koumuKind: KOUMU_IMPORT_KIND_LABELS_JA,
  /** the 校務 import's field labels per kind (the template headers) */
  koumuField: Object.fromEntries(
    KOUMU_IMPORT_KINDS.map((kind) => [
      kind,
      Object.fromEntries(KOUMU_FIELDS[kind].map((field) => [field.key, field.labelJa])),
    ]),
  ),
};

/** English domain labels, checked for completeness against the shared code lists. */
const SUBJECT_LABELS_EN: Record<SubjectCode, string> = en.subject;
const ROLE_LABELS_EN: Record<Role, string> = en.role;
const ASSESSMENT_KIND_LABELS_EN: Record<AssessmentKind, string> = en.assessmentKind;

export const resources = {
  ja: { translation: jaTranslation },
  en: { translation: en },
} as const;

export function subjectLabel(code: SubjectCode, lang: Lang): string {
  return lang === 'ja' ? SUBJECT_LABELS_JA[code] : SUBJECT_LABELS_EN[code];
}

export function roleLabel(role: Role, lang: Lang): string {
  return lang === 'ja' ? ROLE_LABELS_JA[role] : ROLE_LABELS_EN[role];
}

export function assessmentKindLabel(kind: AssessmentKind, lang: Lang): string {
  return lang === 'ja' ? ASSESSMENT_KIND_LABELS_JA[kind] : ASSESSMENT_KIND_LABELS_EN[kind];
}

import { pgEnum } from 'drizzle-orm/pg-core';
import {
  ASSESSMENT_KINDS,
  ATTENDANCE_CATEGORIES,
  DEVICE_KINDS,
  GRADE_CODES,
  INTERACTION_KINDS,
  MOOD_MOMENTS,
  MOOD_WEATHERS,
  NOTE_KINDS,
  NOTE_VISIBILITIES,
  NURSE_OUTCOMES,
  NURSE_REASON_GROUPS,
  QU_GROUPS,
  ROLES,
  SCHOOL_KINDS,
  STAFF_DUTIES,
  SUBJECT_CODES,
  USAGE_PURPOSES,
  VIEWPOINT_RATINGS,
  VIEWPOINTS,
} from '@edukarte/shared';

/** PostgreSQL enums, generated from the shared domain vocabularies so server, web and database agree. */
export const schoolKind = pgEnum('school_kind', SCHOOL_KINDS);
export const gradeCode = pgEnum('grade_code', GRADE_CODES);
export const subjectCode = pgEnum('subject_code', SUBJECT_CODES);
export const personKind = pgEnum('person_kind', ['student', 'staff']);
export const sex = pgEnum('sex', ['male', 'female', 'unspecified']);
export const classType = pgEnum('class_type', ['homeroom', 'scheduled']);
export const enrollmentEntry = pgEnum('enrollment_entry', ['new', 'promoted', 'advanced', 'transfer_in']);
export const enrollmentExit = pgEnum('enrollment_exit', ['promoted', 'graduated', 'transfer_out']);
export const staffDuty = pgEnum('staff_duty', STAFF_DUTIES);
export const classTeacherRole = pgEnum('class_teacher_role', ['homeroom', 'assistant', 'subject']);
export const role = pgEnum('role', ROLES);
export const attendanceCategory = pgEnum('attendance_category', ATTENDANCE_CATEGORIES);
export const nurseReasonGroup = pgEnum('nurse_reason_group', NURSE_REASON_GROUPS);
export const nurseOutcome = pgEnum('nurse_outcome', NURSE_OUTCOMES);
export const noteKind = pgEnum('note_kind', NOTE_KINDS);
export const noteVisibility = pgEnum('note_visibility', NOTE_VISIBILITIES);
export const assessmentKind = pgEnum('assessment_kind', ASSESSMENT_KINDS);
export const viewpoint = pgEnum('viewpoint', VIEWPOINTS);
export const viewpointRating = pgEnum('viewpoint_rating', VIEWPOINT_RATINGS);
export const quGroup = pgEnum('qu_group', QU_GROUPS);
export const surveyScope = pgEnum('survey_scope', ['municipality', 'school', 'teacher']);
export const surveyAudience = pgEnum('survey_audience', ['student', 'staff']);
export const surveyResponseType = pgEnum('survey_response_type', [
  'likert4',
  'likert5',
  'choice',
  'number',
  'text',
]);
export const moodWeather = pgEnum('mood_weather', MOOD_WEATHERS);
export const moodMoment = pgEnum('mood_moment', MOOD_MOMENTS);
export const toolKind = pgEnum('tool_kind', ['drill', 'lesson_support', 'survey', 'portfolio', 'other']);
export const interactionKind = pgEnum('interaction_kind', INTERACTION_KINDS);
export const deviceKind = pgEnum('device_kind', DEVICE_KINDS);
export const usagePurpose = pgEnum('usage_purpose', USAGE_PURPOSES);
export const alertKind = pgEnum('alert_kind', [
  'consecutive_absence',
  'absence_rate',
  'long_absence_pace',
  'mood_streak',
  'wants_to_talk',
  'frequent_nurse_visits',
  'score_drop',
]);
export const alertStatus = pgEnum('alert_status', ['open', 'acknowledged', 'closed']);
export const importStatus = pgEnum('import_status', ['previewed', 'committed', 'failed']);

import {
  bigint,
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { surveyAudience, surveyResponseType, surveyScope } from './enums.ts';
import { classes, municipalities, schools, schoolYears } from './org.ts';
import { people } from './people.ts';

/** アンケート (definition), owned by the board, a school or a teacher. */
export const surveys = pgTable('surveys', {
  id: integer().primaryKey().generatedByDefaultAsIdentity(),
  municipalityId: integer()
    .notNull()
    .references(() => municipalities.id),
  schoolId: integer().references(() => schools.id),
  authorId: integer().references(() => people.id),
  scope: surveyScope().notNull(),
  audience: surveyAudience().notNull(),
  title: text().notNull(),
  purpose: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** 設問, grouped into 尺度 (scales) by scaleName. */
export const surveyItems = pgTable(
  'survey_items',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    surveyId: integer()
      .notNull()
      .references(() => surveys.id),
    seq: smallint().notNull(),
    text: text().notNull(),
    responseType: surveyResponseType().notNull(),
    scaleName: text(),
    isReversed: boolean().notNull().default(false),
    choices: text().array(),
  },
  (t) => [unique().on(t.surveyId, t.seq)],
);

/** 実施 (wave): one administration of a survey to a school or class. */
export const surveyAdministrations = pgTable(
  'survey_administrations',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    surveyId: integer()
      .notNull()
      .references(() => surveys.id),
    schoolYearId: integer()
      .notNull()
      .references(() => schoolYears.id),
    schoolId: integer().references(() => schools.id),
    classId: integer().references(() => classes.id),
    wave: smallint().notNull(),
    title: text().notNull(),
    opensOn: date({ mode: 'string' }).notNull(),
    closesOn: date({ mode: 'string' }).notNull(),
  },
  (t) => [index().on(t.surveyId)],
);

/** 回答 (one respondent in one administration) */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    schoolId: integer()
      .notNull()
      .references(() => schools.id),
    id: bigint({ mode: 'number' }).notNull().generatedByDefaultAsIdentity(),
    administrationId: integer()
      .notNull()
      .references(() => surveyAdministrations.id),
    respondentId: integer()
      .notNull()
      .references(() => people.id),
    submittedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    unique().on(t.schoolId, t.administrationId, t.respondentId),
    index().on(t.schoolId, t.respondentId),
  ],
);

/** 設問への回答 */
export const surveyAnswers = pgTable(
  'survey_answers',
  {
    schoolId: integer()
      .notNull()
      .references(() => schools.id),
    responseId: bigint({ mode: 'number' }).notNull(),
    itemId: integer()
      .notNull()
      .references(() => surveyItems.id),
    valueNumber: real(),
    valueText: text(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.responseId, t.itemId] })],
);

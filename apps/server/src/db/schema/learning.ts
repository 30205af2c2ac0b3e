import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  deviceKind,
  interactionKind,
  moodMoment,
  moodWeather,
  subjectCode,
  toolKind,
  usagePurpose,
} from './enums.ts';
import { municipalities, schools } from './org.ts';
import { people } from './people.ts';

/** 学習ツール: drills, lesson-support tools, survey tools registered with the municipality. */
export const learningTools = pgTable('learning_tools', {
  id: integer().primaryKey().generatedByDefaultAsIdentity(),
  municipalityId: integer()
    .notNull()
    .references(() => municipalities.id),
  name: text().notNull(),
  vendor: text().notNull(),
  kind: toolKind().notNull(),
  launchUrl: text(),
});

const schoolRef = () =>
  integer()
    .notNull()
    .references(() => schools.id);
/**
 * school_id of the tables the xAPI ingest writes in bulk (1,000 rows per COPY): checked against
 * schools once per statement by a trigger over the statement's new rows (migration
 * 0009_bulk_school_checks), not by a foreign key's per-row lookup, which cost the ingest a third
 * of its database time. Same guarantee: an unknown school fails the whole write with 23503, and a
 * school still referenced cannot be deleted.
 */
const bulkSchoolRef = () => integer().notNull();
/**
 * Text compared byte for byte (COLLATE "C"): IRIs and agent keys are identifiers, only ever
 * matched, never sorted for people. Their indexes then compare with memcmp instead of the
 * database locale's strcoll (a ja_JP locale is slower still); the xAPI ingest adds three such
 * index entries per statement. Compare them only with parameters or other "C" columns.
 */
const identifierText = customType<{ data: string; driverData: string }>({
  dataType: () => 'text COLLATE "C"',
});
const eventId = () => bigint({ mode: 'number' }).notNull().generatedByDefaultAsIdentity();

/** 心の天気 */
export const moodCheckins = pgTable(
  'mood_checkins',
  {
    schoolId: schoolRef(),
    studentId: integer()
      .notNull()
      .references(() => people.id),
    date: date({ mode: 'string' }).notNull(),
    moment: moodMoment().notNull(),
    weather: moodWeather().notNull(),
    reason: text(),
    /** 相談したい */
    wantsToTalk: boolean().notNull().default(false),
    recordedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.studentId, t.date, t.moment] }),
    index().on(t.schoolId, t.date),
  ],
);

/** ドリル解答 (one answered item) */
export const drillAnswers = pgTable(
  'drill_answers',
  {
    schoolId: bulkSchoolRef(),
    id: eventId(),
    studentId: integer().notNull(),
    toolId: integer().notNull(),
    answeredAt: timestamp({ withTimezone: true }).notNull(),
    subjectCode: subjectCode().notNull(),
    unitCode: text().notNull(),
    itemCode: text().notNull(),
    isCorrect: boolean().notNull(),
    durationMs: integer().notNull(),
    /** the xAPI statement it came from, when it did */
    statementId: uuid(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.id] }), index().on(t.schoolId, t.studentId, t.answeredAt)],
);

/** ドリル日次集計 (rollup maintained on write; kartes read this, not drill_answers). */
export const drillDaily = pgTable(
  'drill_daily',
  {
    schoolId: bulkSchoolRef(),
    studentId: integer().notNull(),
    date: date({ mode: 'string' }).notNull(),
    unitCode: text().notNull(),
    subjectCode: subjectCode().notNull(),
    answered: integer().notNull(),
    correct: integer().notNull(),
    durationMs: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.studentId, t.date, t.unitCode] }),
    index().on(t.schoolId, t.date),
  ],
);

/** 授業支援ツールのやりとり: actor viewed / liked / commented on target's work (発言マップ). */
export const interactions = pgTable(
  'interactions',
  {
    schoolId: bulkSchoolRef(),
    id: eventId(),
    classId: integer().notNull(),
    actorId: integer().notNull(),
    targetId: integer().notNull(),
    kind: interactionKind().notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    toolId: integer().notNull(),
    artifactRef: text(),
    /** the xAPI statement it came from, when it did (voiding it removes this row) */
    statementId: uuid(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.id] }), index().on(t.schoolId, t.classId, t.occurredAt)],
);

/** ICT活用ログ: one app session on a device. */
export const ictUsage = pgTable(
  'ict_usage',
  {
    schoolId: bulkSchoolRef(),
    id: eventId(),
    personId: integer().notNull(),
    classId: integer(),
    toolId: integer().notNull(),
    device: deviceKind().notNull(),
    purpose: usagePurpose().notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    minutes: integer().notNull(),
    /** the xAPI statement it came from, when it did (voiding it removes this row) */
    statementId: uuid(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.id] }), index().on(t.schoolId, t.startedAt)],
);

/** ICT活用 日次集計 per school × app × device × purpose (rollup). */
export const ictUsageDaily = pgTable(
  'ict_usage_daily',
  {
    schoolId: bulkSchoolRef(),
    date: date({ mode: 'string' }).notNull(),
    toolId: integer().notNull(),
    device: deviceKind().notNull(),
    purpose: usagePurpose().notNull(),
    launches: integer().notNull(),
    minutes: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.date, t.toolId, t.device, t.purpose] })],
);

/** eポートフォリオ: a piece of a pupil's work (photo, artwork, video) collected per subject. */
export const portfolioItems = pgTable(
  'portfolio_items',
  {
    schoolId: schoolRef(),
    id: eventId(),
    studentId: integer()
      .notNull()
      .references(() => people.id),
    subjectCode: subjectCode().notNull(),
    unitCode: text(),
    title: text().notNull(),
    mediaType: text().notNull(),
    storageKey: text().notNull(),
    capturedOn: date({ mode: 'string' }).notNull(),
    toolId: integer().references(() => learningTools.id),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.id] }), index().on(t.schoolId, t.studentId)],
);

export const portfolioComments = pgTable(
  'portfolio_comments',
  {
    schoolId: schoolRef(),
    id: eventId(),
    itemId: bigint({ mode: 'number' }).notNull(),
    authorId: integer()
      .notNull()
      .references(() => people.id),
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.id] }), index().on(t.schoolId, t.itemId)],
);

/** xAPI ステートメント as sent (the LRS store); typed events above are derived from these. */
/**
 * The authorities of stored statements: the Agent the LRS records as a statement's authority (a
 * registered client application, as it was named when it sent), stored once and referred to by
 * every statement it sent. Rows never change or go (a trigger refuses it): statements are
 * immutable, and so is what they point at.
 */
export const xapiAuthorities = pgTable('xapi_authorities', {
  id: integer().primaryKey().generatedByDefaultAsIdentity(),
  /** the Agent's inverse functional identifier, as actor_key (the related_agents filter) */
  agentKey: identifierText().notNull(),
  agent: jsonb().$type<Record<string, unknown>>().notNull().unique(),
});

export const xapiStatements = pgTable(
  'xapi_statements',
  {
    id: uuid().primaryKey(),
    /** insertion order: stable paging and X-Experience-API-Consistent-Through */
    seq: bigint({ mode: 'number' }).notNull().generatedByDefaultAsIdentity(),
    /** checked per statement by a trigger, as bulkSchoolRef (migration 0009_bulk_school_checks) */
    municipalityId: integer().notNull(),
    /** the actor's school when the actor resolved to a pupil or teacher; checked as bulkSchoolRef */
    schoolId: integer(),
    clientId: integer(),
    stored: timestamp({ withTimezone: true }).notNull().defaultNow(),
    timestamp: timestamp({ withTimezone: true }).notNull(),
    verbId: identifierText().notNull(),
    /** inverse functional identifier of the actor (mbox, account homePage|name, …) */
    actorKey: identifierText().notNull(),
    /** the object's id when the object is an Activity */
    activityId: identifierText(),
    registration: uuid(),
    /** the LRS's authority for it: `stored` and `authority` are not in `statement`; reads add them */
    authorityId: integer().notNull(),
    /**
     * agents other than the actor and the authority (which actor_key and authority_id hold): the
     * object agent, instructor, team, group members, sub-statement agents
     */
    relatedAgents: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** activities other than the object (activity_id): context activities, sub-statement activities */
    relatedActivities: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** set on a voiding statement: the statement it voids */
    voidsStatementId: uuid(),
    /** the statement a StatementRef object points at (voiding or not): filters follow these */
    objectStatementId: uuid(),
    isVoided: boolean().notNull().default(false),
    /** the person the actor resolved to, when it did */
    personId: integer(),
    /**
     * the statement as sent, with the id, timestamp and version the LRS added when it had none;
     * `stored` (the column) and `authority` (authority_id) are added when it is read
     */
    statement: jsonb().$type<Record<string, unknown>>().notNull(),
  },
  (t) => [
    unique().on(t.seq),
    index().on(t.municipalityId, t.stored),
    index().on(t.actorKey),
    index().on(t.verbId),
    index().on(t.activityId),
    /** statements that reference a statement: the few rows filters follow to their targets */
    index()
      .on(t.objectStatementId)
      .where(sql`${t.objectStatementId} IS NOT NULL`),
    /** the xAPI `registration` filter; drills rarely send one, so only rows that have it */
    index()
      .on(t.registration)
      .where(sql`${t.registration} IS NOT NULL`),
    /**
     * The xAPI `agent` filter beyond the actor (an Agent or Group object, a group's members): only
     * the few statements whose object is an agent or whose actor is a group, so ingest barely pays.
     * The query repeats its predicate: AGENT_OBJECT_PREDICATE in modules/xapi/statements.repo.ts.
     */
    index('xapi_statements_agent_objects_index')
      .using('gin', t.relatedAgents)
      .where(
        sql`((${t.statement} -> 'object' ->> 'objectType') IN ('Agent', 'Group') OR (${t.statement} -> 'actor' ->> 'objectType') = 'Group')`,
      ),
  ],
);

/**
 * Voiding statements whose target has not arrived (yet): the target is stored voided when it
 * comes. Usually empty, so the check every new statement needs costs next to nothing.
 */
export const xapiPendingVoids = pgTable(
  'xapi_pending_voids',
  {
    targetId: uuid().notNull(),
    voidingId: uuid().notNull(),
    municipalityId: integer()
      .notNull()
      .references(() => municipalities.id),
  },
  (t) => [primaryKey({ columns: [t.targetId, t.voidingId] })],
);

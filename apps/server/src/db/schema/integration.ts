import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { municipalities, schools } from './org.ts';
import { people } from './people.ts';
import { userAccounts } from './auth.ts';

/** bytea as a Node Buffer on both drivers */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * 連携クライアント: a learning tool or roster consumer allowed to call edukarte
 * (xAPI with HTTP Basic, OneRoster with OAuth2 client credentials, or a webhook receiver).
 */
export const apiClients = pgTable('api_clients', {
  id: integer().primaryKey().generatedByDefaultAsIdentity(),
  municipalityId: integer()
    .notNull()
    .references(() => municipalities.id),
  name: text().notNull(),
  /** 'xapi' | 'oneroster' */
  kind: text().notNull(),
  /** the public key / client_id */
  clientKey: text().notNull().unique(),
  /** argon2id of the secret */
  secretHash: text().notNull(),
  scopes: text()
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  createdBy: integer().references(() => userAccounts.id),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  disabledAt: timestamp({ withTimezone: true }),
});

/** OAuth2 access tokens issued to api clients (only the SHA-256 of the token is stored). */
export const oauthTokens = pgTable('oauth_tokens', {
  tokenHash: text().primaryKey(),
  clientId: integer()
    .notNull()
    .references(() => apiClients.id),
  scopes: text().array().notNull(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** xAPI attachments by SHA-2 (shared by every statement that references them). */
export const xapiAttachments = pgTable('xapi_attachments', {
  sha2: text().primaryKey(),
  contentType: text().notNull(),
  length: integer().notNull(),
  content: bytea().notNull(),
});

/**
 * xAPI documents: State, Activity Profile and Agent Profile resources.
 * Absent parts of the key are stored as '' so the unique key works on every engine.
 */
export const xapiDocuments = pgTable(
  'xapi_documents',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    municipalityId: integer()
      .notNull()
      .references(() => municipalities.id),
    /** 'state' | 'activity_profile' | 'agent_profile' */
    kind: text().notNull(),
    activityId: text().notNull().default(''),
    agentKey: text().notNull().default(''),
    registration: text().notNull().default(''),
    documentId: text().notNull(),
    contentType: text().notNull(),
    content: bytea().notNull(),
    etag: text().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.municipalityId, t.kind, t.activityId, t.agentKey, t.registration, t.documentId)],
);

/** 列マッピング: how a source system's CSV columns map to edukarte fields, saved per source and kind. */
export const columnMappings = pgTable(
  'column_mappings',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    municipalityId: integer()
      .notNull()
      .references(() => municipalities.id),
    sourceSystem: text().notNull(),
    kind: text().notNull(),
    mapping: jsonb().$type<Record<string, string>>().notNull(),
    updatedBy: integer().references(() => userAccounts.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.municipalityId, t.sourceSystem, t.kind)],
);

/** 名寄せ確認待ち: a new source id that looks like an existing person (never merged silently). */
export const identityReviews = pgTable(
  'identity_reviews',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    municipalityId: integer()
      .notNull()
      .references(() => municipalities.id),
    schoolId: integer().references(() => schools.id),
    system: text().notNull(),
    sourceId: text().notNull(),
    candidatePersonId: integer()
      .notNull()
      .references(() => people.id),
    /** the incoming record as received */
    incoming: jsonb().$type<Record<string, unknown>>().notNull(),
    /** 'pending' | 'linked' | 'separate' */
    status: text().notNull().default('pending'),
    resolvedBy: integer().references(() => userAccounts.id),
    resolvedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.system, t.sourceId, t.candidatePersonId), index().on(t.municipalityId, t.status)],
);

/** 統合履歴: a merge of two person records, kept so it can be undone (audited). */
export const personMerges = pgTable('person_merges', {
  id: integer().primaryKey().generatedByDefaultAsIdentity(),
  survivorId: integer()
    .notNull()
    .references(() => people.id),
  mergedId: integer()
    .notNull()
    .references(() => people.id),
  /** what moved from mergedId to survivorId, so unmerge can move it back */
  moved: jsonb().$type<Record<string, unknown>>().notNull(),
  mergedBy: integer().references(() => userAccounts.id),
  mergedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  undoneBy: integer().references(() => userAccounts.id),
  undoneAt: timestamp({ withTimezone: true }),
});

/** Webhook subscribers (e.g. the 校務 system receiving 出欠). */
export const webhookSubscriptions = pgTable('webhook_subscriptions', {
  id: integer().primaryKey().generatedByDefaultAsIdentity(),
  municipalityId: integer()
    .notNull()
    .references(() => municipalities.id),
  schoolId: integer().references(() => schools.id),
  url: text().notNull(),
  /** HMAC-SHA256 signing secret */
  secret: text().notNull(),
  events: text().array().notNull(),
  /** what the admin calls the receiver, e.g. 校務支援システム（本番） */
  name: text().notNull().default(''),
  /** a disabled receiver gets no new deliveries and its pending ones wait until it is enabled again */
  isEnabled: boolean().notNull().default(true),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  /** the admin who registered it (null for receivers made before 0006 or outside the admin API) */
  createdBy: integer().references(() => userAccounts.id),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  /** the admin of the newest change (edit, enable/disable, new secret, delete); each change is also in access_audit */
  updatedBy: integer().references(() => userAccounts.id),
  /** removed by an admin: kept so the delivery log still names it; its pending deliveries are cancelled */
  deletedAt: timestamp({ withTimezone: true }),
});

/** One delivery of one event to one subscriber, retried with back-off until delivered or given up. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    subscriptionId: integer()
      .notNull()
      .references(() => webhookSubscriptions.id),
    event: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    /** 'pending' | 'delivered' | 'failed' */
    status: text().notNull().default('pending'),
    attempts: smallint().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.status, t.nextAttemptAt), index().on(t.subscriptionId, t.id)],
);

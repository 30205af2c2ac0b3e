import { z } from 'zod';
import { WEBHOOK_URL_MAX_LENGTH } from '../domain/webhook-url.ts';
import { IsoDateString, PageInfo, PageQuery } from './common.ts';

/** 出欠 back to the 校務 system (A7): the CSV export and the signed webhooks. */

export const ATTENDANCE_EXPORT_ENCODINGS = ['utf-8', 'shift_jis'] as const;
export type AttendanceExportEncoding = (typeof ATTENDANCE_EXPORT_ENCODINGS)[number];

export const AttendanceExportQuery = z.object({
  schoolId: z.coerce.number().int().positive(),
  date: IsoDateString,
  encoding: z.enum(ATTENDANCE_EXPORT_ENCODINGS).default('utf-8'),
});

/** The schools whose 出欠 the caller may export (admin: every school of the municipality). */
export const ExportSchoolList = z.object({
  schools: z.array(z.object({ id: z.number().int(), code: z.string(), name: z.string() })),
});
export type ExportSchool = z.infer<typeof ExportSchoolList>['schools'][number];

/**
 * Events a receiver can subscribe to: 出欠 (`attendance.recorded`) and 健康観察 (`health.recorded`), each
 * one school and one day. `webhook.test` is only ever sent by "send a test delivery".
 */
export const WEBHOOK_EVENTS = ['attendance.recorded', 'health.recorded'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export const isWebhookEvent = (value: string): value is WebhookEvent =>
  (WEBHOOK_EVENTS as readonly string[]).includes(value);
export const WEBHOOK_TEST_EVENT = 'webhook.test';

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'cancelled'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** Header names of a delivery (see apps/server/src/modules/attendance-feed/signature.ts). */
export const WEBHOOK_HEADERS = {
  signature: 'X-Edukarte-Signature',
  delivery: 'X-Edukarte-Delivery',
  event: 'X-Edukarte-Event',
} as const;

/** The address is checked by webhookUrlProblem() in the service, which answers with a specific code. */
const WebhookUrl = z.string().trim().min(1).max(WEBHOOK_URL_MAX_LENGTH);
const WebhookName = z.string().trim().max(100);

export const WebhookSubscriptionCreate = z.object({
  /** what the admin calls the receiver, e.g. 校務支援システム（本番） */
  name: WebhookName.default(''),
  url: WebhookUrl,
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).default(['attendance.recorded']),
  /** only this school's events; omit (or null) for every school of the municipality */
  schoolId: z.number().int().positive().nullable().optional(),
});
export type WebhookSubscriptionCreate = z.input<typeof WebhookSubscriptionCreate>;

/** Every field optional; `schoolId: null` widens the scope to every school. */
export const WebhookSubscriptionUpdate = z
  .object({
    name: WebhookName,
    url: WebhookUrl,
    events: z.array(z.enum(WEBHOOK_EVENTS)).min(1),
    schoolId: z.number().int().positive().nullable(),
    isEnabled: z.boolean(),
  })
  .partial();
export type WebhookSubscriptionUpdate = z.infer<typeof WebhookSubscriptionUpdate>;

export const WebhookSubscriptionSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  schoolId: z.number().int().nullable(),
  isEnabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** 最終更新者: the admin of the newest change (create, edit, enable/disable, new secret); null if unknown */
  updatedBy: z.object({ userId: z.number().int(), displayName: z.string() }).nullable(),
  /** the newest delivery (any status), to show whether the receiver is answering */
  lastDelivery: z.object({ status: z.enum(WEBHOOK_DELIVERY_STATUSES), createdAt: z.string() }).nullable(),
});
export type WebhookSubscriptionSummary = z.infer<typeof WebhookSubscriptionSummary>;

/** After create or rotate-secret: the HMAC signing secret, shown only in this answer. */
export const WebhookSubscriptionCreated = WebhookSubscriptionSummary.extend({ secret: z.string() });
export type WebhookSubscriptionCreated = z.infer<typeof WebhookSubscriptionCreated>;

export const WebhookSubscriptionList = z.object({ subscriptions: z.array(WebhookSubscriptionSummary) });

export const WebhookDeliveryQuery = PageQuery.extend({
  subscriptionId: z.coerce.number().int().positive().optional(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(),
});
export type WebhookDeliveryQuery = z.input<typeof WebhookDeliveryQuery>;

export const WebhookDeliverySummary = z.object({
  id: z.number().int(),
  subscriptionId: z.number().int(),
  subscription: z.object({
    name: z.string(),
    url: z.string(),
    isEnabled: z.boolean(),
    isDeleted: z.boolean(),
  }),
  event: z.string(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  /** from the payload of an attendance event: the school day and how many records it carries */
  date: z.string().nullable(),
  schoolCode: z.string().nullable(),
  records: z.number().int().nullable(),
});
export type WebhookDeliverySummary = z.infer<typeof WebhookDeliverySummary>;

export const WebhookDeliveryList = z.object({ deliveries: z.array(WebhookDeliverySummary), ...PageInfo });
export type WebhookDeliveryList = z.infer<typeof WebhookDeliveryList>;

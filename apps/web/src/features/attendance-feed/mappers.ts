import {
  isWebhookEvent,
  WEBHOOK_EVENTS,
  webhookUrlProblem,
  type AttendanceExportEncoding,
  type WebhookEvent,
  type ExportSchool,
  type WebhookDeliverySummary,
  type WebhookSubscriptionCreate,
  type WebhookSubscriptionSummary,
  type WebhookSubscriptionUpdate,
  type WebhookUrlProblem,
} from '@edukarte/shared';
import { buildUrl } from '../../api/client.ts';

/** The download address of one school's 出欠 for one day. */
export function attendanceExportUrl(params: {
  schoolId: number;
  date: string;
  encoding: AttendanceExportEncoding;
}): string {
  return buildUrl('/api/koumu/attendance-export', {
    schoolId: params.schoolId,
    date: params.date,
    encoding: params.encoding === 'utf-8' ? undefined : params.encoding,
  });
}

/** Today's date in Japan (UTC+9) as YYYY-MM-DD, the default day of the export. */
export function japanToday(now: Date): string {
  return new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

/** 'YYYY/MM/DD HH:mm' in Japan time: when a delivery was queued, sent or retried. */
export function japanDateTime(timestamp: string): string {
  const iso = new Date(Date.parse(timestamp) + 9 * 3_600_000).toISOString();
  return `${iso.slice(0, 10).replaceAll('-', '/')} ${iso.slice(11, 16)}`;
}

/** The school a receiver listens to, or null for every school of the municipality. */
export function schoolName(schools: readonly ExportSchool[], schoolId: number | null): string | null {
  if (schoolId === null) return null;
  return schools.find((s) => s.id === schoolId)?.name ?? `#${String(schoolId)}`;
}

/** A receiver's badge: off, on, or on but its newest delivery failed. */
export type SubscriptionBadge = 'disabled' | 'enabled' | 'failing';
export function subscriptionBadge(subscription: WebhookSubscriptionSummary): SubscriptionBadge {
  if (!subscription.isEnabled) return 'disabled';
  return subscription.lastDelivery?.status === 'failed' ? 'failing' : 'enabled';
}

/**
 * What a delivery row says: pending splits into waiting for its first try, retrying after a failure,
 * and held (its receiver is disabled, so it waits until enabled again).
 */
export type DeliveryState = 'delivered' | 'queued' | 'retrying' | 'held' | 'failed' | 'cancelled';
export function deliveryState(delivery: WebhookDeliverySummary): DeliveryState {
  if (delivery.status !== 'pending') return delivery.status === 'delivered' ? 'delivered' : delivery.status;
  if (!delivery.subscription.isEnabled) return 'held';
  return delivery.attempts > 0 ? 'retrying' : 'queued';
}

export const DELIVERY_STATE_COLORS: Record<DeliveryState, string> = {
  delivered: 'teal',
  queued: 'blue',
  retrying: 'yellow',
  held: 'gray',
  failed: 'red',
  cancelled: 'gray',
};

/** The next try is worth showing only while the delivery is still going to be sent. */
export function nextRetryOf(delivery: WebhookDeliverySummary): string | null {
  const state = deliveryState(delivery);
  return state === 'queued' || state === 'retrying' ? delivery.nextAttemptAt : null;
}

/** The events a receiver gets, in the order the page lists them (出欠, 健康観察); unknown names dropped. */
export function eventsOf(events: readonly string[]): WebhookEvent[] {
  return WEBHOOK_EVENTS.filter((e) => events.includes(e));
}

/** The key of an event's label under attendanceFeed.events (attendance → 出欠, health → 健康観察). */
export function eventLabelKey(event: string): 'attendance' | 'health' | null {
  if (!isWebhookEvent(event)) return null;
  return event === 'attendance.recorded' ? 'attendance' : 'health';
}

/** Who changed a receiver last, or null when nobody is recorded (made before this was kept). */
export function lastChangedBy(subscription: WebhookSubscriptionSummary): string | null {
  return subscription.updatedBy?.displayName || null;
}

/** The create / edit form as typed. schoolId '' means every school. */
export interface SubscriptionFormValues {
  name: string;
  url: string;
  schoolId: string;
  events: readonly WebhookEvent[];
  isEnabled: boolean;
}

/** A new receiver gets both 出欠 and 健康観察 unless the admin unticks one. */
export const EMPTY_FORM: SubscriptionFormValues = {
  name: '',
  url: '',
  schoolId: '',
  events: [...WEBHOOK_EVENTS],
  isEnabled: true,
};

export function formOf(subscription: WebhookSubscriptionSummary): SubscriptionFormValues {
  return {
    name: subscription.name,
    url: subscription.url,
    schoolId: subscription.schoolId === null ? '' : String(subscription.schoolId),
    events: eventsOf(subscription.events),
    isEnabled: subscription.isEnabled,
  };
}

export type SubscriptionFormErrors = Partial<{
  url: WebhookUrlProblem;
  name: 'too_long';
  events: 'none';
}>;

/** The same address rule as the server, so the admin sees the problem before sending. */
export function validateSubscriptionForm(values: SubscriptionFormValues): SubscriptionFormErrors {
  const errors: SubscriptionFormErrors = {};
  const url = webhookUrlProblem(values.url);
  if (url !== null) errors.url = url;
  if (values.name.trim().length > 100) errors.name = 'too_long';
  if (values.events.length === 0) errors.events = 'none';
  return errors;
}

const schoolIdOf = (value: string): number | null => (value === '' ? null : Number(value));

export function toCreateBody(values: SubscriptionFormValues): WebhookSubscriptionCreate {
  return {
    name: values.name.trim(),
    url: values.url.trim(),
    schoolId: schoolIdOf(values.schoolId),
    events: eventsOf(values.events),
  };
}

/** Only what changed, so editing the name does not re-send the address. */
export function toUpdateBody(
  before: WebhookSubscriptionSummary,
  values: SubscriptionFormValues,
): WebhookSubscriptionUpdate {
  const body: WebhookSubscriptionUpdate = {};
  if (values.name.trim() !== before.name) body.name = values.name.trim();
  if (values.url.trim() !== before.url) body.url = values.url.trim();
  const schoolId = schoolIdOf(values.schoolId);
  if (schoolId !== before.schoolId) body.schoolId = schoolId;
  const events = eventsOf(values.events);
  if (events.join() !== eventsOf(before.events).join()) body.events = events;
  if (values.isEnabled !== before.isEnabled) body.isEnabled = values.isEnabled;
  return body;
}

/** How a receiver checks a delivery: HMAC-SHA256 of the raw body, compared in constant time (Node.js). */
export function verificationExample(signatureHeader: string): string {
  const header = signatureHeader.toLowerCase();
  return [
    "import { createHmac, timingSafeEqual } from 'node:crypto';",
    '',
    '// rawBody: the request body exactly as received (bytes, before JSON parsing)',
    'function isFromEdukarte(rawBody, headers, secret) {',
    "  const expected = 'sha256=' + createHmac('sha256', secret).update(rawBody).digest('hex');",
    `  const given = String(headers['${header}'] ?? '');`,
    '  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));',
    '}',
  ].join('\n');
}

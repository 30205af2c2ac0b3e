import { describe, expect, it } from 'vitest';
import type { WebhookDeliverySummary, WebhookSubscriptionSummary } from '@edukarte/shared';
import {
  attendanceExportUrl,
  deliveryState,
  EMPTY_FORM,
  eventLabelKey,
  eventsOf,
  formOf,
  japanDateTime,
  japanToday,
  lastChangedBy,
  nextRetryOf,
  schoolName,
  subscriptionBadge,
  toCreateBody,
  toUpdateBody,
  validateSubscriptionForm,
  verificationExample,
  type SubscriptionFormValues,
} from './mappers.ts';

const BOTH = ['attendance.recorded', 'health.recorded'] as const;

const subscription = (over: Partial<WebhookSubscriptionSummary> = {}): WebhookSubscriptionSummary => ({
  id: 1,
  name: '校務支援システム',
  url: 'https://koumu.example.jp/hook',
  events: ['attendance.recorded'],
  schoolId: null,
  isEnabled: true,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  updatedBy: null,
  lastDelivery: null,
  ...over,
});

const delivery = (
  over: Partial<Omit<WebhookDeliverySummary, 'subscription'>> & { enabled?: boolean } = {},
): WebhookDeliverySummary => {
  const { enabled = true, ...rest } = over;
  return {
    id: 10,
    subscriptionId: 1,
    subscription: { name: 'a', url: 'https://koumu.example.jp/hook', isEnabled: enabled, isDeleted: false },
    event: 'attendance.recorded',
    status: 'pending',
    attempts: 0,
    nextAttemptAt: '2026-11-20T00:01:00.000Z',
    lastError: null,
    createdAt: '2026-11-20T00:00:00.000Z',
    deliveredAt: null,
    date: '2026-11-20',
    schoolCode: 'B138210000019',
    records: 3,
    ...rest,
  };
};

describe('attendance feed mappers', () => {
  it.each([
    [
      { schoolId: 3, date: '2026-11-20', encoding: 'utf-8' },
      '/api/koumu/attendance-export?schoolId=3&date=2026-11-20',
    ],
    [
      { schoolId: 3, date: '2026-11-20', encoding: 'shift_jis' },
      '/api/koumu/attendance-export?schoolId=3&date=2026-11-20&encoding=shift_jis',
    ],
  ] as const)('builds the export address %o', (params, url) => {
    expect(attendanceExportUrl(params)).toBe(url);
  });

  it.each([
    ['2026-11-20T14:59:59.000Z', '2026-11-20'],
    ['2026-11-20T15:00:00.000Z', '2026-11-21'],
  ])('today in Japan at %s is %s', (now, day) => {
    expect(japanToday(new Date(now))).toBe(day);
  });

  it.each([
    ['2026-11-20T00:05:00.000Z', '2026/11/20 09:05'],
    ['2026-11-20T15:30:00.000Z', '2026/11/21 00:30'],
  ])('shows %s in Japan time as %s', (timestamp, shown) => {
    expect(japanDateTime(timestamp)).toBe(shown);
  });

  it.each([
    [null, null],
    [2, '東小学校'],
    [9, '#9'],
  ] as const)('names school %s as %s', (id, name) => {
    const schools = [
      { id: 1, code: 'B1', name: '中央小学校' },
      { id: 2, code: 'B2', name: '東小学校' },
    ];
    expect(schoolName(schools, id)).toBe(name);
  });

  it.each([
    [subscription(), 'enabled'],
    [subscription({ isEnabled: false }), 'disabled'],
    [subscription({ lastDelivery: { status: 'failed', createdAt: '2026-11-20T00:00:00.000Z' } }), 'failing'],
    [
      subscription({ lastDelivery: { status: 'delivered', createdAt: '2026-11-20T00:00:00.000Z' } }),
      'enabled',
    ],
    [
      subscription({
        isEnabled: false,
        lastDelivery: { status: 'failed', createdAt: '2026-11-20T00:00:00.000Z' },
      }),
      'disabled',
    ],
  ] as const)('badges a receiver (%#) as %s', (s, badge) => {
    expect(subscriptionBadge(s)).toBe(badge);
  });

  it.each([
    [delivery(), 'queued', '2026-11-20T00:01:00.000Z'],
    [delivery({ attempts: 2, lastError: 'HTTP 500' }), 'retrying', '2026-11-20T00:01:00.000Z'],
    [delivery({ enabled: false }), 'held', null],
    [delivery({ status: 'delivered', attempts: 1 }), 'delivered', null],
    [delivery({ status: 'failed', attempts: 6 }), 'failed', null],
    [delivery({ status: 'cancelled' }), 'cancelled', null],
  ] as const)('reads delivery %# as %s with next retry %s', (d, state, next) => {
    expect(deliveryState(d)).toBe(state);
    expect(nextRetryOf(d)).toBe(next);
  });

  it.each([
    [{ name: '', url: 'https://koumu.example.jp/hook', schoolId: '', events: BOTH, isEnabled: true }, {}],
    [{ name: '', url: 'http://localhost:8080/', schoolId: '', events: BOTH, isEnabled: true }, {}],
    [
      { name: '', url: 'http://koumu.example.jp/', schoolId: '', events: BOTH, isEnabled: true },
      { url: 'webhook_url_insecure' },
    ],
    [{ name: '', url: '', schoolId: '', events: BOTH, isEnabled: true }, { url: 'webhook_url_invalid' }],
    [
      { name: 'あ'.repeat(101), url: 'https://a.example.jp/', schoolId: '', events: BOTH, isEnabled: true },
      { name: 'too_long' },
    ],
  ] as const)('validates form %#', (values, errors) => {
    expect(validateSubscriptionForm(values)).toEqual(errors);
  });

  it('builds the create body with every school as null', () => {
    expect(
      toCreateBody({
        name: ' 本番 ',
        url: ' https://a.example.jp/ ',
        schoolId: '',
        events: BOTH,
        isEnabled: true,
      }),
    ).toEqual({
      name: '本番',
      url: 'https://a.example.jp/',
      schoolId: null,
      events: ['attendance.recorded', 'health.recorded'],
    });
    expect(
      toCreateBody({ name: '', url: 'https://a.example.jp/', schoolId: '4', events: BOTH, isEnabled: true })
        .schoolId,
    ).toBe(4);
  });

  it.each<[string, Partial<SubscriptionFormValues>, object]>([
    ['nothing changed', {}, {}],
    ['the name', { name: '本番 ' }, { name: '本番' }],
    ['the address', { url: 'https://b.example.jp/' }, { url: 'https://b.example.jp/' }],
    ['one school', { schoolId: '2' }, { schoolId: 2 }],
    ['disabled', { isEnabled: false }, { isEnabled: false }],
    ['健康観察 added', { events: ['health.recorded', 'attendance.recorded'] }, { events: BOTH }],
    ['出欠 only, ticked again', { events: ['attendance.recorded'] }, {}],
  ])('sends only what changed: %s', (_, change, body) => {
    const before = subscription();
    expect(toUpdateBody(before, { ...formOf(before), ...change })).toEqual(body);
  });

  it('widens a one-school receiver to every school with null', () => {
    const before = subscription({ schoolId: 2 });
    expect(formOf(before).schoolId).toBe('2');
    expect(toUpdateBody(before, { ...formOf(before), schoolId: '' })).toEqual({ schoolId: null });
  });

  it('asks for at least one event and lists events in page order, dropping unknown ones', () => {
    const values = { name: '', url: 'https://a.example.jp/', schoolId: '', isEnabled: true };
    expect(validateSubscriptionForm({ ...values, events: [] })).toEqual({ events: 'none' });
    expect(eventsOf(['health.recorded', 'webhook.test', 'attendance.recorded'])).toEqual(BOTH);
    expect(formOf(subscription({ events: ['health.recorded'] })).events).toEqual(['health.recorded']);
    expect(EMPTY_FORM.events).toEqual(BOTH);
  });

  it.each([
    ['attendance.recorded', 'attendance'],
    ['health.recorded', 'health'],
    ['webhook.test', null],
  ])('labels the event %s as %s', (event, key) => {
    expect(eventLabelKey(event)).toBe(key);
  });

  it('names who changed a receiver last, or nobody when unknown', () => {
    expect(lastChangedBy(subscription())).toBeNull();
    expect(lastChangedBy(subscription({ updatedBy: { userId: 3, displayName: '管理 花子' } }))).toBe(
      '管理 花子',
    );
  });

  it('explains the signature check with the header the server sends', () => {
    const code = verificationExample('X-Edukarte-Signature');
    expect(code).toContain("headers['x-edukarte-signature']");
    expect(code).toContain("createHmac('sha256', secret)");
    expect(code).toContain('timingSafeEqual');
  });
});

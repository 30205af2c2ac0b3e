import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AttendanceExportQuery,
  ErrorResponse,
  ExportSchoolList,
  IdParam,
  WebhookDeliveryList,
  WebhookDeliveryQuery,
  WebhookDeliverySummary,
  WebhookSubscriptionCreate,
  WebhookSubscriptionCreated,
  WebhookSubscriptionList,
  WebhookSubscriptionSummary,
  WebhookSubscriptionUpdate,
} from '@edukarte/shared';
import type { AppContext } from '../../http/context.ts';
import { requestMeta, requireActor } from '../../http/session-plugin.ts';
import { exportAttendance, listExportSchools } from './service.ts';
import {
  createSubscription,
  deleteSubscription,
  listDeliveries,
  listSubscriptions,
  rotateSubscriptionSecret,
  sendTestDelivery,
  setSubscriptionEnabled,
  updateSubscription,
} from './subscriptions.ts';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
};
const ById = z.object({ id: IdParam });

/** 出欠 back to the 校務 system (A7). Webhook deliveries run in worker.ts. */
export function attendanceFeedRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/koumu/attendance-export',
      {
        schema: {
          summary: '出欠・健康観察の CSV 出力 (one school and day; UTF-8 with BOM or Shift_JIS)',
          tags: ['koumu'],
          querystring: AttendanceExportQuery,
        },
      },
      async (request, reply) => {
        const file = await exportAttendance(ctx, requireActor(request), request.query);
        reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
        return reply.type(file.contentType).send(file.body);
      },
    );

    app.get(
      '/api/koumu/attendance-export/schools',
      {
        schema: {
          summary: '出欠を出力できる学校 (admin: every school; principal and nurse: their own)',
          tags: ['koumu'],
          response: { 200: ExportSchoolList, ...errors },
        },
      },
      async (request) => listExportSchools(ctx, requireActor(request)),
    );

    app.get(
      '/api/admin/webhook-subscriptions',
      {
        schema: {
          summary: 'Webhook 連携先の一覧',
          tags: ['koumu'],
          response: { 200: WebhookSubscriptionList, ...errors },
        },
      },
      async (request) => listSubscriptions(ctx, requireActor(request)),
    );

    app.post(
      '/api/admin/webhook-subscriptions',
      {
        schema: {
          summary: 'Webhook 連携先の登録 (the signing secret is shown once)',
          tags: ['koumu'],
          body: WebhookSubscriptionCreate,
          response: { 201: WebhookSubscriptionCreated, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await createSubscription(ctx, requireActor(request), request.body, requestMeta(request))),
    );

    app.patch(
      '/api/admin/webhook-subscriptions/:id',
      {
        schema: {
          summary: 'Webhook 連携先の変更 (name, url, schoolId, events, isEnabled)',
          tags: ['koumu'],
          params: ById,
          body: WebhookSubscriptionUpdate,
          response: { 200: WebhookSubscriptionSummary, ...errors },
        },
      },
      async (request) =>
        updateSubscription(ctx, requireActor(request), request.params.id, request.body, requestMeta(request)),
    );

    for (const [action, isEnabled] of [
      ['disable', false],
      ['enable', true],
    ] as const) {
      app.post(
        `/api/admin/webhook-subscriptions/:id/${action}`,
        {
          schema: {
            summary: isEnabled
              ? 'Webhook 連携先を有効にする'
              : 'Webhook 連携先を停止する (no new deliveries)',
            tags: ['koumu'],
            params: ById,
            response: { 200: WebhookSubscriptionSummary, ...errors },
          },
        },
        async (request) =>
          setSubscriptionEnabled(
            ctx,
            requireActor(request),
            request.params.id,
            isEnabled,
            requestMeta(request),
          ),
      );
    }

    app.post(
      '/api/admin/webhook-subscriptions/:id/rotate-secret',
      {
        schema: {
          summary: '署名用シークレットの再発行 (the new secret is shown once)',
          tags: ['koumu'],
          params: ById,
          response: { 200: WebhookSubscriptionCreated, ...errors },
        },
      },
      async (request) =>
        rotateSubscriptionSecret(ctx, requireActor(request), request.params.id, requestMeta(request)),
    );

    app.post(
      '/api/admin/webhook-subscriptions/:id/test',
      {
        schema: {
          summary: 'テスト送信 (one webhook.test delivery now, no retries)',
          tags: ['koumu'],
          params: ById,
          response: { 200: WebhookDeliverySummary, ...errors },
        },
      },
      async (request) => sendTestDelivery(ctx, requireActor(request), request.params.id),
    );

    app.delete(
      '/api/admin/webhook-subscriptions/:id',
      {
        schema: {
          summary: 'Webhook 連携先の削除 (pending deliveries are cancelled; the log is kept)',
          tags: ['koumu'],
          params: ById,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await deleteSubscription(ctx, requireActor(request), request.params.id, requestMeta(request));
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/admin/webhook-deliveries',
      {
        schema: {
          summary: 'Webhook 配信の状況 (newest first; subscriptionId, status, page, pageSize)',
          tags: ['koumu'],
          querystring: WebhookDeliveryQuery,
          response: { 200: WebhookDeliveryList, ...errors },
        },
      },
      async (request) => listDeliveries(ctx, requireActor(request), request.query),
    );
  };
}

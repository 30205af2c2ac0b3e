import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AttendanceExportQuery,
  ErrorResponse,
  WebhookDeliveryList,
  WebhookSubscriptionCreate,
  WebhookSubscriptionCreated,
  WebhookSubscriptionList,
} from '@edukarte/shared';
import type { AppContext } from '../../http/context.ts';
import { requireActor } from '../../http/session-plugin.ts';
import { exportAttendance } from './service.ts';
import { createSubscription, listDeliveries, listSubscriptions } from './subscriptions.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

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
        reply.status(201).send(await createSubscription(ctx, requireActor(request), request.body)),
    );

    app.get(
      '/api/admin/webhook-deliveries',
      {
        schema: {
          summary: 'Webhook 配信の状況 (latest 100)',
          tags: ['koumu'],
          response: { 200: WebhookDeliveryList, ...errors },
        },
      },
      async (request) => listDeliveries(ctx, requireActor(request)),
    );
  };
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ApiClientListResponse,
  ErrorResponse,
  IdParam,
  RegisterClientRequest,
  RegisterClientResponse,
} from '@edukarte/shared';
import type { AppContext } from '../../http/context.ts';
import { requireActor } from '../../http/session-plugin.ts';
import { disableClientApp, listClientApps, registerClientApp } from './admin.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

/** 連携アプリ administration (system administrators only). */
export function clientAdminRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/admin/clients',
      {
        schema: {
          summary: '連携アプリの一覧 (registered xAPI / OneRoster client applications)',
          tags: ['admin'],
          response: { 200: ApiClientListResponse, ...errors },
        },
      },
      async (request) => listClientApps(ctx.database.db, requireActor(request)),
    );

    app.post(
      '/api/admin/clients',
      {
        schema: {
          summary: '連携アプリの登録 (the secret is in this response only)',
          tags: ['admin'],
          body: RegisterClientRequest,
          response: { 201: RegisterClientResponse, ...errors },
        },
      },
      async (request, reply) => {
        const created = await registerClientApp(ctx.database.db, requireActor(request), request.body);
        return reply.status(201).send(created);
      },
    );

    app.post(
      '/api/admin/clients/:id/disable',
      {
        schema: {
          summary: '連携アプリの無効化 (its key stops working at once)',
          tags: ['admin'],
          params: z.object({ id: IdParam }),
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await disableClientApp(ctx.database.db, requireActor(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorResponse, TransferInRequest, TransferOutRequest, TransferResponse } from '@edukarte/shared';
import type { AppContext } from '../../http/context.ts';
import { requestMeta, requireActor } from '../../http/session-plugin.ts';
import { transferIn, transferOut } from './transfer-service.ts';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
};

/** 転入・転出 (A5): principal of the school or the admin. */
export function transferRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/admin/transfers/out',
      {
        schema: {
          summary: '転出 (ends the stay on the given day)',
          tags: ['rollover'],
          body: TransferOutRequest,
          response: { 200: TransferResponse, ...errors },
        },
      },
      async (request) => transferOut(ctx, requireActor(request), request.body, requestMeta(request)),
    );
    app.post(
      '/api/admin/transfers/in',
      {
        schema: {
          summary: '転入 (a new stay with the next 出席番号)',
          tags: ['rollover'],
          body: TransferInRequest,
          response: { 200: TransferResponse, ...errors },
        },
      },
      async (request) => transferIn(ctx, requireActor(request), request.body, requestMeta(request)),
    );
  };
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ErrorResponse,
  RolloverCommitResponse,
  RolloverPlanResponse,
  RolloverRequest,
} from '@edukarte/shared';
import type { AppContext } from '../../http/context.ts';
import { requestMeta, requireActor } from '../../http/session-plugin.ts';
import { commitRollover, previewRollover } from './service.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 409: ErrorResponse };

/** 年度更新 (A5): preview and commit of the April rollover, admin only. */
export function rolloverRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/admin/rollover/preview',
      {
        schema: {
          summary: '年度更新のプレビュー (writes nothing)',
          tags: ['rollover'],
          body: RolloverRequest,
          response: { 200: RolloverPlanResponse, ...errors },
        },
      },
      async (request) => previewRollover(ctx, requireActor(request), request.body),
    );
    app.post(
      '/api/admin/rollover/commit',
      {
        schema: {
          summary: '年度更新の実行 (one transaction; running it again changes nothing)',
          tags: ['rollover'],
          body: RolloverRequest,
          response: { 200: RolloverCommitResponse, ...errors },
        },
      },
      async (request) => commitRollover(ctx, requireActor(request), request.body, requestMeta(request)),
    );
  };
}

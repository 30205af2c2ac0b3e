import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ErrorResponse,
  TransferInRequest,
  TransferListQuery,
  TransferListResponse,
  TransferOutRequest,
  TransferResponse,
  TransferStudentSearchQuery,
  TransferStudentSearchResponse,
} from '@edukarte/shared';
import type { AppContext } from '../../http/context.ts';
import { requestMeta, requireActor } from '../../http/session-plugin.ts';
import { listTransfers, searchTransferStudents, transferIn, transferOut } from './transfer-service.ts';

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
    app.get(
      '/api/admin/transfers',
      {
        schema: {
          summary: '転入・転出の一覧 (newest first, paged; admin)',
          tags: ['rollover'],
          querystring: TransferListQuery,
          response: { 200: TransferListResponse, ...errors },
        },
      },
      async (request) => listTransfers(ctx, requireActor(request), request.query),
    );
    app.get(
      '/api/admin/transfers/students',
      {
        schema: {
          summary: '転入させる児童生徒の検索 (name or reading; admin)',
          tags: ['rollover'],
          querystring: TransferStudentSearchQuery,
          response: { 200: TransferStudentSearchResponse, ...errors },
        },
      },
      async (request) => searchTransferStudents(ctx, requireActor(request), request.query.q),
    );
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

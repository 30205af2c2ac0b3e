import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ErrorResponse,
  RolloverAssignmentUploadResponse,
  RolloverCommitResponse,
  RolloverFileFormat,
  RolloverOptions,
  RolloverPlanResponse,
  RolloverRequest,
} from '@edukarte/shared';
import type { AppContext } from '../../http/context.ts';
import { HttpError } from '../../http/errors.ts';
import { readMultipartUpload } from '../../http/multipart.ts';
import { requestMeta, requireActor } from '../../http/session-plugin.ts';
import { authorize } from '../identity/service.ts';
import { commitRollover, exportAssignments, previewRollover, uploadAssignments } from './service.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 409: ErrorResponse };
/** A custom plan names every pupil of a city (≈ 50 bytes each). */
const PLAN_BODY_LIMIT = 16 * 1024 * 1024;
const FILE_LIMIT = 10 * 1024 * 1024;

const UploadFields = z.object({
  /** JSON: { fiscalYear, juniorHighMapping?, juniorHighOverrides? } — the plan the file is checked against */
  options: z.string().min(2),
  encoding: z.enum(['utf-8', 'shift_jis']).optional(),
});

/** 年度更新 (A5): preview and commit of the April rollover, and the 学級編成 file; admin only. */
export function rolloverRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(multipart, { limits: { fileSize: FILE_LIMIT, files: 1, fields: 5 } });

    app.post(
      '/api/admin/rollover/preview',
      {
        bodyLimit: PLAN_BODY_LIMIT,
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
        bodyLimit: PLAN_BODY_LIMIT,
        schema: {
          summary: '年度更新の実行 (one transaction; running it again changes nothing)',
          tags: ['rollover'],
          body: RolloverRequest,
          response: { 200: RolloverCommitResponse, ...errors },
        },
      },
      async (request) => commitRollover(ctx, requireActor(request), request.body, requestMeta(request)),
    );
    app.post(
      '/api/admin/rollover/assignments/export',
      {
        bodyLimit: PLAN_BODY_LIMIT,
        schema: {
          summary: '学級編成ファイル (the plan per pupil as CSV with BOM or .xlsx, to edit 組 and 出席番号)',
          tags: ['rollover'],
          querystring: RolloverFileFormat,
          body: RolloverRequest,
        },
      },
      async (request, reply) => {
        const { fileName, body } = await exportAssignments(
          ctx,
          requireActor(request),
          request.body,
          request.query.format,
        );
        reply.header('content-disposition', `attachment; filename="${fileName}"`);
        return reply
          .type(
            request.query.format === 'csv'
              ? 'text/csv; charset=utf-8'
              : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          )
          .send(body);
      },
    );
    app.post(
      '/api/admin/rollover/assignments',
      {
        schema: {
          summary:
            '学級編成ファイルのアップロード (multipart: file, options, encoding?) → checked assignments or every problem; writes nothing',
          tags: ['rollover'],
          consumes: ['multipart/form-data'],
          response: { 200: RolloverAssignmentUploadResponse, 413: ErrorResponse, ...errors },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        authorize(actor, { action: 'identity:manage' });
        const { fields, file } = await readMultipartUpload(request, { maxBytes: FILE_LIMIT });
        const parsed = UploadFields.safeParse(fields);
        const options = parsed.success ? RolloverOptions.safeParse(safeJson(parsed.data.options)) : null;
        if (!parsed.success || !options?.success)
          throw new HttpError(
            400,
            'invalid_request',
            'options に {"fiscalYear": 2027, "juniorHighMapping": [...]} の形の JSON を指定してください',
          );
        return uploadAssignments(ctx, actor, {
          bytes: file.bytes,
          fileName: file.name,
          options: options.data,
          encoding: parsed.data.encoding,
        });
      },
    );
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

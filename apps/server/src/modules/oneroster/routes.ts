import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, OneRosterImportReport } from '@edukarte/shared';
import type { AppContext } from '../../http/context.ts';
import { HttpError } from '../../http/errors.ts';
import { requireActor } from '../../http/session-plugin.ts';
import { exportRoster, importUploadedPackage } from './service.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 413: ErrorResponse };
const MAX_BYTES = 50 * 1024 * 1024;

/** 名簿の取り込み・書き出し (OneRoster CSV, A1/A2) for admins. */
export function oneRosterAdminRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(multipart, { limits: { fileSize: MAX_BYTES, files: 1, fields: 5 } });

    app.post(
      '/api/admin/oneroster/imports',
      {
        schema: {
          summary:
            'OneRoster CSV パッケージ (zip) の検証と取り込み (multipart: file; ?dryRun=true で検証のみ)',
          tags: ['oneroster'],
          consumes: ['multipart/form-data'],
          querystring: z.object({ dryRun: z.enum(['true', 'false']).optional() }),
          response: { 200: OneRosterImportReport, ...errors },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        if (!request.isMultipart())
          throw new HttpError(400, 'invalid_request', 'multipart/form-data で ZIP ファイルを送ってください');
        let zip: Buffer | null = null;
        try {
          for await (const part of request.parts()) if (part.type === 'file') zip = await part.toBuffer();
        } catch (error) {
          if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
            throw new HttpError(
              413,
              'file_too_large',
              `ファイルが大きすぎます（上限 ${MAX_BYTES / 1024 / 1024} MB）`,
            );
          throw error;
        }
        if (!zip) throw new HttpError(400, 'invalid_request', 'file に ZIP ファイルを添付してください');
        return importUploadedPackage(ctx, actor, zip, request.query.dryRun === 'true');
      },
    );

    app.get(
      '/api/admin/oneroster/export',
      { schema: { summary: '名簿の書き出し (OneRoster 1.2 Japan Profile CSV zip)', tags: ['oneroster'] } },
      async (request, reply) => {
        const zip = await exportRoster(ctx, requireActor(request));
        reply.header('content-disposition', `attachment; filename="oneroster-${ctx.today()}.zip"`);
        return reply.type('application/zip').send(Buffer.from(zip));
      },
    );
  };
}

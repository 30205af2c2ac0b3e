import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AttendanceExportQuery } from '@edukarte/shared';
import type { AppContext } from '../../http/context.ts';
import { requireActor } from '../../http/session-plugin.ts';
import { exportAttendance } from './service.ts';

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
  };
}

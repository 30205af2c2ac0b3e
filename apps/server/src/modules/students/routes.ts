import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, IdParam, KarteQuery, StudentKarteResponse } from '@edukarte/shared';
import type { AppContext } from '../../http/context.ts';
import { requestMeta, requireActor } from '../../http/session-plugin.ts';
import { getStudentKarte } from './service.ts';

export function studentRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/students/:studentId/karte',
      {
        schema: {
          summary: '児童生徒カルテ (one child across years; every view is audited)',
          tags: ['students'],
          params: z.object({ studentId: IdParam }),
          querystring: KarteQuery,
          response: { 200: StudentKarteResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
        },
      },
      async (request) =>
        getStudentKarte(
          ctx,
          requireActor(request),
          request.params.studentId,
          requestMeta(request),
          request.query.fiscalYear,
        ),
    );
  };
}

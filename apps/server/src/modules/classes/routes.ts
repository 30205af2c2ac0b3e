import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ClassListQuery,
  ClassListResponse,
  ClassRosterResponse,
  ErrorResponse,
  IdParam,
} from '@edukarte/shared';
import type { AppContext } from '../../http/context.ts';
import { requireActor } from '../../http/session-plugin.ts';
import { getClassRoster, listClasses } from './service.ts';

const errors = { 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

export function classRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/classes',
      {
        schema: {
          summary: '学級一覧 (classes the caller may see in a school year)',
          tags: ['classes'],
          querystring: ClassListQuery,
          response: { 200: ClassListResponse, ...errors },
        },
      },
      async (request) => listClasses(ctx, requireActor(request), request.query.fiscalYear),
    );

    app.get(
      '/api/classes/:classId/students',
      {
        schema: {
          summary: '学級名簿 (a class roster by 出席番号)',
          tags: ['classes'],
          params: z.object({ classId: IdParam }),
          response: { 200: ClassRosterResponse, ...errors },
        },
      },
      async (request) => getClassRoster(ctx, requireActor(request), request.params.classId),
    );
  };
}

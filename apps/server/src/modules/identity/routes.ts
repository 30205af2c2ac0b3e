import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ErrorResponse,
  IdentityReviewResponse,
  IdentityReviewsQuery,
  IdentityReviewsResponse,
  IdParam,
  MergePeopleRequest,
  PersonMergeResponse,
  PersonMergesResponse,
} from '@edukarte/shared';
import type { AppContext } from '../../http/context.ts';
import { requestMeta, requireActor } from '../../http/session-plugin.ts';
import {
  decideIdentityReview,
  listIdentityReviews,
  listPersonMerges,
  mergePeople,
  MergeConflictError,
  undoPersonMerge,
} from './service.ts';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
};

/** 名寄せ (A5): the review queue, link/separate, and merge/unmerge of person records. */
export function identityRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/admin/identity/reviews',
      {
        schema: {
          summary: '名寄せの確認待ち (admin: municipality; principal: own school)',
          tags: ['identity'],
          querystring: IdentityReviewsQuery,
          response: { 200: IdentityReviewsResponse, ...errors },
        },
      },
      async (request) => listIdentityReviews(ctx, requireActor(request), request.query.status),
    );

    for (const [path, decision] of [
      ['link', 'linked'],
      ['separate', 'separate'],
    ] as const) {
      app.post(
        `/api/admin/identity/reviews/:reviewId/${path}`,
        {
          schema: {
            summary:
              decision === 'linked'
                ? '同一人物としてつなぐ (the source id becomes the candidate’s)'
                : '別人として登録 (a new person with the source id)',
            tags: ['identity'],
            params: z.object({ reviewId: IdParam }),
            response: { 200: IdentityReviewResponse, ...errors },
          },
        },
        async (request) =>
          decideIdentityReview(
            ctx,
            requireActor(request),
            request.params.reviewId,
            decision,
            requestMeta(request),
          ),
      );
    }

    app.get(
      '/api/admin/people/merges',
      {
        schema: {
          summary: '統合の履歴',
          tags: ['identity'],
          response: { 200: PersonMergesResponse, ...errors },
        },
      },
      async (request) => listPersonMerges(ctx, requireActor(request)),
    );

    app.post(
      '/api/admin/people/merge',
      {
        schema: {
          summary: 'Merge two records of one person (409 lists rows that would collide)',
          tags: ['identity'],
          body: MergePeopleRequest,
          response: { 200: PersonMergeResponse, ...errors },
        },
      },
      async (request, reply) => {
        try {
          return await mergePeople(ctx, requireActor(request), request.body, requestMeta(request));
        } catch (error) {
          if (!(error instanceof MergeConflictError)) throw error;
          return reply.status(409).send({
            error: {
              code: error.code,
              message: error.message,
              issues: error.conflicts.map((c) => ({
                path: c.column,
                message: Object.entries(c.key)
                  .map(([k, v]) => `${k}=${String(v)}`)
                  .join(', '),
              })),
            },
          });
        }
      },
    );

    app.post(
      '/api/admin/people/merges/:mergeId/undo',
      {
        schema: {
          summary: '統合を元に戻す',
          tags: ['identity'],
          params: z.object({ mergeId: IdParam }),
          response: { 200: PersonMergeResponse, ...errors },
        },
      },
      async (request) =>
        undoPersonMerge(ctx, requireActor(request), request.params.mergeId, requestMeta(request)),
    );
  };
}

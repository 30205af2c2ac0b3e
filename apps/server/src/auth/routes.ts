import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, Me, SignInRequest, SignInResponse } from '@edukarte/shared';
import type { AppContext } from '../http/context.ts';
import { HttpError } from '../http/errors.ts';
import { SESSION_COOKIE, requestMeta, requireActor, setSessionCookie } from '../http/session-plugin.ts';
import { describeMe, signIn, signOut } from './service.ts';

export function authRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/auth/sign-in',
      {
        config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          summary: 'サインイン (local account)',
          tags: ['auth'],
          body: SignInRequest,
          response: { 200: SignInResponse, 400: ErrorResponse, 401: ErrorResponse, 429: ErrorResponse },
        },
      },
      async (request, reply) => {
        const { db } = ctx.database;
        const result = await signIn(db, request.body, requestMeta(request), ctx.config.sessionHours);
        if (!result) throw new HttpError(401, 'invalid_credentials', 'ログインIDまたはパスワードが違います');
        setSessionCookie(reply, result.token, result.expiresAt, ctx.config.cookieSecure);
        return { user: await describeMe(db, result.actor, ctx.today()) };
      },
    );

    app.post(
      '/api/auth/sign-out',
      { schema: { summary: 'サインアウト', tags: ['auth'], response: { 204: z.null() } } },
      async (request, reply) => {
        const token = request.cookies[SESSION_COOKIE];
        if (token) await signOut(ctx.database.db, token);
        void reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/me',
      {
        schema: { summary: 'The signed-in user', tags: ['auth'], response: { 200: Me, 401: ErrorResponse } },
      },
      async (request) => describeMe(ctx.database.db, requireActor(request), ctx.today()),
    );
  };
}

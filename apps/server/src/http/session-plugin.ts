import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/client.ts';
import type { Actor, RequestMeta } from '../auth/actor.ts';
import { actorForSessionToken } from '../auth/service.ts';
import { forbidden, unauthorized } from './errors.ts';

export const SESSION_COOKIE = 'ek_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** Resolves the session cookie into `request.actor` on every /api request. */
export function registerSession(app: FastifyInstance, db: Db): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (!request.url.startsWith('/api/')) return;
    // A state-changing request from another site is refused (the cookie is SameSite=Lax as well).
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const origin = request.headers.origin;
      if (origin && new URL(origin).host !== request.headers.host)
        throw forbidden('別のサイトからの要求は受け付けません');
    }
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.actor = await actorForSessionToken(db, token);
  });
}

/** The signed-in actor, or a 401. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}

export function requestMeta(request: FastifyRequest): RequestMeta {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
}

export function setSessionCookie(
  reply: FastifyReply,
  token: string,
  expiresAt: Date,
  secure: 'auto' | boolean,
): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    expires: expiresAt,
  });
}

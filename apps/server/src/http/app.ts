import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { SECURITY_SCHEMES } from './openapi.ts';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { ErrorResponse } from '@edukarte/shared';
import { authRoutes } from '../auth/routes.ts';
import { classRoutes } from '../modules/classes/routes.ts';
import { studentRoutes } from '../modules/students/routes.ts';
import { xapiRoutes } from '../modules/xapi/routes.ts';
import { clientAdminRoutes } from '../modules/clients/routes.ts';
import { koumuImportRoutes } from '../modules/koumu-import/routes.ts';
import { attendanceFeedRoutes } from '../modules/attendance-feed/routes.ts';
import { identityRoutes } from '../modules/identity/routes.ts';
import { rolloverRoutes } from '../modules/rollover/routes.ts';
import { transferRoutes } from '../modules/rollover/transfer-routes.ts';
import { oneRosterAdminRoutes } from '../modules/oneroster/routes.ts';
import { oneRosterRestRoutes } from '../modules/oneroster/rest/routes.ts';
import type { AppContext } from './context.ts';
import { HttpError } from './errors.ts';
import { registerSession } from './session-plugin.ts';

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

function errorBody(code: string, message: string, issues?: ErrorResponse['error']['issues']): ErrorResponse {
  return { error: { code, message, ...(issues ? { issues } : {}) } };
}

export interface BuildAppOptions {
  /** Serve the built web app (default: when apps/web/dist exists) */
  serveWeb?: boolean;
  logger?: boolean | { level: string };
}

/** The HTTP application: API routes, OpenAPI at /api/docs, and the web app. */
export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 1_048_576,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof HttpError)
      return reply.status(error.status).send(errorBody(error.code, error.message));
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => ({
        path: `${error.validationContext ?? ''}${v.instancePath}`,
        message: v.message ?? 'invalid',
      }));
      return reply.status(400).send(errorBody('invalid_request', '入力内容に誤りがあります', issues));
    }
    const status =
      typeof (error as { statusCode?: unknown }).statusCode === 'number'
        ? (error as { statusCode: number }).statusCode
        : 500;
    if (status === 429)
      return reply
        .status(429)
        .send(errorBody('rate_limited', '試行回数が多すぎます。しばらくしてからもう一度お試しください'));
    if (status >= 400 && status < 500) {
      return reply.status(status).send(errorBody('bad_request', (error as Error).message));
    }
    request.log.error(error);
    return reply.status(500).send(errorBody('internal_error', 'サーバーでエラーが発生しました'));
  });

  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'edukarte API', version: '0.1.0', description: '校務系・学習系データ連携 API' },
      components: { securitySchemes: SECURITY_SCHEMES },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  registerSession(app, ctx.database.db);

  app.get('/api/health', { schema: { hide: true } }, async () => ({
    status: 'ok',
    engine: ctx.database.engine,
  }));
  await app.register(authRoutes(ctx));
  await app.register(classRoutes(ctx));
  await app.register(studentRoutes(ctx));
  await app.register(xapiRoutes(ctx));
  await app.register(clientAdminRoutes(ctx));
  await app.register(koumuImportRoutes(ctx));
  await app.register(attendanceFeedRoutes(ctx));
  await app.register(identityRoutes(ctx));
  await app.register(rolloverRoutes(ctx));
  await app.register(transferRoutes(ctx));
  await app.register(oneRosterAdminRoutes(ctx));
  await app.register(oneRosterRestRoutes(ctx));

  const serveWeb = options.serveWeb ?? existsSync(path.join(WEB_DIST, 'index.html'));
  if (serveWeb) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: true });
  }
  app.setNotFoundHandler((request, reply) => {
    if (serveWeb && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.status(404).send(errorBody('not_found', '見つかりません'));
  });

  return app;
}

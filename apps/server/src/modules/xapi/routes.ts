import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../http/context.ts';
import { HttpError } from '../../http/errors.ts';
import { OPENAPI_TAGS, XAPI_DOCS } from '../../http/openapi.ts';
import { REALM } from './client-auth.ts';
import { handleXapi } from './service.ts';
import {
  XAPI_VERSION,
  XapiError,
  type XapiMethod,
  type XapiRequest,
  type XapiResource,
  type XapiResponse,
} from './xapi-http.ts';

/** Statement batches with attachments can be large; documents are smaller. */
const STATEMENT_BODY_LIMIT = 64 * 1024 * 1024;
const DOCUMENT_BODY_LIMIT = 16 * 1024 * 1024;

const RESOURCES: readonly XapiResource[] = [
  'statements',
  'activities/state',
  'activities/profile',
  'agents/profile',
  'activities',
  'agents',
];

function errorBody(code: string, message: string, issues?: readonly { path: string; message: string }[]) {
  return { error: { code, message, ...(issues && issues.length > 0 ? { issues } : {}) } };
}

function toXapiRequest(resource: XapiResource, request: FastifyRequest): XapiRequest {
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
    if (Array.isArray(value))
      throw new XapiError(400, 'bad_request', `パラメーター ${name} が重複しています`);
    query[name] = String(value);
  }
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(request.headers))
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return {
    method: request.method as XapiMethod,
    resource,
    query,
    headers,
    body: Buffer.isBuffer(request.body) ? request.body : undefined,
    origin: `${request.protocol}://${request.host}`,
  };
}

function send(reply: FastifyReply, request: XapiRequest, response: XapiResponse): FastifyReply {
  reply.status(response.status);
  for (const [name, value] of Object.entries(response.headers ?? {})) reply.header(name, value);
  const body = response.body;
  if (body === undefined) return reply.send();
  const payload =
    Buffer.isBuffer(body) || typeof body === 'string' ? body : Buffer.from(JSON.stringify(body), 'utf8');
  if (!Buffer.isBuffer(body) && typeof body !== 'string' && !response.headers?.['Content-Type'])
    reply.header('Content-Type', 'application/json; charset=utf-8');
  // documents and the Activities/Agents resources carry an ETag on every GET (concurrency, 3.1)
  const isGet = request.method === 'GET' || request.method === 'HEAD';
  if (isGet && request.resource !== 'statements' && !response.headers?.ETag)
    reply.header('ETag', `"${createHash('sha1').update(payload).digest('hex')}"`);
  return reply.send(payload);
}

/**
 * The xAPI 1.0.3 learning record store under /xapi. Its own encapsulated context: every body is
 * read as raw bytes (statements, multipart attachments, documents of any type, forms of the
 * alternate syntax), every response carries X-Experience-API-Version, errors are xAPI-style.
 */
export function xapiRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

    app.addHook('onSend', async (request, reply, payload) => {
      reply.header('X-Experience-API-Version', XAPI_VERSION);
      // every response of the Statement Resource, errors included, says how current reads are
      if (
        request.url.startsWith('/xapi/statements') &&
        !reply.hasHeader('X-Experience-API-Consistent-Through')
      )
        reply.header('X-Experience-API-Consistent-Through', new Date().toISOString());
      return payload;
    });

    app.setErrorHandler((error, request, reply) => {
      if (error instanceof XapiError) {
        if (error.status === 401) reply.header('WWW-Authenticate', `Basic realm="${REALM}"`);
        return reply.status(error.status).send(errorBody(error.code, error.message, error.issues));
      }
      if (error instanceof HttpError)
        return reply.status(error.status).send(errorBody(error.code, error.message));
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 413)
        return reply
          .status(413)
          .send(errorBody('payload_too_large', '要求が大きすぎます（上限を超えています）'));
      if (typeof status === 'number' && status >= 400 && status < 500)
        return reply.status(status).send(errorBody('bad_request', (error as Error).message));
      request.log.error(error);
      return reply.status(500).send(errorBody('internal_error', 'サーバーでエラーが発生しました'));
    });

    app.get(
      '/xapi/about',
      {
        schema: {
          tags: [OPENAPI_TAGS.xapi],
          summary: 'LRS の情報（About Resource）',
          description: '対応する xAPI のバージョン。認証もバージョンヘッダーも不要です。',
        },
      },
      async (_request, reply) => reply.send({ version: [XAPI_VERSION] }),
    );

    for (const resource of RESOURCES) {
      app.route({
        method: ['GET', 'PUT', 'POST', 'DELETE'],
        url: `/xapi/${resource}`,
        bodyLimit: resource === 'statements' ? STATEMENT_BODY_LIMIT : DOCUMENT_BODY_LIMIT,
        schema: { tags: [OPENAPI_TAGS.xapi], ...XAPI_DOCS[resource], security: [{ xapiBasic: [] }] },
        handler: async (request, reply) => {
          const xapiRequest = toXapiRequest(resource, request);
          return send(reply, xapiRequest, await handleXapi(ctx.database.db, xapiRequest));
        },
      });
    }

    app.all('/xapi/*', { schema: { hide: true } }, async () => {
      throw new XapiError(404, 'not_found', 'xAPI にそのリソースはありません');
    });
  };
}

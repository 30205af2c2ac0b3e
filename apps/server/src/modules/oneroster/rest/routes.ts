import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../http/context.ts';
import { ONEROSTER_COLLECTION_DESCRIPTION, OPENAPI_TAGS } from '../../../http/openapi.ts';
import { ONEROSTER_SCOPES } from '../../clients/service.ts';
import { issueToken, verifyBearer } from './oauth.ts';
import { applyQuery, linkHeader, parseCollectionQuery, type Item } from './query.ts';
import { loadCollection, type Collection } from './resources.ts';

const BASE = '/ims/oneroster/rostering/v1p2';
const [CORE, ROSTER, DEMOGRAPHICS]: readonly string[] = ONEROSTER_SCOPES;

/** An error in the OneRoster shape (imsx_StatusInfo), with the HTTP status it goes with. */
function statusInfo(reply: FastifyReply, status: number, codeMinor: string, description: string) {
  return reply.status(status).send({
    imsx_codeMajor: 'failure',
    imsx_severity: 'error',
    imsx_description: description,
    imsx_CodeMinor: {
      imsx_codeMinorField: [
        { imsx_codeMinorFieldName: 'TargetEndSystem', imsx_codeMinorFieldValue: codeMinor },
      ],
    },
  });
}

interface Endpoint {
  path: string;
  /** the JSON envelope key */
  key: string;
  collection: Collection;
  demographics?: boolean;
  /** narrows the collection (students, teachers, schools, nested lists) */
  select?: (
    items: Item[],
    params: Record<string, string>,
    ctx: { enrollments: () => Promise<Item[]> },
  ) => Promise<Item[]> | Item[];
}

const refId = (value: unknown) =>
  value !== null && typeof value === 'object' && 'sourcedId' in value ? String(value.sourcedId) : '';

const ENDPOINTS: Endpoint[] = [
  { path: 'orgs', key: 'orgs', collection: 'orgs' },
  {
    path: 'schools',
    key: 'orgs',
    collection: 'orgs',
    select: (items) => items.filter((o) => o.type === 'school'),
  },
  { path: 'academicSessions', key: 'academicSessions', collection: 'academicSessions' },
  { path: 'courses', key: 'courses', collection: 'courses' },
  { path: 'classes', key: 'classes', collection: 'classes' },
  {
    path: 'schools/:id/classes',
    key: 'classes',
    collection: 'classes',
    select: (items, params) => items.filter((c) => refId(c.school) === params.id),
  },
  { path: 'users', key: 'users', collection: 'users' },
  {
    path: 'students',
    key: 'users',
    collection: 'users',
    select: (items) => items.filter((u) => u.role === 'student'),
  },
  {
    path: 'teachers',
    key: 'users',
    collection: 'users',
    select: (items) => items.filter((u) => u.role === 'teacher'),
  },
  {
    path: 'classes/:id/students',
    key: 'users',
    collection: 'users',
    select: async (items, params, ctx) => {
      const ids = new Set(
        (await ctx.enrollments())
          .filter((e) => e.role === 'student' && refId(e.class) === params.id)
          .map((e) => refId(e.user)),
      );
      return items.filter((u) => ids.has(String(u.sourcedId)));
    },
  },
  { path: 'enrollments', key: 'enrollments', collection: 'enrollments' },
  { path: 'demographics', key: 'demographics', collection: 'demographics', demographics: true },
];

/** Singular envelope keys for GET …/{sourcedId}. */
const SINGLE: Record<string, string> = {
  orgs: 'org',
  schools: 'org',
  academicSessions: 'academicSession',
  courses: 'course',
  classes: 'class',
  users: 'user',
  students: 'user',
  teachers: 'user',
  enrollments: 'enrollment',
  demographics: 'demographics',
};

/**
 * OneRoster 1.2 rostering REST API (read-only) and its OAuth2 token endpoint. Every call needs a
 * bearer token with a rostering scope (demographics need the demographics scope) and sees only the
 * client's municipality.
 */
export function oneRosterRestRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_req, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(String(body))));
      },
    );

    const tokenDocs = {
      tags: [OPENAPI_TAGS.oneRoster],
      summary: 'アクセストークン（OAuth 2.0 client credentials）',
      description:
        'application/x-www-form-urlencoded で grant_type=client_credentials と scope を送ります。クライアントの認証は HTTP Basic（または client_id / client_secret）。',
    };
    app.post('/ims/oneroster/oauth/token', { schema: tokenDocs }, async (request, reply) => {
      const form = (request.body ?? {}) as Record<string, string | undefined>;
      let clientId = form.client_id;
      let clientSecret = form.client_secret;
      const basic = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '');
      if (basic?.[1]) {
        const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon > 0) {
          clientId = decodeURIComponent(decoded.slice(0, colon));
          clientSecret = decodeURIComponent(decoded.slice(colon + 1));
        }
      }
      const result = await issueToken(ctx.database.db, {
        grantType: form.grant_type,
        clientId,
        clientSecret,
        scope: form.scope,
      });
      reply.header('cache-control', 'no-store');
      if (!result.ok)
        return reply
          .status(result.status)
          .send({ error: result.error, error_description: result.description });
      return {
        access_token: result.accessToken,
        token_type: 'bearer',
        expires_in: result.expiresIn,
        scope: result.scopes.join(' '),
      };
    });

    const authorize = async (request: FastifyRequest, reply: FastifyReply, demographics: boolean) => {
      const client = await verifyBearer(ctx.database.db, request.headers.authorization);
      if (!client) {
        reply.header('www-authenticate', 'Bearer');
        await statusInfo(reply, 401, 'unauthorisedrequest', 'アクセストークンがないか、期限切れです');
        return null;
      }
      const allowed = (demographics ? [DEMOGRAPHICS] : [CORE, ROSTER]).filter((s) => s !== undefined);
      if (!client.scopes.some((s) => allowed.includes(s))) {
        await statusInfo(reply, 403, 'forbidden', `このスコープが必要です: ${allowed.join(' または ')}`);
        return null;
      }
      return client;
    };

    for (const endpoint of ENDPOINTS) {
      const handler = (single: boolean) => async (request: FastifyRequest, reply: FastifyReply) => {
        const client = await authorize(request, reply, endpoint.demographics ?? false);
        if (!client) return reply;
        const params = request.params as Record<string, string>;
        const query = request.query as Record<string, string | undefined>;
        const db = ctx.database.db;
        let items = await loadCollection(db, client.municipalityId, endpoint.collection);
        if (endpoint.select)
          items = await endpoint.select(items, params, {
            enrollments: () => loadCollection(db, client.municipalityId, 'enrollments'),
          });
        if (single) {
          const found = items.find((i) => i.sourcedId === params.sourcedId);
          if (!found)
            return statusInfo(reply, 404, 'unknownobject', `${params.sourcedId ?? ''} は見つかりません`);
          return { [SINGLE[endpoint.path] ?? endpoint.key]: found };
        }
        const parsed = parseCollectionQuery(query);
        if (!parsed.ok) return statusInfo(reply, 400, 'invalid_selection_field', parsed.message);
        const { total, page } = applyQuery(items, parsed.query);
        const url = `${BASE}/${endpoint.path.replace(':id', params.id ?? '')}`;
        reply.header('x-total-count', String(total));
        reply.header('link', linkHeader(url, query, total, parsed.query));
        return { [endpoint.key]: page };
      };
      const docs = (single: boolean) => ({
        tags: [OPENAPI_TAGS.oneRoster],
        summary: single ? `${endpoint.path} の 1 件（sourcedId）` : `${endpoint.path} の一覧`,
        description: single
          ? 'OneRoster 1.2 Rostering。fields で項目を絞れます。'
          : ONEROSTER_COLLECTION_DESCRIPTION,
        security: [
          {
            oneRosterOAuth: (endpoint.demographics ? [DEMOGRAPHICS] : [CORE, ROSTER]).filter(
              (s) => s !== undefined,
            ),
          },
        ],
      });
      app.get(`${BASE}/${endpoint.path}`, { schema: docs(false) }, handler(false));
      if (!endpoint.path.includes(':id'))
        app.get(`${BASE}/${endpoint.path}/:sourcedId`, { schema: docs(true) }, handler(true));
    }
  };
}

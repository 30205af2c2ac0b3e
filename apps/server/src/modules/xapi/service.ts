/**
 * The LRS front door: the alternate request syntax (Part Three 1.3), the version header (3.3),
 * client authentication, and routing to the resource handlers.
 */
import type { Db } from '../../db/client.ts';
import { authenticateXapiClient } from './client-auth.ts';
import { getActivity, getPerson, handleDocument } from './documents.service.ts';
import { mediaType } from './multipart.ts';
import { getStatements, postStatements, putStatement } from './statements.service.ts';
import { badRequest, XapiError, type XapiMethod, type XapiRequest, type XapiResponse } from './xapi-http.ts';

/** Form parameters the alternate syntax carries as headers. */
const FORM_HEADERS = [
  'authorization',
  'x-experience-api-version',
  'content-type',
  'content-length',
  'if-match',
  'if-none-match',
];
const METHODS: readonly XapiMethod[] = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'];

/**
 * A POST with `?method=` is the alternate syntax: the form fields named like headers become
 * headers, `content` becomes the body, every other field becomes a query parameter.
 */
export function fromAlternateSyntax(req: XapiRequest): XapiRequest {
  const method = req.query.method;
  if (req.method !== 'POST' || method === undefined) {
    if (mediaType(req.headers['content-type']) === 'application/x-www-form-urlencoded')
      throw badRequest('フォーム形式の要求には method パラメーターが必要です（代替リクエスト構文）');
    return req;
  }
  if (Object.keys(req.query).length !== 1)
    throw badRequest('代替リクエスト構文では method 以外のパラメーターはフォームに入れてください');
  const upper = method.toUpperCase() as XapiMethod;
  if (!METHODS.includes(upper) || upper === 'HEAD') throw badRequest(`method ${method} は使えません`);
  if (mediaType(req.headers['content-type']) !== 'application/x-www-form-urlencoded')
    throw badRequest('代替リクエスト構文の Content-Type は application/x-www-form-urlencoded です');
  const form = new URLSearchParams(req.body?.toString('utf8') ?? '');
  const headers: Record<string, string | undefined> = { ...req.headers, 'content-type': undefined };
  const query: Record<string, string> = {};
  let body: Buffer | undefined;
  for (const [name, value] of form) {
    const lower = name.toLowerCase();
    if (FORM_HEADERS.includes(lower)) headers[lower] = value;
    else if (name === 'content') body = Buffer.from(value, 'utf8');
    else if (query[name] !== undefined) throw badRequest(`パラメーター ${name} が重複しています`);
    else query[name] = value;
  }
  if (body !== undefined && headers['content-type'] === undefined)
    headers['content-type'] = 'application/json';
  return { ...req, method: upper, query, headers, body };
}

export function checkVersion(header: string | undefined): void {
  if (header === undefined)
    throw badRequest('X-Experience-API-Version ヘッダー（例: 1.0.3）が必要です', [
      { path: 'X-Experience-API-Version', message: '必須です' },
    ]);
  if (!/^1\.0(\.\d+)?$/.test(header.trim()))
    throw badRequest(`このLRSが受け付ける xAPI のバージョンは 1.0.x です（受け取った値: ${header}）`, [
      { path: 'X-Experience-API-Version', message: header },
    ]);
}

export async function handleXapi(db: Db, raw: XapiRequest): Promise<XapiResponse> {
  const req = fromAlternateSyntax(raw);
  const client = await authenticateXapiClient(db, req.headers.authorization);
  checkVersion(req.headers['x-experience-api-version']);
  const get = req.method === 'GET' || req.method === 'HEAD';
  switch (req.resource) {
    case 'statements':
      if (get) return getStatements(db, client, req);
      if (req.method === 'POST') return postStatements(db, client, req);
      if (req.method === 'PUT') return putStatement(db, client, req);
      break;
    case 'activities/state':
    case 'activities/profile':
    case 'agents/profile':
      return handleDocument(db, client, req);
    case 'activities':
      if (get) return getActivity(db, client, req);
      break;
    case 'agents':
      if (get) return getPerson(db, client, req);
      break;
  }
  throw new XapiError(405, 'method_not_allowed', `${req.resource} では ${req.method} は使えません`);
}

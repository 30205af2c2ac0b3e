/**
 * The LRS's own request/response shape. Fastify routes and the alternate request syntax
 * (Part Three 1.3) both turn an HTTP request into an XapiRequest, so every resource is written once.
 */
import type { ValidationIssue } from './validate.ts';

export const XAPI_VERSION = '1.0.3';

export type XapiResource =
  'statements' | 'activities/state' | 'activities/profile' | 'agents/profile' | 'activities' | 'agents';

export type XapiMethod = 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';

export interface XapiRequest {
  method: XapiMethod;
  resource: XapiResource;
  /** query parameters (or, with the alternate syntax, form parameters) */
  query: Record<string, string>;
  /** request headers, names lower-cased */
  headers: Record<string, string | undefined>;
  body: Buffer | undefined;
  /** scheme://host of the request, for the authority's homePage */
  origin: string;
}

export interface XapiResponse {
  status: number;
  headers?: Record<string, string>;
  /** Buffer or string as is; anything else is sent as JSON */
  body?: unknown;
}

export class XapiError extends Error {
  override name = 'XapiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: readonly ValidationIssue[],
  ) {
    super(message);
  }
}

export const badRequest = (message: string, issues?: readonly ValidationIssue[]) =>
  new XapiError(400, 'bad_request', message, issues);

/** The request's parameters must be among `allowed` (exact case); `required` must be present. */
export function checkParams(
  query: Record<string, string>,
  allowed: readonly string[],
  required: readonly string[] = [],
): void {
  for (const name of Object.keys(query))
    if (!allowed.includes(name))
      throw badRequest(`このリソースでは使えないパラメーターです: ${name}`, [
        { path: name, message: `使えるパラメーター: ${allowed.join(', ') || 'なし'}` },
      ]);
  for (const name of required)
    if (query[name] === undefined || query[name] === '')
      throw badRequest(`パラメーター ${name} が必要です`, [{ path: name, message: '必須です' }]);
}

/** `true` / `false` as in JSON; absent → the default. */
export function booleanParam(query: Record<string, string>, name: string, fallback: boolean): boolean {
  const v = query[name];
  if (v === undefined) return fallback;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw badRequest(`${name} は true または false です`, [{ path: name, message: 'true / false' }]);
}

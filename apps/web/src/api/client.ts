import { ErrorResponse } from '@edukarte/shared';
import { prettifyError, type z } from 'zod';

/** Codes the client itself produces, beside the server's own `ErrorResponse.error.code` values. */
export type ClientErrorCode = 'network_error' | 'invalid_response';

/**
 * Every failed API call surfaces as an ApiError, so screens can branch on `status`
 * (401 → sign-in, 403 → no permission, 404 → not found) without parsing messages.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: readonly { path: string; message: string }[];

  constructor(status: number, code: string, message: string, issues: ApiError['issues'] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export function isUnauthorized(error: unknown): boolean {
  return isApiError(error) && error.status === 401;
}

type QueryValue = string | number | undefined | null;

export interface ApiRequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
}

/** Builds `/api/...?a=1` leaving out empty parameters. */
export function buildUrl(path: string, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** A fallback code when an error body is not an ErrorResponse (e.g. a proxy's 502 page). */
function codeForStatus(status: number): string {
  switch (status) {
    case 400:
      return 'validation_error';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 429:
      return 'rate_limited';
    default:
      return status >= 500 ? 'server_error' : 'http_error';
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function send(path: string, options: ApiRequestOptions): Promise<Response> {
  const { method = 'GET', query, body, signal } = options;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : JSON.stringify(body),
      signal: signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network_error', cause instanceof Error ? cause.message : String(cause));
  }
  if (!response.ok) {
    const json = await readJson(response);
    const parsed = ErrorResponse.safeParse(json);
    if (parsed.success) {
      const { code, message, issues } = parsed.data.error;
      throw new ApiError(response.status, code, message, issues);
    }
    throw new ApiError(response.status, codeForStatus(response.status), response.statusText);
  }
  return response;
}

/**
 * Calls the API and validates the JSON body with the contract's zod schema. A body that does not
 * match is an `invalid_response` ApiError: a visible failure rather than a silent type lie.
 */
export async function apiRequest<S extends z.ZodType>(
  path: string,
  schema: S,
  options: ApiRequestOptions = {},
): Promise<z.output<S>> {
  const response = await send(path, options);
  const json = await readJson(response);
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError(
      response.status,
      'invalid_response',
      `${options.method ?? 'GET'} ${path}: ${prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}

/** For endpoints that answer 204 No Content. */
export async function apiRequestNoContent(path: string, options: ApiRequestOptions = {}): Promise<void> {
  await send(path, options);
}

import { ClassListResponse } from '@edukarte/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiRequest, apiRequestNoContent, buildUrl } from './client.ts';

function stubFetch(status: number, body: unknown, statusText = ''): ReturnType<typeof vi.fn> {
  const fetchMock = vi.fn(() =>
    Promise.resolve(
      new Response(body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body), {
        status,
        statusText,
        headers: { 'Content-Type': 'application/json' },
      }),
    ),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

const validList = {
  schoolYear: { fiscalYear: 2026, title: '令和8年度' },
  classes: [],
};

async function errorOf(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

describe('buildUrl', () => {
  it.each([
    { query: {}, expected: '/api/classes' },
    { query: { fiscalYear: 2025 }, expected: '/api/classes?fiscalYear=2025' },
    { query: { fiscalYear: undefined, q: null, r: '' }, expected: '/api/classes' },
    { query: { name: '6年1組' }, expected: '/api/classes?name=6%E5%B9%B41%E7%B5%84' },
  ])('$expected', ({ query, expected }) => {
    expect(buildUrl('/api/classes', query)).toBe(expected);
  });
});

describe('apiRequest', () => {
  it('sends same-origin credentials and returns the parsed body', async () => {
    const fetchMock = stubFetch(200, validList);
    await expect(
      apiRequest('/api/classes', ClassListResponse, { query: { fiscalYear: 2026 } }),
    ).resolves.toEqual(validList);
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/classes?fiscalYear=2026',
      expect.objectContaining({ method: 'GET', credentials: 'same-origin', body: null }),
    );
  });

  it('posts JSON bodies', async () => {
    const fetchMock = stubFetch(200, validList);
    await apiRequest('/api/x', ClassListResponse, { method: 'POST', body: { a: 1 } });
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/x',
      expect.objectContaining({
        method: 'POST',
        body: '{"a":1}',
        headers: expect.objectContaining({ 'Content-Type': 'application/json' }) as unknown,
      }),
    );
  });

  it('turns a body that breaks the contract into an invalid_response error', async () => {
    stubFetch(200, { schoolYear: { fiscalYear: '2026' }, classes: [] });
    const error = await errorOf(apiRequest('/api/classes', ClassListResponse));
    expect(error.code).toBe('invalid_response');
    expect(error.status).toBe(200);
    expect(error.message).toContain('fiscalYear');
  });

  it.each([
    { status: 401, code: 'invalid_credentials' },
    { status: 403, code: 'forbidden' },
    { status: 404, code: 'not_found' },
  ])('keeps the server error code for $status', async ({ status, code }) => {
    stubFetch(status, { error: { code, message: 'no' } });
    const error = await errorOf(apiRequest('/api/classes', ClassListResponse));
    expect([error.status, error.code, error.message]).toEqual([status, code, 'no']);
  });

  it('keeps field issues of a 400', async () => {
    stubFetch(400, {
      error: { code: 'validation_error', message: 'bad', issues: [{ path: 'loginId', message: 'required' }] },
    });
    const error = await errorOf(
      apiRequest('/api/auth/sign-in', ClassListResponse, { method: 'POST', body: {} }),
    );
    expect(error.issues).toEqual([{ path: 'loginId', message: 'required' }]);
  });

  it.each([
    { status: 429, body: { statusCode: 429, message: 'Rate limit exceeded' }, code: 'rate_limited' },
    { status: 502, body: '<html>Bad Gateway</html>', code: 'server_error' },
    { status: 418, body: undefined, code: 'http_error' },
  ])(
    'falls back to a status code when the body is not an ErrorResponse ($status)',
    async ({ status, body, code }) => {
      stubFetch(status, body);
      const error = await errorOf(apiRequest('/api/classes', ClassListResponse));
      expect([error.status, error.code]).toEqual([status, code]);
    },
  );

  it('reports a network failure as status 0', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const error = await errorOf(apiRequest('/api/classes', ClassListResponse));
    expect([error.status, error.code]).toEqual([0, 'network_error']);
  });
});

describe('apiRequestNoContent', () => {
  it('accepts 204 without a body', async () => {
    stubFetch(204, undefined);
    await expect(apiRequestNoContent('/api/auth/sign-out', { method: 'POST' })).resolves.toBeUndefined();
  });
});

import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/config.ts';
import type { Engine } from '../../src/db/client.ts';
import { seedDemo } from '../../src/db/seed/index.ts';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.ts';
import { buildApp } from '../../src/http/app.ts';
import { createContext } from '../../src/http/context.ts';
import { openTestDatabase, type TestDatabase } from './test-db.ts';

/** The demo's "today" in tests, so figures do not move with the calendar. */
export const TEST_TODAY = '2026-11-20';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  baseUrl: string;
  /** Signs in with a demo account over HTTP and returns the session cookie. */
  signIn(loginId: string, password?: string): Promise<string>;
  get(path: string, cookie?: string): Promise<Response>;
  /** POSTs `body` as JSON, with the session cookie when given. */
  post(path: string, cookie: string | undefined, body: unknown): Promise<Response>;
  dispose(): Promise<void>;
}

/**
 * A real server on an ephemeral port over a fresh database holding the small 'test' municipality.
 * `env`: configuration variables to read as the server would (e.g. EDUKARTE_IMPORT_MAX_BYTES).
 */
export async function startTestApp(engine: Engine, env: Record<string, string> = {}): Promise<TestApp> {
  const database = await openTestDatabase(engine);
  await seedDemo(database, { size: 'test', asOf: TEST_TODAY, seed: 7 });
  const config: Config = { ...loadConfig(env), today: TEST_TODAY, cookieSecure: false as const };
  const app = await buildApp(createContext(database, config), { serveWeb: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const baseUrl = `http://127.0.0.1:${address.port}`;

  const get = (path: string, cookie?: string) =>
    fetch(`${baseUrl}${path}`, { headers: cookie ? { cookie } : {} });
  const post = (path: string, cookie: string | undefined, body: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { ...(cookie ? { cookie } : {}), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  return {
    app,
    database,
    baseUrl,
    get,
    post,
    async signIn(loginId, password = DEMO_PASSWORD) {
      const response = await fetch(`${baseUrl}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ loginId, password }),
      });
      if (response.status !== 200) throw new Error(`sign-in as ${loginId} failed: ${response.status}`);
      const setCookie = response.headers.get('set-cookie') ?? '';
      const cookie = setCookie.split(';')[0];
      if (!cookie?.startsWith('ek_session=')) throw new Error('no session cookie');
      return cookie;
    },
    async dispose() {
      await app.close();
      await database.dispose();
    },
  };
}

import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

export interface Journey {
  server: RunningServer;
  browser: Browser;
}

/**
 * Starts edukarte (as `npm start` does, on a fresh demo database) and Chromium before the file's
 * tests and stops both after them. Read the fields inside tests, once beforeAll has run. `env` adds to the
 * server's environment (e.g. a shorter WEBHOOK_INTERVAL_MS).
 */
export function useJourney(env: Record<string, string> = {}): Journey {
  const journey = {} as Journey;
  beforeAll(async () => {
    journey.server = await startServer(env);
    journey.browser = await launchBrowser();
  });
  afterAll(async () => {
    await journey.browser?.close();
    await journey.server?.stop();
  });
  return journey;
}

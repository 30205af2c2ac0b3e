import path from 'node:path';
import { z } from 'zod';
import { IsoDateString } from '@edukarte/shared';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** A PostgreSQL server (production). Unset: embedded PGlite under DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  /** 'auto' loads the demo municipality into an empty database; 'off' never does. */
  EDUKARTE_DEMO: z.enum(['auto', 'off']).default('auto'),
  /** Pins "today" (YYYY-MM-DD, Japan) for demos and tests; unset means the real date in Asia/Tokyo. */
  EDUKARTE_TODAY: IsoDateString.optional(),
  /** Send cookies with the Secure flag (set to false only for plain-HTTP local use). */
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  SESSION_HOURS: z.coerce.number().positive().default(12),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
  /** Trust X-Forwarded-For from a reverse proxy (only behind one: otherwise clients could forge their IP). */
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  /** How often the 出欠 webhook worker looks for due deliveries. */
  WEBHOOK_INTERVAL_MS: z.coerce.number().int().min(100).default(15_000),
  /** Largest 校務 import file accepted, in bytes (default 30 MB). */
  EDUKARTE_IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(30 * 1024 * 1024),
  /** Hours after which a 校務 import preview that was never committed is cleaned up. */
  EDUKARTE_IMPORT_PREVIEW_HOURS: z.coerce.number().positive().default(24),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** Where PGlite keeps its files */
  pgliteDir: string;
  demo: 'auto' | 'off';
  today: string | undefined;
  cookieSecure: 'auto' | boolean;
  sessionHours: number;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  trustProxy: boolean;
  webhookIntervalMs: number;
  /** EDUKARTE_IMPORT_MAX_BYTES: the 校務 upload limit */
  importMaxBytes: number;
  /** EDUKARTE_IMPORT_PREVIEW_HOURS: how long an uncommitted 校務 preview is kept */
  importPreviewHours: number;
}

/** Reads configuration from the environment; a bad value stops start-up with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    pgliteDir: path.join(dataDir, 'pglite'),
    demo: e.EDUKARTE_DEMO,
    today: e.EDUKARTE_TODAY,
    cookieSecure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true',
    sessionHours: e.SESSION_HOURS,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY === 'true',
    webhookIntervalMs: e.WEBHOOK_INTERVAL_MS,
    importMaxBytes: e.EDUKARTE_IMPORT_MAX_BYTES,
    importPreviewHours: e.EDUKARTE_IMPORT_PREVIEW_HOURS,
  };
}

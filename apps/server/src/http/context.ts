import { todayInJapan } from '@edukarte/shared';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';

/** What route handlers receive: the database, configuration and the clock. */
export interface AppContext {
  database: Database;
  config: Config;
  /** Today in Japan (YYYY-MM-DD), or the pinned EDUKARTE_TODAY. */
  today(): string;
}

export function createContext(database: Database, config: Config): AppContext {
  return { database, config, today: () => config.today ?? todayInJapan() };
}

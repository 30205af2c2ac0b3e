import { loadConfig } from '../config.ts';
import { openDatabase, type Database } from '../db/client.ts';

/** Opens the same database the server uses (DATABASE_URL, else PGlite under DATA_DIR), migrated. */
export async function openConfiguredDatabase(): Promise<Database> {
  const config = loadConfig();
  return openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.pgliteDir });
}

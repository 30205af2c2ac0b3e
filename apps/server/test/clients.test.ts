import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClients } from '../src/db/schema/index.ts';
import { authenticateClient, disableClient, registerClient } from '../src/modules/clients/service.ts';
import { buildMunicipality } from './support/factories.ts';
import { openTestDatabase, type TestDatabase } from './support/test-db.ts';

describe('registered API clients', () => {
  let database: TestDatabase;
  let municipalityId: number;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    municipalityId = (await buildMunicipality(database.db)).id;
  });
  afterAll(async () => database?.dispose());

  it('authenticates with the secret shown once, and stores only its hash', async () => {
    const { client, secret } = await registerClient(database.db, {
      municipalityId,
      name: 'ドリルアプリ',
      kind: 'xapi',
    });
    expect(await authenticateClient(database.db, client.clientKey, secret, 'xapi')).toMatchObject({
      id: client.id,
    });
    const stored = await database.db.select({ hash: apiClients.secretHash }).from(apiClients);
    expect(stored.some((r) => r.hash.includes(secret))).toBe(false);
    expect(stored.every((r) => r.hash.startsWith('$argon2id$'))).toBe(true);
  });

  it('refuses a wrong secret, the wrong kind and a disabled client', async () => {
    const { client, secret } = await registerClient(database.db, {
      municipalityId,
      name: '名簿連携',
      kind: 'oneroster',
    });
    expect(await authenticateClient(database.db, client.clientKey, `${secret}x`, 'oneroster')).toBeNull();
    expect(await authenticateClient(database.db, client.clientKey, secret, 'xapi')).toBeNull();
    expect(client.scopes.some((s) => s.endsWith('roster-core.readonly'))).toBe(true);
    expect(await disableClient(database.db, municipalityId, client.id)).toBe(true);
    expect(await authenticateClient(database.db, client.clientKey, secret, 'oneroster')).toBeNull();
  });

  it('rejects an empty name', async () => {
    await expect(registerClient(database.db, { municipalityId, name: '  ', kind: 'xapi' })).rejects.toThrow(
      RangeError,
    );
  });
});

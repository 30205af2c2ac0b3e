/**
 * npm run clients -- add <name> [--kind xapi|oneroster]   register an application; prints key and secret once
 * npm run clients -- list                                  list registered applications
 * npm run clients -- disable <id>
 * Uses the same DATABASE_URL / DATA_DIR as the server (stop a PGlite server first: PGlite is single-process).
 */
import { parseArgs } from 'node:util';
import {
  CLIENT_KINDS,
  disableClient,
  findFirstMunicipality,
  listClients,
  registerClient,
  type ClientKind,
} from '../modules/clients/service.ts';
import { openConfiguredDatabase } from './open-configured-database.ts';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { kind: { type: 'string', default: 'xapi' } },
});
const [command, ...rest] = positionals;

function fail(message: string): never {
  console.error(`clients: ${message}`);
  process.exit(2);
}

const kind = values.kind as ClientKind;
if (!CLIENT_KINDS.includes(kind)) fail(`--kind must be one of ${CLIENT_KINDS.join(', ')}`);
if (!command || !['add', 'list', 'disable'].includes(command))
  fail('usage: clients add <name> [--kind xapi|oneroster] | list | disable <id>');

const database = await openConfiguredDatabase();
try {
  const municipality = await findFirstMunicipality(database.db);
  if (!municipality) fail('no municipality in this database yet (start edukarte once, or import a roster)');
  if (command === 'add') {
    const name = rest.join(' ');
    if (!name) fail('add needs a name');
    const { client, secret } = await registerClient(database.db, {
      municipalityId: municipality.id,
      name,
      kind,
    });
    console.log(`registered "${client.name}" (${client.kind}) for ${municipality.name}`);
    console.log(`key:    ${client.clientKey}`);
    console.log(`secret: ${secret}`);
    console.log('The secret is shown only now; store it in the tool.');
  } else if (command === 'list') {
    for (const c of await listClients(database.db, municipality.id)) {
      console.log(`${c.id}\t${c.kind}\t${c.clientKey}\t${c.disabledAt ? 'disabled' : 'active'}\t${c.name}`);
    }
  } else {
    const id = Number(rest[0]);
    if (!Number.isInteger(id)) fail('disable needs a numeric id');
    console.log(
      (await disableClient(database.db, municipality.id, id)) ? `disabled ${id}` : `no active client ${id}`,
    );
  }
} finally {
  await database.close();
}

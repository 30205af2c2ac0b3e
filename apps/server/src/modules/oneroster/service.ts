import type { OneRosterImportReport } from '@edukarte/shared';
import type { Actor } from '../../auth/actor.ts';
import { can } from '../../auth/policy.ts';
import type { AppContext } from '../../http/context.ts';
import { forbidden, HttpError } from '../../http/errors.ts';
import { readZip } from './csv/read-package.ts';
import { exportOneRosterPackage } from './export-package.ts';
import { importOneRosterPackage } from './import-package.ts';

/** An admin uploads a OneRoster zip: validated in full, then imported into their municipality (or only checked). */
export async function importUploadedPackage(
  ctx: AppContext,
  actor: Actor,
  zip: Uint8Array,
  dryRun: boolean,
): Promise<OneRosterImportReport> {
  const decision = can(actor, { action: 'oneroster:import' });
  if (!decision.allowed) throw forbidden(decision.reason);
  let files: Map<string, string>;
  try {
    files = readZip(zip);
  } catch {
    throw new HttpError(
      400,
      'invalid_package',
      'ZIP ファイルとして読めません。OneRoster の CSV を ZIP にまとめてください',
    );
  }
  return importOneRosterPackage(ctx.database.db, files, {
    municipalityId: actor.municipalityId,
    dryRun,
    today: ctx.today(),
  });
}

/** The municipality's roster as a OneRoster 1.2 Japan Profile zip (admins only: it names every child). */
export async function exportRoster(ctx: AppContext, actor: Actor): Promise<Uint8Array> {
  const decision = can(actor, { action: 'oneroster:export' });
  if (!decision.allowed) throw forbidden(decision.reason);
  return exportOneRosterPackage(ctx.database.db, actor.municipalityId);
}

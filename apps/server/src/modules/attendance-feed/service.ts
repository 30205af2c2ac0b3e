import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import type { Actor } from '../../auth/actor.ts';
import { can, schoolScopeOf } from '../../auth/policy.ts';
import { withScope } from '../../db/scope.ts';
import type { AppContext } from '../../http/context.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { listSchoolIds } from '../classes/repo.ts';
import { findSchool } from '../koumu-import/repo.ts';
import { EXPORT_HEADER, toExportRows } from './export-rows.ts';
import * as repo from './repo.ts';

/** The schools whose 出欠 the caller may export: every school for the admin, their own for principal and nurse. */
export async function listExportSchools(ctx: AppContext, actor: Actor) {
  const decision = can(actor, { action: 'koumu:attendance-export', schoolId: actor.schoolId ?? 0 });
  if (!decision.allowed) throw forbidden(decision.reason);
  const only = actor.role === 'admin' ? null : actor.schoolId;
  return { schools: await repo.listSchools(ctx.database.db, actor.municipalityId, only) };
}

export interface AttendanceExport {
  fileName: string;
  body: Buffer;
  contentType: string;
}

/**
 * 出欠 of one school and day as the 校務 system reads it (A7): UTF-8 with BOM, or Shift_JIS.
 * Read inside the caller's database scope.
 */
export async function exportAttendance(
  ctx: AppContext,
  actor: Actor,
  query: { schoolId: number; date: string; encoding: 'utf-8' | 'shift_jis'; sourceSystem?: string },
): Promise<AttendanceExport> {
  const decision = can(actor, { action: 'koumu:attendance-export', schoolId: query.schoolId });
  if (!decision.allowed) throw forbidden(decision.reason);
  const { db } = ctx.database;
  const school = await findSchool(db, query.schoolId);
  if (!school || school.municipalityId !== actor.municipalityId) throw notFound('学校が見つかりません');
  const schoolIds = await listSchoolIds(db, actor.municipalityId);
  const records = await withScope(db, schoolScopeOf(actor, schoolIds), (tx) =>
    repo.listDayRecords(tx, {
      schoolId: school.id,
      date: query.date,
      sourceSystem: query.sourceSystem ?? 'koumu',
    }),
  );
  const csv = stringify([[...EXPORT_HEADER], ...toExportRows(school.code, query.date, records)], {
    record_delimiter: '\r\n',
  });
  const fileName = `attendance-${school.code}-${query.date}.csv`;
  return query.encoding === 'shift_jis'
    ? { fileName, body: iconv.encode(csv, 'cp932'), contentType: 'text/csv; charset=shift_jis' }
    : { fileName, body: Buffer.from(`\uFEFF${csv}`, 'utf8'), contentType: 'text/csv; charset=utf-8' };
}

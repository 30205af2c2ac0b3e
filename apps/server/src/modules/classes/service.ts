import {
  formatSchoolYear,
  gradeLabelJa,
  schoolYearOf,
  type ClassListResponse,
  type ClassRosterResponse,
  type ClassSummary,
  type RosterEntry,
} from '@edukarte/shared';
import type { Db } from '../../db/client.ts';
import { withScope } from '../../db/scope.ts';
import type { Actor } from '../../auth/actor.ts';
import { can, schoolScopeOf } from '../../auth/policy.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import type { AppContext } from '../../http/context.ts';
import * as repo from './repo.ts';

/**
 * The school year a screen shows: the one asked for, or the one today falls in (or the latest
 * that has started, when the data ends earlier).
 */
export async function resolveSchoolYear(db: Db, municipalityId: number, today: string, fiscalYear?: number) {
  const year =
    fiscalYear === undefined
      ? await repo.findLatestSchoolYear(db, municipalityId, schoolYearOf(today))
      : await repo.findSchoolYear(db, municipalityId, fiscalYear);
  if (!year)
    throw notFound(
      fiscalYear === undefined
        ? '年度が登録されていません'
        : `${formatSchoolYear(fiscalYear)}は登録されていません`,
    );
  return year;
}

/** The last day of `year` that has happened: today, or the year's end for a past year. */
export function asOfDate(year: { startDate: string; endDate: string }, today: string): string {
  if (today > year.endDate) return year.endDate;
  return today < year.startDate ? year.startDate : today;
}

export function classLabel(row: {
  gradeCode: ClassSummary['gradeCode'];
  name: string;
  isSpecialNeeds: boolean;
}): string {
  return row.isSpecialNeeds ? row.name : `${gradeLabelJa(row.gradeCode)}${row.name}`;
}

export async function findHomeClassId(db: Db, actor: Actor, today: string): Promise<number | null> {
  if (actor.personId === null) return null;
  if (actor.role === 'student') return repo.findEnrolledClassId(db, actor.personId, today);
  if (actor.role !== 'teacher') return null;
  const year = await repo.findLatestSchoolYear(db, actor.municipalityId, schoolYearOf(today));
  if (!year) return null;
  const taught = await repo.listTaughtClasses(db, actor.personId, year.id);
  return taught.find((t) => t.role === 'homeroom')?.classId ?? null;
}

export async function listClasses(
  ctx: AppContext,
  actor: Actor,
  fiscalYear?: number,
): Promise<ClassListResponse> {
  const decision = can(actor, { action: 'class:list' });
  if (!decision.allowed) throw forbidden(decision.reason);
  const { db } = ctx.database;
  const year = await resolveSchoolYear(db, actor.municipalityId, ctx.today(), fiscalYear);
  const schoolIds = await repo.listSchoolIds(db, actor.municipalityId);
  const taught = actor.personId === null ? [] : await repo.listTaughtClasses(db, actor.personId, year.id);
  const homeroomIds = new Set(taught.filter((t) => t.role === 'homeroom').map((t) => t.classId));
  const rows = await withScope(db, schoolScopeOf(actor, schoolIds), (tx) =>
    repo.listClasses(tx, year.id, schoolIds, asOfDate(year, ctx.today())),
  );
  const classes = rows
    .map((row) => ({ ...row, label: classLabel(row), isMyHomeroom: homeroomIds.has(row.id) }))
    .sort((a, b) => Number(b.isMyHomeroom) - Number(a.isMyHomeroom));
  return { schoolYear: { fiscalYear: year.fiscalYear, title: year.title }, classes };
}

function rosterStatus(row: { entry: string; exit: string | null }): RosterEntry['status'] {
  if (row.exit === 'transfer_out') return 'transferred_out';
  return row.entry === 'transfer_in' ? 'transferred_in' : 'enrolled';
}

export async function getClassRoster(
  ctx: AppContext,
  actor: Actor,
  classId: number,
): Promise<ClassRosterResponse> {
  const { db } = ctx.database;
  const found = await repo.findClass(db, classId);
  if (!found || found.municipalityId !== actor.municipalityId) throw notFound('学級が見つかりません');
  const taught =
    actor.personId === null ? [] : await repo.listTaughtClasses(db, actor.personId, found.schoolYear.id);
  const decision = can(actor, {
    action: 'class:roster',
    schoolId: found.schoolId,
    taughtByActor: taught.some((t) => t.classId === classId),
  });
  if (!decision.allowed) throw forbidden(decision.reason);
  const schoolIds = await repo.listSchoolIds(db, actor.municipalityId);
  const roster = await withScope(db, schoolScopeOf(actor, schoolIds), (tx) => repo.listRoster(tx, classId));
  const asOf = asOfDate(found.schoolYear, ctx.today());
  return {
    schoolYear: { fiscalYear: found.schoolYear.fiscalYear, title: found.schoolYear.title },
    class: {
      id: found.id,
      schoolId: found.schoolId,
      schoolName: found.schoolName,
      gradeCode: found.gradeCode,
      name: found.name,
      label: classLabel(found),
      isSpecialNeeds: found.isSpecialNeeds,
      studentCount: roster.filter((r) => r.startDate <= asOf && r.endDate >= asOf).length,
      isMyHomeroom: taught.some((t) => t.classId === classId && t.role === 'homeroom'),
    },
    students: roster.map((row) => ({
      studentId: row.studentId,
      attendanceNo: row.attendanceNo,
      familyName: row.familyName,
      givenName: row.givenName,
      familyNameKana: row.familyNameKana,
      givenNameKana: row.givenNameKana,
      sex: row.sex,
      status: rosterStatus(row),
      startDate: row.startDate,
      endDate: row.endDate,
    })),
  };
}

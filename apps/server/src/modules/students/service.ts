import type { StudentKarteResponse } from '@edukarte/shared';
import { withScope } from '../../db/scope.ts';
import type { Actor, RequestMeta } from '../../auth/actor.ts';
import { can, karteScopeOf } from '../../auth/policy.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import type { AppContext } from '../../http/context.ts';
import { recordAccess } from '../audit/repo.ts';
import { asOfDate, resolveSchoolYear } from '../classes/service.ts';
import { listTaughtClasses } from '../classes/repo.ts';
import { getStudentProfile } from '../../analytics/student-karte/get-student-profile.ts';
import { getAttendanceDays } from '../../analytics/student-karte/get-attendance-days.ts';
import { getTestResults } from '../../analytics/student-karte/get-test-results.ts';
import {
  currentStay,
  groupTestsBySubject,
  periodsInYear,
  tallyPeriods,
  toHistoryEntry,
} from './karte-shaping.ts';
import * as repo from './repo.ts';

export const KARTE_VIEW_ACTION = 'student_karte.view';
export const KARTE_DENIED_ACTION = 'student_karte.denied';

/**
 * 児童生徒カルテ: decides with the policy, then reads only this child's rows (in every school
 * they attended) inside a scoped transaction that also writes the audit row.
 */
export async function getStudentKarte(
  ctx: AppContext,
  actor: Actor,
  studentId: number,
  meta: RequestMeta,
  fiscalYear?: number,
): Promise<StudentKarteResponse> {
  const { db } = ctx.database;
  const facts = await repo.findStudentFacts(db, studentId);
  if (!facts || facts.municipalityId !== actor.municipalityId) throw notFound('児童生徒が見つかりません');
  const today = ctx.today();
  const year = await resolveSchoolYear(db, actor.municipalityId, today, fiscalYear);
  const current = await resolveSchoolYear(db, actor.municipalityId, today);
  const taughtThisYear =
    actor.role === 'teacher' && actor.personId !== null
      ? await listTaughtClasses(db, actor.personId, current.id)
      : [];
  const taughtIds = new Set(taughtThisYear.map((t) => t.classId));
  const schoolIds = [...new Set(facts.stays.map((s) => s.schoolId))];
  const thisYear = facts.stays.filter((s) => s.fiscalYear === current.fiscalYear);
  const decision = can(actor, {
    action: 'student:karte',
    studentId,
    currentSchoolIds: [...new Set(thisYear.map((s) => s.schoolId))],
    inActorsClass: thisYear.some((s) => taughtIds.has(s.classId)),
  });
  if (!decision.allowed) {
    // Recorded under the child's latest school so that school's 管理職 sees the attempt.
    await recordAccess(db, {
      userId: actor.userId,
      role: actor.role,
      action: KARTE_DENIED_ACTION,
      schoolId: facts.stays.at(-1)?.schoolId ?? null,
      studentId,
      ip: meta.ip,
      detail: { reason: decision.reason },
    });
    throw forbidden(decision.reason);
  }

  const asOf = asOfDate(year, today);
  return withScope(db, karteScopeOf(actor, studentId, schoolIds), async (tx) => {
    const profile = await getStudentProfile(tx, studentId);
    if (!profile) throw notFound('児童生徒が見つかりません');
    const periods = periodsInYear(profile.stays, year.fiscalYear, asOf);
    const days = [];
    for (const period of periods) days.push(await getAttendanceDays(tx, studentId, period));
    const tests = await getTestResults(tx, studentId);
    const stay = currentStay(profile.stays, year.fiscalYear, asOf);
    await recordAccess(tx, {
      userId: actor.userId,
      role: actor.role,
      action: KARTE_VIEW_ACTION,
      schoolId: stay?.schoolId ?? profile.stays.at(-1)?.schoolId ?? null,
      studentId,
      ip: meta.ip,
      detail: { fiscalYear: year.fiscalYear },
    });
    return {
      schoolYear: { fiscalYear: year.fiscalYear, title: year.title },
      profile: {
        ...profile.person,
        current: stay ? toHistoryEntry(stay) : null,
        history: profile.stays.map(toHistoryEntry),
      },
      attendance: {
        schoolYear: { fiscalYear: year.fiscalYear, title: year.title },
        asOf,
        ...tallyPeriods(days),
      },
      tests: groupTestsBySubject(tests),
    };
  });
}

import {
  formatSchoolYear,
  gradeShortLabelJa,
  type RolloverCommitResponse,
  type RolloverPlanResponse,
} from '@edukarte/shared';
import type { Actor, RequestMeta } from '../../auth/actor.ts';
import type { Queryable } from '../../db/client.ts';
import { HttpError } from '../../http/errors.ts';
import type { AppContext } from '../../http/context.ts';
import { recordAccess } from '../audit/repo.ts';
import { classLabel } from '../classes/service.ts';
import { authorize } from '../identity/service.ts';
import { majorityDestinations, planRollover, shiftTerms, type PlannedMove } from './plan.ts';
import * as repo from './repo.ts';

type Options = {
  fiscalYear: number;
  classAssignment: 'keep' | 'gojuon';
  juniorHighMapping: { elementarySchoolId: number; juniorHighSchoolId: number }[];
};

interface Computed {
  plan: RolloverPlanResponse;
  moves: PlannedMove[];
  previousYearId: number;
}

/** Reads the facts and builds the plan; writes nothing. */
async function computePlan(q: Queryable, municipalityId: number, options: Options): Promise<Computed> {
  const { fiscalYear } = options;
  const previous = await repo.findSchoolYear(q, municipalityId, fiscalYear - 1);
  if (!previous)
    throw new HttpError(
      400,
      'no_previous_year',
      `${formatSchoolYear(fiscalYear - 1)}の学年データがないため年度更新できません`,
    );
  const existing = await repo.findSchoolYear(q, municipalityId, fiscalYear);
  const schools = await repo.listSchools(q, municipalityId);
  const schoolById = new Map(schools.map((s) => [s.id, s]));
  for (const m of options.juniorHighMapping) {
    if (
      schoolById.get(m.elementarySchoolId)?.kind !== 'elementary' ||
      schoolById.get(m.juniorHighSchoolId)?.kind !== 'junior_high'
    )
      throw new HttpError(
        400,
        'invalid_mapping',
        '進学先の指定は「小学校 → 中学校」の組み合わせにしてください',
      );
  }
  const pupils = await repo.listEnrolledOn(
    q,
    previous.id,
    schools.map((s) => s.id),
    previous.endDate,
  );
  const already = existing
    ? new Set(
        await repo.listStudentsEnrolledInYear(
          q,
          existing.id,
          pupils.map((p) => p.studentId),
        ),
      )
    : new Set<number>();
  const classCounts = new Map(
    (await repo.countClasses(q, previous.id)).map((c) => [`${c.schoolId}|${c.gradeCode}`, c.classes]),
  );
  const history = majorityDestinations(await repo.listGraduateDestinations(q, municipalityId, fiscalYear));
  const explicit = new Map(
    options.juniorHighMapping.map((m) => [m.elementarySchoolId, m.juniorHighSchoolId]),
  );
  const juniorHighFor = new Map<number, number | null>();
  const mapping: RolloverPlanResponse['juniorHighMapping'] = [];
  for (const s of schools.filter((x) => x.kind === 'elementary')) {
    const id = explicit.get(s.id) ?? history.get(s.id) ?? null;
    juniorHighFor.set(s.id, id);
    mapping.push({
      elementarySchoolId: s.id,
      elementarySchoolName: s.name,
      juniorHighSchoolId: id,
      juniorHighSchoolName: id === null ? null : (schoolById.get(id)?.name ?? null),
      basis: explicit.has(s.id) ? 'explicit' : history.has(s.id) ? 'history' : 'none',
    });
  }
  const moves = planRollover({
    pupils,
    alreadyEnrolled: already,
    classCounts,
    juniorHighFor,
    assignment: options.classAssignment,
  });

  const name = (id: number) => schoolById.get(id)?.name ?? '';
  const classes = new Map<string, RolloverPlanResponse['classes'][number]>();
  const graduating = new Map<number, number>();
  for (const m of moves) {
    if (m.kind === 'graduate' || m.kind === 'advance')
      graduating.set(m.fromSchoolId, (graduating.get(m.fromSchoolId) ?? 0) + 1);
    if (!m.to) continue;
    const key = `${m.to.schoolId}|${m.to.gradeCode}|${m.to.className}|${m.to.isSpecialNeeds}`;
    const row = classes.get(key) ?? {
      schoolId: m.to.schoolId,
      schoolName: name(m.to.schoolId),
      gradeCode: m.to.gradeCode,
      className: m.to.className,
      isSpecialNeeds: m.to.isSpecialNeeds,
      pupils: 0,
      advancing: 0,
    };
    row.pupils += 1;
    if (m.kind === 'advance') row.advancing += 1;
    classes.set(key, row);
  }
  const pupilOf = new Map(pupils.map((p) => [p.studentId, p]));
  const order = new Map(schools.map((s, i) => [s.id, i]));
  const plan: RolloverPlanResponse = {
    fiscalYear,
    title: formatSchoolYear(fiscalYear),
    schoolYearExists: existing !== null,
    classes: [...classes.values()].sort(
      (a, b) =>
        (order.get(a.schoolId) ?? 0) - (order.get(b.schoolId) ?? 0) ||
        a.gradeCode.localeCompare(b.gradeCode) ||
        Number(a.isSpecialNeeds) - Number(b.isSpecialNeeds) ||
        a.className.localeCompare(b.className, 'ja'),
    ),
    graduating: [...graduating].map(([schoolId, n]) => ({ schoolId, schoolName: name(schoolId), pupils: n })),
    withoutDestination: moves
      .filter((m) => m.kind === 'no_destination')
      .map((m) => {
        const p = pupilOf.get(m.studentId)!;
        return {
          studentId: m.studentId,
          name: `${p.familyName} ${p.givenName}`,
          schoolName: name(p.schoolId),
          classLabel: `${gradeShortLabelJa(p.gradeCode)} ${classLabel({ ...p, name: p.className })}`,
        };
      }),
    juniorHighMapping: mapping,
    alreadyRolledOver: moves.filter((m) => m.kind === 'already').length,
    toApply: moves.filter((m) => m.kind === 'promote' || m.kind === 'advance' || m.kind === 'graduate')
      .length,
  };
  return { plan, moves, previousYearId: previous.id };
}

/** 年度更新のプレビュー: what a commit would do, without writing. */
export async function previewRollover(
  ctx: AppContext,
  actor: Actor,
  request: Options,
): Promise<RolloverPlanResponse> {
  authorize(actor, { action: 'identity:manage' });
  return (await computePlan(ctx.database.db, actor.municipalityId, request)).plan;
}

/**
 * 年度更新: creates the new school year (title, terms), its classes and every pupil's new stay,
 * and closes last year's stays (promoted / graduated), in one transaction. A pupil who already has
 * a stay in the new year is left alone, so running it again changes nothing.
 */
export async function commitRollover(
  ctx: AppContext,
  actor: Actor,
  request: Options,
  meta: RequestMeta,
): Promise<RolloverCommitResponse> {
  authorize(actor, { action: 'identity:manage' });
  return ctx.database.db.transaction(async (tx) => {
    const { plan, moves, previousYearId } = await computePlan(tx, actor.municipalityId, request);
    const { fiscalYear } = request;
    const year = await repo.ensureSchoolYear(tx, {
      municipalityId: actor.municipalityId,
      fiscalYear,
      title: formatSchoolYear(fiscalYear),
      startDate: `${fiscalYear}-04-01`,
      endDate: `${fiscalYear + 1}-03-31`,
    });
    await repo.ensureTerms(
      tx,
      shiftTerms(await repo.listTerms(tx, previousYearId), fiscalYear).map((t) => ({
        ...t,
        schoolYearId: year.id,
      })),
    );
    const moving = moves.filter((m) => m.to !== null);
    const wanted = new Map<string, repo.NewClass>();
    for (const m of moving) {
      const to = m.to!;
      wanted.set(`${to.schoolId}|${to.gradeCode}|${to.className}`, {
        schoolId: to.schoolId,
        schoolYearId: year.id,
        gradeCode: to.gradeCode,
        name: to.className,
        isSpecialNeeds: to.isSpecialNeeds,
      });
    }
    const { classes, created } = await repo.ensureClasses(tx, year.id, [...wanted.values()]);
    const classId = new Map(classes.map((c) => [`${c.schoolId}|${c.gradeCode}|${c.name}`, c.id]));
    await repo.insertEnrollments(
      tx,
      moving.map((m) => {
        const to = m.to!;
        return {
          schoolId: to.schoolId,
          schoolYearId: year.id,
          classId: classId.get(`${to.schoolId}|${to.gradeCode}|${to.className}`)!,
          studentId: m.studentId,
          attendanceNo: to.attendanceNo,
          startDate: year.startDate,
          endDate: year.endDate,
          entry: m.kind === 'advance' ? ('advanced' as const) : ('promoted' as const),
        };
      }),
    );
    await repo.setExit(
      tx,
      moves.filter((m) => m.kind === 'promote').map((m) => m.enrollmentId),
      'promoted',
    );
    const leaving = moves.filter((m) => m.kind === 'advance' || m.kind === 'graduate');
    await repo.setExit(
      tx,
      leaving.map((m) => m.enrollmentId),
      'graduated',
    );
    await recordAccess(tx, {
      userId: actor.userId,
      role: actor.role,
      action: 'rollover.commit',
      schoolId: null,
      studentId: null,
      ip: meta.ip,
      detail: {
        fiscalYear,
        moved: moving.length,
        graduated: moves.filter((m) => m.kind === 'graduate').length,
      },
    });
    return {
      plan,
      created: {
        schoolYear: !plan.schoolYearExists,
        classes: created,
        enrollments: moving.length,
        graduated: moves.filter((m) => m.kind === 'graduate').length,
      },
    };
  });
}

import {
  formatSchoolYear,
  gradeShortLabelJa,
  type RolloverAssignmentUploadResponse,
  type RolloverCommitResponse,
  type RolloverOptions,
  type RolloverPlanResponse,
  type RolloverRequest,
} from '@edukarte/shared';
import type { z } from 'zod';
import type { Actor, RequestMeta } from '../../auth/actor.ts';
import type { Queryable } from '../../db/client.ts';
import { HttpError } from '../../http/errors.ts';
import type { AppContext } from '../../http/context.ts';
import { recordAccess } from '../audit/repo.ts';
import { classLabel } from '../classes/service.ts';
import { authorize } from '../identity/service.ts';
import { decodeTable, UnreadableFileError, type FileEncoding } from '../koumu-import/decode.ts';
import { assignmentCsv, assignmentXlsx, readAssignmentTable, type PlacementRow } from './assignment-file.ts';
import { applyAssignments, checkAssignments, type PlacementTarget } from './assignments.ts';
import { majorityDestinations, planRollover, shiftTerms, type PlannedMove } from './plan.ts';
import * as repo from './repo.ts';

export type Options = z.output<typeof RolloverRequest>;

interface Computed {
  plan: RolloverPlanResponse;
  moves: PlannedMove[];
  previousYearId: number;
  /** pupils who get a new stay, as the class-assignment file lists them */
  placementRows: PlacementRow[];
  /** what an uploaded file is checked against: the plan's pupils and their new school and grade */
  targets: Map<number, PlacementTarget>;
  specialNeedsNamesOf: (schoolId: number) => ReadonlySet<string>;
}

const NO_NAMES: ReadonlySet<string> = new Set();

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
  const pupilOf = new Map(pupils.map((p) => [p.studentId, p]));
  for (const o of options.juniorHighOverrides) {
    if (pupilOf.get(o.studentId)?.gradeCode !== 'P6')
      throw new HttpError(
        400,
        'invalid_override',
        `児童生徒ID ${o.studentId} は${formatSchoolYear(fiscalYear - 1)}末に在籍する小学6年生ではありません`,
      );
    if (schoolById.get(o.juniorHighSchoolId)?.kind !== 'junior_high')
      throw new HttpError(400, 'invalid_override', '個別の進学先には中学校を指定してください');
  }
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
  const sixthGraders = new Map<number, number>();
  for (const p of pupils)
    if (p.gradeCode === 'P6') sixthGraders.set(p.schoolId, (sixthGraders.get(p.schoolId) ?? 0) + 1);
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
      sixthGraders: sixthGraders.get(s.id) ?? 0,
    });
  }
  let moves = planRollover({
    pupils,
    alreadyEnrolled: already,
    classCounts,
    juniorHighFor,
    juniorHighOverrides: new Map(options.juniorHighOverrides.map((o) => [o.studentId, o.juniorHighSchoolId])),
    assignment: options.classAssignment,
  });

  const name = (id: number) => schoolById.get(id)?.name ?? '';
  const fullName = (p: { familyName: string; givenName: string }) => `${p.familyName} ${p.givenName}`;
  const targets = new Map<number, PlacementTarget>();
  const specialNeedsNames = new Map<number, Set<string>>();
  const addSpecialNeeds = (schoolId: number, className: string) =>
    specialNeedsNames.set(schoolId, (specialNeedsNames.get(schoolId) ?? new Set()).add(className));
  for (const p of pupils) if (p.isSpecialNeeds) addSpecialNeeds(p.schoolId, p.className);
  for (const m of moves) {
    if (!m.to) continue;
    const school = schoolById.get(m.to.schoolId)!;
    if (m.to.isSpecialNeeds) addSpecialNeeds(school.id, m.to.className);
    targets.set(m.studentId, {
      studentId: m.studentId,
      name: fullName(pupilOf.get(m.studentId)!),
      schoolId: school.id,
      schoolCode: school.code,
      schoolName: school.name,
      schoolKind: school.kind,
      gradeCode: m.to.gradeCode,
    });
  }
  const specialNeedsNamesOf = (schoolId: number) => specialNeedsNames.get(schoolId) ?? NO_NAMES;

  if (options.classAssignment === 'custom') {
    const checked = checkAssignments(
      'assignments',
      options.assignments.map((a, i) => ({
        row: 0,
        columns: {
          studentId: `assignments[${i}].studentId`,
          className: `assignments[${i}].className`,
          attendanceNo: `assignments[${i}].attendanceNo`,
        },
        ...a,
      })),
      targets,
      specialNeedsNamesOf,
    );
    if (checked.issues.length > 0)
      throw new HttpError(
        400,
        'invalid_assignments',
        `学級編成の指定に誤りが${checked.issues.length}件あります: ${checked.issues
          .slice(0, 3)
          .map((i) => `${i.column} = ${i.value}: ${i.expected}`)
          .join(' / ')}`,
      );
    moves = applyAssignments(moves, checked.assignments);
  }

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
  const order = new Map(schools.map((s, i) => [s.id, i]));
  const byPlace = (
    a: { schoolId: number; gradeCode: string; isSpecialNeeds: boolean; className: string },
    b: { schoolId: number; gradeCode: string; isSpecialNeeds: boolean; className: string },
  ) =>
    (order.get(a.schoolId) ?? 0) - (order.get(b.schoolId) ?? 0) ||
    a.gradeCode.localeCompare(b.gradeCode) ||
    Number(a.isSpecialNeeds) - Number(b.isSpecialNeeds) ||
    a.className.localeCompare(b.className, 'ja', { numeric: true });
  const placementRows: PlacementRow[] = moves
    .filter((m) => m.to !== null && (m.kind === 'promote' || m.kind === 'advance'))
    .map((m) => {
      const p = pupilOf.get(m.studentId)!;
      const to = m.to!;
      const school = schoolById.get(to.schoolId)!;
      return {
        studentId: m.studentId,
        name: fullName(p),
        kana: `${p.familyNameKana} ${p.givenNameKana}`,
        kind: m.kind as 'promote' | 'advance',
        fromLabel:
          `${name(p.schoolId)} ${gradeShortLabelJa(p.gradeCode)} ${p.isSpecialNeeds ? p.className : `${p.className} `}${p.attendanceNo}番`.replace(
            /\s+/g,
            ' ',
          ),
        fromSchoolId: p.schoolId,
        schoolId: to.schoolId,
        schoolName: school.name,
        schoolCode: school.code,
        schoolKind: school.kind,
        gradeCode: to.gradeCode,
        className: to.className,
        isSpecialNeeds: to.isSpecialNeeds,
        attendanceNo: to.attendanceNo,
      };
    })
    .sort((a, b) => byPlace(a, b) || a.attendanceNo - b.attendanceNo);
  const plan: RolloverPlanResponse = {
    fiscalYear,
    title: formatSchoolYear(fiscalYear),
    schoolYearExists: existing !== null,
    classes: [...classes.values()].sort(byPlace),
    graduating: [...graduating].map(([schoolId, n]) => ({ schoolId, schoolName: name(schoolId), pupils: n })),
    withoutDestination: moves
      .filter((m) => m.kind === 'no_destination')
      .map((m) => {
        const p = pupilOf.get(m.studentId)!;
        return {
          studentId: m.studentId,
          name: fullName(p),
          schoolName: name(p.schoolId),
          classLabel: `${gradeShortLabelJa(p.gradeCode)} ${classLabel({ ...p, name: p.className })}`,
        };
      }),
    juniorHighMapping: mapping,
    juniorHighSchools: schools
      .filter((s) => s.kind === 'junior_high')
      .map((s) => ({ id: s.id, name: s.name })),
    classAssignment: options.classAssignment,
    placements: placementRows.map(({ schoolCode: _code, schoolKind: _kind, ...p }) => p),
    alreadyRolledOver: moves.filter((m) => m.kind === 'already').length,
    toApply: moves.filter((m) => m.kind === 'promote' || m.kind === 'advance' || m.kind === 'graduate')
      .length,
  };
  return { plan, moves, previousYearId: previous.id, placementRows, targets, specialNeedsNamesOf };
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

/** The plan's pupils as a 学級編成 file (CSV with BOM, or .xlsx) to edit in Excel. */
export async function exportAssignments(
  ctx: AppContext,
  actor: Actor,
  request: Options,
  format: 'csv' | 'xlsx',
): Promise<{ fileName: string; body: string | Buffer }> {
  authorize(actor, { action: 'identity:manage' });
  const { placementRows } = await computePlan(ctx.database.db, actor.municipalityId, request);
  const fileName = `gakkyu-hensei-${request.fiscalYear}.${format}`;
  return {
    fileName,
    body: format === 'csv' ? assignmentCsv(placementRows) : await assignmentXlsx(placementRows),
  };
}

/**
 * Reads an edited 学級編成 file against the plan of `options` (year, 進学先). Writes nothing: the
 * answer carries the checked assignments (for a 'custom' preview and commit) or every problem.
 */
export async function uploadAssignments(
  ctx: AppContext,
  actor: Actor,
  input: {
    bytes: Buffer;
    fileName: string;
    options: z.output<typeof RolloverOptions>;
    encoding?: FileEncoding;
  },
): Promise<RolloverAssignmentUploadResponse> {
  authorize(actor, { action: 'identity:manage' });
  const { targets, specialNeedsNamesOf } = await computePlan(ctx.database.db, actor.municipalityId, {
    ...input.options,
    classAssignment: 'keep',
    assignments: [],
  });
  let table;
  try {
    table = await decodeTable(input.bytes, input.fileName, input.encoding);
  } catch (error) {
    if (error instanceof UnreadableFileError)
      return {
        fileName: input.fileName,
        encoding: 'utf-8',
        rows: 0,
        issues: [{ file: input.fileName, row: 0, column: '', value: '', expected: error.message }],
        assignments: [],
      };
    throw error;
  }
  const result = readAssignmentTable(input.fileName, table, targets, specialNeedsNamesOf);
  return {
    fileName: input.fileName,
    encoding: table.encoding,
    rows: table.rows.length,
    issues: result.issues,
    assignments: result.assignments.map(({ studentId, className, attendanceNo }) => ({
      studentId,
      className,
      attendanceNo,
    })),
  };
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

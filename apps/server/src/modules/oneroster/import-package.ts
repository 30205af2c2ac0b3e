import { randomBytes } from 'node:crypto';
import {
  ONEROSTER_APPLY_STEPS,
  ONEROSTER_PACKAGE_FILES,
  SUBJECT_CODES,
  type OneRosterApplyStep,
  type OneRosterImportReport,
  type OneRosterIssue,
  type SchoolKind,
} from '@edukarte/shared';
import type { Db, Tx } from '../../db/client.ts';
import { resolvePeople, type IncomingPerson } from '../identity/resolve-person.ts';
import * as batches from './batches.repo.ts';
import type { KnownIds, RosterPackage, UserRow } from './csv/model.ts';
import { validationSteps, type ValidationResult } from './csv/validate.ts';
import * as repo from './repo.ts';

export interface ImportOptions {
  /** The municipality to import into (the caller's); null: the district org's, else the only one, else a new one. */
  municipalityId: number | null;
  /** Validate and run the import, then roll it back: the report says what would change. */
  dryRun: boolean;
  /** Japan's today (YYYY-MM-DD), used when a deleted row carries no dateLastModified */
  today: string;
  /**
   * Record the import as an import_batches row (provenance): a committed import in its own
   * transaction, a rejected one (errors, dry run or not) afterwards. A valid dry run is not recorded.
   */
  record?: { fileName: string; createdBy: number | null; via: 'upload' | 'cli' };
  /** Called between steps (awaited: a caller may yield to other work there). */
  onProgress?: (progress: ImportProgress) => void | Promise<void>;
}

/** Where an import is: the file being validated, or the apply step, with what is written so far. */
export type ImportProgress =
  | { phase: 'validating'; step: string; stepsDone: number; stepsTotal: number }
  | {
      phase: 'applying';
      step: OneRosterApplyStep;
      stepsDone: number;
      stepsTotal: number;
      rows: Record<string, number>;
      applied: Applied;
    };

/** Figures for the benchmark: milliseconds per phase. */
export interface ImportTimings {
  validateMs: number;
  applyMs: number;
}

type Applied = OneRosterImportReport['counts']['applied'];

/** Thrown inside the transaction to roll it back (dry run, or problems only the database can see). */
class Rollback extends Error {
  constructor(readonly problems: OneRosterIssue[]) {
    super('rollback');
  }
}

const STAFF_ROLES = new Set([
  'teacher',
  'administrator',
  'aide',
  'principal',
  'counselor',
  'districtAdministrator',
  'siteAdministrator',
  'systemAdministrator',
  'proctor',
]);
const KIND_BY_CODE_PREFIX: Record<string, SchoolKind> = {
  B1: 'elementary',
  C1: 'junior_high',
  C2: 'compulsory',
};

/**
 * Imports a OneRoster CSV package (files by name): validates everything, then writes it all in
 * one transaction, or nothing. See docs in ./README.md for how rows map onto edukarte's tables.
 */
export async function importOneRosterPackage(
  db: Db,
  files: ReadonlyMap<string, string>,
  options: ImportOptions,
  timings?: ImportTimings,
): Promise<OneRosterImportReport> {
  const started = performance.now();
  const municipalityId = options.municipalityId ?? (await repo.findFirstMunicipalityId(db));
  const known = municipalityId === null ? null : await repo.loadKnownSourcedIds(db, municipalityId);
  const steps = validationSteps(files, known ? { ...known, courses: new Set() } : emptyKnown());
  let next = steps.next();
  while (!next.done) {
    const { file, index, total } = next.value;
    await options.onProgress?.({ phase: 'validating', step: file, stepsDone: index, stepsTotal: total });
    next = steps.next();
  }
  const checked = next.value;
  const validated = performance.now();
  if (timings) timings.validateMs = validated - started;
  const report = (
    applied: Applied,
    extraErrors: OneRosterIssue[],
    committed: boolean,
  ): OneRosterImportReport => {
    const errors = sortIssues([...checked.errors, ...extraErrors]);
    return {
      ok: errors.length === 0,
      committed,
      version: checked.version,
      errors,
      warnings: sortIssues(checked.warnings),
      counts: { rows: checked.rows, applied },
    };
  };
  const rejected = async (result: OneRosterImportReport) => {
    if (options.record && municipalityId !== null)
      result.batchId = await batches.insertRosterBatch(
        db,
        batchValues(municipalityId, options, result, null),
      );
    return result;
  };
  if (!checked.roster) return rejected(report({}, [], false));
  const roster = checked.roster;

  const applied: Applied = {};
  const progress = async (step: OneRosterApplyStep) =>
    options.onProgress?.({
      phase: 'applying',
      step,
      stepsDone: ONEROSTER_APPLY_STEPS.indexOf(step),
      stepsTotal: ONEROSTER_APPLY_STEPS.length,
      rows: checked.rows,
      applied,
    });
  let committed: OneRosterImportReport;
  try {
    committed = await db.transaction(async (tx) => {
      const target = await applyRoster(tx, roster, checked, options, municipalityId, applied, progress);
      if (target.problems.length > 0 || options.dryRun) throw new Rollback(target.problems);
      const done = report(applied, [], true);
      if (options.record && target.municipalityId !== null) {
        await progress('recording');
        done.batchId = await batches.insertRosterBatch(
          tx,
          batchValues(target.municipalityId, options, done, null),
        );
      }
      return done;
    });
  } catch (e) {
    if (timings) timings.applyMs = performance.now() - validated;
    if (!(e instanceof Rollback)) {
      if (options.record && municipalityId !== null)
        await batches.insertRosterBatch(
          db,
          batchValues(municipalityId, options, report(applied, [], false), String(e)),
        );
      throw e;
    }
    const result = report(applied, e.problems, false);
    return result.ok ? result : rejected(result);
  }
  if (timings) timings.applyMs = performance.now() - validated;
  return committed;
}

function batchValues(
  municipalityId: number,
  options: ImportOptions,
  result: OneRosterImportReport,
  failure: string | null,
): batches.RosterBatchInput {
  const record = options.record!;
  return {
    municipalityId,
    fileName: record.fileName,
    createdBy: record.createdBy,
    committed: result.committed,
    rowCount: Object.values(result.counts.rows).reduce((n, r) => n + r, 0),
    report: {
      via: record.via,
      dryRun: options.dryRun,
      version: result.version,
      counts: result.counts,
      errors: result.errors,
      warnings: result.warnings,
      failure,
    },
  };
}

const FILE_ORDER: readonly string[] = ONEROSTER_PACKAGE_FILES;

/** Problems in package order: by file (manifest, orgs, … enrollments), then by line. */
function sortIssues(issues: OneRosterIssue[]): OneRosterIssue[] {
  const rank = (file: string) => (FILE_ORDER.includes(file) ? FILE_ORDER.indexOf(file) : FILE_ORDER.length);
  return issues.sort((a, b) => rank(a.file) - rank(b.file) || a.file.localeCompare(b.file) || a.row - b.row);
}

function emptyKnown(): KnownIds {
  return { orgs: new Set(), sessions: new Set(), courses: new Set(), classes: new Set(), users: new Set() };
}

const issue = (
  file: string,
  row: number,
  column: string,
  value: string,
  expected: string,
): OneRosterIssue => ({
  file,
  row,
  column,
  value,
  expected,
});

function deletionDate(row: { dateLastModified: string }, today: string): string {
  return row.dateLastModified === '' ? today : row.dateLastModified.slice(0, 10);
}

function pseudonym(prefix: 'S' | 'T'): string {
  return `${prefix}-${randomBytes(8).toString('base64url').slice(0, 10).toUpperCase()}`;
}

async function resolveMunicipality(
  tx: Tx,
  roster: RosterPackage,
  given: number | null,
  problems: OneRosterIssue[],
): Promise<number | null> {
  const district = roster.orgs.find((o) => o.type === 'district' && o.status === 'active');
  if (given !== null) {
    if (district) await repo.adoptMunicipalitySourcedId(tx, given, district.sourcedId);
    return given;
  }
  if (!district) {
    problems.push(
      issue('orgs.csv', 0, 'type', '', '取り込み先の自治体がないため、教育委員会 (district) の行が必要です'),
    );
    return null;
  }
  const existing = await repo.findMunicipalityBySourcedId(tx, district.sourcedId);
  if (existing !== null) return existing;
  const firstSchool = roster.orgs.find((o) => o.type === 'school');
  const prefectureCode = /^\d{6}$/.test(district.identifier)
    ? Number(district.identifier.slice(0, 2))
    : Number(firstSchool?.identifier.slice(2, 4) ?? '0');
  const boardName = district.name.endsWith('教育委員会') ? district.name : `${district.name}教育委員会`;
  return repo.insertMunicipality(tx, {
    sourcedId: district.sourcedId,
    code: district.identifier || district.sourcedId,
    name: boardName.replace(/教育委員会$/, '') || district.name,
    boardName,
    prefectureCode,
  });
}

/**
 * Adds to the counts of one kind. `considered`: how many rows of that kind the package holds for
 * upserting; those neither inserted nor updated are counted as unchanged.
 */
function count(
  applied: Applied,
  kind: string,
  c: Partial<{ inserted: number; updated: number; ended: number }>,
  considered = 0,
) {
  const current = applied[kind] ?? { inserted: 0, updated: 0, ended: 0, unchanged: 0 };
  const inserted = c.inserted ?? 0;
  const updated = c.updated ?? 0;
  applied[kind] = {
    inserted: current.inserted + inserted,
    updated: current.updated + updated,
    ended: current.ended + (c.ended ?? 0),
    unchanged: current.unchanged + Math.max(0, considered - inserted - updated),
  };
}

function foreign(
  file: string,
  rows: readonly { sourcedId: string; line: number }[],
  stored: Map<string, { municipalityId: number }>,
  municipalityId: number,
): OneRosterIssue[] {
  return rows.flatMap((r) => {
    const s = stored.get(r.sourcedId);
    return s && s.municipalityId !== municipalityId
      ? [issue(file, r.line, 'sourcedId', r.sourcedId, '他の自治体で使われていない sourcedId')]
      : [];
  });
}

async function applyRoster(
  tx: Tx,
  roster: RosterPackage,
  checked: ValidationResult,
  options: ImportOptions,
  givenMunicipalityId: number | null,
  applied: Applied,
  progress: (step: OneRosterApplyStep) => Promise<void> | undefined,
): Promise<{ municipalityId: number | null; problems: OneRosterIssue[] }> {
  const problems: OneRosterIssue[] = [];
  const municipalityId = await resolveMunicipality(tx, roster, givenMunicipalityId, problems);
  if (municipalityId === null) return { municipalityId, problems };
  const out = (list: OneRosterIssue[]) => ({ municipalityId, problems: list });
  await progress('schools');
  const active = <T extends { status: string }>(rows: T[]) => rows.filter((r) => r.status === 'active');

  // orgs → schools
  const schools = active(roster.orgs).filter((o) => o.type === 'school');
  problems.push(
    ...foreign(
      'orgs.csv',
      schools,
      await repo.idsBySourcedId(
        tx,
        'schools',
        schools.map((s) => s.sourcedId),
      ),
      municipalityId,
    ),
  );
  if (problems.length > 0) return out(problems);
  count(
    applied,
    'schools',
    await repo.upsertSchools(
      tx,
      schools.map((s) => ({
        sourced_id: s.sourcedId,
        municipality_id: municipalityId,
        code: s.identifier,
        name: s.name,
        kind: KIND_BY_CODE_PREFIX[s.identifier.slice(0, 2)] ?? 'elementary',
      })),
    ),
    schools.length,
  );
  for (const o of roster.orgs.filter((r) => r.status === 'tobedeleted'))
    checked.warnings.push(
      issue(
        'orgs.csv',
        o.line,
        'status',
        o.status,
        '学校・教育委員会の削除は取り込みません（そのまま残します）',
      ),
    );

  // academicSessions → school_years (+ terms)
  await progress('schoolYears');
  const years = active(roster.sessions).filter((s) => s.type === 'schoolYear');
  problems.push(
    ...foreign(
      'academicSessions.csv',
      years,
      await repo.idsBySourcedId(
        tx,
        'school_years',
        years.map((y) => y.sourcedId),
      ),
      municipalityId,
    ),
  );
  if (problems.length > 0) return out(problems);
  count(
    applied,
    'schoolYears',
    await repo.upsertSchoolYears(
      tx,
      years.map((y) => ({
        sourced_id: y.sourcedId,
        municipality_id: municipalityId,
        fiscal_year: Number(y.startDate.slice(0, 4)),
        title: y.title,
        start_date: y.startDate,
        end_date: y.endDate,
      })),
    ),
    years.length,
  );
  const storedYears = await repo.listSchoolYears(tx, municipalityId);
  const yearBySourcedId = new Map(storedYears.map((y) => [y.sourced_id, y]));
  const sessionsById = new Map(roster.sessions.map((s) => [s.sourcedId, s]));
  const terms = active(roster.sessions)
    .filter((s) => s.type !== 'schoolYear')
    .sort((a, b) => a.startDate.localeCompare(b.startDate));
  const seqByYear = new Map<number, number>();
  const termRows: repo.TermInput[] = [];
  for (const t of terms) {
    const year = yearBySourcedId.get(t.parentSourcedId);
    if (!year) {
      checked.warnings.push(
        issue(
          'academicSessions.csv',
          t.line,
          'parentSourcedId',
          t.parentSourcedId,
          '学期は年度 (schoolYear) を親にしてください（取り込みません）',
        ),
      );
      continue;
    }
    const seq = (seqByYear.get(year.id) ?? 0) + 1;
    seqByYear.set(year.id, seq);
    termRows.push({
      school_year_id: year.id,
      seq,
      name: t.title,
      start_date: t.startDate,
      end_date: t.endDate,
    });
  }
  count(applied, 'terms', await repo.upsertTerms(tx, termRows), termRows.length);

  // classes (grade and subject from the class, else its course)
  await progress('classes');
  const schoolIds = await repo.idsBySourcedId(tx, 'schools', [
    ...new Set([
      ...roster.classes.map((c) => c.schoolSourcedId),
      ...roster.enrollments.map((e) => e.schoolSourcedId),
    ]),
  ]);
  const coursesById = new Map(roster.courses.map((c) => [c.sourcedId, c]));
  const yearOfSession = (id: string) => {
    const s = sessionsById.get(id);
    return yearBySourcedId.get(s && s.type !== 'schoolYear' ? s.parentSourcedId : id);
  };
  const classRows: repo.ClassInput[] = [];
  const newClasses = active(roster.classes);
  problems.push(
    ...foreign(
      'classes.csv',
      newClasses,
      await repo.idsBySourcedId(
        tx,
        'classes',
        newClasses.map((c) => c.sourcedId),
      ),
      municipalityId,
    ),
  );
  for (const c of newClasses) {
    const course = coursesById.get(c.courseSourcedId);
    const grade = [...c.grades, ...(course?.grades ?? [])].find(
      (g) => /^[PJ][1-6]$/.test(g) && !/^J[4-6]$/.test(g),
    );
    const subject = [...c.subjectCodes, ...(course?.subjectCodes ?? [])].find((s) =>
      (SUBJECT_CODES as readonly string[]).includes(s),
    );
    const year = c.termSourcedIds.map(yearOfSession).find((y) => y !== undefined);
    const school = schoolIds.get(c.schoolSourcedId);
    if (!grade)
      problems.push(
        issue('classes.csv', c.line, 'grades', c.grades.join(','), '小中学校の学年 (P1–P6, J1–J3)'),
      );
    if (!year)
      problems.push(
        issue(
          'classes.csv',
          c.line,
          'termSourcedIds',
          c.termSourcedIds.join(','),
          '年度 (schoolYear) またはその学期の sourcedId',
        ),
      );
    if (!school || school.municipalityId !== municipalityId)
      problems.push(issue('classes.csv', c.line, 'schoolSourcedId', c.schoolSourcedId, 'この自治体の学校'));
    if (!grade || !year || !school) continue;
    classRows.push({
      sourced_id: c.sourcedId,
      school_id: school.id,
      school_year_id: year.id,
      grade_code: grade,
      name: c.title,
      class_type: c.classType,
      is_special_needs: c.isSpecialNeeds,
      subject_code: subject ?? null,
    });
  }
  const classKey = (r: repo.ClassInput) => `${r.school_id}|${r.school_year_id}|${r.grade_code}|${r.name}`;
  const firstByKey = new Map<string, number>();
  newClasses.forEach((c) => {
    const row = classRows.find((r) => r.sourced_id === c.sourcedId);
    if (!row) return;
    const earlier = firstByKey.get(classKey(row));
    if (earlier !== undefined)
      problems.push(
        issue(
          'classes.csv',
          c.line,
          'title',
          c.title,
          `同じ学校・年度・学年で一意の学級名（${earlier} 行目と重複）`,
        ),
      );
    else firstByKey.set(classKey(row), c.line);
  });
  if (problems.length > 0) return out(problems);
  count(applied, 'classes', await repo.upsertClasses(tx, classRows), classRows.length);

  // users → people (+ source identities), demographics
  await progress('people');
  const { people: peopleProblems } = await applyUsers(
    tx,
    roster,
    checked,
    municipalityId,
    schoolIds,
    applied,
  );
  problems.push(...peopleProblems);
  if (problems.length > 0) return out(problems);

  // enrollments: pupils → enrollments (出席番号), staff → class_teachers
  await progress('enrollments');
  problems.push(...(await applyEnrollments(tx, roster, municipalityId, yearBySourcedId, applied)));
  if (problems.length > 0) return out(problems);

  // deletions (delta): end stays, never delete history
  await progress('deletions');
  const deleted = <T extends { status: string }>(rows: T[]) => rows.filter((r) => r.status === 'tobedeleted');
  const ends = <T extends { sourcedId: string; dateLastModified: string }>(rows: T[]) =>
    rows.map((r) => ({ sourced_id: r.sourcedId, on: deletionDate(r, options.today) }));
  const deletedEnrollments = deleted(roster.enrollments);
  count(applied, 'enrollments', {
    ended: await repo.endEnrollments(
      tx,
      'enrollment',
      ends(deletedEnrollments.filter((e) => e.role === 'student')),
    ),
  });
  const staffDeletes = deletedEnrollments.filter((e) => e.role !== 'student');
  if (staffDeletes.length > 0) {
    const classIds = await repo.idsBySourcedId(
      tx,
      'classes',
      staffDeletes.map((e) => e.classSourcedId),
    );
    const personIds = await repo.idsBySourcedId(
      tx,
      'people',
      staffDeletes.map((e) => e.userSourcedId),
    );
    const pairs = staffDeletes.flatMap((e) => {
      const c = classIds.get(e.classSourcedId);
      const p = personIds.get(e.userSourcedId);
      return c && p ? [{ class_id: c.id, person_id: p.id }] : [];
    });
    count(applied, 'classTeachers', { ended: await repo.removeClassTeachers(tx, pairs) });
  }
  count(applied, 'people', { ended: await repo.endEnrollments(tx, 'student', ends(deleted(roster.users))) });
  count(applied, 'classes', { ended: await repo.endEnrollments(tx, 'class', ends(deleted(roster.classes))) });
  return out(problems);
}

async function applyUsers(
  tx: Tx,
  roster: RosterPackage,
  checked: ValidationResult,
  municipalityId: number,
  schoolIds: Map<string, { id: number; municipalityId: number }>,
  applied: Applied,
): Promise<{ people: OneRosterIssue[] }> {
  const problems: OneRosterIssue[] = [];
  const activeUsers = roster.users.filter((r) => r.status === 'active');
  const ids0 = activeUsers.map((u) => u.sourcedId);
  // a first import into an empty municipality has nobody to find or adopt: skip those look-ups
  const hadPeople = await repo.hasPeople(tx, municipalityId);
  let existing = new Map<string, { id: number; municipalityId: number }>();
  if (hadPeople) {
    existing = await repo.idsBySourcedId(tx, 'people', ids0);
    const missing = ids0.filter((id) => !existing.has(id));
    if ((await repo.adoptPeopleBySourceIdentity(tx, municipalityId, missing)) > 0)
      existing = await repo.idsBySourcedId(tx, 'people', ids0);
  }
  const stored: UserRow[] = [];
  for (const u of activeUsers) {
    if (u.role === 'student' || STAFF_ROLES.has(u.role) || (u.role === '' && existing.has(u.sourcedId)))
      stored.push(u);
    else
      checked.warnings.push(
        issue(
          'users.csv',
          u.line,
          'role',
          u.role,
          u.role === ''
            ? '役割 (roles.csv または enrollments.csv) のある利用者だけを取り込みます'
            : '保護者などは取り込みません',
        ),
      );
  }
  problems.push(...foreign('users.csv', stored, existing, municipalityId));
  if (problems.length > 0) return { people: problems };

  // 名寄せ: a new pupil who looks like someone we know is created, and left for an admin to review
  const schoolOfUser = new Map<string, number>();
  for (const e of roster.enrollments) {
    const s = schoolIds.get(e.schoolSourcedId);
    if (s && !schoolOfUser.has(e.userSourcedId)) schoolOfUser.set(e.userSourcedId, s.id);
  }
  const demographics = new Map(
    roster.demographics.filter((d) => d.status === 'active').map((d) => [d.sourcedId, d]),
  );
  const incoming: IncomingPerson[] = stored
    .filter((u) => u.role === 'student' && !existing.has(u.sourcedId))
    .map((u) => ({
      municipalityId,
      schoolId: schoolOfUser.get(u.sourcedId) ?? null,
      system: 'oneroster',
      sourceId: u.sourcedId,
      familyName: u.familyName,
      givenName: u.givenName,
      familyNameKana: u.kanaFamilyName,
      givenNameKana: u.kanaGivenName,
      birthDate: demographics.get(u.sourcedId)?.birthDate || null,
    }));
  let reviews = 0;
  // nobody to match against in a municipality without people (a first import): skip the look-ups
  for (let i = 0; hadPeople && i < incoming.length; i += 2000) {
    const results = await resolvePeople(tx, incoming.slice(i, i + 2000));
    reviews += results.filter((r) => r.kind === 'review').length;
  }
  if (reviews > 0) count(applied, 'identityReviews', { inserted: reviews });

  const storedPeople = hadPeople
    ? await repo.loadPeopleValues(tx, municipalityId)
    : new Map<string, repo.PersonValues>();
  count(
    applied,
    'people',
    await repo.upsertPeople(
      tx,
      stored
        .map((u) => ({
          sourced_id: u.sourcedId,
          municipality_id: municipalityId,
          kind: u.role === '' ? null : u.role === 'student' ? ('student' as const) : ('staff' as const),
          family_name: u.familyName,
          given_name: u.givenName,
          family_name_kana: u.kanaFamilyName,
          given_name_kana: u.kanaGivenName,
          pseudonym: pseudonym(u.role === 'student' ? 'S' : 'T'),
          birth_date: demographics.get(u.sourcedId)?.birthDate || null,
          sex: demographics.get(u.sourcedId)?.sex ?? ('unspecified' as const),
        }))
        .filter((row) => {
          // compare first: unchanged people are not sent at all (a re-import writes nothing)
          const was = storedPeople.get(row.sourced_id);
          return (
            !was ||
            (row.kind !== null && row.kind !== was.kind) ||
            row.family_name !== was.family_name ||
            row.given_name !== was.given_name ||
            row.family_name_kana !== was.family_name_kana ||
            row.given_name_kana !== was.given_name_kana
          );
        }),
    ),
    stored.length,
  );
  // demographics of people who were already stored (new ones got theirs on insert)
  const storedDemographics = [...demographics.keys()].filter((id) => storedPeople.has(id)).length;
  const updated = await repo.updateDemographics(
    tx,
    municipalityId,
    [...demographics.values()]
      .filter((d) => {
        const was = storedPeople.get(d.sourcedId);
        return was !== undefined && ((d.birthDate || null) !== was.birth_date || d.sex !== was.sex);
      })
      .map((d) => ({ sourced_id: d.sourcedId, birth_date: d.birthDate || null, sex: d.sex })),
  );
  count(applied, 'demographics', { updated }, storedDemographics);
  return { people: problems };
}

async function applyEnrollments(
  tx: Tx,
  roster: RosterPackage,
  municipalityId: number,
  yearBySourcedId: Map<string, { id: number; start_date: string; end_date: string }>,
  applied: Applied,
): Promise<OneRosterIssue[]> {
  const problems: OneRosterIssue[] = [];
  const rows = roster.enrollments.filter((e) => e.status === 'active');
  if (rows.length === 0) return problems;
  const classes = new Map(
    (
      await repo.findClassesBySourcedId(tx, municipalityId, [...new Set(rows.map((e) => e.classSourcedId))])
    ).map((c) => [c.sourced_id, c]),
  );
  const people = await repo.idsBySourcedId(tx, 'people', [...new Set(rows.map((e) => e.userSourcedId))]);
  const yearById = new Map([...yearBySourcedId.values()].map((y) => [y.id, y]));
  const hadEnrollments = await repo.hasEnrollments(tx, municipalityId);
  const storedStays = hadEnrollments
    ? await repo.loadEnrollmentValues(tx, municipalityId)
    : new Map<string, repo.EnrollmentInput>();
  const existing = await repo.idsBySourcedId(
    tx,
    'enrollments',
    rows.map((e) => e.sourcedId),
  );
  problems.push(...foreign('enrollments.csv', rows, existing, municipalityId));
  const pupils: repo.EnrollmentInput[] = [];
  const teachers: repo.ClassTeacherInput[] = [];
  for (const e of rows) {
    const c = classes.get(e.classSourcedId);
    const person = people.get(e.userSourcedId);
    if (!c) {
      problems.push(
        issue('enrollments.csv', e.line, 'classSourcedId', e.classSourcedId, '取り込める学級の sourcedId'),
      );
      continue;
    }
    if (!person || person.municipalityId !== municipalityId) {
      problems.push(
        issue(
          'enrollments.csv',
          e.line,
          'userSourcedId',
          e.userSourcedId,
          person
            ? '他の自治体で使われていない sourcedId'
            : '児童生徒・教職員として取り込める利用者の sourcedId',
        ),
      );
      continue;
    }
    if (e.role !== 'student') {
      const role = c.class_type === 'scheduled' ? 'subject' : e.primary ? 'homeroom' : 'assistant';
      teachers.push({ school_id: c.school_id, class_id: c.id, person_id: person.id, role });
      continue;
    }
    const year = yearById.get(c.school_year_id);
    if (!year) continue;
    const start = e.beginDate || year.start_date;
    const end = e.endDate || year.end_date;
    if (start < year.start_date || start > year.end_date)
      problems.push(
        issue(
          'enrollments.csv',
          e.line,
          'beginDate',
          e.beginDate,
          `学級の年度内の日付（${year.start_date}〜${year.end_date}）`,
        ),
      );
    if (end < year.start_date || end > year.end_date)
      problems.push(
        issue(
          'enrollments.csv',
          e.line,
          'endDate',
          e.endDate,
          `学級の年度内の日付（${year.start_date}〜${year.end_date}）`,
        ),
      );
    if (e.shussekiNo === null && c.class_type === 'homeroom')
      problems.push(
        issue(
          'enrollments.csv',
          e.line,
          'metadata.jp.shussekiNo',
          '',
          '学級 (homeroom) の児童生徒には出席番号が必要です',
        ),
      );
    pupils.push({
      sourced_id: e.sourcedId,
      school_id: c.school_id,
      school_year_id: c.school_year_id,
      class_id: c.id,
      student_id: person.id,
      attendance_no: e.shussekiNo ?? 0,
      start_date: start,
      end_date: end,
    });
  }
  if (problems.length > 0) return problems;
  count(
    applied,
    'enrollments',
    await repo.upsertEnrollments(
      tx,
      pupils.filter((row) => {
        const was = storedStays.get(row.sourced_id);
        return (
          !was ||
          was.school_id !== row.school_id ||
          was.school_year_id !== row.school_year_id ||
          was.class_id !== row.class_id ||
          was.student_id !== row.student_id ||
          was.attendance_no !== row.attendance_no ||
          was.start_date !== row.start_date ||
          was.end_date !== row.end_date
        );
      }),
      (sourcedId) => hadEnrollments && !existing.has(sourcedId),
    ),
    pupils.length,
  );
  count(applied, 'classTeachers', await repo.upsertClassTeachers(tx, teachers), teachers.length);
  return problems;
}

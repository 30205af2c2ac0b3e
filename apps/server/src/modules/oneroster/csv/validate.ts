import { findSchoolCodeProblem, type OneRosterIssue } from '@edukarte/shared';
import {
  columnsOf,
  ENROLLMENT_ROLES,
  IGNORED_FILES,
  JP_GRADES,
  ROSTER_FILES,
  USER_ROLES,
  type OneRosterVersion,
  type RosterFile,
} from './columns.ts';
import {
  isIsoDate,
  isIsoDateTime,
  kanaProblem,
  parseBoolean,
  parsePositiveInt,
  SCHOOL_CODE_EXPECTED,
  splitList,
} from './fields.ts';
import type { FileMode, KnownIds, RosterPackage, RowStatus } from './model.ts';
import { CsvSyntaxError, parseCsv, type CsvRow, type CsvTable } from './parse-csv.ts';

export interface ValidationResult {
  version: OneRosterVersion | null;
  errors: OneRosterIssue[];
  warnings: OneRosterIssue[];
  rows: Record<string, number>;
  /** present when there are no errors */
  roster: RosterPackage | null;
}

const MANIFEST = 'manifest.csv';
const MODES: readonly FileMode[] = ['bulk', 'delta', 'absent'];

class Issues {
  readonly errors: OneRosterIssue[] = [];
  readonly warnings: OneRosterIssue[] = [];
  error(file: string, row: number, column: string, value: string, expected: string) {
    this.errors.push({ file, row, column, value, expected });
  }
  warn(file: string, row: number, column: string, value: string, expected: string) {
    this.warnings.push({ file, row, column, value, expected });
  }
}

/** Reads a cell and checks it; each checker reports its own problem and returns a usable value. */
class RowReader {
  constructor(
    private readonly issues: Issues,
    readonly file: string,
    private readonly index: ReadonlyMap<string, number>,
    readonly row: CsvRow,
  ) {}
  get(column: string): string {
    const position = this.index.get(column);
    return position === undefined ? '' : (this.row.values[position] ?? '');
  }
  has(column: string): boolean {
    return this.index.has(column);
  }
  fail(column: string, expected: string, value = this.get(column)) {
    this.issues.error(this.file, this.row.line, column, value, expected);
  }
  required(column: string): string {
    const v = this.get(column);
    if (v === '') this.fail(column, '値が必要です');
    return v;
  }
  oneOf<T extends string>(column: string, values: readonly T[], expected = values.join(' | ')): T {
    const v = this.get(column);
    if (!(values as readonly string[]).includes(v)) this.fail(column, expected);
    return v as T;
  }
  date(column: string, optional = false): string {
    const v = this.get(column);
    if (v === '' && optional) return '';
    if (!isIsoDate(v)) this.fail(column, '日付 YYYY-MM-DD');
    return v;
  }
  boolean(column: string, fallback: boolean | null): boolean | null {
    const v = this.get(column);
    if (v === '') return fallback;
    const b = parseBoolean(v);
    if (b === null) this.fail(column, 'true | false');
    return b;
  }
  grades(column: string): string[] {
    const grades = splitList(this.get(column));
    for (const g of grades)
      if (!(JP_GRADES as readonly string[]).includes(g))
        this.fail(column, '学年コード P1–P6, J1–J3, H1–H3, E1–E3', g);
    return grades;
  }
  kana(column: string): string {
    const v = this.get(column);
    const problem = kanaProblem(v);
    if (problem) this.fail(column, problem);
    return v;
  }
}

/**
 * Validates a whole OneRoster CSV package: manifest, every file's header, every cell (enums,
 * dates, booleans, Japan Profile metadata) and every reference between files. Problems are
 * collected, never thrown, so a person sees all of them at once. Pure: `known` holds the
 * sourcedIds already stored (a delta may refer to them).
 */
export function validatePackage(files: ReadonlyMap<string, string>, known: KnownIds): ValidationResult {
  const steps = validationSteps(files, known);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** What validation works on next: a file of the package, or the references between files. */
export type ValidationStep = { file: string; index: number; total: number };

/**
 * The same validation as `validatePackage`, one file at a time: it yields before each file (and
 * before the cross-file references), so a caller can report progress and let other work run.
 */
export function* validationSteps(
  files: ReadonlyMap<string, string>,
  known: KnownIds,
): Generator<ValidationStep, ValidationResult, void> {
  const issues = new Issues();
  const rowsRead: Record<string, number> = {};
  const manifestText = files.get(MANIFEST);
  if (manifestText === undefined) {
    issues.error(MANIFEST, 0, '', '', 'manifest.csv がパッケージに必要です');
    return { version: null, ...issues, rows: rowsRead, roster: null };
  }
  const manifest = readManifest(manifestText, issues);
  const version = manifest.version;
  const modes: Record<string, FileMode> = {};
  for (const file of ROSTER_FILES) modes[file] = manifest.modes.get(file) ?? 'absent';
  for (const [name] of files) {
    if (name === MANIFEST || (ROSTER_FILES as readonly string[]).includes(name)) continue;
    issues.warn(
      name,
      0,
      '',
      '',
      IGNORED_FILES.includes(name) ? 'このファイルは取り込みません' : '不明なファイル（無視します）',
    );
  }
  if (version === null) return { version, ...issues, rows: rowsRead, roster: null };
  if (version === '1.1') modes['roles.csv'] = 'absent';

  const tables = new Map<RosterFile, RowReader[]>();
  const total = ROSTER_FILES.length + 1;
  for (const [index, file] of ROSTER_FILES.entries()) {
    const mode = modes[file] ?? 'absent';
    const text = files.get(file);
    if (mode !== 'absent' && text !== undefined) yield { file, index, total };
    if (mode === 'absent') {
      if (text !== undefined && file !== 'roles.csv')
        issues.warn(
          file,
          0,
          '',
          '',
          `manifest の file.${file.replace('.csv', '')} が absent なので取り込みません`,
        );
      tables.set(file, []);
      continue;
    }
    if (text === undefined) {
      issues.error(file, 0, '', '', `manifest で ${mode} とされたファイルがパッケージにありません`);
      tables.set(file, []);
      continue;
    }
    tables.set(file, readTable(file, text, version, mode, issues));
    rowsRead[file] = tables.get(file)?.length ?? 0;
  }
  yield { file: 'references', index: total - 1, total };
  const roster = buildRoster(version, modes, tables, issues, known);
  return {
    version,
    errors: issues.errors,
    warnings: issues.warnings,
    rows: rowsRead,
    roster: issues.errors.length === 0 ? roster : null,
  };
}

function tryParse(file: string, text: string, issues: Issues): CsvTable | null {
  try {
    return parseCsv(text);
  } catch (e) {
    if (!(e instanceof CsvSyntaxError)) throw e;
    issues.error(file, e.line, '', '', `CSV として読める形式 (${e.message})`);
    return null;
  }
}

function readManifest(text: string, issues: Issues) {
  const modes = new Map<string, FileMode>();
  let version: OneRosterVersion | null = null;
  const table = tryParse(MANIFEST, text, issues);
  if (!table) return { version, modes };
  for (const column of ['propertyName', 'value'])
    if (!table.header.includes(column))
      issues.error(MANIFEST, 1, column, table.header.join(','), `列 ${column}`);
  let versionSeen = false;
  for (const row of table.rows) {
    const name = row.values[table.index.get('propertyName') ?? 0] ?? '';
    const value = row.values[table.index.get('value') ?? 1] ?? '';
    if (name === 'oneroster.version') {
      versionSeen = true;
      if (value === '1.0' || value === '1.1') version = '1.1';
      else if (/^1\.2(\.\d+)?(_JP)?$/.test(value)) version = '1.2';
      else issues.error(MANIFEST, row.line, 'value', value, 'oneroster.version は 1.1 | 1.2 | 1.2_JP');
    } else if (name.startsWith('file.')) {
      if (!(MODES as readonly string[]).includes(value)) {
        issues.error(MANIFEST, row.line, 'value', value, `${name} は bulk | delta | absent`);
        continue;
      }
      modes.set(`${name.slice('file.'.length)}.csv`, value as FileMode);
    }
  }
  if (!versionSeen) issues.error(MANIFEST, 0, 'oneroster.version', '', 'oneroster.version の行が必要です');
  return { version, modes };
}

function readTable(
  file: RosterFile,
  text: string,
  version: OneRosterVersion,
  mode: FileMode,
  issues: Issues,
): RowReader[] {
  const table = tryParse(file, text, issues);
  if (!table) return [];
  const { required, optional } = columnsOf(version, file);
  const missing = required.filter((c) => !table.header.includes(c));
  for (const column of missing)
    issues.error(file, 1, column, '', `見出しに列 ${column} が必要です (OneRoster ${version})`);
  const seen = new Set<string>();
  table.header.forEach((column) => {
    if (seen.has(column)) issues.error(file, 1, column, column, '列名の重複のない見出し');
    seen.add(column);
    if (!required.includes(column) && !optional.includes(column))
      issues.warn(file, 1, column, column, '不明な列（無視します）');
  });
  if (missing.length > 0) return [];
  const readers: RowReader[] = [];
  const firstLine = new Map<string, number>();
  for (const row of table.rows) {
    if (row.values.length !== table.header.length) {
      issues.error(
        file,
        row.line,
        '',
        String(row.values.length),
        `${table.header.length} 列（見出しと同じ列数）`,
      );
      continue;
    }
    const reader = new RowReader(issues, file, table.index, row);
    const id = reader.required('sourcedId');
    const earlier = firstLine.get(id);
    if (id !== '' && earlier !== undefined)
      reader.fail('sourcedId', `ファイル内で一意の sourcedId（${earlier} 行目と重複）`);
    else firstLine.set(id, row.line);
    const status = reader.get('status');
    if (mode === 'delta') reader.oneOf('status', ['active', 'tobedeleted']);
    else if (status !== '' && status !== 'active') reader.fail('status', 'bulk では空欄または active');
    const modified = reader.get('dateLastModified');
    if (mode === 'delta' && modified === '')
      reader.fail('dateLastModified', 'delta では日時 (ISO 8601) が必要です');
    else if (modified !== '' && !isIsoDateTime(modified))
      reader.fail('dateLastModified', '日時 ISO 8601（例 2026-04-01T00:00:00Z）');
    readers.push(reader);
  }
  return readers;
}

function statusOf(r: RowReader): RowStatus {
  return r.get('status') === 'tobedeleted' ? 'tobedeleted' : 'active';
}

function buildRoster(
  version: OneRosterVersion,
  modes: Record<string, FileMode>,
  tables: Map<RosterFile, RowReader[]>,
  issues: Issues,
  known: KnownIds,
): RosterPackage {
  const rowsOf = (file: RosterFile) => tables.get(file) ?? [];

  const orgs = rowsOf('orgs.csv').map((r) => {
    const type = r.oneOf('type', ['district', 'school'], 'district | school（Japan Profile）');
    const identifier = r.get('identifier');
    const deleting = r.get('status') === 'tobedeleted';
    r.required('name');
    if (type === 'school' && !deleting) {
      const problem = findSchoolCodeProblem(identifier);
      if (problem) r.fail('identifier', SCHOOL_CODE_EXPECTED[problem] ?? '学校コード');
      else if (!['B1', 'C1', 'C2'].includes(identifier.slice(0, 2)))
        r.fail('identifier', '小学校 (B1)・中学校 (C1)・義務教育学校 (C2) の学校コード');
    }
    return {
      sourcedId: r.get('sourcedId'),
      status: statusOf(r),
      dateLastModified: r.get('dateLastModified'),
      line: r.row.line,
      name: r.get('name'),
      type,
      identifier,
      parentSourcedId: r.get('parentSourcedId'),
    };
  });

  const sessions = rowsOf('academicSessions.csv').map((r) => {
    const type = r.oneOf('type', ['schoolYear', 'term', 'semester', 'gradingPeriod']);
    const title = r.required('title');
    const startDate = r.date('startDate');
    const endDate = r.date('endDate');
    const schoolYear = r.get('schoolYear');
    if (!/^\d{4}$/.test(schoolYear)) r.fail('schoolYear', '西暦4桁の年度（例 2026）');
    if (type === 'schoolYear' && isIsoDate(startDate) && isIsoDate(endDate)) {
      const fy = Number(startDate.slice(0, 4));
      if (!startDate.endsWith('-04-01')) r.fail('startDate', '年度の初日 YYYY-04-01');
      if (endDate !== `${fy + 1}-03-31`) r.fail('endDate', `年度の末日 ${fy + 1}-03-31`);
      if (!/年度$/.test(title)) issues.warn(r.file, r.row.line, 'title', title, '「2026年度」の形の名称');
    } else if (isIsoDate(startDate) && isIsoDate(endDate) && endDate < startDate) {
      r.fail('endDate', `startDate (${startDate}) 以降の日付`);
    }
    return {
      sourcedId: r.get('sourcedId'),
      status: statusOf(r),
      dateLastModified: r.get('dateLastModified'),
      line: r.row.line,
      title,
      type,
      startDate,
      endDate,
      parentSourcedId: r.get('parentSourcedId'),
      schoolYear,
    };
  });

  const courses = rowsOf('courses.csv').map((r) => ({
    sourcedId: r.get('sourcedId'),
    status: statusOf(r),
    dateLastModified: r.get('dateLastModified'),
    line: r.row.line,
    title: r.required('title'),
    schoolYearSourcedId: r.get('schoolYearSourcedId'),
    orgSourcedId: r.required('orgSourcedId'),
    grades: r.grades('grades'),
    subjectCodes: splitList(r.get('subjectCodes')),
  }));

  const classes = rowsOf('classes.csv').map((r) => ({
    sourcedId: r.get('sourcedId'),
    status: statusOf(r),
    dateLastModified: r.get('dateLastModified'),
    line: r.row.line,
    title: r.required('title'),
    grades: r.grades('grades'),
    courseSourcedId: r.get('courseSourcedId'),
    classType: r.oneOf('classType', ['homeroom', 'scheduled']),
    schoolSourcedId: r.required('schoolSourcedId'),
    termSourcedIds: splitList(r.required('termSourcedIds')),
    subjectCodes: splitList(r.get('subjectCodes')),
    isSpecialNeeds: r.boolean('metadata.jp.specialNeeds', false) ?? false,
  }));

  const users = rowsOf('users.csv').map((r) => {
    r.boolean('enabledUser', true);
    const role = version === '1.1' ? r.oneOf('role', USER_ROLES) : '';
    return {
      sourcedId: r.get('sourcedId'),
      status: statusOf(r),
      dateLastModified: r.get('dateLastModified'),
      line: r.row.line,
      givenName: r.required('givenName'),
      familyName: r.required('familyName'),
      kanaGivenName: r.kana('metadata.jp.kanaGivenName'),
      kanaFamilyName: r.kana('metadata.jp.kanaFamilyName'),
      homeClass: r.get('metadata.jp.homeClass'),
      role,
      orgSourcedIds: version === '1.1' ? splitList(r.required('orgSourcedIds')) : [],
    };
  });

  const roles = rowsOf('roles.csv').map((r) => ({
    sourcedId: r.get('sourcedId'),
    status: statusOf(r),
    dateLastModified: r.get('dateLastModified'),
    line: r.row.line,
    userSourcedId: r.required('userSourcedId'),
    role: r.oneOf('role', USER_ROLES),
    roleType: r.oneOf('roleType', ['primary', 'secondary']),
    orgSourcedId: r.required('orgSourcedId'),
  }));

  const enrollments = rowsOf('enrollments.csv').map((r) => {
    const noColumn = r.has('metadata.jp.shussekiNo') ? 'metadata.jp.shussekiNo' : 'metadata.jp.ShussekiNo';
    const flagColumn = r.has('metadata.jp.publicFlg') ? 'metadata.jp.publicFlg' : 'metadata.jp.PublicFlg';
    const noText = r.get(noColumn);
    const shussekiNo = noText === '' ? null : parsePositiveInt(noText);
    if (noText !== '' && shussekiNo === null) r.fail(noColumn, '出席番号（1 以上の整数）');
    const beginDate = r.date('beginDate', true);
    const endDate = r.date('endDate', true);
    if (beginDate && endDate && isIsoDate(beginDate) && isIsoDate(endDate) && endDate < beginDate)
      r.fail('endDate', `beginDate (${beginDate}) 以降の日付`);
    return {
      sourcedId: r.get('sourcedId'),
      status: statusOf(r),
      dateLastModified: r.get('dateLastModified'),
      line: r.row.line,
      classSourcedId: r.required('classSourcedId'),
      schoolSourcedId: r.required('schoolSourcedId'),
      userSourcedId: r.required('userSourcedId'),
      role: r.oneOf('role', ENROLLMENT_ROLES),
      primary: r.boolean('primary', false) ?? false,
      beginDate,
      endDate,
      shussekiNo,
      publicFlg: r.boolean(flagColumn, null),
    };
  });

  const demographics = rowsOf('demographics.csv').map((r) => {
    const sex = r.oneOf('sex', ['male', 'female', 'other', 'unspecified']);
    return {
      sourcedId: r.get('sourcedId'),
      status: statusOf(r),
      dateLastModified: r.get('dateLastModified'),
      line: r.row.line,
      birthDate: r.date('birthDate', true),
      sex: sex === 'male' || sex === 'female' ? sex : ('unspecified' as const),
    };
  });

  const roster: RosterPackage = {
    version,
    modes,
    orgs,
    sessions,
    courses,
    classes,
    users,
    roles,
    enrollments,
    demographics,
  };
  checkReferences(roster, issues, known);
  return roster;
}

/** Every reference between files must resolve (to this package or to rows stored earlier). */
function checkReferences(p: RosterPackage, issues: Issues, known: KnownIds) {
  const ids = <T extends { sourcedId: string }>(rows: T[], stored: ReadonlySet<string>) => {
    const set = new Set(stored);
    for (const r of rows) set.add(r.sourcedId);
    return set;
  };
  const orgIds = ids(p.orgs, known.orgs);
  const sessionIds = ids(p.sessions, known.sessions);
  const courseIds = ids(p.courses, known.courses);
  const classIds = ids(p.classes, known.classes);
  const userIds = ids(p.users, known.users);
  const ref = (
    file: string,
    line: number,
    column: string,
    value: string,
    set: Set<string>,
    target: string,
  ) => {
    if (value !== '' && !set.has(value))
      issues.error(file, line, column, value, `${target} にある sourcedId（参照先がありません）`);
  };
  const schoolIds = new Set([
    ...known.orgs,
    ...p.orgs.filter((o) => o.type === 'school').map((o) => o.sourcedId),
  ]);
  const districts = p.orgs.filter((o) => o.type === 'district');
  if (districts.length > 1)
    for (const d of districts.slice(1))
      issues.error('orgs.csv', d.line, 'type', d.type, '教育委員会 (district) は1つまで');
  for (const o of p.orgs) ref('orgs.csv', o.line, 'parentSourcedId', o.parentSourcedId, orgIds, 'orgs.csv');
  for (const s of p.sessions)
    ref(
      'academicSessions.csv',
      s.line,
      'parentSourcedId',
      s.parentSourcedId,
      sessionIds,
      'academicSessions.csv',
    );
  for (const c of p.courses) {
    ref(
      'courses.csv',
      c.line,
      'schoolYearSourcedId',
      c.schoolYearSourcedId,
      sessionIds,
      'academicSessions.csv',
    );
    ref('courses.csv', c.line, 'orgSourcedId', c.orgSourcedId, orgIds, 'orgs.csv');
  }
  const coursesById = new Map(p.courses.map((c) => [c.sourcedId, c]));
  for (const c of p.classes) {
    // courses are not stored (only their grade and subject, on the class): a delta without
    // courses.csv may name a course sent earlier, so its reference is checked only when the file is here
    if (p.modes['courses.csv'] !== 'absent')
      ref('classes.csv', c.line, 'courseSourcedId', c.courseSourcedId, courseIds, 'courses.csv');
    ref('classes.csv', c.line, 'schoolSourcedId', c.schoolSourcedId, schoolIds, 'orgs.csv の学校');
    for (const t of c.termSourcedIds)
      ref('classes.csv', c.line, 'termSourcedIds', t, sessionIds, 'academicSessions.csv');
    if (c.status === 'active') {
      const grades = c.grades.length > 0 ? c.grades : (coursesById.get(c.courseSourcedId)?.grades ?? []);
      if (
        !grades.some((g) => /^[PJ][1-6]$/.test(g)) &&
        (c.grades.length > 0 || coursesById.has(c.courseSourcedId))
      )
        issues.error(
          'classes.csv',
          c.line,
          'grades',
          c.grades.join(','),
          '小中学校の学年 (P1–P6, J1–J3) を1つ以上',
        );
    }
  }
  for (const u of p.users) {
    ref('users.csv', u.line, 'metadata.jp.homeClass', u.homeClass, classIds, 'classes.csv');
    for (const o of u.orgSourcedIds) ref('users.csv', u.line, 'orgSourcedIds', o, orgIds, 'orgs.csv');
  }
  for (const r of p.roles) {
    ref('roles.csv', r.line, 'userSourcedId', r.userSourcedId, userIds, 'users.csv');
    ref('roles.csv', r.line, 'orgSourcedId', r.orgSourcedId, orgIds, 'orgs.csv');
  }
  for (const e of p.enrollments) {
    ref('enrollments.csv', e.line, 'classSourcedId', e.classSourcedId, classIds, 'classes.csv');
    ref('enrollments.csv', e.line, 'schoolSourcedId', e.schoolSourcedId, schoolIds, 'orgs.csv の学校');
    ref('enrollments.csv', e.line, 'userSourcedId', e.userSourcedId, userIds, 'users.csv');
  }
  for (const d of p.demographics)
    ref('demographics.csv', d.line, 'sourcedId', d.sourcedId, userIds, 'users.csv');

  // 1.2: a user's role comes from roles.csv (the primary one); enrollments tell us when it does not.
  if (p.version === '1.2') {
    const primaryRole = new Map<string, string>();
    for (const r of p.roles)
      if (r.roleType === 'primary' || !primaryRole.has(r.userSourcedId))
        primaryRole.set(r.userSourcedId, r.role);
    const enrolledRole = new Map<string, string>();
    for (const e of p.enrollments)
      if (!enrolledRole.has(e.userSourcedId)) enrolledRole.set(e.userSourcedId, e.role);
    for (const u of p.users) u.role = primaryRole.get(u.sourcedId) ?? enrolledRole.get(u.sourcedId) ?? '';
  }
}

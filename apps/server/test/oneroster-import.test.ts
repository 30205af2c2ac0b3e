import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { importOneRosterPackage } from '../src/modules/oneroster/import-package.ts';
import { readFolder } from '../src/modules/oneroster/csv/read-package.ts';
import { rowsOf } from '../src/modules/oneroster/repo.ts';
import { openTestDatabase, testEngines, type TestDatabase } from './support/test-db.ts';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/oneroster');
const fixture = (name: string) => readFolder(path.join(FIXTURES, name));
const options = { municipalityId: null, dryRun: false, today: '2026-11-20' };

async function snapshot(database: TestDatabase) {
  const q = async (text: string) => {
    return rowsOf<Record<string, unknown>>(await database.db.execute(sql.raw(text)));
  };
  return {
    schools: await q('SELECT sourced_id, code, name, kind, updated_at FROM schools ORDER BY sourced_id'),
    years: await q('SELECT sourced_id, fiscal_year, title, updated_at FROM school_years ORDER BY sourced_id'),
    classes: await q(
      'SELECT sourced_id, grade_code, name, class_type, is_special_needs, subject_code, updated_at FROM classes ORDER BY sourced_id',
    ),
    people: await q(
      'SELECT sourced_id, kind, family_name, given_name, family_name_kana, given_name_kana, birth_date, sex, updated_at FROM people ORDER BY sourced_id',
    ),
    identities: await q(
      "SELECT source_id FROM source_identities WHERE system = 'oneroster' ORDER BY source_id",
    ),
    enrollments: await q(
      'SELECT e.sourced_id, c.sourced_id AS class, p.sourced_id AS student, attendance_no, start_date, end_date, e.updated_at FROM enrollments e JOIN classes c ON c.id = e.class_id JOIN people p ON p.id = e.student_id ORDER BY e.sourced_id',
    ),
    teachers: await q(
      'SELECT c.sourced_id AS class, p.sourced_id AS person, t.role FROM class_teachers t JOIN classes c ON c.id = t.class_id JOIN people p ON p.id = t.person_id ORDER BY 1, 2',
    ),
  };
}

describe.each(testEngines())('OneRoster import (%s)', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(async () => database?.dispose());

  it('imports a Japan Profile 1.2 bulk package into an empty instance', async () => {
    const report = await importOneRosterPackage(database.db, await fixture('valid-bulk'), options);
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ ok: true, committed: true, version: '1.2' });
    expect(report.counts.applied.people?.inserted).toBe(20);
    const s = await snapshot(database);
    expect(s.schools.map((r) => r.kind)).toEqual(['junior_high', 'elementary']);
    expect(s.years).toMatchObject([{ sourced_id: 'ay-2026', fiscal_year: 2026, title: '2026年度' }]);
    expect(s.classes).toContainEqual(
      expect.objectContaining({ sourced_id: 'cls-himawari', is_special_needs: true, grade_code: 'P3' }),
    );
    expect(s.classes).toContainEqual(
      expect.objectContaining({ sourced_id: 'cls-j1-math', class_type: 'scheduled', subject_code: 'MATH' }),
    );
    expect(s.people.filter((p) => p.kind === 'student')).toHaveLength(15);
    expect(s.people).toContainEqual(
      expect.objectContaining({
        sourced_id: 'stu-02',
        family_name_kana: 'スズキ',
        given_name_kana: 'ユイ',
        sex: 'female',
      }),
    );
    expect(s.identities).toHaveLength(20);
    expect(s.enrollments).toContainEqual(
      expect.objectContaining({ sourced_id: 'enr-stu-04', class: 'cls-p5-1', attendance_no: 4 }),
    );
    expect(s.teachers).toContainEqual({ class: 'cls-p5-1', person: 'tch-01', role: 'homeroom' });
    expect(s.teachers).toContainEqual({ class: 'cls-j1-math', person: 'tch-05', role: 'subject' });
  });

  it('changes nothing when the same package is imported again', async () => {
    const before = await snapshot(database);
    const report = await importOneRosterPackage(database.db, await fixture('valid-bulk'), options);
    expect(report.ok).toBe(true);
    for (const [kind, c] of Object.entries(report.counts.applied))
      expect({ kind, ...c }).toMatchObject({ kind, inserted: 0, updated: 0, ended: 0 });
    // what was there already is counted as unchanged
    expect(report.counts.applied.people).toMatchObject({ unchanged: 20 });
    expect(report.counts.applied.schools).toMatchObject({ unchanged: 2 });
    expect(await snapshot(database)).toEqual(before);
  });

  it('records a re-import from the command line as a batch with nothing created, updated or deleted', async () => {
    const before = await snapshot(database);
    const report = await importOneRosterPackage(database.db, await fixture('valid-bulk'), {
      ...options,
      record: { fileName: 'valid-bulk', createdBy: null, via: 'cli' },
    });
    expect(report).toMatchObject({ ok: true, committed: true });
    expect(report.batchId).toBeGreaterThan(0);
    const [batch] = rowsOf<{
      source_system: string;
      kind: string;
      status: string;
      file_name: string;
      created_by: number | null;
      row_count: number;
      report: { via: string; counts: typeof report.counts; errors: unknown[] };
    }>(
      await database.db.execute(
        sql`SELECT source_system, kind, status, file_name, created_by, row_count, report FROM import_batches WHERE id = ${report.batchId!}`,
      ),
    );
    expect(batch).toMatchObject({
      source_system: 'oneroster',
      kind: 'roster',
      status: 'committed',
      file_name: 'valid-bulk',
      created_by: null,
      report: { via: 'cli', errors: [] },
    });
    expect(batch!.row_count).toBe(Object.values(report.counts.rows).reduce((a, b) => a + b, 0));
    const changed = Object.values(batch!.report.counts.applied).map((c) => c.inserted + c.updated + c.ended);
    expect(changed.every((n) => n === 0)).toBe(true);
    expect(batch!.report.counts.applied.enrollments?.unchanged).toBeGreaterThan(0);
    expect(await snapshot(database)).toEqual(before);
  });

  it('applies a delta: new pupil, corrected name, a stay ended, a user deleted', async () => {
    const report = await importOneRosterPackage(database.db, await fixture('delta'), options);
    expect(report.errors).toEqual([]);
    const s = await snapshot(database);
    expect(s.enrollments).toContainEqual(
      expect.objectContaining({
        sourced_id: 'enr-stu-16',
        class: 'cls-p5-2',
        attendance_no: 4,
        start_date: '2026-09-01',
      }),
    );
    expect(s.people).toContainEqual(expect.objectContaining({ sourced_id: 'stu-02', given_name: '結依' }));
    // tobedeleted ends the stay the day before (the roster screens count pupils enrolled on a date)
    expect(s.enrollments).toContainEqual(
      expect.objectContaining({ sourced_id: 'enr-stu-03', end_date: '2026-08-31' }),
    );
    expect(s.enrollments).toContainEqual(
      expect.objectContaining({ sourced_id: 'enr-stu-07', end_date: '2026-08-31' }),
    );
    expect(s.people.some((p) => p.sourced_id === 'stu-07')).toBe(true);
    const again = await importOneRosterPackage(database.db, await fixture('delta'), options);
    expect(Object.values(again.counts.applied).every((c) => c.inserted + c.updated + c.ended === 0)).toBe(
      true,
    );
  });
  it('creates a look-alike new pupil and leaves a 名寄せ review for an admin', async () => {
    const T = '2026-10-01T00:00:00Z';
    const files = new Map([
      [
        'manifest.csv',
        'propertyName,value\r\noneroster.version,1.2\r\nfile.users,delta\r\nfile.roles,delta\r\nfile.enrollments,delta\r\nfile.demographics,delta\r\n',
      ],
      [
        'users.csv',
        `sourcedId,status,dateLastModified,enabledUser,username,givenName,familyName,metadata.jp.kanaGivenName,metadata.jp.kanaFamilyName\r\nstu-01-again,active,${T},true,x,陽翔,佐藤,ハルト,サトウ\r\n`,
      ],
      [
        'roles.csv',
        `sourcedId,status,dateLastModified,userSourcedId,roleType,role,orgSourcedId\r\nrole-x,active,${T},stu-01-again,primary,student,org-sho\r\n`,
      ],
      [
        'enrollments.csv',
        `sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate,metadata.jp.shussekiNo\r\nenr-x,active,${T},cls-p5-2,org-sho,stu-01-again,student,false,2026-10-01,,9\r\n`,
      ],
      [
        'demographics.csv',
        `sourcedId,status,dateLastModified,birthDate,sex\r\nstu-01-again,active,${T},2015-05-10,male\r\n`,
      ],
    ]);
    const report = await importOneRosterPackage(database.db, files, options);
    expect(report.errors).toEqual([]);
    expect(report.counts.applied.identityReviews?.inserted).toBe(1);
    const reviews = rowsOf<{ source_id: string; candidate: string; status: string }>(
      await database.db.execute(
        sql`SELECT r.source_id, p.sourced_id AS candidate, r.status FROM identity_reviews r JOIN people p ON p.id = r.candidate_person_id`,
      ),
    );
    expect(reviews).toEqual([{ source_id: 'stu-01-again', candidate: 'stu-01', status: 'pending' }]);
    expect((await snapshot(database)).people.some((p) => p.sourced_id === 'stu-01-again')).toBe(true);
  });
});

describe.each(testEngines())('OneRoster import, other packages (%s)', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(async () => database?.dispose());

  it('lists every problem of a bad package with file, row and column, and writes nothing', async () => {
    const report = await importOneRosterPackage(database.db, await fixture('invalid'), options);
    expect(report.ok).toBe(false);
    expect(report.committed).toBe(false);
    const at = (file: string, row: number, column: string) =>
      report.errors.find((e) => e.file === file && e.row === row && e.column === column);
    // bad header
    expect(at('demographics.csv', 1, 'sex')?.expected).toContain('sex');
    expect(report.warnings).toContainEqual(
      expect.objectContaining({ file: 'demographics.csv', row: 1, column: 'sexx' }),
    );
    // bad enum
    expect(at('classes.csv', 3, 'classType')).toMatchObject({
      value: 'homeroomx',
      expected: 'homeroom | scheduled',
    });
    // half-width kana
    expect(at('users.csv', 3, 'metadata.jp.kanaGivenName')?.value).toBe('ﾕｲ');
    expect(at('users.csv', 3, 'metadata.jp.kanaGivenName')?.expected).toContain('半角カナ');
    // 学校コード check digit
    expect(at('orgs.csv', 4, 'identifier')?.value).toBe('C113210000219');
    expect(at('orgs.csv', 4, 'identifier')?.expected).toContain('チェックディジット');
    // dangling reference
    expect(at('enrollments.csv', 2, 'classSourcedId')).toMatchObject({ value: 'cls-p5-9' });
    // bad date
    expect(at('academicSessions.csv', 2, 'startDate')).toMatchObject({
      value: '2026-04-31',
      expected: '日付 YYYY-MM-DD',
    });
    // duplicate sourcedId
    expect(at('users.csv', 5, 'sourcedId')?.value).toBe('stu-03');
    expect(at('users.csv', 5, 'sourcedId')?.expected).toContain('4 行目');
    // dangling references are listed in full (stu-04 was renamed by the duplicate)
    expect(
      report.errors
        .filter((e) => e.value === 'stu-04')
        .map((e) => `${e.file}:${e.row}:${e.column}`)
        .sort(),
    ).toEqual(['enrollments.csv:5:userSourcedId', 'roles.csv:5:userSourcedId']);
    const s = await snapshot(database);
    expect(s.people).toEqual([]);
    expect(s.schools).toEqual([]);
  });

  it('is all-or-nothing: a problem found while writing the last file leaves the database unchanged', async () => {
    const files = await fixture('valid-bulk');
    const enrollments = files.get('enrollments.csv') ?? '';
    // a 5年1組 pupil starting before the school year: only seen once the class's year is known
    files.set(
      'enrollments.csv',
      enrollments.replace(
        'enr-stu-01,,,cls-p5-1,org-sho,stu-01,student,false,,',
        'enr-stu-01,,,cls-p5-1,org-sho,stu-01,student,false,2026-03-01,',
      ),
    );
    const report = await importOneRosterPackage(database.db, files, options);
    expect(report.committed).toBe(false);
    expect(report.errors).toEqual([
      expect.objectContaining({ file: 'enrollments.csv', row: 2, column: 'beginDate', value: '2026-03-01' }),
    ]);
    const s = await snapshot(database);
    expect(s.people).toEqual([]);
    expect(s.schools).toEqual([]);
    expect(s.classes).toEqual([]);
  });

  it('reports its progress: each file while validating, then each apply step in order', async () => {
    const seen: string[] = [];
    const report = await importOneRosterPackage(database.db, await fixture('valid-bulk'), {
      ...options,
      dryRun: true,
      onProgress: (p) => {
        seen.push(`${p.phase}:${p.step}:${p.stepsDone}/${p.stepsTotal}`);
      },
    });
    expect(report.ok).toBe(true);
    const validating = seen.filter((s) => s.startsWith('validating:'));
    expect(validating[0]).toBe('validating:orgs.csv:0/9');
    expect(validating).toContain('validating:users.csv:4/9');
    expect(validating.at(-1)).toBe('validating:references:8/9');
    expect(seen.filter((s) => s.startsWith('applying:'))).toEqual([
      'applying:schools:0/7',
      'applying:schoolYears:1/7',
      'applying:classes:2/7',
      'applying:people:3/7',
      'applying:enrollments:4/7',
      'applying:deletions:5/7',
    ]);
  });

  it('validates without writing on a dry run', async () => {
    const report = await importOneRosterPackage(database.db, await fixture('valid-bulk'), {
      ...options,
      dryRun: true,
    });
    expect(report).toMatchObject({ ok: true, committed: false });
    expect(report.counts.applied.people?.inserted).toBe(20);
    expect((await snapshot(database)).people).toEqual([]);
  });

  it('reads a OneRoster 1.1 package (role and orgs on users.csv)', async () => {
    const report = await importOneRosterPackage(database.db, await fixture('v1p1'), options);
    expect(report.errors).toEqual([]);
    expect(report.version).toBe('1.1');
    const s = await snapshot(database);
    expect(s.people.map((p) => `${String(p.sourced_id)}:${String(p.kind)}`)).toEqual([
      'stu-01:student',
      'stu-02:student',
      'stu-03:student',
      'stu-04:student',
      'tch-01:staff',
    ]);
    expect(s.enrollments).toHaveLength(4);
  });
});

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OneRosterImportReport } from '@edukarte/shared';
import { readFolder, readZip } from '../src/modules/oneroster/csv/read-package.ts';
import { exportOneRosterPackage } from '../src/modules/oneroster/export-package.ts';
import { importOneRosterPackage } from '../src/modules/oneroster/import-package.ts';
import { rowsOf } from '../src/modules/oneroster/repo.ts';
import type { Db } from '../src/db/client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { openTestDatabase, testEngines, type TestDatabase } from './support/test-db.ts';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/oneroster');
const options = { municipalityId: null, dryRun: false, today: '2026-11-20' };

async function zipOf(name: string): Promise<Uint8Array> {
  const files = await readFolder(path.join(FIXTURES, name));
  return zipSync(Object.fromEntries([...files].map(([file, text]) => [file, strToU8(text)])));
}

/** The roster as OneRoster sees it: sourcedIds and values, no internal ids or timestamps. */
async function roster(db: Db) {
  const q = async (text: string) => rowsOf<Record<string, unknown>>(await db.execute(sql.raw(text)));
  return {
    schools: await q('SELECT sourced_id, code, name, kind FROM schools ORDER BY 1'),
    years: await q(
      'SELECT sourced_id, fiscal_year, title, start_date, end_date FROM school_years ORDER BY 1',
    ),
    classes: await q(`SELECT c.sourced_id, s.sourced_id AS school, c.grade_code, c.name, c.class_type,
      c.is_special_needs, c.subject_code FROM classes c JOIN schools s ON s.id = c.school_id ORDER BY 1`),
    people: await q(`SELECT sourced_id, kind, family_name, given_name, family_name_kana, given_name_kana,
      birth_date, sex FROM people ORDER BY 1`),
    enrollments: await q(`SELECT e.sourced_id, c.sourced_id AS class, p.sourced_id AS student, attendance_no,
      start_date, end_date FROM enrollments e JOIN classes c ON c.id = e.class_id JOIN people p ON p.id = e.student_id
      ORDER BY 1`),
    teachers: await q(`SELECT c.sourced_id AS class, p.sourced_id AS person, t.role FROM class_teachers t
      JOIN classes c ON c.id = t.class_id JOIN people p ON p.id = t.person_id ORDER BY 1, 2`),
  };
}

describe.each(testEngines())('OneRoster export round trip (%s)', (engine) => {
  let source: TestDatabase;
  let target: TestDatabase;
  beforeAll(async () => {
    [source, target] = await Promise.all([openTestDatabase(engine), openTestDatabase(engine)]);
  });
  afterAll(async () => Promise.all([source?.dispose(), target?.dispose()]));

  it('export → import into a fresh instance gives the same roster, sourcedIds and 出席番号', async () => {
    for (const name of ['valid-bulk', 'delta']) {
      const report = await importOneRosterPackage(source.db, readZip(await zipOf(name)), options);
      expect(report.errors).toEqual([]);
    }
    const municipality = rowsOf<{ id: number }>(await source.db.execute(sql`SELECT id FROM municipalities`));
    const zip = await exportOneRosterPackage(source.db, municipality[0]!.id);
    const files = readZip(zip);
    expect([...files.keys()].sort()).toEqual([
      'academicSessions.csv',
      'classes.csv',
      'courses.csv',
      'demographics.csv',
      'enrollments.csv',
      'manifest.csv',
      'orgs.csv',
      'roles.csv',
      'users.csv',
    ]);
    expect(files.get('users.csv')).toContain('metadata.jp.kanaFamilyName');
    const report = await importOneRosterPackage(target.db, files, options);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(await roster(target.db)).toEqual(await roster(source.db));
  });
});

describe.each(testEngines())('OneRoster admin endpoints (%s)', (engine) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.signIn('admin');
  });
  afterAll(async () => t?.dispose());

  const upload = (cookie: string, zip: Uint8Array, query = '') => {
    const form = new FormData();
    form.append('file', new Blob([zip], { type: 'application/zip' }), 'roster.zip');
    return fetch(`${t.baseUrl}/api/admin/oneroster/imports${query}`, {
      method: 'POST',
      headers: { cookie },
      body: form,
    });
  };

  it('refuses every role but admin (403), for import and export', async () => {
    for (const login of ['teacher', 'principal', 'nurse', 'board', 'student']) {
      const cookie = await t.signIn(login);
      expect((await upload(cookie, await zipOf('valid-bulk'), '?dryRun=true')).status).toBe(403);
      expect((await t.get('/api/admin/oneroster/export', cookie)).status).toBe(403);
    }
    expect((await t.get('/api/admin/oneroster/export')).status).toBe(401);
  });

  it('reports every problem of a bad package and imports a good one', async () => {
    const bad = OneRosterImportReport.parse(await (await upload(admin, await zipOf('invalid'))).json());
    expect(bad.ok).toBe(false);
    expect(bad.errors).toContainEqual(
      expect.objectContaining({ file: 'classes.csv', row: 3, column: 'classType', value: 'homeroomx' }),
    );
    const dry = OneRosterImportReport.parse(
      await (await upload(admin, await zipOf('valid-bulk'), '?dryRun=true')).json(),
    );
    expect(dry).toMatchObject({ ok: true, committed: false });
    const response = await upload(admin, await zipOf('valid-bulk'));
    expect(response.status).toBe(200);
    const done = OneRosterImportReport.parse(await response.json());
    expect(done).toMatchObject({ ok: true, committed: true });
    const classes = (await (await t.get('/api/classes?fiscalYear=2026', admin)).json()) as {
      classes: { label: string; schoolName: string }[];
    };
    expect(classes.classes).toContainEqual(
      expect.objectContaining({ label: 'ひまわり学級', schoolName: 'テスト区立みなみ小学校' }),
    );
  });

  it('exports the municipality roster as a package the importer accepts', async () => {
    const response = await fetch(`${t.baseUrl}/api/admin/oneroster/export`, { headers: { cookie: admin } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/zip');
    const files = readZip(new Uint8Array(await response.arrayBuffer()));
    const fresh = await openTestDatabase(engine);
    try {
      const report = await importOneRosterPackage(fresh.db, files, options);
      expect(report.errors).toEqual([]);
      expect(report.counts.applied.people?.inserted).toBeGreaterThan(20);
    } finally {
      await fresh.dispose();
    }
  });

  it('rejects a file that is not a zip with a clear message', async () => {
    const response = await upload(admin, strToU8('not a zip'));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('ZIP');
  });
});

/**
 * npx tsx bench/oneroster-import.ts [--users 100000] [--engine postgres|pglite] [--server-url postgres://…]
 * Generates a OneRoster 1.2 Japan Profile package of N pupils (with kana names and 出席番号) and their
 * enrollments, imports it into a throwaway database and prints parse / validate / apply times, then
 * re-imports the same package (nothing changes) and prints that time. Goal: 100,000 users under 15 s.
 * Then prints what one page of the REST API's users costs on that roster.
 */
import { parseArgs } from 'node:util';
import { strToU8, zipSync } from 'fflate';
import { buildSchoolCode } from '@edukarte/shared';
import type { Engine } from '../apps/server/src/db/client.ts';
import { openThrowawayDatabase } from '../apps/server/src/db/throwaway-database.ts';
import { readZip } from '../apps/server/src/modules/oneroster/csv/read-package.ts';
import { parseCsv } from '../apps/server/src/modules/oneroster/csv/parse-csv.ts';
import { exportHeader } from '../apps/server/src/modules/oneroster/csv/columns.ts';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../apps/server/src/modules/oneroster/repo.ts';
import { applyQuery, parseCollectionQuery } from '../apps/server/src/modules/oneroster/rest/query.ts';
import { loadCollection } from '../apps/server/src/modules/oneroster/rest/resources.ts';
import {
  importOneRosterPackage,
  type ImportTimings,
} from '../apps/server/src/modules/oneroster/import-package.ts';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '100000' },
    engine: { type: 'string', default: 'postgres' },
    'server-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const USERS = Number(values.users);
const PER_CLASS = 33;
const CLASSES_PER_GRADE = 5;
const GRADES = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6'];

const FAMILY = [
  ['佐藤', 'サトウ'],
  ['鈴木', 'スズキ'],
  ['高橋', 'タカハシ'],
  ['田中', 'タナカ'],
  ['伊藤', 'イトウ'],
  ['渡辺', 'ワタナベ'],
  ['山本', 'ヤマモト'],
  ['中村', 'ナカムラ'],
] as const;
const GIVEN = [
  ['陽翔', 'ハルト'],
  ['結衣', 'ユイ'],
  ['蓮', 'レン'],
  ['凛', 'リン'],
  ['湊', 'ミナト'],
  ['葵', 'アオイ'],
  ['大和', 'ヤマト'],
  ['芽依', 'メイ'],
  ['悠真', 'ユウマ'],
] as const;

function csv(file: Parameters<typeof exportHeader>[0], rows: Record<string, string>[]): string {
  const header = exportHeader(file);
  const lines = [header.join(',')];
  for (const r of rows) lines.push(header.map((h) => r[h] ?? '').join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function generate(users: number): Uint8Array {
  const schoolsNeeded = Math.ceil(users / (PER_CLASS * CLASSES_PER_GRADE * GRADES.length));
  const orgs: Record<string, string>[] = [
    { sourcedId: 'district', name: 'ベンチ市教育委員会', type: 'district', identifier: '139999' },
  ];
  const courses: Record<string, string>[] = [];
  const classes: Record<string, string>[] = [];
  const people: Record<string, string>[] = [];
  const roles: Record<string, string>[] = [];
  const enrollments: Record<string, string>[] = [];
  const demographics: Record<string, string>[] = [];
  let n = 0;
  for (let s = 0; s < schoolsNeeded; s++) {
    const school = `sch-${s}`;
    orgs.push({
      sourcedId: school,
      name: `ベンチ市立第${s + 1}小学校`,
      type: 'school',
      identifier: buildSchoolCode('B1', 13, 2, 1_000_000 + s),
      parentSourcedId: 'district',
    });
    for (const grade of GRADES) {
      const course = `crs-${s}-${grade}`;
      courses.push({
        sourcedId: course,
        schoolYearSourcedId: 'ay-2026',
        title: `${grade.slice(1)}年`,
        grades: grade,
        orgSourcedId: school,
      });
      for (let c = 1; c <= CLASSES_PER_GRADE; c++) {
        const cls = `cls-${s}-${grade}-${c}`;
        classes.push({
          sourcedId: cls,
          title: `${c}組`,
          grades: grade,
          courseSourcedId: course,
          classType: 'homeroom',
          schoolSourcedId: school,
          termSourcedIds: 'ay-2026',
          'metadata.jp.specialNeeds': 'false',
        });
        for (let no = 1; no <= PER_CLASS && n < users; no++, n++) {
          const [family, familyKana] = FAMILY[n % FAMILY.length]!;
          const [given, givenKana] = GIVEN[Math.floor(n / FAMILY.length) % GIVEN.length]!;
          const id = `u-${n}`;
          people.push({
            sourcedId: id,
            enabledUser: 'true',
            username: id,
            givenName: given,
            familyName: family,
            grades: grade,
            'metadata.jp.kanaGivenName': givenKana,
            'metadata.jp.kanaFamilyName': familyKana,
            'metadata.jp.homeClass': cls,
          });
          roles.push({
            sourcedId: `r-${n}`,
            userSourcedId: id,
            roleType: 'primary',
            role: 'student',
            orgSourcedId: school,
          });
          enrollments.push({
            sourcedId: `e-${n}`,
            classSourcedId: cls,
            schoolSourcedId: school,
            userSourcedId: id,
            role: 'student',
            primary: 'false',
            'metadata.jp.shussekiNo': String(no),
            'metadata.jp.publicFlg': 'false',
          });
          demographics.push({
            sourcedId: id,
            birthDate: `2015-0${(n % 9) + 1}-1${n % 10}`,
            sex: n % 2 ? 'male' : 'female',
          });
        }
      }
    }
  }
  const manifest = [
    'propertyName,value',
    'manifest.version,1.0',
    'oneroster.version,1.2',
    ...[
      'academicSessions',
      'orgs',
      'courses',
      'classes',
      'users',
      'roles',
      'enrollments',
      'demographics',
    ].map((f) => `file.${f},bulk`),
  ].join('\r\n');
  return zipSync({
    'manifest.csv': strToU8(manifest),
    'orgs.csv': strToU8(csv('orgs.csv', orgs)),
    'academicSessions.csv': strToU8(
      csv('academicSessions.csv', [
        {
          sourcedId: 'ay-2026',
          title: '2026年度',
          type: 'schoolYear',
          startDate: '2026-04-01',
          endDate: '2027-03-31',
          schoolYear: '2026',
        },
      ]),
    ),
    'courses.csv': strToU8(csv('courses.csv', courses)),
    'classes.csv': strToU8(csv('classes.csv', classes)),
    'users.csv': strToU8(csv('users.csv', people)),
    'roles.csv': strToU8(csv('roles.csv', roles)),
    'enrollments.csv': strToU8(csv('enrollments.csv', enrollments)),
    'demographics.csv': strToU8(csv('demographics.csv', demographics)),
  });
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const zip = generate(USERS);
console.log(
  `package: ${USERS.toLocaleString()} users (+ roles, enrollments, demographics), zip ${(zip.length / 1e6).toFixed(1)} MB`,
);
const database = await openThrowawayDatabase(values.engine as Engine, { serverUrl: values['server-url'] });
try {
  const t0 = performance.now();
  const files = readZip(zip);
  const unzipMs = performance.now() - t0;
  const p0 = performance.now();
  for (const text of files.values()) parseCsv(text);
  const parseMs = performance.now() - p0;
  const options = { municipalityId: null, dryRun: false, today: '2026-11-20' };

  const first: ImportTimings = { validateMs: 0, applyMs: 0 };
  const s1 = performance.now();
  const report = await importOneRosterPackage(database.db, readZip(zip), options, first);
  const total1 = performance.now() - s1;
  if (!report.ok) throw new Error(`import failed: ${JSON.stringify(report.errors.slice(0, 5))}`);
  console.log(`engine ${database.engine}`);
  console.log(`unzip             ${seconds(unzipMs)}`);
  console.log(`parse (CSV)       ${seconds(parseMs)}  (measured alone; also part of validate below)`);
  console.log(`parse + validate  ${seconds(first.validateMs)}`);
  console.log(`apply             ${seconds(first.applyMs)}`);
  console.log(
    `total import      ${seconds(unzipMs + total1)}  ${unzipMs + total1 < 15_000 ? '(goal < 15 s met)' : '(goal < 15 s NOT met)'}`,
  );
  console.log(`  applied: ${JSON.stringify(report.counts.applied)}`);

  const second: ImportTimings = { validateMs: 0, applyMs: 0 };
  const s2 = performance.now();
  const again = await importOneRosterPackage(database.db, readZip(zip), options, second);
  const total2 = performance.now() - s2;
  const changed = Object.values(again.counts.applied).reduce(
    (n, c) => n + c.inserted + c.updated + c.ended,
    0,
  );
  console.log(
    `re-import         ${seconds(total2)} (validate ${seconds(second.validateMs)}, apply ${seconds(second.applyMs)}; ${changed} rows changed)`,
  );

  // what a REST client's page of users costs: the collection is read whole, then filtered and paged
  const [municipality] = rowsOf<{ id: number }>(
    await database.db.execute(sql`SELECT min(id) AS id FROM municipalities`),
  );
  const query = parseCollectionQuery({ limit: '100', offset: '5000' });
  if (!query.ok) throw new Error(query.message);
  const pages: number[] = [];
  for (let i = 0; i < 3; i++) {
    const r0 = performance.now();
    const users = await loadCollection(database.db, municipality!.id, 'users');
    applyQuery(users, query.query);
    pages.push(performance.now() - r0);
  }
  console.log(
    `REST users page  ${seconds(Math.min(...pages))} (GET …/users?limit=100&offset=5000, best of 3)`,
  );
} finally {
  await database.dispose();
}

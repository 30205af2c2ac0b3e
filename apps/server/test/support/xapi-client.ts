import { and, asc, gte, lte } from 'drizzle-orm';
import type { Engine } from '../../src/db/client.ts';
import { enrollments, municipalities, sourceIdentities } from '../../src/db/schema/index.ts';
import { registerClient } from '../../src/modules/clients/service.ts';
import { buildMunicipality } from './factories.ts';
import { startTestApp, TEST_TODAY, type TestApp } from './test-app.ts';

/** The drill vendor of the tests (the demo's まなびドリル has its launch URL on this origin). */
export const DRILL_HOME = 'https://drill.example.jp';

export interface Credentials {
  key: string;
  secret: string;
}

export interface XapiFixture {
  t: TestApp;
  municipalityId: number;
  /** an xAPI client of the demo municipality */
  client: Credentials;
  /** an xAPI client of another municipality */
  outsider: Credentials;
  /** a pupil enrolled on TEST_TODAY, known to the drill vendor as `S-000123` */
  pupil: { id: number; schoolId: number; classId: number; account: { homePage: string; name: string } };
  /** a classmate, `S-000124` */
  classmate: { id: number; account: { homePage: string; name: string } };
  /** an HTTP client for the LRS with the fixture client's credentials */
  call(path: string, init?: XapiInit): Promise<Response>;
  callAs(who: Credentials | null, path: string, init?: XapiInit): Promise<Response>;
  dispose(): Promise<void>;
}

export interface XapiInit {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** leave out X-Experience-API-Version */
  noVersion?: boolean;
}

export const basic = (c: Credentials) => `Basic ${Buffer.from(`${c.key}:${c.secret}`).toString('base64')}`;

/** A demo municipality with two xAPI clients (one of another municipality) and two known pupils. */
export async function startXapiFixture(engine: Engine): Promise<XapiFixture> {
  const t = await startTestApp(engine);
  const { db } = t.database;
  const [municipality] = await db.select().from(municipalities).orderBy(asc(municipalities.id)).limit(1);
  const municipalityId = municipality!.id;
  const a = await registerClient(db, { municipalityId, name: 'まなびドリル', kind: 'xapi' });
  const other = await buildMunicipality(db);
  const b = await registerClient(db, { municipalityId: other.id, name: '他市のドリル', kind: 'xapi' });
  const enrolled = await db
    .select()
    .from(enrollments)
    .where(and(lte(enrollments.startDate, TEST_TODAY), gte(enrollments.endDate, TEST_TODAY)))
    .orderBy(asc(enrollments.classId), asc(enrollments.attendanceNo))
    .limit(2);
  const [first, second] = enrolled;
  if (!first || !second || first.classId !== second.classId)
    throw new Error('no two classmates enrolled today');
  await db.insert(sourceIdentities).values([
    { personId: first.studentId, system: DRILL_HOME, sourceId: 'S-000123' },
    { personId: second.studentId, system: DRILL_HOME, sourceId: 'S-000124' },
  ]);
  const client = { key: a.client.clientKey, secret: a.secret };
  const callAs = (who: Credentials | null, path: string, init: XapiInit = {}) => {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (who) headers.authorization = basic(who);
    if (!init.noVersion && headers['x-experience-api-version'] === undefined)
      headers['x-experience-api-version'] = '1.0.3';
    let body: string | Buffer | undefined;
    if (init.body !== undefined) {
      if (typeof init.body === 'string' || Buffer.isBuffer(init.body)) body = init.body;
      else {
        body = JSON.stringify(init.body);
        headers['content-type'] ??= 'application/json';
      }
    }
    return fetch(`${t.baseUrl}${path}`, { method: init.method ?? 'GET', headers, body });
  };
  return {
    t,
    municipalityId,
    client,
    outsider: { key: b.client.clientKey, secret: b.secret },
    pupil: {
      id: first.studentId,
      schoolId: first.schoolId,
      classId: first.classId,
      account: { homePage: DRILL_HOME, name: 'S-000123' },
    },
    classmate: { id: second.studentId, account: { homePage: DRILL_HOME, name: 'S-000124' } },
    call: (path, init) => callAs(client, path, init),
    callAs,
    dispose: () => t.dispose(),
  };
}

/** Statement JSON as tests build and bend it. */
export interface StatementJson {
  [key: string]: unknown;
  id?: string;
  actor: Record<string, unknown>;
  verb: { id: string; display?: unknown };
  object: Record<string, unknown>;
  result?: unknown;
  timestamp?: string;
}

/** A drill answer as a Japanese drill vendor sends it. */
export function drillStatement(
  account: { homePage: string; name: string },
  overrides: Partial<StatementJson> = {},
): StatementJson {
  return {
    actor: { objectType: 'Agent', name: '児童', account },
    verb: {
      id: 'http://adlnet.gov/expapi/verbs/answered',
      display: { 'ja-JP': '解答した', 'en-US': 'answered' },
    },
    object: {
      objectType: 'Activity',
      id: `${DRILL_HOME}/items/MATH-P5-03-07`,
      definition: {
        name: { 'ja-JP': '小数のかけ算 問7', 'en-US': 'Decimal multiplication Q7' },
        type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
        interactionType: 'fill-in',
      },
    },
    result: { success: true, duration: 'PT42.5S', response: '3.6' },
    timestamp: `${TEST_TODAY}T10:15:00+09:00`,
    ...overrides,
  };
}

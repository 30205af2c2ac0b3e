import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, sum } from 'drizzle-orm';
import {
  drillAnswers,
  drillDaily,
  ictUsage,
  ictUsageDaily,
  interactions,
  xapiStatements,
} from '../src/db/schema/index.ts';
import { EXT } from '../src/modules/xapi/typed-events.ts';
import { TEST_TODAY } from './support/test-app.ts';
import { testEngines } from './support/test-db.ts';
import { drillStatement, startXapiFixture, type XapiFixture } from './support/xapi-client.ts';

describe.each(testEngines())('typed learning events from xAPI statements on %s', (engine) => {
  let f: XapiFixture;
  beforeAll(async () => {
    f = await startXapiFixture(engine);
  });
  afterAll(async () => f?.dispose());

  const post = async (body: unknown) => {
    const response = await f.call('/xapi/statements', { method: 'POST', body });
    expect(response.status).toBe(200);
    return (await response.json()) as string[];
  };

  const drillDay = async () => {
    const [row] = await f.t.database.db
      .select()
      .from(drillDaily)
      .where(
        and(
          eq(drillDaily.studentId, f.pupil.id),
          eq(drillDaily.date, TEST_TODAY),
          eq(drillDaily.unitCode, 'MATH-P5-03'),
        ),
      );
    return row ?? { answered: 0, correct: 0, durationMs: 0 };
  };
  const answersOf = async (statementId: string) =>
    f.t.database.db.select().from(drillAnswers).where(eq(drillAnswers.statementId, statementId));

  it('turns a drill answer into drill_answers and drill_daily for the resolved pupil, once', async () => {
    const before = await drillDay();
    const id = randomUUID();
    const statement = { ...drillStatement(f.pupil.account), id };
    await post(statement);

    expect(await answersOf(id)).toEqual([
      expect.objectContaining({
        schoolId: f.pupil.schoolId,
        studentId: f.pupil.id,
        subjectCode: 'MATH',
        unitCode: 'MATH-P5-03',
        itemCode: 'MATH-P5-03-07',
        isCorrect: true,
        durationMs: 42_500,
        answeredAt: new Date('2026-11-20T01:15:00Z'),
      }),
    ]);
    const after = await drillDay();
    expect(after).toMatchObject({
      answered: before.answered + 1,
      correct: before.correct + 1,
      durationMs: before.durationMs + 42_500,
      subjectCode: 'MATH',
    });
    const [stored] = await f.t.database.db.select().from(xapiStatements).where(eq(xapiStatements.id, id));
    expect(stored).toMatchObject({ personId: f.pupil.id, schoolId: f.pupil.schoolId });

    // posting the same statement again changes nothing
    await post(statement);
    expect(await answersOf(id)).toHaveLength(1);
    expect(await drillDay()).toEqual(after);
  });

  it('adds a batch to the rollup once per key, wrong answers counted as answered only', async () => {
    const before = await drillDay();
    const batch = [1, 2, 3].map((n) => ({
      ...drillStatement(f.pupil.account),
      id: randomUUID(),
      result: { success: n !== 2, duration: 'PT10S' },
      timestamp: `${TEST_TODAY}T1${n}:00:00+09:00`,
    }));
    await post(batch);
    expect(await drillDay()).toMatchObject({
      answered: before.answered + 3,
      correct: before.correct + 2,
      durationMs: before.durationMs + 30_000,
    });
  });

  it('counts a resent batch that was partly stored before only for its new statements', async () => {
    const before = await drillDay();
    const batch = [1, 2, 3, 4].map((n) => ({
      ...drillStatement(f.pupil.account),
      id: randomUUID(),
      result: { success: true, duration: 'PT10S' },
      timestamp: `${TEST_TODAY}T1${n}:30:00+09:00`,
    }));
    // the vendor's first try stored two statements; it sends the whole batch again
    await post(batch.slice(0, 2));
    expect(await post(batch)).toEqual(batch.map((s) => s.id));
    for (const s of batch) expect(await answersOf(s.id)).toHaveLength(1);
    expect(await drillDay()).toMatchObject({
      answered: before.answered + 4,
      correct: before.correct + 4,
      durationMs: before.durationMs + 40_000,
    });
  });

  it('takes a voided drill answer back out of drill_answers and drill_daily', async () => {
    const id = randomUUID();
    await post({ ...drillStatement(f.pupil.account), id, result: { success: false, duration: 'PT5S' } });
    const counted = await drillDay();
    await post({
      actor: { account: f.pupil.account },
      verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
      object: { objectType: 'StatementRef', id },
    });
    expect(await answersOf(id)).toEqual([]);
    expect(await drillDay()).toMatchObject({
      answered: counted.answered - 1,
      correct: counted.correct,
      durationMs: counted.durationMs - 5000,
    });
  });

  const voidingOf = (id: string) => ({
    id: randomUUID(),
    actor: { account: f.pupil.account },
    verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
    object: { objectType: 'StatementRef', id },
  });

  it('voids a drill answer whose voiding statement arrived first: nothing is typed or counted', async () => {
    const id = randomUUID();
    const before = await drillDay();
    await post(voidingOf(id));
    await post({ ...drillStatement(f.pupil.account), id });
    expect(await answersOf(id)).toEqual([]);
    expect(await drillDay()).toEqual(before);
    expect((await f.call(`/xapi/statements?statementId=${id}`)).status).toBe(404);
    expect((await f.call(`/xapi/statements?voidedStatementId=${id}`)).status).toBe(200);
  });

  it('voids a drill answer voided in the same batch: nothing is typed or counted', async () => {
    const id = randomUUID();
    const before = await drillDay();
    await post([{ ...drillStatement(f.pupil.account), id }, voidingOf(id)]);
    expect(await answersOf(id)).toEqual([]);
    expect(await drillDay()).toEqual(before);
    expect((await f.call(`/xapi/statements?voidedStatementId=${id}`)).status).toBe(200);
  });

  it('stores, but does not type, drill answers of unknown pupils or unplaceable items', async () => {
    const unknown = randomUUID();
    const unplaced = randomUUID();
    await post([
      { ...drillStatement({ homePage: 'https://drill.example.jp', name: 'S-999999' }), id: unknown },
      {
        ...drillStatement(f.pupil.account),
        id: unplaced,
        object: { id: 'https://drill.example.jp/items/no-such-unit-01' },
      },
    ]);
    expect(await answersOf(unknown)).toEqual([]);
    expect(await answersOf(unplaced)).toEqual([]);
    const rows = await f.t.database.db.select().from(xapiStatements).where(eq(xapiStatements.id, unplaced));
    expect(rows[0]).toMatchObject({ personId: f.pupil.id });
  });

  it('turns a like on a classmate’s card into an interaction of their class', async () => {
    const at = `${TEST_TODAY}T11:11:11+09:00`;
    const [likeId] = await post({
      actor: { account: f.pupil.account },
      verb: { id: 'http://activitystrea.ms/schema/1.0/like', display: { 'ja-JP': 'いいねした' } },
      object: {
        id: 'https://classboard.example.jp/cards/4242',
        definition: {
          name: { 'ja-JP': 'ふりかえりカード' },
          extensions: { [EXT.owner]: { account: f.classmate.account } },
        },
      },
      timestamp: at,
    });
    const found = await f.t.database.db
      .select()
      .from(interactions)
      .where(and(eq(interactions.actorId, f.pupil.id), eq(interactions.occurredAt, new Date(at))));
    expect(found).toEqual([
      expect.objectContaining({
        schoolId: f.pupil.schoolId,
        classId: f.pupil.classId,
        targetId: f.classmate.id,
        kind: 'like',
        artifactRef: 'https://classboard.example.jp/cards/4242',
        statementId: likeId,
      }),
    ]);

    // voiding the like takes the interaction back out of the 発言マップ
    await post(voidingOf(likeId!));
    const after = await f.t.database.db
      .select()
      .from(interactions)
      .where(and(eq(interactions.actorId, f.pupil.id), eq(interactions.occurredAt, new Date(at))));
    expect(after).toEqual([]);
  });

  it('turns a launched app into ICT usage and its daily rollup', async () => {
    const totals = async () => {
      const [row] = await f.t.database.db
        .select({ launches: sum(ictUsageDaily.launches), minutes: sum(ictUsageDaily.minutes) })
        .from(ictUsageDaily)
        .where(
          and(
            eq(ictUsageDaily.schoolId, f.pupil.schoolId),
            eq(ictUsageDaily.date, TEST_TODAY),
            eq(ictUsageDaily.device, 'pc'),
            eq(ictUsageDaily.purpose, 'homework'),
          ),
        );
      return { launches: Number(row?.launches ?? 0), minutes: Number(row?.minutes ?? 0) };
    };
    const before = await totals();
    const at = `${TEST_TODAY}T19:30:00+09:00`;
    const [launchId] = await post({
      actor: { account: f.pupil.account },
      verb: { id: 'http://adlnet.gov/expapi/verbs/launched', display: { 'ja-JP': '起動した' } },
      object: { id: 'https://drill.example.jp/app' },
      result: { duration: 'PT25M' },
      context: { extensions: { [EXT.device]: 'pc', [EXT.purpose]: 'homework' } },
      timestamp: at,
    });
    const [usage] = await f.t.database.db
      .select({ n: count() })
      .from(ictUsage)
      .where(
        and(
          eq(ictUsage.personId, f.pupil.id),
          eq(ictUsage.startedAt, new Date(at)),
          eq(ictUsage.minutes, 25),
        ),
      );
    expect(usage!.n).toBe(1);
    expect(await totals()).toEqual({ launches: before.launches + 1, minutes: before.minutes + 25 });

    // voiding the launch takes the session out of ict_usage and its daily rollup
    await post(voidingOf(launchId!));
    const [left] = await f.t.database.db
      .select({ n: count() })
      .from(ictUsage)
      .where(and(eq(ictUsage.personId, f.pupil.id), eq(ictUsage.startedAt, new Date(at))));
    expect(left!.n).toBe(0);
    expect(await totals()).toEqual(before);
  });
});

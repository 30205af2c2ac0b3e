import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Db, Queryable } from '../src/db/client.ts';
import { enrollments, identityReviews, personMerges, sourceIdentities } from '../src/db/schema/index.ts';
import { resolvePeople, resolvePerson, type IncomingPerson } from '../src/modules/identity/resolve-person.ts';
import {
  buildClass,
  buildMunicipality,
  buildPerson,
  buildSchool,
  buildSchoolYear,
} from './support/factories.ts';
import { openTestDatabase, testEngines, type TestDatabase } from './support/test-db.ts';

/** Counts the statements started on a Queryable (select, insert, update, delete, execute). */
function countingQueryable(q: Queryable): { q: Queryable; count: () => number } {
  let n = 0;
  const counted = new Set(['select', 'selectDistinct', 'insert', 'update', 'delete', 'execute']);
  const proxy = new Proxy(q, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof prop === 'string' && counted.has(prop) && typeof value === 'function') {
        return (...args: unknown[]) => {
          n += 1;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return value;
    },
  });
  return { q: proxy, count: () => n };
}

describe.each(testEngines())('resolvePerson on %s', (engine) => {
  let database: TestDatabase;
  let db: Db;
  let municipalityId: number;
  let schoolId: number;
  let otherSchoolId: number;
  let hina: { id: number };
  let noBirth: { id: number };

  const incoming = (overrides: Partial<IncomingPerson> = {}): IncomingPerson => ({
    municipalityId,
    schoolId: null,
    system: 'oneroster',
    sourceId: 'u-1',
    familyName: '佐藤',
    givenName: '陽菜',
    familyNameKana: 'サトウ',
    givenNameKana: 'ヒナ',
    birthDate: '2014-06-01',
    ...overrides,
  });

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    db = database.db;
    const m = await buildMunicipality(db);
    municipalityId = m.id;
    const school = await buildSchool(db, m.id);
    const other = await buildSchool(db, m.id);
    schoolId = school.id;
    otherSchoolId = other.id;
    const year = await buildSchoolYear(db, m.id, 2025);
    const cls = await buildClass(db, school.id, year.id);
    hina = await buildPerson(db, m.id, { givenName: '陽菜', givenNameKana: 'ヒナ', birthDate: '2014-06-01' });
    noBirth = await buildPerson(db, m.id, {
      familyName: '鈴木',
      givenName: '蓮',
      familyNameKana: 'スズキ',
      givenNameKana: 'レン',
      birthDate: null,
    });
    await db.insert(enrollments).values({
      schoolId: school.id,
      schoolYearId: year.id,
      classId: cls.id,
      studentId: hina.id,
      attendanceNo: 1,
      startDate: '2025-04-01',
      endDate: '2026-03-31',
      entry: 'promoted',
    });
    await db.insert(sourceIdentities).values({ personId: hina.id, system: 'komu', sourceId: 'K-100' });
  });
  afterAll(async () => database.dispose());

  it('matches an exact (system, source id)', async () => {
    const result = await resolvePerson(
      db,
      incoming({ system: 'komu', sourceId: 'K-100', givenName: '別名' }),
    );
    expect(result).toEqual({ kind: 'matched', personId: hina.id });
  });

  it('sends a same-reading, same-birth-date record to review (half-width kana, spaces) and records it once', async () => {
    const record = incoming({ sourceId: 'u-2', familyNameKana: 'ｻ ﾄｳ', givenNameKana: 'ひな' });
    expect(await resolvePerson(db, record)).toEqual({ kind: 'review', candidatePersonId: hina.id });
    expect(await resolvePerson(db, record)).toEqual({ kind: 'review', candidatePersonId: hina.id });
    const rows = await db.select().from(identityReviews).where(eq(identityReviews.sourceId, 'u-2'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'pending', candidatePersonId: hina.id, system: 'oneroster' });
    expect(rows[0]?.incoming).toMatchObject({ familyNameKana: 'ｻ ﾄｳ', givenNameKana: 'ひな' });
  });

  it('requires the school when one is given', async () => {
    expect(await resolvePerson(db, incoming({ sourceId: 'u-3', schoolId }))).toEqual({
      kind: 'review',
      candidatePersonId: hina.id,
    });
    expect(await resolvePerson(db, incoming({ sourceId: 'u-4', schoolId: otherSchoolId }))).toEqual({
      kind: 'new',
    });
  });

  it('uses the kanji name when the birth date is missing', async () => {
    const ren = incoming({
      sourceId: 'u-5',
      familyName: '鈴木',
      givenName: '蓮',
      familyNameKana: 'スズキ',
      givenNameKana: 'レン',
      birthDate: '2013-01-01',
    });
    expect(await resolvePerson(db, ren)).toEqual({ kind: 'review', candidatePersonId: noBirth.id });
    expect(await resolvePerson(db, { ...ren, sourceId: 'u-6', givenName: '廉' })).toEqual({ kind: 'new' });
  });

  it('returns new for a different birth date, reading or municipality', async () => {
    const other = await buildMunicipality(db);
    expect(await resolvePerson(db, incoming({ sourceId: 'u-7', birthDate: '2014-06-02' }))).toEqual({
      kind: 'new',
    });
    expect(await resolvePerson(db, incoming({ sourceId: 'u-8', givenNameKana: 'ハルナ' }))).toEqual({
      kind: 'new',
    });
    expect(await resolvePerson(db, incoming({ sourceId: 'u-9', municipalityId: other.id }))).toEqual({
      kind: 'new',
    });
  });

  it('never proposes a record that was merged into another', async () => {
    const first = await buildPerson(db, municipalityId, {
      familyName: '高橋',
      givenName: '湊',
      familyNameKana: 'タカハシ',
      givenNameKana: 'ミナト',
      birthDate: '2013-02-02',
    });
    const second = await buildPerson(db, municipalityId, {
      familyName: '高橋',
      givenName: '湊',
      familyNameKana: 'タカハシ',
      givenNameKana: 'ミナト',
      birthDate: '2013-02-02',
    });
    await db.insert(personMerges).values({ survivorId: second.id, mergedId: first.id, moved: { steps: [] } });
    const minato = incoming({
      sourceId: 'u-10',
      familyName: '高橋',
      givenName: '湊',
      familyNameKana: 'タカハシ',
      givenNameKana: 'ミナト',
      birthDate: '2013-02-02',
    });
    expect(await resolvePerson(db, minato)).toEqual({ kind: 'review', candidatePersonId: second.id });
  });

  it('resolves a batch of 1,000 in order with a bounded number of queries', async () => {
    const batch: IncomingPerson[] = Array.from({ length: 1000 }, (_, i) =>
      incoming({
        sourceId: `batch-${i}`,
        schoolId: i % 2 === 0 ? schoolId : null,
        givenNameKana: i % 10 === 0 ? 'ヒナ' : `ヒナ${i}`,
      }),
    );
    batch[1] = incoming({ system: 'komu', sourceId: 'K-100' });
    const { q, count } = countingQueryable(db);
    const results = await resolvePeople(q, batch);
    expect(count()).toBeLessThanOrEqual(5);
    expect(results).toHaveLength(1000);
    expect(results[1]).toEqual({ kind: 'matched', personId: hina.id });
    expect(results[0]).toEqual({ kind: 'review', candidatePersonId: hina.id });
    expect(results[3]).toEqual({ kind: 'new' });
    expect(results.filter((r) => r.kind === 'review')).toHaveLength(100);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import {
  ErrorResponse,
  IdentityReviewResponse,
  IdentityReviewsResponse,
  Me,
  PersonMergeResponse,
  PersonMergesResponse,
} from '@edukarte/shared';
import {
  accessAudit,
  attendanceMarks,
  enrollments,
  people,
  sourceIdentities,
} from '../src/db/schema/index.ts';
import { resolvePerson, type IncomingPerson } from '../src/modules/identity/resolve-person.ts';
import { MERGE_COLUMNS, selectReferencingRows } from '../src/modules/identity/merge.repo.ts';
import { buildPerson } from './support/factories.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { testEngines } from './support/test-db.ts';

describe.each(testEngines())('名寄せ: reviews, merge and unmerge over HTTP on %s', (engine) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let schoolId: number;
  let municipalityId: number;
  let child: typeof people.$inferSelect;

  const post = (path: string, cookie: string | undefined, body?: unknown) =>
    fetch(`${t.baseUrl}${path}`, {
      method: 'POST',
      headers: { ...(cookie ? { cookie } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : null,
    });

  const incomingFor = (sourceId: string, overrides: Partial<IncomingPerson> = {}): IncomingPerson => ({
    municipalityId,
    schoolId,
    system: 'oneroster',
    sourceId,
    familyName: child.familyName,
    givenName: child.givenName,
    familyNameKana: child.familyNameKana,
    givenNameKana: child.givenNameKana,
    birthDate: child.birthDate,
    ...overrides,
  });

  beforeAll(async () => {
    t = await startTestApp(engine);
    for (const loginId of ['teacher', 'nurse', 'principal', 'board', 'student', 'admin'])
      cookies[loginId] = await t.signIn(loginId);
    const me = Me.parse(await (await t.get('/api/me', cookies.principal)).json());
    schoolId = me.school!.id;
    municipalityId = me.municipality.id;
    const student = Me.parse(await (await t.get('/api/me', cookies.student)).json());
    // The demo pupil's class: any child of it will do.
    const [enrolled] = await t.database.db
      .select({ studentId: enrollments.studentId })
      .from(enrollments)
      .where(eq(enrollments.classId, student.homeClassId!))
      .limit(1);
    const [person] = await t.database.db.select().from(people).where(eq(people.id, enrolled!.studentId));
    child = person!;
  });
  afterAll(async () => t?.dispose());

  it('lists a pending review with the incoming record beside the candidate (admin and own principal)', async () => {
    expect(await resolvePerson(t.database.db, incomingFor('OR-1', { familyNameKana: 'ｻ ﾄｳ' }))).toMatchObject(
      {
        kind: child.familyNameKana === 'サトウ' ? 'review' : 'new',
      },
    );
    await resolvePerson(t.database.db, incomingFor('OR-2'));
    for (const who of ['admin', 'principal']) {
      const response = await t.get('/api/admin/identity/reviews?status=pending', cookies[who]);
      expect(response.status).toBe(200);
      const body = IdentityReviewsResponse.parse(await response.json());
      const review = body.reviews.find((r) => r.incoming.sourceId === 'OR-2');
      expect(review).toBeDefined();
      expect(review!.candidate).toMatchObject({ id: child.id, familyNameKana: child.familyNameKana });
      expect(review!.candidate.stays.length).toBeGreaterThan(0);
      expect(review!.incoming.givenName).toBe(child.givenName);
    }
  });

  it('refuses the queue to teacher, nurse, board and student', async () => {
    for (const who of ['teacher', 'nurse', 'board', 'student']) {
      const response = await t.get('/api/admin/identity/reviews', cookies[who]);
      expect(response.status, who).toBe(403);
      ErrorResponse.parse(await response.json());
    }
    expect((await t.get('/api/admin/identity/reviews')).status).toBe(401);
  });

  it('links a review: the source id becomes the candidate’s, and linking again changes nothing', async () => {
    const list = IdentityReviewsResponse.parse(
      await (await t.get('/api/admin/identity/reviews', cookies.admin)).json(),
    );
    const review = list.reviews.find((r) => r.incoming.sourceId === 'OR-2')!;
    for (const who of ['principal', 'teacher', 'board', 'student'])
      expect((await post(`/api/admin/identity/reviews/${review.id}/link`, cookies[who])).status, who).toBe(
        403,
      );
    for (let i = 0; i < 2; i++) {
      const response = await post(`/api/admin/identity/reviews/${review.id}/link`, cookies.admin);
      expect(response.status).toBe(200);
      const body = IdentityReviewResponse.parse(await response.json());
      expect(body).toMatchObject({ personId: child.id, review: { status: 'linked' } });
    }
    expect(await resolvePerson(t.database.db, incomingFor('OR-2'))).toEqual({
      kind: 'matched',
      personId: child.id,
    });
    const separate = await post(`/api/admin/identity/reviews/${review.id}/separate`, cookies.admin);
    expect(separate.status).toBe(409);
  });

  it('separates a review: a new person with the source id, so a re-import matches it', async () => {
    await resolvePerson(t.database.db, incomingFor('OR-3'));
    const list = IdentityReviewsResponse.parse(
      await (await t.get('/api/admin/identity/reviews', cookies.admin)).json(),
    );
    const review = list.reviews.find((r) => r.incoming.sourceId === 'OR-3')!;
    const response = await post(`/api/admin/identity/reviews/${review.id}/separate`, cookies.admin);
    expect(response.status).toBe(200);
    const body = IdentityReviewResponse.parse(await response.json());
    expect(body.review.status).toBe('separate');
    expect(body.personId).not.toBe(child.id);
    expect(await resolvePerson(t.database.db, incomingFor('OR-3'))).toEqual({
      kind: 'matched',
      personId: body.personId,
    });
    expect((await post('/api/admin/identity/reviews/999999/link', cookies.admin)).status).toBe(404);
  });

  async function snapshot(ids: number[]) {
    const result: Record<string, string[]> = {};
    for (const name of MERGE_COLUMNS) {
      if (name === 'access_audit.student_id') continue;
      const rows = await selectReferencingRows(t.database.db, name, ids);
      result[name] = rows.map((r) => JSON.stringify(r)).sort();
    }
    return result;
  }

  it('merges a duplicate into the child, refuses key conflicts with 409, and unmerge restores every row', async () => {
    const db = t.database.db;
    const duplicate = await buildPerson(db, municipalityId, {
      familyName: child.familyName,
      givenName: child.givenName,
      familyNameKana: child.familyNameKana,
      givenNameKana: child.givenNameKana,
      birthDate: child.birthDate,
    });
    await db.insert(sourceIdentities).values({ personId: duplicate.id, system: 'komu', sourceId: 'DUP-1' });
    await db.insert(attendanceMarks).values([
      { schoolId, studentId: duplicate.id, date: '2019-05-07', category: 'ABSENT_SICK', source: 'test' },
      { schoolId, studentId: duplicate.id, date: '2019-05-08', category: 'LATE', source: 'test' },
    ]);
    await db.insert(attendanceMarks).values({
      schoolId,
      studentId: child.id,
      date: '2019-05-08',
      category: 'ABSENT_OTHER',
      source: 'test',
    });

    const before = await snapshot([child.id, duplicate.id]);
    const body = { survivorId: child.id, mergedId: duplicate.id };
    for (const who of ['principal', 'teacher', 'board', 'student'])
      expect((await post('/api/admin/people/merge', cookies[who], body)).status, who).toBe(403);

    const refused = await post('/api/admin/people/merge', cookies.admin, body);
    expect(refused.status).toBe(409);
    const error = ErrorResponse.parse(await refused.json());
    expect(error.error.code).toBe('merge_conflict');
    expect(error.error.issues).toContainEqual({
      path: 'attendance_marks.student_id',
      message: expect.stringContaining('date=2019-05-08') as string,
    });
    expect(await snapshot([child.id, duplicate.id])).toEqual(before);

    await db
      .delete(attendanceMarks)
      .where(and(eq(attendanceMarks.studentId, child.id), eq(attendanceMarks.date, '2019-05-08')));
    const beforeMerge = await snapshot([child.id, duplicate.id]);

    const merged = await post('/api/admin/people/merge', cookies.admin, body);
    expect(merged.status).toBe(200);
    const merge = PersonMergeResponse.parse(await merged.json()).merge;
    expect(merge.moved).toMatchObject({ 'source_identities.person_id': 1, 'attendance_marks.student_id': 2 });
    const after = await snapshot([duplicate.id]);
    expect(Object.values(after).flat()).toEqual([]);
    expect(
      (await selectReferencingRows(db, 'source_identities.person_id', [child.id])).map((r) => r.sourceId),
    ).toContain('DUP-1');
    expect((await post('/api/admin/people/merge', cookies.admin, body)).status).toBe(409);

    const history = PersonMergesResponse.parse(
      await (await t.get('/api/admin/people/merges', cookies.admin)).json(),
    );
    expect(history.merges[0]).toMatchObject({ id: merge.id, undoneAt: null });

    expect((await post(`/api/admin/people/merges/${merge.id}/undo`, cookies.principal)).status).toBe(403);
    const undone = await post(`/api/admin/people/merges/${merge.id}/undo`, cookies.admin);
    expect(undone.status).toBe(200);
    expect(PersonMergeResponse.parse(await undone.json()).merge.undoneAt).not.toBeNull();
    expect(await snapshot([child.id, duplicate.id])).toEqual(beforeMerge);
    expect((await post(`/api/admin/people/merges/${merge.id}/undo`, cookies.admin)).status).toBe(409);

    const audit = await db
      .select({ action: accessAudit.action })
      .from(accessAudit)
      .where(eq(accessAudit.role, 'admin'));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['person.merge', 'person.unmerge']));
  });

  it('rejects a merge of a person with itself and unknown people', async () => {
    expect(
      (await post('/api/admin/people/merge', cookies.admin, { survivorId: child.id, mergedId: child.id }))
        .status,
    ).toBe(400);
    expect(
      (await post('/api/admin/people/merge', cookies.admin, { survivorId: child.id, mergedId: 9_999_999 }))
        .status,
    ).toBe(404);
  });
});

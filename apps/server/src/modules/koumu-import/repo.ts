import { and, count, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { KOUMU_IMPORT_KINDS } from '@edukarte/shared';
import type { Queryable, Tx } from '../../db/client.ts';
import {
  assessments,
  classes,
  columnMappings,
  enrollments,
  importBatches,
  people,
  schools,
  schoolYears,
  sourceIdentities,
  userAccounts,
} from '../../db/schema/index.ts';
import type { ColumnMapping } from './mapping.ts';
import { placeKey, type AssessmentKey, type ImportLookups, type StudentRef } from './rows.ts';
import { personNameColumns } from '../../db/person-name.ts';

/** Loads the school, pupil and staff maps an import validates against (a few queries per import). */
export async function loadLookups(
  q: Queryable,
  params: {
    municipalityId: number;
    sourceSystem: string;
    schoolYearId: number;
    fiscalYear: number;
    defaultSchoolId: number | null;
  },
): Promise<ImportLookups> {
  const schoolYearIds = await schoolYearIdsByFiscalYear(q, params.municipalityId);
  const schoolRows = await q
    .select({ id: schools.id, code: schools.code, kind: schools.kind })
    .from(schools)
    .where(eq(schools.municipalityId, params.municipalityId));
  const schoolIds = schoolRows.map((s) => s.id);
  const enrolled =
    schoolIds.length === 0
      ? []
      : await q
          .select({
            studentId: enrollments.studentId,
            schoolId: enrollments.schoolId,
            attendanceNo: enrollments.attendanceNo,
            gradeCode: classes.gradeCode,
            className: classes.name,
          })
          .from(enrollments)
          .innerJoin(classes, eq(classes.id, enrollments.classId))
          .where(
            and(eq(enrollments.schoolYearId, params.schoolYearId), inArray(enrollments.schoolId, schoolIds)),
          )
          .orderBy(enrollments.startDate);
  const byStudent = new Map<number, StudentRef>();
  const studentsByPlace = new Map<string, StudentRef>();
  for (const e of enrolled) {
    const ref = { studentId: e.studentId, schoolId: e.schoolId, gradeCode: e.gradeCode };
    byStudent.set(e.studentId, ref); // the latest stay wins (transfers)
    studentsByPlace.set(placeKey(e.schoolId, e.gradeCode, e.className, e.attendanceNo), ref);
  }
  const identities = await q
    .select({ sourceId: sourceIdentities.sourceId, personId: sourceIdentities.personId, kind: people.kind })
    .from(sourceIdentities)
    .innerJoin(people, eq(people.id, sourceIdentities.personId))
    .where(
      and(eq(sourceIdentities.system, params.sourceSystem), eq(people.municipalityId, params.municipalityId)),
    );
  const studentsBySourceId = new Map<string, StudentRef>();
  const staffBySourceId = new Map<string, number>();
  for (const i of identities) {
    if (i.kind === 'staff') staffBySourceId.set(i.sourceId, i.personId);
    else {
      const ref = byStudent.get(i.personId);
      if (ref) studentsBySourceId.set(i.sourceId, ref);
    }
  }
  return {
    schoolsByCode: new Map(schoolRows.map((s) => [s.code, { id: s.id, kind: s.kind }])),
    schoolKindById: new Map(schoolRows.map((s) => [s.id, s.kind])),
    studentsBySourceId,
    studentsByPlace,
    staffBySourceId,
    defaultSchoolId: params.defaultSchoolId,
    currentFiscalYear: params.fiscalYear,
    schoolYearIds,
  };
}

export async function findSchool(q: Queryable, schoolId: number) {
  const [row] = await q.select().from(schools).where(eq(schools.id, schoolId));
  return row ?? null;
}

export async function schoolYearIdsByFiscalYear(
  q: Queryable,
  municipalityId: number,
): Promise<Map<number, number>> {
  const rows = await q
    .select({ id: schoolYears.id, fiscalYear: schoolYears.fiscalYear })
    .from(schoolYears)
    .where(eq(schoolYears.municipalityId, municipalityId));
  return new Map(rows.map((r) => [r.fiscalYear, r.id]));
}

export async function findMapping(q: Queryable, municipalityId: number, sourceSystem: string, kind: string) {
  const [row] = await q
    .select({ mapping: columnMappings.mapping })
    .from(columnMappings)
    .where(
      and(
        eq(columnMappings.municipalityId, municipalityId),
        eq(columnMappings.sourceSystem, sourceSystem),
        eq(columnMappings.kind, kind),
      ),
    );
  return row?.mapping ?? null;
}

export async function saveMapping(
  q: Queryable,
  values: {
    municipalityId: number;
    sourceSystem: string;
    kind: string;
    mapping: ColumnMapping;
    updatedBy: number;
  },
) {
  await q
    .insert(columnMappings)
    .values(values)
    .onConflictDoUpdate({
      target: [columnMappings.municipalityId, columnMappings.sourceSystem, columnMappings.kind],
      set: { mapping: values.mapping, updatedBy: values.updatedBy, updatedAt: sql`now()` },
    });
}

export type BatchInsert = typeof importBatches.$inferInsert;

export async function insertBatch(q: Queryable, values: BatchInsert): Promise<number> {
  const [row] = await q.insert(importBatches).values(values).returning({ id: importBatches.id });
  return row!.id;
}

/** A batch without its stored rows (they can be large). */
const batchColumns = {
  id: importBatches.id,
  municipalityId: importBatches.municipalityId,
  schoolId: importBatches.schoolId,
  sourceSystem: importBatches.sourceSystem,
  kind: importBatches.kind,
  fileName: importBatches.fileName,
  status: importBatches.status,
  rowCount: importBatches.rowCount,
  report: sql<Record<string, unknown>>`${importBatches.report} - 'rows'`.as('report'),
  createdAt: importBatches.createdAt,
  createdBy: userAccounts.displayName,
};

export async function findBatch(q: Queryable, id: number) {
  const [row] = await q
    .select(batchColumns)
    .from(importBatches)
    .leftJoin(userAccounts, eq(userAccounts.id, importBatches.createdBy))
    .where(eq(importBatches.id, id));
  return row ?? null;
}

export type BatchRow = NonNullable<Awaited<ReturnType<typeof findBatch>>>;

/** Locks a batch row so two commits of one batch run one after the other; returns its status. */
export async function lockBatch(tx: Tx, id: number): Promise<string | null> {
  const result = (await tx.execute(sql`SELECT status FROM import_batches WHERE id = ${id} FOR UPDATE`)) as {
    rows: { status: string }[];
  };
  return result.rows[0]?.status ?? null;
}

/** The rows a preview kept (JSON text in report.rows), for writers that need them in memory. */
export async function loadBatchRows(q: Queryable, id: number): Promise<unknown[]> {
  const result = (await q.execute(
    sql`SELECT report ->> 'rows' AS rows FROM import_batches WHERE id = ${id}`,
  )) as {
    rows: { rows: string | null }[];
  };
  const text = result.rows[0]?.rows;
  return text ? (JSON.parse(text) as unknown[]) : [];
}

/** One page of the 校務 imports (of one school, or all), newest first, and how many there are in all. */
export async function listBatches(
  q: Queryable,
  municipalityId: number,
  schoolId: number | null,
  page: { limit: number; offset: number },
) {
  const where: SQL[] = [
    eq(importBatches.municipalityId, municipalityId),
    sql`${importBatches.sourceSystem} <> 'demo'`,
    // OneRoster imports are recorded in the same table; they have their own history
    inArray(importBatches.kind, [...KOUMU_IMPORT_KINDS]),
  ];
  if (schoolId !== null) where.push(eq(importBatches.schoolId, schoolId));
  const [total] = await q
    .select({ n: count() })
    .from(importBatches)
    .where(and(...where));
  const rows = await q
    .select(batchColumns)
    .from(importBatches)
    .leftJoin(userAccounts, eq(userAccounts.id, importBatches.createdBy))
    .where(and(...where))
    .orderBy(desc(importBatches.id))
    .limit(page.limit)
    .offset(page.offset);
  return { total: total?.n ?? 0, rows };
}

export async function markCommitted(tx: Tx, id: number, result: Record<string, number>) {
  await tx.execute(
    sql`UPDATE import_batches SET status = 'committed',
          report = (report - 'rows') || jsonb_build_object('result', ${JSON.stringify(result)}::jsonb)
        WHERE id = ${id}`,
  );
}

/** Finds assessments by their natural key, creating the missing ones; returns key → id. */
export async function findOrCreateAssessments(
  tx: Tx,
  municipalityId: number,
  keys: readonly AssessmentKey[],
  provenance: { source: string; batchId: number },
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const key of keys) {
    const match = and(
      eq(assessments.municipalityId, municipalityId),
      eq(assessments.schoolId, key.schoolId),
      eq(assessments.schoolYearId, key.schoolYearId),
      eq(assessments.kind, key.kind),
      eq(assessments.subjectCode, key.subjectCode),
      eq(assessments.gradeCode, key.gradeCode),
      eq(assessments.title, key.title),
      eq(assessments.administeredOn, key.administeredOn),
      eq(assessments.maxScore, key.maxScore),
    );
    const [found] = await tx.select({ id: assessments.id }).from(assessments).where(match).limit(1);
    const id =
      found?.id ??
      (
        await tx
          .insert(assessments)
          .values({ municipalityId, ...key, ...provenance })
          .returning({ id: assessments.id })
      )[0]!.id;
    ids.set(JSON.stringify(key), id);
  }
  return ids;
}

/** Who the previewed rows are about: 氏名, reading, school and this year's class of each pupil. */
export async function findPreviewStudents(q: Queryable, studentIds: readonly number[], schoolYearId: number) {
  if (studentIds.length === 0) return new Map<number, PreviewStudentRow>();
  const rows = await q
    .select({
      id: people.id,
      ...personNameColumns,
      schoolName: schools.name,
      gradeCode: classes.gradeCode,
      className: classes.name,
      attendanceNo: enrollments.attendanceNo,
    })
    .from(enrollments)
    .innerJoin(people, eq(people.id, enrollments.studentId))
    .innerJoin(classes, eq(classes.id, enrollments.classId))
    .innerJoin(schools, eq(schools.id, enrollments.schoolId))
    .where(and(inArray(enrollments.studentId, [...studentIds]), eq(enrollments.schoolYearId, schoolYearId)))
    .orderBy(enrollments.startDate);
  // the latest stay of the year wins (a pupil who moved class)
  return new Map(rows.map((r) => [r.id, r]));
}
export type PreviewStudentRow = {
  id: number;
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  schoolName: string;
  gradeCode: string;
  className: string;
  attendanceNo: number;
};

/** 氏名 of staff (the authors of imported notes). */
export async function findPeopleNames(q: Queryable, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await q
    .select({ id: people.id, familyName: people.familyName, givenName: people.givenName })
    .from(people)
    .where(inArray(people.id, [...ids]));
  return new Map(rows.map((r) => [r.id, `${r.familyName} ${r.givenName}`]));
}

/**
 * Cleans up previews that were never committed and are older than `hours`: the rows they kept are
 * dropped. A preview with problems could never be committed: it stays in the history as 'failed'
 * with its problem report. A clean preview nobody committed is deleted. Nothing refers to either
 * (only a commit writes batch_id). Returns how many of each.
 */
export async function expireStalePreviews(
  q: Queryable,
  hours: number,
): Promise<{ failed: number; deleted: number }> {
  const stale = and(
    eq(importBatches.status, 'previewed'),
    inArray(importBatches.kind, [...KOUMU_IMPORT_KINDS]),
    lt(importBatches.createdAt, sql`now() - make_interval(secs => ${hours * 3600})`),
  );
  const failed = await q
    .update(importBatches)
    .set({
      status: 'failed',
      report: sql`(${importBatches.report} - 'rows') || '{"expired": true}'::jsonb`,
    })
    .where(and(stale, sql`coalesce((${importBatches.report} #>> '{counts,problems}')::int, 0) > 0`))
    .returning({ id: importBatches.id });
  const deleted = await q.delete(importBatches).where(stale).returning({ id: importBatches.id });
  return { failed: failed.length, deleted: deleted.length };
}

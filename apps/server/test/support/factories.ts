import { buildSchoolCode } from '@edukarte/shared';
import type { Db } from '../../src/db/client.ts';
import {
  classes,
  enrollments,
  municipalities,
  people,
  schools,
  schoolYears,
  staffAssignments,
} from '../../src/db/schema/index.ts';

let counter = 0;
const next = () => ++counter;

/** Small builders for database tests: each returns the inserted row; pass overrides as needed. */
export async function buildMunicipality(db: Db, overrides: Partial<typeof municipalities.$inferInsert> = {}) {
  const n = next();
  const [row] = await db
    .insert(municipalities)
    .values({
      code: `38${String(9000 + n).padStart(4, '0')}`,
      name: `テスト市${n}`,
      boardName: `テスト市${n}教育委員会`,
      prefectureCode: 38,
      ...overrides,
    })
    .returning();
  return row!;
}

export async function buildSchool(
  db: Db,
  municipalityId: number,
  overrides: Partial<typeof schools.$inferInsert> = {},
) {
  const n = next();
  const [row] = await db
    .insert(schools)
    .values({
      municipalityId,
      code: buildSchoolCode('B1', 38, 2, 1_000_000 + n),
      name: `テスト小学校${n}`,
      kind: 'elementary',
      ...overrides,
    })
    .returning();
  return row!;
}

export async function buildSchoolYear(db: Db, municipalityId: number, fiscalYear = 2025) {
  const [row] = await db
    .insert(schoolYears)
    .values({
      municipalityId,
      fiscalYear,
      title: `${fiscalYear}年度`,
      startDate: `${fiscalYear}-04-01`,
      endDate: `${fiscalYear + 1}-03-31`,
    })
    .returning();
  return row!;
}

export async function buildClass(
  db: Db,
  schoolId: number,
  schoolYearId: number,
  overrides: Partial<typeof classes.$inferInsert> = {},
) {
  const [row] = await db
    .insert(classes)
    .values({ schoolId, schoolYearId, gradeCode: 'P5', name: `${next()}組`, ...overrides })
    .returning();
  return row!;
}

export async function buildPerson(
  db: Db,
  municipalityId: number,
  overrides: Partial<typeof people.$inferInsert> = {},
) {
  const n = next();
  const [row] = await db
    .insert(people)
    .values({
      municipalityId,
      kind: 'student',
      familyName: '佐藤',
      givenName: `陽菜${n}`,
      familyNameKana: 'サトウ',
      givenNameKana: 'ヒナ',
      birthDate: '2014-06-01',
      pseudonym: `T-${n}-${Math.floor(Math.random() * 1e9)}`,
      ...overrides,
    })
    .returning();
  return row!;
}

/** A pupil enrolled for the whole year in a class. */
export async function buildEnrolledStudent(
  db: Db,
  cls: { id: number; schoolId: number; schoolYearId: number },
  municipalityId: number,
  attendanceNo = 1,
) {
  const student = await buildPerson(db, municipalityId);
  await db.insert(enrollments).values({
    schoolId: cls.schoolId,
    schoolYearId: cls.schoolYearId,
    classId: cls.id,
    studentId: student.id,
    attendanceNo,
    startDate: '2025-04-01',
    endDate: '2026-03-31',
    entry: 'promoted',
  });
  return student;
}

export async function buildStaff(db: Db, municipalityId: number, schoolId: number, schoolYearId: number) {
  const person = await buildPerson(db, municipalityId, { kind: 'staff', birthDate: null, givenName: '先生' });
  await db
    .insert(staffAssignments)
    .values({ schoolId, schoolYearId, personId: person.id, duty: 'homeroom_teacher' });
  return person;
}

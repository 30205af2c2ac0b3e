import { stringify } from 'csv-stringify/sync';
import { strToU8, zipSync } from 'fflate';
import { gradeLabelJa, SUBJECT_LABELS_JA, type GradeCode, type SubjectCode } from '@edukarte/shared';
import type { Queryable } from '../../db/client.ts';
import { exportHeader, type RosterFile } from './csv/columns.ts';
import * as read from './export.repo.ts';

type Row = Record<string, string>;

function table(file: RosterFile, rows: readonly Row[]): Uint8Array {
  const header = exportHeader(file);
  return strToU8(
    stringify(
      rows.map((r) => header.map((h) => r[h] ?? '')),
      { header: true, columns: header, record_delimiter: '\r\n' },
    ),
  );
}

/** Courses are not stored: one per school, year, grade and subject, with an id derived from them. */
function courseIdOf(c: {
  school_sourced_id: string;
  fiscal_year: number;
  grade_code: string;
  subject_code: string | null;
}) {
  return `course-${c.school_sourced_id}-${c.fiscal_year}-${c.grade_code}${c.subject_code ? `-${c.subject_code}` : ''}`;
}

/**
 * The current roster of a municipality as a OneRoster 1.2 Japan Profile CSV package (zip), with
 * the sourcedIds it was imported with. Courses and roles are derived; terms get `<year>-term-<n>`.
 */
export async function exportOneRosterPackage(q: Queryable, municipalityId: number): Promise<Uint8Array> {
  const municipality = await read.readMunicipality(q, municipalityId);
  if (!municipality) throw new Error(`no municipality ${municipalityId}`);
  const schools = await read.readSchools(q, municipalityId);
  const years = await read.readSchoolYears(q, municipalityId);
  const terms = await read.readTerms(q, municipalityId);
  const classes = await read.readClasses(q, municipalityId);
  const people = await read.readPeople(q, municipalityId);
  const enrollments = await read.readEnrollments(q, municipalityId);
  const teachers = await read.readClassTeachers(q, municipalityId);
  const active = (modified: string) => ({ status: 'active', dateLastModified: modified });

  const orgs: Row[] = [
    {
      sourcedId: municipality.sourced_id,
      ...active(municipality.modified),
      name: municipality.board_name,
      type: 'district',
      identifier: municipality.code,
    },
    ...schools.map((s) => ({
      sourcedId: s.sourced_id,
      ...active(s.modified),
      name: s.name,
      type: 'school',
      identifier: s.code,
      parentSourcedId: municipality.sourced_id,
    })),
  ];
  const sessions: Row[] = [
    ...years.map((y) => ({
      sourcedId: y.sourced_id,
      ...active(y.modified),
      title: y.title,
      type: 'schoolYear',
      startDate: y.start_date,
      endDate: y.end_date,
      schoolYear: String(y.fiscal_year),
    })),
    ...terms.map((t) => ({
      sourcedId: `${t.year_sourced_id}-term-${t.seq}`,
      ...active(''),
      title: t.name,
      type: 'term',
      startDate: t.start_date,
      endDate: t.end_date,
      parentSourcedId: t.year_sourced_id,
      schoolYear: String(t.fiscal_year),
    })),
  ];
  const courses = new Map<string, Row>();
  for (const c of classes) {
    const id = courseIdOf(c);
    if (courses.has(id)) continue;
    const grade = gradeLabelJa(c.grade_code as GradeCode);
    courses.set(id, {
      sourcedId: id,
      ...active(c.modified),
      schoolYearSourcedId: c.year_sourced_id,
      title: c.subject_code ? `${grade} ${SUBJECT_LABELS_JA[c.subject_code as SubjectCode]}` : grade,
      courseCode: '',
      grades: c.grade_code,
      orgSourcedId: c.school_sourced_id,
      subjects: c.subject_code ? SUBJECT_LABELS_JA[c.subject_code as SubjectCode] : '',
      subjectCodes: c.subject_code ?? '',
    });
  }
  const classRows = classes.map((c) => ({
    sourcedId: c.sourced_id,
    ...active(c.modified),
    title: c.name,
    grades: c.grade_code,
    courseSourcedId: courseIdOf(c),
    classCode: '',
    classType: c.class_type,
    schoolSourcedId: c.school_sourced_id,
    termSourcedIds: c.year_sourced_id,
    subjects: c.subject_code ? SUBJECT_LABELS_JA[c.subject_code as SubjectCode] : '',
    subjectCodes: c.subject_code ?? '',
    'metadata.jp.specialNeeds': String(c.is_special_needs),
  }));
  const users = people.map((p) => ({
    sourcedId: p.sourced_id,
    ...active(p.modified),
    enabledUser: 'true',
    username: p.sourced_id,
    givenName: p.given_name,
    familyName: p.family_name,
    preferredGivenName: p.given_name,
    preferredFamilyName: p.family_name,
    userMasterIdentifier: p.sourced_id,
    primaryOrgSourcedId: p.school_sourced_id ?? municipality.sourced_id,
    'metadata.jp.kanaGivenName': p.given_name_kana,
    'metadata.jp.kanaFamilyName': p.family_name_kana,
    'metadata.jp.homeClass': p.kind === 'student' ? (p.home_class ?? '') : '',
  }));
  const roles = people.map((p) => ({
    sourcedId: `role-${p.sourced_id}`,
    ...active(p.modified),
    userSourcedId: p.sourced_id,
    roleType: 'primary',
    role: p.kind === 'student' ? 'student' : 'teacher',
    orgSourcedId: p.school_sourced_id ?? municipality.sourced_id,
  }));
  const enrollmentRows = [
    ...enrollments.map((e) => ({
      sourcedId: e.sourced_id,
      ...active(e.modified),
      classSourcedId: e.class_sourced_id,
      schoolSourcedId: e.school_sourced_id,
      userSourcedId: e.user_sourced_id,
      role: 'student',
      primary: 'false',
      beginDate: e.start_date,
      endDate: e.end_date,
      'metadata.jp.shussekiNo': e.attendance_no > 0 ? String(e.attendance_no) : '',
      'metadata.jp.publicFlg': 'false',
    })),
    ...teachers.map((t) => ({
      sourcedId: `${t.class_sourced_id}-${t.user_sourced_id}`,
      ...active(''),
      classSourcedId: t.class_sourced_id,
      schoolSourcedId: t.school_sourced_id,
      userSourcedId: t.user_sourced_id,
      role: 'teacher',
      primary: String(t.role === 'homeroom'),
    })),
  ];
  const demographics = people
    .filter((p) => p.birth_date !== null || p.sex !== 'unspecified')
    .map((p) => ({
      sourcedId: p.sourced_id,
      ...active(p.modified),
      birthDate: p.birth_date ?? '',
      sex: p.sex,
    }));

  const manifest = [
    ['propertyName', 'value'],
    ['manifest.version', '1.0'],
    ['oneroster.version', '1.2'],
    ...[
      'academicSessions',
      'classes',
      'courses',
      'demographics',
      'enrollments',
      'orgs',
      'roles',
      'users',
    ].map((f) => [`file.${f}`, 'bulk']),
    ...[
      'categories',
      'classResources',
      'courseResources',
      'lineItems',
      'resources',
      'results',
      'userProfiles',
    ].map((f) => [`file.${f}`, 'absent']),
    ['source.systemName', 'edukarte'],
  ];
  return zipSync({
    'manifest.csv': strToU8(stringify(manifest, { record_delimiter: '\r\n' })),
    'orgs.csv': table('orgs.csv', orgs),
    'academicSessions.csv': table('academicSessions.csv', sessions),
    'courses.csv': table('courses.csv', [...courses.values()]),
    'classes.csv': table('classes.csv', classRows),
    'users.csv': table('users.csv', users),
    'roles.csv': table('roles.csv', roles),
    'enrollments.csv': table('enrollments.csv', enrollmentRows),
    'demographics.csv': table('demographics.csv', demographics),
  });
}

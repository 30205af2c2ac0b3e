import { SUBJECT_LABELS_JA, type SubjectCode } from '@edukarte/shared';
import type { Queryable } from '../../../db/client.ts';
import * as read from '../export.repo.ts';
import type { Item } from './query.ts';

/**
 * The OneRoster 1.2 JSON objects of one municipality's roster (Japan Profile metadata under
 * `metadata.jp.*`), built from the same reads as the CSV export so both show the same ids.
 */
export const COLLECTIONS = [
  'orgs',
  'academicSessions',
  'courses',
  'classes',
  'users',
  'enrollments',
  'demographics',
] as const;
export type Collection = (typeof COLLECTIONS)[number];

const BASE = '/ims/oneroster/rostering/v1p2';
const ref = (collection: string, type: string, sourcedId: string) => ({
  href: `${BASE}/${collection}/${sourcedId}`,
  sourcedId,
  type,
});
const courseIdOf = (c: {
  school_sourced_id: string;
  fiscal_year: number;
  grade_code: string;
  subject_code: string | null;
}) =>
  `course-${c.school_sourced_id}-${c.fiscal_year}-${c.grade_code}${c.subject_code ? `-${c.subject_code}` : ''}`;
const subjectsOf = (code: string | null) => (code ? [SUBJECT_LABELS_JA[code as SubjectCode]] : []);

export async function loadCollection(
  q: Queryable,
  municipalityId: number,
  name: Collection,
): Promise<Item[]> {
  switch (name) {
    case 'orgs': {
      const m = await read.readMunicipality(q, municipalityId);
      if (!m) return [];
      const schools = await read.readSchools(q, municipalityId);
      return [
        {
          sourcedId: m.sourced_id,
          status: 'active',
          dateLastModified: m.modified,
          name: m.board_name,
          type: 'district',
          identifier: m.code,
          parent: null,
          children: schools.map((s) => ref('orgs', 'org', s.sourced_id)),
        },
        ...schools.map((s) => ({
          sourcedId: s.sourced_id,
          status: 'active',
          dateLastModified: s.modified,
          name: s.name,
          type: 'school',
          identifier: s.code,
          parent: ref('orgs', 'org', m.sourced_id),
          children: [],
        })),
      ];
    }
    case 'academicSessions': {
      const years = await read.readSchoolYears(q, municipalityId);
      return years.map((y) => ({
        sourcedId: y.sourced_id,
        status: 'active',
        dateLastModified: y.modified,
        title: y.title,
        type: 'schoolYear',
        startDate: y.start_date,
        endDate: y.end_date,
        parent: null,
        children: [],
        schoolYear: String(y.fiscal_year),
      }));
    }
    case 'courses': {
      const courses = new Map<string, Item>();
      for (const c of await read.readClasses(q, municipalityId)) {
        const id = courseIdOf(c);
        if (courses.has(id)) continue;
        courses.set(id, {
          sourcedId: id,
          status: 'active',
          dateLastModified: c.modified,
          title: `${c.grade_code}${c.subject_code ? ` ${SUBJECT_LABELS_JA[c.subject_code as SubjectCode]}` : ''}`,
          schoolYear: ref('academicSessions', 'academicSession', c.year_sourced_id),
          courseCode: '',
          grades: [c.grade_code],
          subjects: subjectsOf(c.subject_code),
          subjectCodes: c.subject_code ? [c.subject_code] : [],
          org: ref('orgs', 'org', c.school_sourced_id),
        });
      }
      return [...courses.values()];
    }
    case 'classes':
      return (await read.readClasses(q, municipalityId)).map((c) => ({
        sourcedId: c.sourced_id,
        status: 'active',
        dateLastModified: c.modified,
        title: c.name,
        classCode: '',
        classType: c.class_type,
        location: '',
        grades: [c.grade_code],
        subjects: subjectsOf(c.subject_code),
        subjectCodes: c.subject_code ? [c.subject_code] : [],
        course: ref('courses', 'course', courseIdOf(c)),
        school: ref('orgs', 'org', c.school_sourced_id),
        terms: [ref('academicSessions', 'academicSession', c.year_sourced_id)],
        metadata: { 'jp.specialNeeds': c.is_special_needs },
      }));
    case 'users': {
      const m = await read.readMunicipality(q, municipalityId);
      return (await read.readPeople(q, municipalityId)).map((p) => {
        const org = p.school_sourced_id ?? m?.sourced_id ?? '';
        return {
          sourcedId: p.sourced_id,
          status: 'active',
          dateLastModified: p.modified,
          enabledUser: true,
          username: p.sourced_id,
          userIds: [],
          givenName: p.given_name,
          familyName: p.family_name,
          preferredGivenName: p.given_name,
          preferredFamilyName: p.family_name,
          role: p.kind === 'student' ? 'student' : 'teacher',
          roles: [
            {
              roleType: 'primary',
              role: p.kind === 'student' ? 'student' : 'teacher',
              org: ref('orgs', 'org', org),
            },
          ],
          primaryOrg: ref('orgs', 'org', org),
          userMasterIdentifier: p.sourced_id,
          metadata: {
            'jp.kanaGivenName': p.given_name_kana,
            'jp.kanaFamilyName': p.family_name_kana,
            'jp.homeClass': p.kind === 'student' ? (p.home_class ?? '') : '',
          },
        };
      });
    }
    case 'enrollments': {
      const pupils = (await read.readEnrollments(q, municipalityId)).map((e) => ({
        sourcedId: e.sourced_id,
        status: 'active',
        dateLastModified: e.modified,
        role: 'student',
        primary: false,
        beginDate: e.start_date,
        endDate: e.end_date,
        user: ref('users', 'user', e.user_sourced_id),
        class: ref('classes', 'class', e.class_sourced_id),
        school: ref('orgs', 'org', e.school_sourced_id),
        metadata: { 'jp.shussekiNo': e.attendance_no, 'jp.publicFlg': false },
      }));
      const teachers = (await read.readClassTeachers(q, municipalityId)).map((t) => ({
        sourcedId: `${t.class_sourced_id}-${t.user_sourced_id}`,
        status: 'active',
        dateLastModified: '',
        role: 'teacher',
        primary: t.role === 'homeroom',
        user: ref('users', 'user', t.user_sourced_id),
        class: ref('classes', 'class', t.class_sourced_id),
        school: ref('orgs', 'org', t.school_sourced_id),
      }));
      return [...pupils, ...teachers];
    }
    case 'demographics':
      return (await read.readPeople(q, municipalityId))
        .filter((p) => p.birth_date !== null || p.sex !== 'unspecified')
        .map((p) => ({
          sourcedId: p.sourced_id,
          status: 'active',
          dateLastModified: p.modified,
          birthDate: p.birth_date ?? '',
          sex: p.sex,
        }));
  }
}

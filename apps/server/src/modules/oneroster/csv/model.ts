import type { GradeCode, SubjectCode } from '@edukarte/shared';

/** A OneRoster package after validation: typed rows, ready to map onto edukarte's tables. */
export type RowStatus = 'active' | 'tobedeleted';
export type FileMode = 'bulk' | 'delta' | 'absent';

interface Base {
  sourcedId: string;
  status: RowStatus;
  /** dateLastModified as given ('' when blank) */
  dateLastModified: string;
  line: number;
}

export interface OrgRow extends Base {
  name: string;
  type: 'district' | 'school';
  identifier: string;
  parentSourcedId: string;
}

export interface SessionRow extends Base {
  title: string;
  type: 'schoolYear' | 'term' | 'semester' | 'gradingPeriod';
  startDate: string;
  endDate: string;
  parentSourcedId: string;
  schoolYear: string;
}

export interface CourseRow extends Base {
  title: string;
  schoolYearSourcedId: string;
  orgSourcedId: string;
  grades: string[];
  subjectCodes: string[];
}

export interface ClassRow extends Base {
  title: string;
  grades: string[];
  courseSourcedId: string;
  classType: 'homeroom' | 'scheduled';
  schoolSourcedId: string;
  termSourcedIds: string[];
  subjectCodes: string[];
  isSpecialNeeds: boolean;
}

export interface UserRow extends Base {
  givenName: string;
  familyName: string;
  kanaGivenName: string;
  kanaFamilyName: string;
  homeClass: string;
  /** 1.1: the users.csv role; 1.2: the primary role from roles.csv (or '' when none) */
  role: string;
  orgSourcedIds: string[];
}

export interface RoleRow extends Base {
  userSourcedId: string;
  role: string;
  roleType: 'primary' | 'secondary';
  orgSourcedId: string;
}

export interface EnrollmentRow extends Base {
  classSourcedId: string;
  schoolSourcedId: string;
  userSourcedId: string;
  role: string;
  primary: boolean;
  beginDate: string;
  endDate: string;
  shussekiNo: number | null;
  publicFlg: boolean | null;
}

export interface DemographicRow extends Base {
  birthDate: string;
  sex: 'male' | 'female' | 'unspecified';
}

export interface RosterPackage {
  version: '1.1' | '1.2';
  modes: Record<string, FileMode>;
  orgs: OrgRow[];
  sessions: SessionRow[];
  courses: CourseRow[];
  classes: ClassRow[];
  users: UserRow[];
  roles: RoleRow[];
  enrollments: EnrollmentRow[];
  demographics: DemographicRow[];
}

/** sourcedIds already in the database, so a delta may refer to rows sent earlier. */
export interface KnownIds {
  orgs: ReadonlySet<string>;
  sessions: ReadonlySet<string>;
  courses: ReadonlySet<string>;
  classes: ReadonlySet<string>;
  users: ReadonlySet<string>;
}

export const NO_KNOWN_IDS: KnownIds = {
  orgs: new Set(),
  sessions: new Set(),
  courses: new Set(),
  classes: new Set(),
  users: new Set(),
};

export type StoredGrade = GradeCode;
export type StoredSubject = SubjectCode;

import { ONEROSTER_ROSTER_FILES } from '@edukarte/shared';

/**
 * Column sets of the OneRoster CSV binding (1.1 and 1.2) with the Japan Profile metadata columns.
 * `required` columns must be in the header; the rest are known (no warning) when present.
 */
export type OneRosterVersion = '1.1' | '1.2';

/** The roster files we read, in package order (the list is shared with the web app's reports). */
export const ROSTER_FILES = ONEROSTER_ROSTER_FILES;
export type RosterFile = (typeof ROSTER_FILES)[number];

/** Files we read but do not store (a warning says so when they hold rows). */
export const IGNORED_FILES = [
  'userProfiles.csv',
  'categories.csv',
  'classResources.csv',
  'courseResources.csv',
  'resources.csv',
  'lineItems.csv',
  'results.csv',
  'lineItemLearningObjectiveIds.csv',
  'lineItemScoreScales.csv',
  'resultLearningObjectiveIds.csv',
  'resultScoreScales.csv',
  'scoreScales.csv',
];

const COMMON = ['sourcedId', 'status', 'dateLastModified'];

interface FileColumns {
  required: readonly string[];
  optional: readonly string[];
}

const V12: Record<RosterFile, FileColumns> = {
  'orgs.csv': { required: [...COMMON, 'name', 'type', 'identifier', 'parentSourcedId'], optional: [] },
  'academicSessions.csv': {
    required: [...COMMON, 'title', 'type', 'startDate', 'endDate', 'parentSourcedId', 'schoolYear'],
    optional: [],
  },
  'courses.csv': {
    required: [...COMMON, 'schoolYearSourcedId', 'title', 'courseCode', 'grades', 'orgSourcedId', 'subjects'],
    optional: ['subjectCodes'],
  },
  'classes.csv': {
    required: [
      ...COMMON,
      'title',
      'grades',
      'courseSourcedId',
      'classCode',
      'classType',
      'location',
      'schoolSourcedId',
      'termSourcedIds',
      'subjects',
    ],
    optional: ['subjectCodes', 'periods', 'metadata.jp.specialNeeds'],
  },
  'users.csv': {
    required: [...COMMON, 'enabledUser', 'username', 'givenName', 'familyName'],
    optional: [
      'userIds',
      'middleName',
      'identifier',
      'email',
      'sms',
      'phone',
      'agentSourcedIds',
      'grades',
      'password',
      'userMasterIdentifier',
      'resourceSourcedIds',
      'preferredGivenName',
      'preferredMiddleName',
      'preferredFamilyName',
      'primaryOrgSourcedId',
      'pronouns',
      'metadata.jp.kanaGivenName',
      'metadata.jp.kanaFamilyName',
      'metadata.jp.kanaMiddleName',
      'metadata.jp.homeClass',
      'metadata.jp.kanaPreferredGivenName',
      'metadata.jp.kanaPreferredFamilyName',
      'metadata.jp.kanaPreferredMiddleName',
    ],
  },
  'roles.csv': {
    required: [...COMMON, 'userSourcedId', 'roleType', 'role', 'orgSourcedId'],
    optional: ['beginDate', 'endDate', 'userProfileSourcedId'],
  },
  'enrollments.csv': {
    required: [...COMMON, 'classSourcedId', 'schoolSourcedId', 'userSourcedId', 'role'],
    optional: [
      'primary',
      'beginDate',
      'endDate',
      'metadata.jp.shussekiNo',
      'metadata.jp.publicFlg',
      'metadata.jp.ShussekiNo',
      'metadata.jp.PublicFlg',
    ],
  },
  'demographics.csv': {
    required: [...COMMON, 'birthDate', 'sex'],
    optional: [
      'americanIndianOrAlaskaNative',
      'asian',
      'blackOrAfricanAmerican',
      'nativeHawaiianOrOtherPacificIslander',
      'white',
      'demographicRaceTwoOrMoreRaces',
      'hispanicOrLatinoEthnicity',
      'countryOfBirthCode',
      'stateOfBirthAbbreviation',
      'cityOfBirth',
      'publicSchoolResidenceStatus',
    ],
  },
};

const V11: Record<RosterFile, FileColumns> = {
  ...V12,
  'courses.csv': {
    required: [...COMMON, 'schoolYearSourcedId', 'title', 'courseCode', 'grades', 'orgSourcedId', 'subjects'],
    optional: ['subjectCodes'],
  },
  'users.csv': {
    required: [...COMMON, 'enabledUser', 'orgSourcedIds', 'role', 'username', 'givenName', 'familyName'],
    optional: [
      'userIds',
      'middleName',
      'identifier',
      'email',
      'sms',
      'phone',
      'agentSourcedIds',
      'grades',
      'password',
      'metadata.jp.kanaGivenName',
      'metadata.jp.kanaFamilyName',
      'metadata.jp.kanaMiddleName',
      'metadata.jp.homeClass',
    ],
  },
};

export function columnsOf(version: OneRosterVersion, file: RosterFile): FileColumns {
  return version === '1.1' ? V11[file] : V12[file];
}

/** The column order we write in an export (1.2 Japan Profile). */
export function exportHeader(file: RosterFile): string[] {
  const c = V12[file];
  return [...c.required, ...c.optional];
}

/** OneRoster grade codes accepted in the Japan Profile; only P and J are stored (小・中). */
export const JP_GRADES = [
  'P1',
  'P2',
  'P3',
  'P4',
  'P5',
  'P6',
  'J1',
  'J2',
  'J3',
  'H1',
  'H2',
  'H3',
  'E1',
  'E2',
  'E3',
] as const;

export const USER_ROLES = [
  'administrator',
  'aide',
  'guardian',
  'parent',
  'proctor',
  'relative',
  'student',
  'teacher',
  'counselor',
  'districtAdministrator',
  'principal',
  'siteAdministrator',
  'systemAdministrator',
] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const ENROLLMENT_ROLES = [
  'administrator',
  'proctor',
  'student',
  'teacher',
  'guardian',
  'aide',
] as const;

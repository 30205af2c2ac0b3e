import type { Role } from '@edukarte/shared';

/** The signed-in caller, as every service and the policy module see it. */
export interface Actor {
  userId: number;
  loginId: string;
  role: Role;
  displayName: string;
  /** The person behind the account (a staff member or a pupil); null for pure system accounts */
  personId: number | null;
  municipalityId: number;
  /** The school of a teacher, nurse, principal or student; null for board and admin */
  schoolId: number | null;
  locale: 'ja' | 'en';
}

/** Where the request came from, kept on audit rows and sessions. */
export interface RequestMeta {
  ip: string;
  userAgent: string | null;
}

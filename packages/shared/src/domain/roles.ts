/** Sign-in roles (D3). Scopes are decided in apps/server/src/auth/policy.ts. */
export const ROLES = ['teacher', 'nurse', 'principal', 'board', 'student', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS_JA: Record<Role, string> = {
  teacher: '教員',
  nurse: '養護教諭',
  principal: '管理職',
  board: '教育委員会',
  student: '児童生徒',
  admin: 'システム管理者',
};

/** Staff duties at a school in a year (校務分掌 that matter for access). */
export const STAFF_DUTIES = [
  'principal',
  'vice_principal',
  'homeroom_teacher',
  'subject_teacher',
  'nurse',
  'head_teacher',
] as const;
export type StaffDuty = (typeof STAFF_DUTIES)[number];

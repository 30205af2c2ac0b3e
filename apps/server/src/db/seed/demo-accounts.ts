import type { Role } from '@edukarte/shared';

/** One demo sign-in per role, printed by `npm start`. The seed creates these accounts. */
export interface DemoAccount {
  loginId: string;
  password: string;
  role: Role;
  /** What this person is in the demo, in Japanese */
  descriptionJa: string;
}

export const DEMO_PASSWORD = 'edukarte-demo';

/**
 * Exactly one account per role. The teacher, nurse, principal and student belong to the same
 * school (こもれび市立中央小学校); the teacher's class carries the planted patterns of docs/demo-data.md.
 */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    loginId: 'teacher',
    password: DEMO_PASSWORD,
    role: 'teacher',
    descriptionJa: '中央小学校 5年1組の学級担任（欠席が増えている児童や心の天気が雨続きの児童がいる学級）',
  },
  { loginId: 'nurse', password: DEMO_PASSWORD, role: 'nurse', descriptionJa: '中央小学校の養護教諭' },
  { loginId: 'principal', password: DEMO_PASSWORD, role: 'principal', descriptionJa: '中央小学校の校長' },
  {
    loginId: 'board',
    password: DEMO_PASSWORD,
    role: 'board',
    descriptionJa: 'こもれび市教育委員会の指導主事（氏名の出ない集計のみ閲覧）',
  },
  { loginId: 'student', password: DEMO_PASSWORD, role: 'student', descriptionJa: '中央小学校 5年1組の児童' },
  {
    loginId: 'admin',
    password: DEMO_PASSWORD,
    role: 'admin',
    descriptionJa: 'こもれび市教育委員会のシステム管理者',
  },
];

/**
 * A teacher at ANOTHER school (東小学校 5年1組), not shown on the sign-in page: tests use it to
 * check that one school's staff cannot read another school's children.
 */
export const OTHER_SCHOOL_TEACHER: DemoAccount = {
  loginId: 'teacher2',
  password: DEMO_PASSWORD,
  role: 'teacher',
  descriptionJa: '東小学校 5年1組の学級担任（他校の教員。学校をまたぐ閲覧拒否の確認用）',
};

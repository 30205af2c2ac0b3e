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

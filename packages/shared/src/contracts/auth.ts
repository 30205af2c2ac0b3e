import { z } from 'zod';
import { ROLES } from '../domain/roles.ts';

export const SignInRequest = z.object({
  loginId: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});
export type SignInRequest = z.infer<typeof SignInRequest>;

/** The signed-in user, as the web app needs it to choose a home screen. */
export const Me = z.object({
  id: z.number().int(),
  loginId: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  locale: z.enum(['ja', 'en']),
  municipality: z.object({ id: z.number().int(), name: z.string() }),
  school: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  /** The class a homeroom teacher (or a student) belongs to this year, when there is one. */
  homeClassId: z.number().int().nullable(),
});
export type Me = z.infer<typeof Me>;

export const SignInResponse = z.object({ user: Me });
export type SignInResponse = z.infer<typeof SignInResponse>;

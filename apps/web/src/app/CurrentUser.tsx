import type { Me } from '@edukarte/shared';
import { createContext, useContext } from 'react';

export const CurrentUserContext = createContext<Me | null>(null);

/** The signed-in user inside the authenticated part of the app (provided by RequireAuth). */
export function useCurrentUser(): Me {
  const me = useContext(CurrentUserContext);
  if (!me) throw new Error('useCurrentUser() used outside RequireAuth');
  return me;
}

/** Roles that see class lists and children's kartes in this slice of the product. */
export function canBrowseClasses(role: Me['role']): boolean {
  return role !== 'board' && role !== 'student';
}

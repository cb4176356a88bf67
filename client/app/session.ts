import { createContext, useContext } from 'react';
import type { SessionUser } from './types.ts';

/** The signed-in person; pages below the sign-in gate can rely on it. */
export const SessionContext = createContext<SessionUser | null>(null);

/** The signed-in person (only used on pages shown after signing in). */
export function useSessionUser(): SessionUser {
  const user = useContext(SessionContext);
  if (!user) throw new Error('useSessionUser outside a signed-in page');
  return user;
}

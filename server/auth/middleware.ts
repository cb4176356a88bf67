import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { Context } from 'hono';
import { forbidden } from '../errors.ts';
import type { AppEnv, Deps } from '../http/context.ts';
import { GUESS_LIMIT, guessLimiter } from './limits.ts';
import { findSessionPrincipal, findTokenPrincipal } from './repository.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The session cookie's name; `__Host-` pins it to this origin when served over https. */
export const sessionCookieName = (secure: boolean) =>
  secure ? '__Host-fsa_session' : 'fsa_session';

/**
 * Resolves the caller from a bearer token or the session cookie and, for cookie-authenticated
 * writes, demands an Origin header equal to the server's own (a cross-site form cannot forge it).
 */
export function authenticate({ db, config }: Deps) {
  const tokenGuesses = guessLimiter(db, config.trustProxy, 'token', GUESS_LIMIT.tokens);
  return createMiddleware<AppEnv>(async (c, next) => {
    c.set('actor', null);
    const authorization = c.req.header('authorization');
    if (authorization?.toLowerCase().startsWith('bearer ')) {
      const token = authorization.slice(7).trim();
      const principal = token.length <= 200 ? await findTokenPrincipal(db, token) : undefined;
      if (principal) c.set('actor', { ...principal, via: 'token', sessionHash: null });
      else await tokenGuesses.missed(c);
      return next();
    }
    const secret = getCookie(c, sessionCookieName(config.secureCookies));
    if (secret && secret.length <= 200) {
      const principal = await findSessionPrincipal(db, secret);
      if (principal) c.set('actor', { ...principal, via: 'session' });
    }
    const origin = c.req.header('origin');
    const needsOrigin = UNSAFE.has(c.req.method) && (c.get('actor') !== null || origin);
    if (needsOrigin && origin !== config.origin) {
      throw forbidden('This request must come from the application itself (Origin header).');
    }
    return next();
  });
}

/** The client's address, from the socket or, behind a trusted proxy, X-Forwarded-For. */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
    ?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

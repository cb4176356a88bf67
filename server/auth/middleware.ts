import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { Context } from 'hono';
import { AppError } from '../errors.ts';
import type { AppEnv, Deps } from '../http/context.ts';
import { GUESS_LIMIT, guessLimiter } from './limits.ts';
import { findSessionPrincipal, findTokenPrincipal } from './repository.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The session cookie's name; `__Host-` pins it to this origin when served over https. */
export const sessionCookieName = (secure: boolean) =>
  secure ? '__Host-fsa_session' : 'fsa_session';

/** The cookie that marks a browser which signed in before (spared the shared sign-in limits). */
export const deviceCookieName = (secure: boolean) => (secure ? '__Host-fsa_device' : 'fsa_device');

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
      throw new AppError(
        403,
        'origin_mismatch',
        `This request came from ${origin ?? 'no page'}, but the application is at ${config.origin}: open it at that address (PUBLIC_URL). Scripts use a bearer token instead.`,
      );
    }
    return next();
  });
}

/**
 * The client's address: the socket's peer or, behind `trustedHops` proxies (TRUST_PROXY), the
 * address the outermost trusted proxy saw. Each proxy appends the address it received from to
 * X-Forwarded-For, so that one is the `trustedHops`-th entry from the right; everything to its
 * left was written by the client and proves nothing.
 */
export function clientAddress(c: Context, trustedHops: number): string {
  if (trustedHops > 0) {
    const hops = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((a) => a.trim())
      .filter((a) => a !== '');
    // Fewer entries than proxies: the leftmost is still one a trusted proxy wrote.
    const seen = hops[Math.max(0, hops.length - trustedHops)];
    if (seen) return seen.slice(0, 100);
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
    ?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

import type { Context } from 'hono';
import type { Db } from '../db/open.ts';
import { tooManyRequests } from '../errors.ts';
import { clientAddress } from './middleware.ts';
import { countRecentFailures, recordFailure } from './repository.ts';

/** Failures one client address may make within the window before it is refused with 429. */
export const GUESS_LIMIT = { tokens: 20, kioskCodes: 20, windowMinutes: 15 };

/**
 * A brake on guessing secrets (API tokens, kiosk codes): failures are counted per client address
 * in the database, so every instance behind a load balancer sees the same count.
 */
export function guessLimiter(db: Db, trustProxy: boolean, kind: 'token' | 'kiosk', limit: number) {
  const keyOf = (c: Context) => `${kind}:${clientAddress(c, trustProxy)}`;
  // Only misses are counted and checked, so a right secret costs no extra query.
  return {
    async missed(c: Context) {
      const key = keyOf(c);
      const failures = await countRecentFailures(db, [key], GUESS_LIMIT.windowMinutes);
      if ((failures.get(key) ?? 0) >= limit) {
        throw tooManyRequests(
          `Too many wrong attempts from this address. Try again in ${GUESS_LIMIT.windowMinutes} minutes.`,
        );
      }
      await recordFailure(db, [key]);
    },
  };
}

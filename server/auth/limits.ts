import type { Context } from 'hono';
import type { Db } from '../db/open.ts';
import { tooManyRequests } from '../errors.ts';
import { sha256 } from '../lib/secrets.ts';
import { clientAddress } from './middleware.ts';
import { clearAttempts, countAttempt, uncountAttempt } from './repository.ts';

/** Failures one client address may make within the window before it is refused with 429. */
export const GUESS_LIMIT = { tokens: 20, kioskCodes: 20, windowMinutes: 15 };

/**
 * Wrong passwords (sign-in and password change share them) allowed within the window.
 * A browser that signed in to the account before (its device cookie) is held only to its own
 * count, so nobody else can lock it out; other attempts count per account and address (an
 * attacker elsewhere cannot lock the owner out), per address (one address trying many accounts)
 * and per account (many addresses trying one account), the last two set high enough that only
 * an attack reaches them, and even then a known browser still signs in.
 */
export const SIGN_IN_LIMIT = {
  perKnownDevice: 5,
  perAccountAndAddress: 5,
  perAddress: 30,
  perAccount: 50,
  windowMinutes: 15,
};

/** A counter and the most attempts it allows. */
interface Limit {
  key: string;
  max: number;
}

/**
 * Counts one attempt against every limit atomically; when one is exceeded, takes the attempt
 * back from the others (so a refused attempt costs the account and address nothing) and throws
 * 429. Returns the keys counted, for `attemptSucceeded`.
 */
async function attempt(db: Db, limits: Limit[], windowMinutes: number, message: string) {
  const counts = await countAttempt(
    db,
    limits.map((l) => l.key),
    windowMinutes,
  );
  const within = limits.filter((l) => (counts.get(l.key) ?? 0) <= l.max);
  if (within.length < limits.length) {
    await uncountAttempt(
      db,
      within.map((l) => l.key),
    );
    throw tooManyRequests(message);
  }
  return limits.map((l) => l.key);
}

/**
 * The brake on password guessing, for sign-in and password change. Call `attempt` before the
 * password is checked (the attempt is counted as a failure at once, so parallel guesses cannot
 * all pass a check made before any is recorded) and `succeeded` when it was right.
 */
export function passwordLimiter(db: Db, trustedHops: number) {
  const message = `Too many failed sign-ins. Try again in ${SIGN_IN_LIMIT.windowMinutes} minutes.`;
  return {
    async attempt(c: Context, email: string, knownDevice: string | null) {
      const account = sha256(email);
      const address = clientAddress(c, trustedHops);
      const limits: Limit[] = knownDevice
        ? [{ key: `device:${knownDevice}:${account}`, max: SIGN_IN_LIMIT.perKnownDevice }]
        : [
            { key: `pair:${account}:${address}`, max: SIGN_IN_LIMIT.perAccountAndAddress },
            { key: `address:${address}`, max: SIGN_IN_LIMIT.perAddress },
            { key: `account:${account}`, max: SIGN_IN_LIMIT.perAccount },
          ];
      return attempt(db, limits, SIGN_IN_LIMIT.windowMinutes, message);
    },
    /** The password was right: its own counter starts again, the shared ones take it back. */
    async succeeded(keys: string[]) {
      const [own, ...shared] = keys;
      await clearAttempts(db, own!);
      await uncountAttempt(db, shared);
    },
  };
}

/**
 * A brake on guessing secrets (API tokens, kiosk codes): failures are counted per client address
 * in the database, so every instance behind a load balancer sees the same count.
 */
export function guessLimiter(db: Db, trustedHops: number, kind: 'token' | 'kiosk', limit: number) {
  const message = `Too many wrong attempts from this address. Try again in ${GUESS_LIMIT.windowMinutes} minutes.`;
  // Only misses are counted and checked, so a right secret costs no extra query.
  return {
    async missed(c: Context) {
      const key = `${kind}:${clientAddress(c, trustedHops)}`;
      await attempt(db, [{ key, max: limit }], GUESS_LIMIT.windowMinutes, message);
    },
  };
}

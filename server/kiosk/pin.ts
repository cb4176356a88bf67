// The kiosk's staff PIN, kept and checked on the server only: a short PIN cannot be both secret
// and checkable on a tablet that anyone with the kiosk code can imitate (docs/security.md).
import { pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import { hashPassword, verifyPassword, type HashCost } from '../auth/passwords.ts';

/** Digits a new PIN may have: 10^6 at least, so the per-kiosk limit leaves little to guess. */
export const PIN_PATTERN = /^\d{6,12}$/;

/** Wrong PINs one kiosk accepts within the window; then every try, even the right one, is 429. */
export const PIN_LIMIT = { tries: 5, windowMinutes: 15 };

/** How long after a kiosk ends staff may still check its PIN (a tablet left over a weekend). */
export const PIN_GRACE_DAYS = 7;

/** The PIN as stored: argon2id, like passwords. */
export const hashPin = (pin: string, cost: HashCost) => hashPassword(pin, cost);

/** True when `pin` is the stored one: argon2id, or the PBKDF2 JSON of kiosks opened before. */
export async function pinMatches(stored: string, pin: string): Promise<boolean> {
  if (!stored.startsWith('{')) return verifyPassword(stored, pin);
  const legacy = JSON.parse(stored) as { salt: string; iterations: number; hash: string };
  const expected = Buffer.from(legacy.hash, 'base64');
  const derived = pbkdf2Sync(pin, legacy.salt, legacy.iterations, expected.length, 'sha256');
  return timingSafeEqual(derived, expected);
}

// Checks the staff PIN on the tablet, offline, against the PBKDF2-SHA-256 hash the kiosk data
// carries (server/kiosk/service.ts: the salt is used as its text, as Node's pbkdf2Sync does).
import type { PinCheck } from './kioskData.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** True when `pin` is the kiosk's PIN. */
export async function pinMatches(pin: string, check: PinCheck): Promise<boolean> {
  const key = await crypto.subtle.importKey('raw', bytes(pin), 'PBKDF2', false, ['deriveBits']);
  const derived = new Uint8Array(
    await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt: bytes(check.salt), iterations: check.iterations },
      key,
      256,
    ),
  );
  const expected = fromBase64(check.hash);
  if (derived.length !== expected.length) return false;
  // Compare every byte, so the time taken says nothing about where a guess went wrong.
  let difference = 0;
  for (let i = 0; i < derived.length; i++) difference |= derived[i]! ^ expected[i]!;
  return difference === 0;
}

// The staff PIN on the tablet. The server checks it (POST /kiosk/{code}/staff-check, a few wrong
// tries per kiosk per 15 minutes) and never sends anything derived from it, since a short PIN's
// hash given to anyone with the kiosk code is found in seconds. Offline, the tablet checks the
// PIN against a verifier it made itself when the server last said yes on it, and deletes that
// verifier after a few wrong tries in a row: then only the server (or signing in) lets staff out.
import { kioskUrl } from './kioskData.ts';
import { deleteStaffPin, loadStaffPin, saveStaffPin } from './store.ts';

/** The server's window for wrong PINs (server/kiosk/pin.ts, PIN_LIMIT), for its message. */
export const PIN_WINDOW_MINUTES = 15;
/** Wrong PINs in a row the tablet accepts offline before it forgets its verifier. */
export const OFFLINE_TRIES = 5;
/** PBKDF2-SHA-256 rounds of the offline verifier: about a second on a tablet. */
const ITERATIONS = 600_000;

export type OnlineAnswer = 'right' | 'wrong' | 'limited' | 'gone' | 'unreachable';
export type OfflineAnswer = { kind: 'right' } | { kind: 'wrong'; left: number } | { kind: 'none' };

/** The server's word on the PIN; 'unreachable' when there is no network or no server. */
export async function checkPinOnline(code: string, pin: string): Promise<OnlineAnswer> {
  let status: number;
  try {
    const response = await fetch(`${kioskUrl(code)}/staff-check`, {
      method: 'POST',
      cache: 'no-store',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ pin }),
    });
    status = response.status;
  } catch {
    return 'unreachable';
  }
  if (status === 204) return 'right';
  if (status === 403) return 'wrong';
  if (status === 429) return 'limited';
  if (status === 404 || status === 410) return 'gone';
  return 'unreachable'; // 5xx: the server is there but cannot answer; as good as offline
}

/** Keeps a verifier of a PIN the server has just accepted, for checking it offline later. */
export async function rememberPin(code: string, pin: string): Promise<void> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(pin, salt, ITERATIONS);
  await saveStaffPin({ code, salt: toBase64(salt), iterations: ITERATIONS, hash, wrong: 0 });
}

/**
 * Checks the PIN against this tablet's verifier. The try is counted before the slow check, so
 * reloading the page in the middle does not give a free one.
 */
export async function checkPinOffline(code: string, pin: string): Promise<OfflineAnswer> {
  const verifier = await loadStaffPin(code).catch(() => undefined);
  if (!verifier) return { kind: 'none' };
  const wrong = verifier.wrong + 1;
  await saveStaffPin({ ...verifier, wrong });
  const hash = await derive(pin, fromBase64(verifier.salt), verifier.iterations);
  if (equal(hash, verifier.hash)) {
    await saveStaffPin({ ...verifier, wrong: 0 });
    return { kind: 'right' };
  }
  if (wrong >= OFFLINE_TRIES) await deleteStaffPin(code);
  return { kind: 'wrong', left: Math.max(OFFLINE_TRIES - wrong, 0) };
}

async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    256,
  );
  return toBase64(new Uint8Array(bits));
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** Compares every character, so the time taken says nothing about where a guess went wrong. */
function equal(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

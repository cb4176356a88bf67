// Sends the outbox to the server, one response at a time, oldest first. An entry leaves the
// tablet only when the server has it: stored (201), already stored (200), or refused for good
// but kept in the activity's quarantine (`quarantined: true`). Everything else is retried with
// exponential backoff, and at once when the network returns or the page loads.
import { oldest, pendingCount, remove, type ResponseSubmission } from './store.ts';

/** What staff may see of the outbox: a count, never the answers. */
export interface OutboxState {
  pending: number;
  /** The last attempt to reach the server failed for want of a network. */
  offline: boolean;
}

const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 5 * 60_000;
const REQUEST_TIMEOUT_MS = 30_000;

let state: OutboxState = { pending: 0, offline: false };
const listeners = new Set<() => void>();
let running = false;
let again = false;
let failures = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
/** How long the server last asked us to wait (429 with Retry-After), in milliseconds. */
let askedWait = 0;

function publish(next: Partial<OutboxState>) {
  state = { ...state, ...next };
  for (const listener of listeners) listener();
}

/** For useSyncExternalStore. */
export const outboxState = () => state;
export function subscribeOutbox(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The wait before retry number `failures` (1 s doubling to 5 min), with jitter. */
export function backoff(failures: number, random = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, failures - 1));
  // Half fixed, half random: tablets reconnecting together do not all retry together.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

type Outcome = 'acknowledged' | 'retry' | 'offline';

/** Whether the server now holds the response (a 201, a 200, or a quarantined refusal). */
export async function deliver(code: string, body: ResponseSubmission): Promise<Outcome> {
  let response: Response;
  try {
    response = await fetch(`/api/v1/kiosk/${encodeURIComponent(code)}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit', // the kiosk is anonymous, whoever is signed in to this browser
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch {
    return 'offline';
  }
  if (response.status === 201 || response.status === 200) return 'acknowledged';
  // Too many (the kiosk's quarantine is at its bound): keep it, and wait as long as asked.
  const retryAfter = Number(response.headers.get('retry-after'));
  if (response.status === 429 && retryAfter > 0)
    askedWait = Math.min(MAX_DELAY_MS, retryAfter * 1000);
  if ([409, 410, 422].includes(response.status)) {
    const refusal = (await response.json().catch(() => null)) as {
      quarantined?: unknown;
      error?: { quarantined?: unknown };
    } | null;
    // Kept server-side for a coordinator's decision: it can never become a 201.
    if (refusal?.error?.quarantined === true || refusal?.quarantined === true)
      return 'acknowledged';
  }
  // 5xx, 429, 404, or a refusal the server did not keep: the answers stay here.
  return 'retry';
}

async function drainOnce(): Promise<void> {
  for (;;) {
    const entry = await oldest();
    if (!entry) {
      failures = 0;
      publish({ pending: 0 });
      return;
    }
    const outcome = await deliver(entry.code, entry.body);
    if (outcome !== 'acknowledged') {
      failures += 1;
      publish({ offline: outcome === 'offline', pending: await pendingCount() });
      clearTimeout(timer);
      timer = setTimeout(() => void drain(), Math.max(backoff(failures), askedWait));
      askedWait = 0;
      return;
    }
    await remove(entry.seq);
    failures = 0;
    publish({ offline: false, pending: await pendingCount() });
  }
}

/** Sends what is waiting; a call while sending makes one more pass afterwards. */
export async function drain(): Promise<void> {
  if (running) {
    again = true;
    return;
  }
  running = true;
  try {
    // One sender per tablet even with two kiosk tabs open (where the browser offers locks).
    if (navigator.locks) await navigator.locks.request('fsa-kiosk-outbox', drainOnce);
    else await drainOnce();
  } catch {
    // IndexedDB unavailable for a moment: try again later like a network failure.
    failures += 1;
    clearTimeout(timer);
    timer = setTimeout(() => void drain(), backoff(failures));
  } finally {
    running = false;
    if (again) {
      again = false;
      void drain();
    }
  }
}

/** Retries at once, forgetting the backoff (the network is back, or staff asked). */
export function sendNow(): Promise<void> {
  clearTimeout(timer);
  failures = 0;
  return drain();
}

/** Starts sending: now, whenever the browser comes back online, and after each backoff. */
export function startOutbox(): void {
  window.addEventListener('online', () => void sendNow());
  void pendingCount()
    .then((pending) => publish({ pending }))
    .catch(() => undefined);
  void sendNow();
}

/** Counts a response just added to the outbox and starts sending it. */
export async function queued(): Promise<void> {
  publish({ pending: await pendingCount().catch(() => state.pending + 1) });
  await sendNow();
}

/** A network failure seen elsewhere (loading the kiosk), for the offline notice. */
export const markOffline = (offline: boolean) => publish({ offline });

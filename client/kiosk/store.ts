// The tablet's durable storage (IndexedDB): the outbox of completed responses waiting for the
// server, each kiosk's last known data so the page starts without a network, and the staff PIN's
// offline verifier (pin.ts).
import type { KioskData } from './kioskData.ts';

/** What POST /api/v1/kiosk/{code}/responses takes: the route's own schema's type. */
export type { ResponseSubmission } from '../../server/responses/service.ts';
import type { ResponseSubmission } from '../../server/responses/service.ts';

/** One response in the outbox: `seq` orders them, oldest first. */
export interface QueuedResponse {
  seq: number;
  code: string;
  body: ResponseSubmission;
  queuedAt: string;
}

/** A kiosk's data as last fetched, with the clock correction measured then. */
export interface SavedKiosk {
  code: string;
  kiosk: KioskData;
  clockOffset: number;
  savedAt: string;
}

const DB_NAME = 'fsa-kiosk';
const OUTBOX = 'outbox';
const KIOSKS = 'kiosks';
const STAFF_PINS = 'staffPins';

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 2);
    request.onupgradeneeded = (event) => {
      const db = request.result;
      if (event.oldVersion < 1) {
        db.createObjectStore(OUTBOX, { keyPath: 'seq', autoIncrement: true });
        db.createObjectStore(KIOSKS, { keyPath: 'code' });
      }
      if (event.oldVersion < 2) db.createObjectStore(STAFF_PINS, { keyPath: 'code' });
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab upgrading the database: let it, and reopen on the next call.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      resolve(db);
    };
    request.onerror = () => {
      opening = null;
      reject(request.error);
    };
  });
  return opening;
}

/**
 * Runs one transaction and resolves with the request's result only once the transaction has
 * completed: a response counts as saved only when IndexedDB says it is on disk.
 */
async function transact<T>(
  store: string,
  mode: IDBTransactionMode,
  work: (objects: IDBObjectStore) => IDBRequest<T> | undefined,
): Promise<T> {
  const db = await open();
  // 'strict' asks the browser to flush to disk before `complete` (a tablet may lose power).
  const tx = db.transaction(store, mode, {
    durability: mode === 'readwrite' ? 'strict' : 'default',
  });
  const request = work(tx.objectStore(store));
  return new Promise<T>((resolve, reject) => {
    tx.oncomplete = () => resolve(request?.result as T);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** Adds a completed response to the outbox; resolves once it is stored for good. */
export async function enqueue(code: string, body: ResponseSubmission): Promise<void> {
  const entry: Omit<QueuedResponse, 'seq'> = { code, body, queuedAt: new Date().toISOString() };
  await transact(OUTBOX, 'readwrite', (s) => s.add(entry));
}

/** The oldest response waiting, if any. */
export async function oldest(): Promise<QueuedResponse | undefined> {
  const db = await open();
  const tx = db.transaction(OUTBOX, 'readonly');
  const request = tx.objectStore(OUTBOX).openCursor();
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result?.value as QueuedResponse | undefined);
    request.onerror = () => reject(request.error);
  });
}

/** Removes a response the server has acknowledged. */
export async function remove(seq: number): Promise<void> {
  await transact(OUTBOX, 'readwrite', (s) => s.delete(seq));
}

/** How many responses are waiting (never their content: that is for the server only). */
export function pendingCount(): Promise<number> {
  return transact(OUTBOX, 'readonly', (s) => s.count());
}

export async function saveKiosk(saved: SavedKiosk): Promise<void> {
  await transact(KIOSKS, 'readwrite', (s) => s.put(saved));
}

export function loadSavedKiosk(code: string): Promise<SavedKiosk | undefined> {
  return transact(KIOSKS, 'readonly', (s) => s.get(code) as IDBRequest<SavedKiosk | undefined>);
}

/** The kiosk this tablet opened last: the installed app starts at /kiosk/, with no code. */
export async function latestKioskCode(): Promise<string | undefined> {
  const all = await transact(KIOSKS, 'readonly', (s) => s.getAll() as IDBRequest<SavedKiosk[]>);
  return all.sort((a, b) => b.savedAt.localeCompare(a.savedAt))[0]?.code;
}

/** A kiosk's staff PIN as this tablet checks it offline: kept only after the server said yes. */
export interface StaffPinVerifier {
  code: string;
  salt: string;
  iterations: number;
  hash: string;
  /** Wrong offline tries in a row; at the limit the verifier is deleted. */
  wrong: number;
}

export async function saveStaffPin(verifier: StaffPinVerifier): Promise<void> {
  await transact(STAFF_PINS, 'readwrite', (s) => s.put(verifier));
}

export function loadStaffPin(code: string): Promise<StaffPinVerifier | undefined> {
  return transact(
    STAFF_PINS,
    'readonly',
    (s) => s.get(code) as IDBRequest<StaffPinVerifier | undefined>,
  );
}

export async function deleteStaffPin(code: string): Promise<void> {
  await transact(STAFF_PINS, 'readwrite', (s) => s.delete(code));
}

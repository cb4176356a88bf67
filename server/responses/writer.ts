import type { Db } from '../db/open.ts';
import { isDatabaseUnavailable } from '../errors.ts';
import { insertScoredResponses, type ResponseWithVerdicts } from './counting-repository.ts';

/**
 * How many batches may be written at once. One: the next batch forms while this one commits,
 * which measured faster than two smaller ones overlapping (bench/throughput.ts), and leaves the
 * rest of the pool to everything else.
 */
const MAX_IN_FLIGHT = 1;
/** How many responses one statement may carry. */
const MAX_BATCH = 64;

interface Pending {
  response: ResponseWithVerdicts;
  /** The id as PostgreSQL returns it: two spellings of one UUID are one response. */
  key: string;
  resolve: (inserted: boolean) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: responses submitted while earlier ones are being written wait and then go
 * together, as one statement (insertScoredResponses). Alone, a response is written at once;
 * under load, one round trip and one commit serve many, which is what lets a 2-core server take
 * thousands of submissions a second. Each caller still learns only once its own response is
 * committed (or refused), so a 201 always means stored.
 */
function createResponseWriter(db: Db) {
  let queue: Pending[] = [];
  let inFlight = 0;
  let scheduled = false;

  const schedule = () => {
    if (scheduled || inFlight >= MAX_IN_FLIGHT || queue.length === 0) return;
    scheduled = true;
    // Let every request already read off the sockets join this batch.
    setImmediate(flush);
  };

  function flush() {
    scheduled = false;
    const batch: Pending[] = [];
    const later: Pending[] = [];
    const keys = new Set<string>();
    for (const pending of queue) {
      // A repeat of an id in the same batch waits for the next one, which then sees it stored.
      if (batch.length < MAX_BATCH && !keys.has(pending.key)) {
        keys.add(pending.key);
        batch.push(pending);
      } else later.push(pending);
    }
    queue = later;
    inFlight++;
    void write(batch).finally(() => {
      inFlight--;
      schedule();
    });
    schedule();
  }

  async function write(batch: Pending[]): Promise<void> {
    try {
      const inserted = await insertScoredResponses(
        db,
        batch.map((p) => p.response),
      );
      for (const p of batch) p.resolve(inserted.has(p.key));
    } catch (error) {
      // A statement that fails fails for all it carries: each is tried alone, so one cannot
      // sink the others. A database that cannot be reached fails them all alike, at once.
      if (batch.length === 1 || (error instanceof Error && isDatabaseUnavailable(error))) {
        for (const p of batch) p.reject(error);
        return;
      }
      await Promise.all(batch.map((p) => write([p])));
    }
  }

  return (response: ResponseWithVerdicts) =>
    new Promise<boolean>((resolve, reject) => {
      queue.push({ response, key: response.id.toLowerCase(), resolve, reject });
      schedule();
    });
}

const writers = new WeakMap<Db, ReturnType<typeof createResponseWriter>>();

/**
 * Stores a response with its verdicts and counts, batched with others submitted meanwhile.
 * Resolves to false when nothing was written: the id exists, or the version does not take it.
 */
export function writeScoredResponse(db: Db, response: ResponseWithVerdicts): Promise<boolean> {
  let write = writers.get(db);
  if (!write) writers.set(db, (write = createResponseWriter(db)));
  return write(response);
}

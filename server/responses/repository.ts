import { sql } from 'kysely';
import type { Db, Transaction } from '../db/open.ts';
import type { Scope } from '../http/context.ts';
import type { QuarantineReason } from './quarantine.ts';

export function findResponseForRepeat(db: Db, id: string) {
  return db
    .selectFrom('responses')
    .select(['id', 'activity_id', 'body_hash'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** An activity's responses (coordinators only: answers include free text). */
export function listResponses(db: Db, scope: { operatorId: string }, activityId: string) {
  return db
    .selectFrom('responses')
    .select([
      'id',
      'questionnaire_id',
      'version',
      'locale',
      'completed_at',
      'received_at',
      'source',
      'voided_at',
      'void_reason',
      'answers',
    ])
    .where('activity_id', '=', activityId)
    .where('operator_id', '=', scope.operatorId)
    .orderBy('completed_at')
    .execute();
}

/** A response, locked until the transaction ends. */
export function findResponse(db: Transaction, scope: Scope, id: string) {
  let q = db
    .selectFrom('responses')
    .select(['id', 'operator_id', 'activity_id', 'voided_at'])
    .where('id', '=', id);
  if (scope !== 'all') q = q.where('operator_id', '=', scope.operatorId);
  return q.forUpdate().executeTakeFirst();
}

export async function voidResponse(trx: Transaction, id: string, reason: string, by: string) {
  await trx
    .updateTable('responses')
    .set({ voided_at: new Date(), void_reason: reason, voided_by: by })
    .where('id', '=', id)
    .where('voided_at', 'is', null)
    .execute();
}

/** Whether a refused submission was kept, or which of the kiosk's bounds refused it. */
export type QuarantineOutcome = 'kept' | 'kiosk_full' | 'kiosk_busy';

/**
 * Keeps a refused kiosk submission unless its kiosk has MAX waiting entries, or added `perMinute`
 * in the last minute. The same body again is kept once and is always 'kept', bounds or not. One
 * transaction, the kiosk's entries counted under an advisory lock on it, so concurrent refusals
 * from one kiosk cannot pass the bound together.
 */
export function quarantineSubmission(
  db: Db,
  entry: {
    activityId: string;
    operatorId: string;
    kioskId: string;
    responseId: string | null;
    body: unknown;
    bodyHash: string;
    dropped: { paths: string[]; count: number } | null;
    status: number;
    reason: QuarantineReason;
  },
  bounds: { waiting: number; perMinute: number },
): Promise<QuarantineOutcome> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`quarantine:${entry.kioskId}`}))`.execute(
      trx,
    );
    const again = await trx
      .selectFrom('quarantine')
      .select('id')
      .where('activity_id', '=', entry.activityId)
      .where('body_hash', '=', entry.bodyHash)
      .executeTakeFirst();
    if (again) return 'kept';
    const counts = await trx
      .selectFrom('quarantine')
      .select([
        sql<number>`(count(*) filter (where resolved_at is null))::int`.as('waiting'),
        sql<number>`(count(*) filter (where received_at > now() - interval '1 minute'))::int`.as(
          'lastMinute',
        ),
      ])
      .where('kiosk_id', '=', entry.kioskId)
      .executeTakeFirstOrThrow();
    if (counts.waiting >= bounds.waiting) return 'kiosk_full';
    if (counts.lastMinute >= bounds.perMinute) return 'kiosk_busy';
    await trx
      .insertInto('quarantine')
      .values({
        activity_id: entry.activityId,
        operator_id: entry.operatorId,
        kiosk_id: entry.kioskId,
        response_id: entry.responseId,
        body: JSON.stringify(entry.body),
        body_hash: entry.bodyHash,
        dropped: entry.dropped?.count ? JSON.stringify(entry.dropped) : null,
        status: entry.status,
        reason: JSON.stringify(entry.reason),
      })
      .onConflict((oc) => oc.columns(['activity_id', 'body_hash']).doNothing())
      .execute();
    return 'kept';
  });
}

/**
 * Where a page of an activity's quarantine starts: after this entry, in (received_at, id) order.
 * `receivedAt` is the database's own text of the instant, to the microsecond (a Date would
 * round it to the millisecond and repeat or skip entries).
 */
export interface QuarantineCursor {
  receivedAt: string;
  id: string;
}

/** One page of an activity's quarantine, oldest first: `limit` entries, waiting or decided. */
export function listQuarantine(
  db: Db,
  scope: { operatorId: string },
  activityId: string,
  page: { state?: 'waiting' | 'decided'; after?: QuarantineCursor; limit: number },
) {
  let q = db
    .selectFrom('quarantine')
    .select([
      'id',
      'response_id',
      'body',
      'dropped',
      'status',
      'reason',
      'received_at',
      'resolved_at',
      'resolution',
      'resolution_note',
      sql<string>`to_char(received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as(
        'received_key',
      ),
    ])
    .where('activity_id', '=', activityId)
    .where('operator_id', '=', scope.operatorId);
  if (page.state === 'waiting') q = q.where('resolved_at', 'is', null);
  if (page.state === 'decided') q = q.where('resolved_at', 'is not', null);
  if (page.after) {
    const { id } = page.after;
    const receivedAt = sql<Date>`${page.after.receivedAt}::timestamptz`;
    q = q.where((eb) =>
      eb.or([
        eb('received_at', '>', receivedAt),
        eb.and([eb('received_at', '=', receivedAt), eb('id', '>', id)]),
      ]),
    );
  }
  return q.orderBy('received_at').orderBy('id').limit(page.limit).execute();
}

/** An entry, locked until the transaction ends. */
export function findQuarantined(db: Transaction, scope: Scope, id: string) {
  let q = db.selectFrom('quarantine').selectAll().where('id', '=', id);
  if (scope !== 'all') q = q.where('operator_id', '=', scope.operatorId);
  return q.forUpdate().executeTakeFirst();
}

export async function resolveQuarantined(
  trx: Transaction,
  id: string,
  resolution: 'accepted' | 'discarded',
  by: string,
  note: string | null,
) {
  await trx
    .updateTable('quarantine')
    .set({ resolved_at: new Date(), resolution, resolved_by: by, resolution_note: note })
    .where('id', '=', id)
    .where('resolved_at', 'is', null)
    .execute();
}

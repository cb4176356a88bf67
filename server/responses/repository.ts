import type { Transaction } from 'kysely';
import type { Db } from '../db/open.ts';
import type { Database } from '../db/schema.ts';
import type { Scope } from '../http/context.ts';

type Executor = Db | Transaction<Database>;

export function findResponseForRepeat(db: Executor, id: string) {
  return db
    .selectFrom('responses')
    .select(['id', 'activity_id', 'body_hash'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** An activity's responses (coordinators only: answers include free text). */
export function listResponses(db: Executor, scope: { operatorId: string }, activityId: string) {
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

export function findResponse(db: Executor, scope: Scope, id: string) {
  let q = db
    .selectFrom('responses')
    .select(['id', 'operator_id', 'activity_id', 'voided_at'])
    .where('id', '=', id);
  if (scope !== 'all') q = q.where('operator_id', '=', scope.operatorId);
  return q.forUpdate().executeTakeFirst();
}

export async function voidResponse(
  trx: Transaction<Database>,
  id: string,
  reason: string,
  by: string,
) {
  await trx
    .updateTable('responses')
    .set({ voided_at: new Date(), void_reason: reason, voided_by: by })
    .where('id', '=', id)
    .where('voided_at', 'is', null)
    .execute();
}

export async function quarantineSubmission(
  db: Executor,
  entry: {
    activityId: string;
    operatorId: string;
    kioskId: string;
    responseId: string | null;
    body: unknown;
    bodyHash: string;
    status: number;
    reason: { code: string; message: string; details?: { path: string; message: string }[] };
  },
) {
  await db
    .insertInto('quarantine')
    .values({
      activity_id: entry.activityId,
      operator_id: entry.operatorId,
      kiosk_id: entry.kioskId,
      response_id: entry.responseId,
      body: JSON.stringify(entry.body),
      body_hash: entry.bodyHash,
      status: entry.status,
      reason: JSON.stringify(entry.reason),
    })
    .onConflict((oc) => oc.columns(['activity_id', 'body_hash']).doNothing())
    .execute();
}

export function listQuarantine(db: Executor, scope: { operatorId: string }, activityId: string) {
  return db
    .selectFrom('quarantine')
    .select([
      'id',
      'response_id',
      'body',
      'status',
      'reason',
      'received_at',
      'resolved_at',
      'resolution',
      'resolution_note',
    ])
    .where('activity_id', '=', activityId)
    .where('operator_id', '=', scope.operatorId)
    .orderBy('received_at')
    .execute();
}

export function findQuarantined(db: Executor, scope: Scope, id: string) {
  let q = db.selectFrom('quarantine').selectAll().where('id', '=', id);
  if (scope !== 'all') q = q.where('operator_id', '=', scope.operatorId);
  return q.forUpdate().executeTakeFirst();
}

export async function resolveQuarantined(
  trx: Transaction<Database>,
  id: string,
  resolution: 'accepted' | 'discarded',
  by: string,
  note: string | null,
) {
  await trx
    .updateTable('quarantine')
    .set({ resolved_at: new Date(), resolution, resolved_by: by, resolution_note: note })
    .where('id', '=', id)
    .execute();
}

// A coordinator's decisions on stored and refused submissions. Each is one transaction on the
// row it locked: the check that it is still undecided and the write that decides it commit
// together, so two people deciding at once cannot both win.
import type { Db, Transaction } from '../db/open.ts';
import { activityInScope } from '../activities/service.ts';
import { audited } from '../audit/repository.ts';
import { conflict, notFound } from '../errors.ts';
import { scopeOf, type Actor } from '../http/context.ts';
import { Uuid } from '../http/schemas.ts';
import { findQuarantined, findResponse, resolveQuarantined, voidResponse } from './repository.ts';
import { removeVerdicts } from './counting-repository.ts';
import { storeResponse } from './service.ts';

/** The entry, locked until the transaction ends; 404 outside the scope, 409 once decided. */
async function undecidedEntry(trx: Transaction, actor: Actor, id: string) {
  const entry = Uuid.test(id) ? await findQuarantined(trx, scopeOf(actor), id) : undefined;
  if (!entry) throw notFound('The quarantined submission');
  if (entry.resolved_at) throw conflict(`This submission was already ${entry.resolution}.`);
  return entry;
}

/**
 * Stores a quarantined submission as a response (the kiosk window aside) and marks the entry
 * accepted, in one transaction: refused (422) or already decided (409), nothing changes.
 */
export function acceptQuarantined(db: Db, actor: Actor, id: string) {
  return audited(db, actor, async (trx) => {
    const entry = await undecidedEntry(trx, actor, id);
    const activity = await activityInScope(trx, actor, entry.activity_id);
    const stored = await storeResponse(
      trx,
      {
        activityId: activity.id,
        operatorId: activity.operator_id,
        unitId: activity.unit_id,
        kiosk: null,
        source: 'quarantine',
      },
      entry.body,
    );
    await resolveQuarantined(trx, entry.id, 'accepted', actor.userId, null);
    return {
      result: { responseId: stored.id },
      event: {
        action: 'quarantine_accepted',
        targetType: 'quarantine',
        targetId: entry.id,
        operatorId: entry.operator_id,
        details: { response: stored.id },
      },
    };
  });
}

/** Marks a quarantined submission discarded, with the reason; 409 once decided. */
export function discardQuarantined(db: Db, actor: Actor, id: string, reason: string) {
  return audited(db, actor, async (trx) => {
    const entry = await undecidedEntry(trx, actor, id);
    await resolveQuarantined(trx, entry.id, 'discarded', actor.userId, reason);
    return {
      result: null,
      event: {
        action: 'quarantine_discarded',
        targetType: 'quarantine',
        targetId: entry.id,
        operatorId: entry.operator_id,
        details: { reason },
      },
    };
  });
}

/** Voids a response: it stops counting in every figure; 409 if it is void already. */
export function voidStoredResponse(db: Db, actor: Actor, id: string, reason: string) {
  return audited(db, actor, async (trx) => {
    const response = Uuid.test(id) ? await findResponse(trx, scopeOf(actor), id) : undefined;
    if (!response) throw notFound('The response');
    if (response.voided_at) throw conflict('The response is already void.');
    await voidResponse(trx, id, reason, actor.userId);
    await removeVerdicts(trx, id);
    return {
      result: null,
      event: {
        action: 'response_voided',
        targetType: 'response',
        targetId: id,
        operatorId: response.operator_id,
        details: { reason },
      },
    };
  });
}

import { sql } from 'kysely';
import type { Db, Transaction } from '../db/open.ts';
import type { Actor, Scope } from '../http/context.ts';
import { entryHash, firstBrokenLink, GENESIS_HASH, type ChainedFields } from './chain.ts';

/** What happened, to what, for which operator; the actor and time are added on append. */
export interface AuditEvent {
  action: string;
  targetType: string;
  targetId?: string | null;
  operatorId?: string | null;
  details?: Record<string, unknown>;
}

const AUDIT_LOCK = 727_001;

/**
 * Appends one entry, chained to the last. Runs inside the caller's transaction so the entry
 * commits or rolls back with the change it records; the advisory lock orders concurrent appends.
 */
export async function appendAudit(
  trx: Transaction,
  actor: Pick<Actor, 'userId' | 'email'> | null,
  event: AuditEvent,
): Promise<void> {
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(trx);
  const last = await trx
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const fields: ChainedFields = {
    seq: (last?.seq ?? 0) + 1,
    at: new Date(),
    actorId: actor?.userId ?? null,
    actorEmail: actor?.email ?? null,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId ?? null,
    operatorId: event.operatorId ?? null,
    details: event.details ?? {},
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  await trx
    .insertInto('audit_log')
    .values({
      seq: fields.seq,
      at: fields.at,
      actor_id: fields.actorId,
      actor_email: fields.actorEmail,
      action: fields.action,
      target_type: fields.targetType,
      target_id: fields.targetId,
      operator_id: fields.operatorId,
      details: JSON.stringify(fields.details),
      prev_hash: prevHash,
      hash: entryHash(prevHash, fields),
    })
    .execute();
}

/** Runs `work` and its audit entry in one transaction. */
export function audited<T>(
  db: Db,
  actor: Pick<Actor, 'userId' | 'email'> | null,
  work: (trx: Transaction) => Promise<{ result: T; event: AuditEvent }>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const { result, event } = await work(trx);
    await appendAudit(trx, actor, event);
    return result;
  });
}

/** Entries newest first, within the caller's scope. */
export async function listAudit(db: Db, scope: Scope, opts: { before?: number; limit: number }) {
  let q = db
    .selectFrom('audit_log')
    .leftJoin('operators', 'operators.id', 'audit_log.operator_id')
    .select([
      'audit_log.seq',
      'audit_log.at',
      'audit_log.actor_id',
      'audit_log.actor_email',
      'audit_log.action',
      'audit_log.target_type',
      'audit_log.target_id',
      'operators.code as operator_code',
      'audit_log.details',
    ])
    .orderBy('audit_log.seq', 'desc')
    .limit(opts.limit);
  if (scope !== 'all') q = q.where('audit_log.operator_id', '=', scope.operatorId);
  if (opts.before !== undefined) q = q.where('audit_log.seq', '<', opts.before);
  return q.execute();
}

/** Walks the whole chain in order, a page at a time; the first broken link or null. */
export async function verifyAuditChain(db: Db) {
  let after = 0;
  const pageSize = 5000;
  let previous: { hash: string; seq: number } | null = null;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return { broken: null, entries: after };
    const entries = rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      actorId: r.actor_id,
      actorEmail: r.actor_email,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      operatorId: r.operator_id,
      details: r.details,
      prevHash: r.prev_hash,
      hash: r.hash,
    }));
    const broken = firstBrokenLink(entries, previous ?? undefined);
    if (broken) return { broken, entries: after };
    const last = entries[entries.length - 1]!;
    previous = { hash: last.hash, seq: last.seq };
    after = last.seq;
  }
}

/** The lifecycle actions of a questionnaire version that its decision history lists. */
export const DECISION_ACTIONS = [
  'questionnaire_submitted',
  'questionnaire_approved',
  'questionnaire_rejected',
  'questionnaire_retired',
] as const;

/**
 * A questionnaire's submissions and decisions, oldest first, with the role of whoever made each
 * (from the audit log: the version rows keep only the latest decision's maker). Null when the
 * questionnaire is not in scope.
 */
export async function listDecisions(db: Db, scope: Scope, questionnaireId: string) {
  let owner = db
    .selectFrom('questionnaires')
    .select(['id', 'operator_id'])
    .where('id', '=', questionnaireId);
  if (scope !== 'all') owner = owner.where('operator_id', '=', scope.operatorId);
  const questionnaire = await owner.executeTakeFirst();
  if (!questionnaire) return null;
  return db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .select([
      'audit_log.seq',
      'audit_log.at',
      'audit_log.action',
      'audit_log.target_id',
      'audit_log.actor_email',
      'users.role',
      'audit_log.details',
    ])
    .where('audit_log.target_type', '=', 'questionnaire_version')
    .where('audit_log.target_id', 'like', `${questionnaireId}/%`)
    .where('audit_log.action', 'in', DECISION_ACTIONS)
    .orderBy('audit_log.seq')
    .execute();
}

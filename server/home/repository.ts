// What waits for someone, read for the home page: each query scoped like the records it reads.
import { sql } from 'kysely';
import type { Db } from '../db/open.ts';
import type { LocalisedText } from '../db/schema.ts';
import type { Scope } from '../http/context.ts';
import { versionsWithQuestionnaires } from '../questionnaires/repository.ts';

const title = sql<LocalisedText | null>`v.definition->'survey'->'title'`.as('title');

/** Versions submitted and waiting for SWD's decision, oldest first. */
export async function versionsAwaitingReview(db: Db, scope: Scope) {
  let q = versionsWithQuestionnaires(db)
    .innerJoin('operators as o', 'o.id', 'q.operator_id')
    .select([
      'v.questionnaire_id',
      'v.version',
      'v.submitted_at',
      'o.code as operator_code',
      'o.name as operator_name',
      title,
    ])
    .where('v.status', '=', 'submitted')
    .orderBy('v.submitted_at')
    .orderBy('v.questionnaire_id')
    .limit(200);
  if (scope !== 'all') q = q.where('q.operator_id', '=', scope.operatorId);
  return q.execute();
}

/** SWD's approvals and rejections decided since `since`, newest first. */
export async function decisionsSince(db: Db, scope: Scope, since: Date) {
  let q = versionsWithQuestionnaires(db)
    .select([
      'v.questionnaire_id',
      'v.version',
      'v.status',
      'v.decided_at',
      'v.decision_reason',
      title,
    ])
    // decided_at is set by approving or rejecting only; a retired version was approved.
    .where('v.decided_at', '>=', since)
    .orderBy('v.decided_at', 'desc')
    .limit(100);
  if (scope !== 'all') q = q.where('q.operator_id', '=', scope.operatorId);
  return q.execute();
}

/** Activities with refused kiosk submissions not yet accepted or discarded, latest first. */
export async function quarantineWaiting(db: Db, scope: Scope) {
  let q = db
    .selectFrom('quarantine as qu')
    .innerJoin('activities as a', 'a.id', 'qu.activity_id')
    .select(['a.id', 'a.title', 'a.date', sql<number>`count(*)::int`.as('waiting')])
    .where('qu.resolved_at', 'is', null)
    .groupBy(['a.id', 'a.title', 'a.date'])
    .orderBy('a.date', 'desc')
    .orderBy('a.id')
    .limit(100);
  if (scope !== 'all') q = q.where('qu.operator_id', '=', scope.operatorId);
  return q.execute();
}

/** Kiosks neither closed nor expired at `now`, closing soonest first. */
export async function openKiosks(db: Db, scope: Scope, now: Date) {
  let q = db
    .selectFrom('kiosks as k')
    .innerJoin('activities as a', 'a.id', 'k.activity_id')
    .select(['k.id', 'a.id as activity_id', 'a.title', 'a.date', 'k.expires_at'])
    .where('k.closed_at', 'is', null)
    .where('k.expires_at', '>', now)
    .orderBy('k.expires_at')
    .limit(100);
  if (scope !== 'all') q = q.where('a.operator_id', '=', scope.operatorId);
  return q.execute();
}

/** Active users who must still replace a password an admin reset. */
export async function pendingPasswordChanges(db: Db) {
  return db
    .selectFrom('users as u')
    .leftJoin('operators as o', 'o.id', 'u.operator_id')
    .select(['u.id', 'u.email', 'u.role', 'o.code as operator'])
    .where('u.must_change_password', '=', true)
    .where('u.disabled_at', 'is', null)
    .orderBy('u.email')
    .limit(200)
    .execute();
}

/** The latest `audit_verified` entry: when the chain was last checked and what was found. */
export async function lastAuditCheck(db: Db) {
  return db
    .selectFrom('audit_log')
    .select(['at', 'details'])
    .where('action', '=', 'audit_verified')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

import type { Db } from '../db/open.ts';
import type { LocalisedText } from '../db/schema.ts';
import { scopeOf, type Actor } from '../http/context.ts';
import {
  decisionsSince,
  lastAuditCheck,
  openKiosks,
  pendingPasswordChanges,
  quarantineWaiting,
  versionsAwaitingReview,
} from './repository.ts';
import { RECENT_DECISION_DAYS, type Home } from './schemas.ts';

/** A definition's title as stored: only its string values (a title is an object by locale). */
const textOf = (value: LocalisedText | null): LocalisedText =>
  Object.fromEntries(
    Object.entries(value && typeof value === 'object' ? value : {}).filter(
      ([, v]) => typeof v === 'string',
    ),
  );

/** What waits for this caller: SWD reviews, a coordinator its operator's news, an admin accounts. */
export async function whatWaits(db: Db, actor: Actor, now = new Date()): Promise<Home> {
  const scope = scopeOf(actor);
  if (actor.role === 'swd') {
    const rows = await versionsAwaitingReview(db, scope);
    return {
      reviews: rows.map((r) => ({
        questionnaire: r.questionnaire_id,
        version: r.version,
        title: textOf(r.title),
        operator: { code: r.operator_code, name: r.operator_name },
        submittedAt: (r.submitted_at ?? now).toISOString(),
      })),
    };
  }
  if (actor.role === 'coordinator') {
    const since = new Date(now.getTime() - RECENT_DECISION_DAYS * 86_400_000);
    const [decisions, quarantine, kiosks] = await Promise.all([
      decisionsSince(db, scope, since),
      quarantineWaiting(db, scope),
      openKiosks(db, scope, now),
    ]);
    return {
      decisions: decisions.map((d) => ({
        questionnaire: d.questionnaire_id,
        version: d.version,
        title: textOf(d.title),
        decision: d.status === 'rejected' ? 'rejected' : 'approved',
        reason: d.status === 'rejected' ? d.decision_reason : null,
        decidedAt: d.decided_at!.toISOString(),
      })),
      quarantine: quarantine.map((a) => ({
        activity: a.id,
        title: a.title,
        date: a.date,
        waiting: a.waiting,
      })),
      kiosks: kiosks.map((k) => ({
        id: k.id,
        activity: k.activity_id,
        title: k.title,
        date: k.date,
        expiresAt: k.expires_at.toISOString(),
      })),
    };
  }
  const [resets, check] = await Promise.all([pendingPasswordChanges(db), lastAuditCheck(db)]);
  const details = check?.details as { entries?: unknown; broken?: unknown } | undefined;
  const broken = details?.broken as { seq?: unknown; reason?: unknown } | null | undefined;
  return {
    passwordResets: resets,
    auditCheck: check
      ? {
          at: check.at.toISOString(),
          entries: Number(details?.entries ?? 0),
          broken: broken ? { seq: Number(broken.seq), reason: String(broken.reason ?? '') } : null,
        }
      : null,
  };
}

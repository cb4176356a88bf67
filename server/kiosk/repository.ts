import { sql } from 'kysely';
import type { Db, Transaction } from '../db/open.ts';
import type { Scope } from '../http/context.ts';
import { sha256 } from '../lib/secrets.ts';
import { activityVersions } from '../questionnaires/repository.ts';

export async function insertKiosk(
  trx: Transaction,
  kiosk: {
    activityId: string;
    codeHash: string;
    expiresAt: Date;
    openedBy: string;
    pin: string | null;
  },
) {
  const row = await trx
    .insertInto('kiosks')
    .values({
      activity_id: kiosk.activityId,
      code_hash: kiosk.codeHash,
      expires_at: kiosk.expiresAt,
      opened_by: kiosk.openedBy,
      pin_hash: kiosk.pin,
    })
    .returning(['id', 'opened_at'])
    .executeTakeFirstOrThrow();
  return row;
}

/** The kiosk a code opens (its activity's operator and unit too), or undefined. */
export function findKioskByCode(db: Db, code: string) {
  return db
    .selectFrom('kiosks as k')
    .innerJoin('activities as a', 'a.id', 'k.activity_id')
    .select([
      'k.id',
      'k.activity_id',
      'k.opened_at',
      'k.expires_at',
      'k.closed_at',
      'k.pin_hash',
      'a.operator_id',
      'a.unit_id',
      'a.title',
      'a.date',
    ])
    .where('k.code_hash', '=', sha256(code))
    .executeTakeFirst();
}
export type KioskRow = NonNullable<Awaited<ReturnType<typeof findKioskByCode>>>;

/** When the kiosk stopped (or will stop) taking responses: closed early, or expired. */
export const kioskEnd = (k: Pick<KioskRow, 'expires_at' | 'closed_at'>) =>
  k.closed_at && k.closed_at < k.expires_at ? k.closed_at : k.expires_at;

/** Closes a kiosk found by its code or by its id (staff screens), within scope. */
export async function closeKiosk(
  trx: Transaction,
  scope: Scope,
  by: { code: string } | { id: string; activityId: string },
) {
  let q = trx
    .selectFrom('kiosks as k')
    .innerJoin('activities as a', 'a.id', 'k.activity_id')
    .select(['k.id', 'k.closed_at', 'k.expires_at', 'a.operator_id', 'a.id as activity_id']);
  q =
    'code' in by
      ? q.where('k.code_hash', '=', sha256(by.code))
      : q.where('k.id', '=', by.id).where('k.activity_id', '=', by.activityId);
  if (scope !== 'all') q = q.where('a.operator_id', '=', scope.operatorId);
  const kiosk = await q.executeTakeFirst();
  if (!kiosk) return undefined;
  if (!kiosk.closed_at && kiosk.expires_at > new Date()) {
    await trx
      .updateTable('kiosks')
      .set({ closed_at: new Date() })
      .where('id', '=', kiosk.id)
      .execute();
  }
  return kiosk;
}

/**
 * Counts one staff-PIN try against the kiosk, atomically: false (nothing counted) when the
 * window already holds `tries` of them. A window older than `windowMinutes` starts again.
 */
export async function reservePinTry(
  db: Db,
  kioskId: string,
  limit: { tries: number; windowMinutes: number },
): Promise<boolean> {
  const stale = sql<boolean>`pin_failures_since is null or pin_failures_since <= now() - make_interval(mins => ${limit.windowMinutes})`;
  const row = await db
    .updateTable('kiosks')
    .set({
      pin_failures: sql`case when ${stale} then 1 else pin_failures + 1 end`,
      pin_failures_since: sql`case when ${stale} then now() else pin_failures_since end`,
    })
    .where('id', '=', kioskId)
    .where((eb) => eb.or([stale, eb('pin_failures', '<', limit.tries)]))
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Gives back the try a right PIN used, so only wrong ones count. */
export async function refundPinTry(db: Db, kioskId: string): Promise<void> {
  await db
    .updateTable('kiosks')
    .set({ pin_failures: sql`greatest(pin_failures - 1, 0)` })
    .where('id', '=', kioskId)
    .execute();
}

/** The approved definitions an activity's kiosk serves, with each version's translation state. */
export function kioskQuestionnaires(db: Db, activityId: string) {
  return activityVersions(db)
    .select([
      'v.questionnaire_id',
      'v.version',
      'v.status',
      'v.definition',
      'v.translations',
      'v.content_hash',
    ])
    .where('aq.activity_id', '=', activityId)
    .where('v.status', '=', 'approved')
    .execute();
}

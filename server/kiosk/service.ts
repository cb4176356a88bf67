import type { ActivityRow } from '../activities/repository.ts';
import { audited } from '../audit/repository.ts';
import { ruleBroken } from '../errors.ts';
import type { Actor, Deps } from '../http/context.ts';
import { randomSecret, sha256 } from '../lib/secrets.ts';
import { insertKiosk, kioskQuestionnaires } from './repository.ts';

/** Bytes of randomness in a kiosk code: 128 bits, far above the contract's 60. */
export const KIOSK_CODE_BYTES = 16;

/** Opens a kiosk; the code is returned once and stored only as its SHA-256. */
export async function openKiosk(
  { db, config }: Deps,
  actor: Actor,
  activity: ActivityRow,
  minutes: number,
) {
  if ((await kioskQuestionnaires(db, activity.id)).length === 0) {
    throw ruleBroken('The activity has no approved questionnaire to answer.', [
      {
        path: 'questionnaires',
        message: 'Add an approved questionnaire to the activity before opening a kiosk.',
      },
    ]);
  }
  const code = randomSecret(KIOSK_CODE_BYTES);
  const expiresAt = new Date(Date.now() + minutes * 60_000);
  await audited(db, actor, async (trx) => {
    const kiosk = await insertKiosk(trx, {
      activityId: activity.id,
      codeHash: sha256(code),
      expiresAt,
      openedBy: actor.userId,
    });
    return {
      result: kiosk,
      event: {
        action: 'kiosk_opened',
        targetType: 'kiosk',
        targetId: kiosk.id,
        operatorId: activity.operator_id,
        details: { activity: activity.id, minutes },
      },
    };
  });
  const path = `/kiosk/${code}`;
  return {
    code,
    url: path,
    link: new URL(path, config.publicUrl).toString(),
    expiresAt: expiresAt.toISOString(),
  };
}

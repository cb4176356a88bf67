import { pbkdf2Sync, randomBytes } from 'node:crypto';
import type { ActivityRow } from '../activities/repository.ts';
import { audited } from '../audit/repository.ts';
import { ruleBroken } from '../errors.ts';
import type { Actor, Deps } from '../http/context.ts';
import { randomSecret, sha256 } from '../lib/secrets.ts';
import { insertKiosk, kioskQuestionnaires } from './repository.ts';

/** Bytes of randomness in a kiosk code: 128 bits, far above the contract's 60. */
export const KIOSK_CODE_BYTES = 16;

/** How a kiosk PIN is kept: PBKDF2-SHA-256, so the tablet can check it offline with WebCrypto. */
export interface PinCheck {
  salt: string;
  iterations: number;
  hash: string;
}
const PIN_ITERATIONS = 100_000;

export function pinCheck(pin: string): PinCheck {
  const salt = randomBytes(16).toString('base64');
  const hash = pbkdf2Sync(pin, salt, PIN_ITERATIONS, 32, 'sha256').toString('base64');
  return { salt, iterations: PIN_ITERATIONS, hash };
}

/**
 * Opens a kiosk; the code is returned once and stored only as its SHA-256. The optional PIN
 * lets staff leave kiosk mode on the tablet without signing in, even offline.
 */
export async function openKiosk(
  { db, config }: Deps,
  actor: Actor,
  activity: ActivityRow,
  options: { minutes: number; pin?: string | undefined },
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
  const expiresAt = new Date(Date.now() + options.minutes * 60_000);
  await audited(db, actor, async (trx) => {
    const kiosk = await insertKiosk(trx, {
      activityId: activity.id,
      codeHash: sha256(code),
      expiresAt,
      openedBy: actor.userId,
      pin: options.pin ? JSON.stringify(pinCheck(options.pin)) : null,
    });
    return {
      result: kiosk,
      event: {
        action: 'kiosk_opened',
        targetType: 'kiosk',
        targetId: kiosk.id,
        operatorId: activity.operator_id,
        details: { activity: activity.id, minutes: options.minutes, pin: Boolean(options.pin) },
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

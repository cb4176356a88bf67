import type { ActivityRow } from '../activities/repository.ts';
import { audited } from '../audit/repository.ts';
import { AppError, ruleBroken, tooManyRequests } from '../errors.ts';
import type { Actor, Deps } from '../http/context.ts';
import { randomSecret, sha256 } from '../lib/secrets.ts';
import { hashPin, PIN_GRACE_DAYS, PIN_LIMIT, pinMatches } from './pin.ts';
import {
  insertKiosk,
  kioskEnd,
  kioskQuestionnaires,
  refundPinTry,
  reservePinTry,
  type KioskRow,
} from './repository.ts';

/** Bytes of randomness in a kiosk code: 128 bits, far above the contract's 60. */
export const KIOSK_CODE_BYTES = 16;

/**
 * Opens a kiosk; the code is returned once and stored only as its SHA-256. The optional PIN
 * lets staff leave kiosk mode on the tablet without signing in (checkStaffPin).
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
      pin: options.pin ? await hashPin(options.pin, config.passwordHashing) : null,
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

/**
 * Checks a staff PIN typed on a kiosk's tablet. Each try is counted before the hash is checked
 * and given back only when right, so at most PIN_LIMIT.tries wrong ones fit in a window however
 * many arrive at once; past the limit even the right PIN is refused, or a 204 among 429s would
 * tell a guesser which try was right.
 */
export async function checkStaffPin({ db }: Deps, kiosk: KioskRow, pin: string): Promise<void> {
  if (kioskEnd(kiosk).getTime() + PIN_GRACE_DAYS * 86_400_000 < Date.now()) {
    throw new AppError(410, 'kiosk_closed', 'This kiosk closed too long ago. Sign in instead.');
  }
  if (!(await reservePinTry(db, kiosk.id, PIN_LIMIT))) {
    throw tooManyRequests(
      `Too many wrong PINs for this kiosk. Try again in ${PIN_LIMIT.windowMinutes} minutes, or sign in.`,
    );
  }
  const right = kiosk.pin_hash !== null && (await pinMatches(kiosk.pin_hash, pin));
  if (!right) throw new AppError(403, 'wrong_pin', 'That PIN is not right.');
  await refundPinTry(db, kiosk.id);
}

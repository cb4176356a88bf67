import type { Db } from '../db/open.ts';
import type { Role } from '../db/schema.ts';
import { audited } from '../audit/repository.ts';
import { hashPassword, type HashCost } from '../auth/passwords.ts';
import { conflict, ruleBroken } from '../errors.ts';
import { normaliseEmail } from '../lib/email.ts';
import { findOperatorId } from '../operators/repository.ts';
import { emailTaken, insertUser } from './repository.ts';

export interface NewUser {
  email: string;
  password: string;
  role: Role;
  operator?: string | null | undefined;
}

/**
 * Creates a user: the one path shared by the API, the admin command line, the bootstrap admin
 * and the demo data, so every account is checked and audited the same way.
 */
export async function createUser(
  db: Db,
  actor: { userId: string; email: string } | null,
  user: NewUser,
  cost: HashCost,
): Promise<string> {
  const email = normaliseEmail(user.email);
  const operatorCode = user.operator ?? null;
  if (user.role === 'coordinator' && !operatorCode) {
    throw ruleBroken('A coordinator belongs to an operator.', [
      { path: 'operator', message: 'Choose the operator this coordinator works for.' },
    ]);
  }
  if (user.role !== 'coordinator' && operatorCode) {
    throw ruleBroken('Only coordinators belong to an operator.', [
      { path: 'operator', message: 'Leave the operator empty for admin and SWD accounts.' },
    ]);
  }
  const passwordHash = await hashPassword(user.password, cost);
  return audited(db, actor, async (trx) => {
    const operatorId = operatorCode ? await findOperatorId(trx, operatorCode) : null;
    if (operatorCode && !operatorId) {
      throw ruleBroken('The operator does not exist.', [
        { path: 'operator', message: `No operator has the code ${operatorCode}.` },
      ]);
    }
    if (await emailTaken(trx, email)) {
      throw conflict('A user with this email already exists.', 'email_taken');
    }
    const id = await insertUser(trx, {
      email,
      passwordHash,
      role: user.role,
      operatorId,
    });
    return {
      result: id,
      event: {
        action: 'user_created',
        targetType: 'user',
        targetId: id,
        operatorId,
        details: { email, role: user.role },
      },
    };
  });
}

import { sql } from 'kysely';
import type { Db, Transaction } from '../db/open.ts';
import type { Role } from '../db/schema.ts';
import type { Scope } from '../http/context.ts';
import { normaliseEmail } from '../lib/email.ts';

function users(db: Db, scope: Scope) {
  let q = db
    .selectFrom('users')
    .leftJoin('operators', 'operators.id', 'users.operator_id')
    .select([
      'users.id',
      'users.email',
      'users.role',
      'users.operator_id',
      'operators.code as operator_code',
      'users.disabled_at',
      'users.must_change_password',
      'users.created_at',
    ]);
  if (scope !== 'all') q = q.where('users.operator_id', '=', scope.operatorId);
  return q;
}

export function listUsers(db: Db, scope: Scope) {
  return users(db, scope).orderBy('users.created_at').orderBy('users.email').execute();
}

export function findUser(db: Db, scope: Scope, id: string) {
  return users(db, scope).where('users.id', '=', id).executeTakeFirst();
}

/** The user with this e-mail address (in any case and spacing), if any. */
export function findUserByEmail(db: Db, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'operator_id'])
    .where(sql`lower(email)`, '=', normaliseEmail(email))
    .executeTakeFirst();
}

export async function emailTaken(db: Db, email: string) {
  return (await findUserByEmail(db, email)) !== undefined;
}

export async function insertUser(
  db: Db,
  user: { email: string; passwordHash: string; role: Role; operatorId: string | null },
) {
  const row = await db
    .insertInto('users')
    .values({
      email: normaliseEmail(user.email),
      password_hash: user.passwordHash,
      role: user.role,
      operator_id: user.operatorId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function countAdmins(db: Db) {
  const row = await db
    .selectFrom('users')
    .select(sql<number>`count(*)::int`.as('admins'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return row.admins;
}

/** Disables or enables a user; disabling ends their sessions and API tokens for good. */
export async function setDisabled(trx: Transaction, id: string, disabled: boolean) {
  await trx
    .updateTable('users')
    .set({ disabled_at: disabled ? new Date() : null })
    .where('id', '=', id)
    .execute();
  if (disabled) {
    await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    await revokeTokens(trx, id);
  }
}

/** Ends every API token of the user (a disabled account, a changed password). */
async function revokeTokens(trx: Transaction, userId: string) {
  await trx
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

/**
 * Stores a new password hash and ends every API token and every session of the user but
 * `keepSession`: whatever a leaked password gave stops with it. Every password change (one's
 * own, or an admin's reset) goes through here.
 */
export async function changePassword(
  trx: Transaction,
  userId: string,
  passwordHash: string,
  keepSession: string | null,
  /** True for an admin's reset: a one-time password the user must replace at next sign-in. */
  mustChange = false,
) {
  await trx
    .updateTable('users')
    .set({
      password_hash: passwordHash,
      password_changed_at: new Date(),
      must_change_password: mustChange,
    })
    .where('id', '=', userId)
    .execute();
  let sessions = trx.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepSession) sessions = sessions.where('id_hash', '!=', keepSession);
  await sessions.execute();
  await revokeTokens(trx, userId);
}

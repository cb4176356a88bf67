import { sql } from 'kysely';
import type { Db } from '../db/open.ts';
import type { Role } from '../db/schema.ts';
import { randomSecret, sha256 } from '../lib/secrets.ts';

/** What a session or token resolves to: the user behind it, if still enabled. */
export interface Principal {
  userId: string;
  email: string;
  role: Role;
  operatorId: string | null;
  operatorCode: string | null;
}

function principals(db: Db) {
  return db
    .selectFrom('users')
    .leftJoin('operators', 'operators.id', 'users.operator_id')
    .select([
      'users.id as userId',
      'users.email',
      'users.role',
      'users.operator_id as operatorId',
      'operators.code as operatorCode',
    ])
    .where('users.disabled_at', 'is', null);
}

export async function findUserForSignIn(db: Db, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'password_hash', 'disabled_at'])
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

export function findPrincipal(db: Db, userId: string): Promise<Principal | undefined> {
  return principals(db).where('users.id', '=', userId).executeTakeFirst();
}

/** Opens a session; returns the secret for the cookie (only its hash is stored). */
export async function createSession(db: Db, userId: string, hours: number) {
  const secret = randomSecret(32);
  const expiresAt = new Date(Date.now() + hours * 3600_000);
  await db
    .insertInto('sessions')
    .values({ id_hash: sha256(secret), user_id: userId, expires_at: expiresAt })
    .execute();
  return { secret, expiresAt };
}

export async function findSessionPrincipal(db: Db, secret: string) {
  const idHash = sha256(secret);
  const row = await principals(db)
    .innerJoin('sessions', 'sessions.user_id', 'users.id')
    .where('sessions.id_hash', '=', idHash)
    .where('sessions.expires_at', '>', new Date())
    .executeTakeFirst();
  return row ? { ...row, sessionHash: idHash } : undefined;
}

export async function deleteSession(db: Db, idHash: string) {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteExpiredSessions(db: Db) {
  await db.deleteFrom('sessions').where('expires_at', '<=', new Date()).execute();
}

export async function createToken(db: Db, userId: string, name: string) {
  const token = `fsa_${randomSecret(32)}`;
  const row = await db
    .insertInto('api_tokens')
    .values({ user_id: userId, name, token_hash: sha256(token) })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
  return { token, id: row.id, createdAt: row.created_at };
}

export async function findTokenPrincipal(db: Db, token: string) {
  const row = await principals(db)
    .innerJoin('api_tokens', 'api_tokens.user_id', 'users.id')
    .select('api_tokens.id as tokenId')
    .where('api_tokens.token_hash', '=', sha256(token))
    .where('api_tokens.revoked_at', 'is', null)
    .executeTakeFirst();
  if (row) {
    await db
      .updateTable('api_tokens')
      .set({ last_used_at: new Date() })
      .where('id', '=', row.tokenId)
      .where(sql<boolean>`coalesce(last_used_at < now() - interval '1 minute', true)`)
      .execute();
  }
  return row;
}

export function listTokens(db: Db, userId: string) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'created_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at')
    .execute();
}

export async function revokeToken(db: Db, userId: string, tokenId: string) {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('id', '=', tokenId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Failed sign-ins for each key within the window. */
export async function countRecentFailures(db: Db, keys: string[], windowMinutes: number) {
  const rows = await db
    .selectFrom('sign_in_failures')
    .select(['key', sql<number>`count(*)::int`.as('failures')])
    .where('key', 'in', keys)
    .where('at', '>', new Date(Date.now() - windowMinutes * 60_000))
    .groupBy('key')
    .execute();
  return new Map(rows.map((r) => [r.key, r.failures]));
}

export async function recordFailure(db: Db, keys: string[]) {
  await db
    .insertInto('sign_in_failures')
    .values(keys.map((key) => ({ key })))
    .execute();
}

export async function clearFailures(db: Db, key: string) {
  await db.deleteFrom('sign_in_failures').where('key', '=', key).execute();
}

export async function deleteOldFailures(db: Db, windowMinutes: number) {
  await db
    .deleteFrom('sign_in_failures')
    .where('at', '<=', new Date(Date.now() - windowMinutes * 60_000))
    .execute();
}

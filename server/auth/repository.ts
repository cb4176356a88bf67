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
  /** An admin reset the password: only changing it, signing out and `me` are allowed. */
  mustChangePassword: boolean;
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
      'users.must_change_password as mustChangePassword',
    ])
    .where('users.disabled_at', 'is', null);
}

/**
 * The account an email (normalised) signs in to, and whether the browser whose device cookie
 * hashes to `deviceHash` signed in to it before.
 */
export async function findUserForSignIn(db: Db, email: string, deviceHash: string | null) {
  return db
    .selectFrom('users')
    .select(['id', 'password_hash', 'disabled_at'])
    .select(
      sql<boolean>`exists (select 1 from known_devices d
        where d.id_hash = ${deviceHash} and d.user_id = users.id)`.as('knownDevice'),
    )
    .where(sql`lower(email)`, '=', email)
    .executeTakeFirst();
}

/** Remembers that this browser (its device cookie's hash) signed in to the account. */
export async function rememberDevice(db: Db, deviceHash: string, userId: string) {
  await db
    .insertInto('known_devices')
    .values({ id_hash: deviceHash, user_id: userId })
    .onConflict((oc) =>
      oc.columns(['id_hash', 'user_id']).doUpdateSet({ last_signed_in_at: new Date() }),
    )
    .execute();
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

export async function createToken(db: Db, userId: string, name: string, days: number) {
  const token = `fsa_${randomSecret(32)}`;
  const row = await db
    .insertInto('api_tokens')
    .values({
      user_id: userId,
      name,
      token_hash: sha256(token),
      expires_at: sql<Date>`now() + make_interval(days => ${days}::int)`,
    })
    .returning(['id', 'created_at', 'expires_at'])
    .executeTakeFirstOrThrow();
  return { token, id: row.id, createdAt: row.created_at, expiresAt: row.expires_at };
}

export async function findTokenPrincipal(db: Db, token: string) {
  const row = await principals(db)
    .innerJoin('api_tokens', 'api_tokens.user_id', 'users.id')
    .select('api_tokens.id as tokenId')
    .where('api_tokens.token_hash', '=', sha256(token))
    .where('api_tokens.revoked_at', 'is', null)
    .where('api_tokens.expires_at', '>', sql<Date>`now()`)
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

/** Live tokens (neither revoked nor expired) of one user, or of everyone (null). */
export function listTokens(db: Db, userId: string | null) {
  let q = db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id',
      'api_tokens.name',
      'api_tokens.created_at',
      'api_tokens.last_used_at',
      'api_tokens.expires_at',
      'api_tokens.user_id',
      'users.email',
      'users.role',
    ])
    .where('api_tokens.revoked_at', 'is', null)
    .where('api_tokens.expires_at', '>', sql<Date>`now()`)
    .orderBy('api_tokens.created_at');
  if (userId) q = q.where('api_tokens.user_id', '=', userId);
  return q.execute();
}

/** Revokes a live token of `userId` (any user's when null); its owner, or null if none. */
export async function revokeToken(db: Db, userId: string | null, tokenId: string) {
  let q = db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .from('users')
    .whereRef('users.id', '=', 'api_tokens.user_id')
    .where('api_tokens.id', '=', tokenId)
    .where('api_tokens.revoked_at', 'is', null);
  if (userId) q = q.where('api_tokens.user_id', '=', userId);
  const row = await q
    .returning(['api_tokens.user_id as userId', 'users.operator_id as operatorId'])
    .executeTakeFirst();
  return row ?? null;
}

/**
 * Counts one attempt against each key and returns every key's count in its window, in one
 * statement: the upsert locks each counter row, so concurrent attempts are counted one after
 * another and none is checked against a stale count. A window that has passed starts again at 1.
 */
export async function countAttempt(db: Db, keys: string[], windowMinutes: number) {
  // One order for every caller, so two statements never wait on each other's rows (deadlock).
  const sorted = [...new Set(keys)].sort();
  const fresh = sql`c.window_start > now() - make_interval(mins => ${windowMinutes}::int)`;
  const { rows } = await sql<{ key: string; attempts: number }>`
    insert into attempt_counters as c (key, window_start, attempts)
    values ${sql.join(sorted.map((key) => sql`(${key}, now(), 1)`))}
    on conflict (key) do update set
      attempts = case when ${fresh} then c.attempts + 1 else 1 end,
      window_start = case when ${fresh} then c.window_start else now() end
    returning key, attempts`.execute(db);
  return new Map(rows.map((r) => [r.key, r.attempts]));
}

/** Takes back one counted attempt from each key (one that turned out not to be a failure). */
export async function uncountAttempt(db: Db, keys: string[]) {
  if (keys.length === 0) return;
  await db
    .updateTable('attempt_counters')
    .set({ attempts: sql`greatest(attempts - 1, 0)` })
    .where('key', 'in', keys)
    .execute();
}

export async function clearAttempts(db: Db, key: string) {
  await db.deleteFrom('attempt_counters').where('key', '=', key).execute();
}

/** Housekeeping: browsers not signed in from for this many days are forgotten. */
export async function deleteStaleDevices(db: Db, days: number) {
  await db
    .deleteFrom('known_devices')
    .where(sql<boolean>`last_signed_in_at <= now() - make_interval(days => ${days}::int)`)
    .execute();
}

/** Housekeeping: counters whose window has passed (the limits' longest window). */
export async function deleteOldFailures(db: Db, windowMinutes: number) {
  await db
    .deleteFrom('attempt_counters')
    .where(sql<boolean>`window_start <= now() - make_interval(mins => ${windowMinutes}::int)`)
    .execute();
}

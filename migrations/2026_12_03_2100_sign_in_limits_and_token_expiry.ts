import { sql, type Kysely } from 'kysely';

// Issue 12: limits counted per key in one row each, so counting and checking is one atomic
// upsert (the old table took a row per failure and was counted before the failure was recorded);
// the browsers that signed in before, which the shared limits spare; API tokens that expire; and
// emails stored trimmed and lowercased, which the database now holds to.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sign_in_failures').execute();
  await db.schema
    .createTable('attempt_counters')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('known_devices')
    .addColumn('id_hash', 'text', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_signed_in_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('known_devices_pkey', ['id_hash', 'user_id'])
    .execute();
  await db.schema
    .createIndex('known_devices_user_idx')
    .on('known_devices')
    .column('user_id')
    .execute();

  // Tokens made before expiry existed get the default lifetime from their creation.
  await db.schema.alterTable('api_tokens').addColumn('expires_at', 'timestamptz').execute();
  await sql`update api_tokens set expires_at = created_at + interval '90 days'`.execute(db);
  await sql`alter table api_tokens alter column expires_at set not null`.execute(db);
  // Tokens of disabled users end with the account (before, they only paused until re-enabled).
  await sql`
    update api_tokens set revoked_at = now()
    where revoked_at is null and user_id in (select id from users where disabled_at is not null)`.execute(
    db,
  );

  await sql`update users set email = lower(btrim(email)) where email <> lower(btrim(email))`.execute(
    db,
  );
  await sql`alter table users add constraint users_email_normalised check (email = lower(btrim(email)))`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table users drop constraint users_email_normalised`.execute(db);
  await db.schema.alterTable('api_tokens').dropColumn('expires_at').execute();
  await db.schema.dropTable('known_devices').execute();
  await db.schema.dropTable('attempt_counters').execute();
  await db.schema
    .createTable('sign_in_failures')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('sign_in_failures_key_at_idx')
    .on('sign_in_failures')
    .columns(['key', 'at'])
    .execute();
}

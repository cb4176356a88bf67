import { sql, type Kysely } from 'kysely';

// An admin's password reset sets a one-time password the user must replace at the next sign-in:
// until then the API answers that user's calls (but changing the password, signing out and
// `me`) with 403 password_change_required.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table users add column must_change_password boolean not null default false`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table users drop column must_change_password`.execute(db);
}

import { sql, type Kysely } from 'kysely';

// Wrong staff PINs are counted per kiosk, on the kiosk's own row: one conditional UPDATE both
// checks and counts a try, so concurrent guesses cannot get past the limit (the row lock orders
// them). `pin_failures_since` starts the current window; a try after it has passed starts anew.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table kiosks
      add column pin_failures integer not null default 0,
      add column pin_failures_since timestamptz`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table kiosks drop column pin_failures, drop column pin_failures_since`.execute(
    db,
  );
}

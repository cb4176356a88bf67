import { sql, type Kysely } from 'kysely';

// A response's operator and unit are copies of its activity's, kept for the reports' indexes.
// Three single-column foreign keys held only that each existed; one key over all three holds
// them equal to the activity's, and the kiosk's hot path checks one key instead of three.
// (Activities are never moved between operators or units, so the key never blocks an update.)
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table activities add constraint activities_id_operator_unit_key unique (id, operator_id, unit_id)`.execute(
    db,
  );
  await sql`
    alter table responses
      add constraint responses_activity_fk foreign key (activity_id, operator_id, unit_id)
        references activities (id, operator_id, unit_id),
      drop constraint responses_activity_id_fkey,
      drop constraint responses_operator_id_fkey,
      drop constraint responses_unit_id_fkey`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    alter table responses
      add constraint responses_activity_id_fkey foreign key (activity_id) references activities (id),
      add constraint responses_operator_id_fkey foreign key (operator_id) references operators (id),
      add constraint responses_unit_id_fkey foreign key (unit_id) references units (id),
      drop constraint responses_activity_fk`.execute(db);
  await sql`alter table activities drop constraint activities_id_operator_unit_key`.execute(db);
}

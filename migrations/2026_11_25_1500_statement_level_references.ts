import { sql, type Kysely } from 'kysely';

// The references of a stored response, checked once per statement instead of once per row.
//
// A foreign key checks each inserted row with its own query and row lock: a batch of 16 kiosk
// responses (2 verdicts each) ran 80 such checks, which took more of PostgreSQL's time than the
// inserts themselves. Here one statement-level trigger per table checks all its new rows, one
// query per reference, and the other side of each reference is held still by refusing what would
// break it:
// activities and kiosks are permanent records (never deleted, their keys never change),
// questionnaire versions past draft can be neither deleted nor rekeyed (questionnaire_version_guard)
// and responses refer to no draft, and a response is deleted only after its verdicts.
// Each distinct reference (a batch of kiosk responses has one activity, version and kiosk) is
// looked up by its key in a scalar subquery, which PostgreSQL runs as an index probe
// per row whatever it guesses of the table's size; the errors keep a foreign key's SQLSTATE
// (23503) and constraint name.
const REFERENCE_CHECKS = [
  {
    constraint: 'responses_activity_fk',
    table: 'responses',
    columns: 'activity_id, operator_id, unit_id',
    missing: `(select true from activities a
      where a.id = n.activity_id and a.operator_id = n.operator_id and a.unit_id = n.unit_id) is null`,
    message: 'a response must belong to an existing activity, with its operator and unit',
    foreignKey:
      'foreign key (activity_id, operator_id, unit_id) references activities (id, operator_id, unit_id)',
  },
  {
    constraint: 'responses_version_fk',
    table: 'responses',
    columns: 'questionnaire_id, version',
    missing: `(select true from questionnaire_versions v
      where v.questionnaire_id = n.questionnaire_id and v.version = n.version and v.status <> 'draft') is null`,
    message: 'a response must answer an existing questionnaire version past draft',
    foreignKey:
      'foreign key (questionnaire_id, version) references questionnaire_versions (questionnaire_id, version)',
  },
  {
    constraint: 'responses_kiosk_id_fkey',
    table: 'responses',
    columns: 'kiosk_id, activity_id',
    missing: `n.kiosk_id is not null and (select true from kiosks k
      where k.id = n.kiosk_id and k.activity_id = n.activity_id) is null`,
    message: 'a response’s kiosk must exist and belong to its activity',
    foreignKey: 'foreign key (kiosk_id) references kiosks (id)',
  },
  {
    constraint: 'outcome_verdicts_response_id_fkey',
    table: 'outcome_verdicts',
    columns: 'response_id',
    missing: '(select true from responses r where r.id = n.response_id) is null',
    message: 'a verdict must belong to an existing response',
    foreignKey: 'foreign key (response_id) references responses (id)',
  },
] as const;

/** Columns that, once written, never change: what the references above rest on. */
const FIXED_COLUMNS = {
  responses: [
    'id',
    'activity_id',
    'operator_id',
    'unit_id',
    'questionnaire_id',
    'version',
    'kiosk_id',
  ],
  outcome_verdicts: ['response_id'],
  activities: ['id', 'operator_id', 'unit_id'],
  kiosks: ['id', 'activity_id'],
} as const;

const checkFunction = (table: string) => {
  const checks = REFERENCE_CHECKS.filter((c) => c.table === table).map(
    (c) => `
      if exists (select 1 from (select distinct ${c.columns} from added) n where ${c.missing}) then
        raise foreign_key_violation using
          message = 'insert on table "${table}" violates foreign key "${c.constraint}": ${c.message.replace(/'/g, "''")}',
          constraint = '${c.constraint}', table = '${table}';
      end if;`,
  );
  return sql.raw(`
    create function ${table}_references_exist() returns trigger language plpgsql as $$
    begin${checks.join('')}
      return null;
    end $$`);
};

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['responses', 'outcome_verdicts']) {
    await checkFunction(table).execute(db);
    await sql
      .raw(
        `create trigger ${table}_references after insert on ${table}
        referencing new table as added for each statement execute function ${table}_references_exist()`,
      )
      .execute(db);
  }
  for (const c of REFERENCE_CHECKS)
    await sql.raw(`alter table ${c.table} drop constraint ${c.constraint}`).execute(db);

  await sql`
    create function refuse_reference_change() returns trigger language plpgsql as $$
    begin
      raise foreign_key_violation using
        message = format('%s on table "%s" is refused: responses and their verdicts refer to these rows, which are kept as they are',
          lower(tg_op), tg_table_name),
        table = tg_table_name;
    end $$`.execute(db);
  for (const [table, columns] of Object.entries(FIXED_COLUMNS)) {
    const changed = columns.map((c) => `old.${c} is distinct from new.${c}`).join(' or ');
    await sql
      .raw(
        `create trigger ${table}_fixed_references before update of ${columns.join(', ')} on ${table}
        for each row when (${changed}) execute function refuse_reference_change()`,
      )
      .execute(db);
  }
  for (const table of ['activities', 'kiosks'])
    await sql
      .raw(
        `create trigger ${table}_permanent before delete on ${table}
        for each row execute function refuse_reference_change()`,
      )
      .execute(db);

  // A response goes (retention) only after its verdicts: checked over the whole statement.
  await sql`
    create function responses_without_verdicts() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from gone g
          where (select true from outcome_verdicts v where v.response_id = g.id limit 1)) then
        raise foreign_key_violation using
          message = 'delete on table "responses" violates foreign key "outcome_verdicts_response_id_fkey": the response still has verdicts',
          constraint = 'outcome_verdicts_response_id_fkey', table = 'outcome_verdicts';
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger responses_verdicts_first after delete on responses
    referencing old table as gone for each statement execute function responses_without_verdicts()`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger responses_verdicts_first on responses`.execute(db);
  await sql`drop function responses_without_verdicts`.execute(db);
  for (const table of ['activities', 'kiosks'])
    await sql.raw(`drop trigger ${table}_permanent on ${table}`).execute(db);
  for (const table of Object.keys(FIXED_COLUMNS))
    await sql.raw(`drop trigger ${table}_fixed_references on ${table}`).execute(db);
  await sql`drop function refuse_reference_change`.execute(db);
  for (const c of REFERENCE_CHECKS)
    await sql
      .raw(`alter table ${c.table} add constraint ${c.constraint} ${c.foreignKey}`)
      .execute(db);
  for (const table of ['responses', 'outcome_verdicts']) {
    await sql.raw(`drop trigger ${table}_references on ${table}`).execute(db);
    await sql.raw(`drop function ${table}_references_exist`).execute(db);
  }
}

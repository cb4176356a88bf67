import { sql, type Kysely } from 'kysely';

// Output figures kept per unit, financial year and quarter (issues 15 and 16): GET /outputs,
// the territory table and the trends read a few thousand kept rows instead of recounting a
// year of cases, enrolments, events, referrals and contacts on every read (bench/outputs.ts,
// territory-wide: 91-150 ms on PostgreSQL 15, nearly all of it those scans).
//
// - output_counts: per unit, financial year, quarter (0: the whole year, which is not always the
//   sum of the quarters: a case contacted in two quarters is one case contacted in the year)
//   and output standard, the count and, for a share, its denominator.
// - first_contact_counts: per unit, year and quarter of referral, the cases and how many were
//   contacted in time, late or not yet (overdue or waiting is a matter of today's date, which
//   the reader asks of the few uncontacted cases still due).
//
// Database triggers keep both in the same statement as every write to cases, case_contacts,
// enrolments (whose half_hours each attendance updates), case_referrals and service_events,
// whoever writes (the services, the import, the demo, a bench's bulk insert), by statement
// with transition tables so a bulk insert is one grouped upsert. Changes are added as deltas,
// which commute, so concurrent writers cannot lose one another's counts; cases contacted (a
// distinct count) locks the cases concerned before deciding whether each is newly counted.
// Which records a standard counts is its rule (output_standards.rule, surveys/programmes/
// *.json), read here by SQL functions that state the same tests as countRule in server/domain/
// service-records.ts; test/server/outputs/property.test.ts pins the two, and checks the kept
// rows against output_counts_recounted (a recount from the raw rows). A standard added or its
// rule changed is recounted by a trigger on output_standards.

/** Financial year and quarter (1: April-June … 4: January-March) of a date column. */
const FY = (d: string) => `output_fiscal_year(${d})`;
const PERIODS = (d: string) =>
  `cross join lateral (values (0::smallint), (output_quarter(${d}))) p(quarter)`;

const ADD_COUNTS = `on conflict (fiscal_year, quarter, unit_id, standard) do update set
    counted = output_counts.counted + excluded.counted,
    out_of = output_counts.out_of + excluded.out_of`;

/**
 * The output_counts rows that the records of `src` (a table or a transition table) make,
 * multiplied by `sign`; `standards` narrows the programme's standards (a recount of one).
 */
function additiveCounts(
  table: 'enrolments' | 'service_events' | 'case_referrals',
  src: string,
  sign: number,
  standards = 'true',
) {
  const forms: Record<typeof table, [string, string, string, string, string]> = {
    enrolments: [
      'enrolments',
      'r.ended_on',
      'output_enrolment_value(s.rule, r.programme, r.half_hours, false)',
      'output_enrolment_value(s.rule, r.programme, r.half_hours, true)',
      'output_enrolment_value(s.rule, r.programme, r.half_hours, true) > 0',
    ],
    service_events: [
      'events',
      'r.date',
      'output_event_value(s.rule, r.kind, r.sessions, r.participants, r.form, r.open_event)',
      '0',
      'output_event_value(s.rule, r.kind, r.sessions, r.participants, r.form, r.open_event) > 0',
    ],
    case_referrals: ['referrals', 'r.date', '1', '0', 'true'],
  };
  const [rule, date, counted, outOf, counts] = forms[table];
  return `
    select r.unit_id, ${FY(date)} as fiscal_year, p.quarter, s.number as standard,
      (${sign} * sum(${counted}))::int as counted, (${sign} * sum(${outOf}))::int as out_of
    from ${src} r
    join units u on u.id = r.unit_id
    join output_standards s on s.programme_code = u.programme_code and s.rule->>'rule' = '${rule}' and ${standards}
    ${PERIODS(date)}
    where ${date} is not null and ${counts}
    group by 1, 2, 3, 4`;
}

/** The trigger function of one of the additive tables. */
function additiveTrigger(table: 'enrolments' | 'service_events' | 'case_referrals') {
  return sql.raw(`
    create function keep_output_counts_${table}() returns trigger language plpgsql as $$
    begin
      if TG_OP <> 'DELETE' then
        insert into output_counts (unit_id, fiscal_year, quarter, standard, counted, out_of)
        ${additiveCounts(table, 'new_rows', 1)}
        ${ADD_COUNTS};
      end if;
      if TG_OP <> 'INSERT' then
        insert into output_counts (unit_id, fiscal_year, quarter, standard, counted, out_of)
        ${additiveCounts(table, 'old_rows', -1)}
        ${ADD_COUNTS};
      end if;
      return null;
    end $$`);
}

/**
 * Cases contacted: the change, per unit, year and quarter, in how many cases have a contact
 * there, from the contacts added (`added`) and taken away (`removed`) by the statement.
 */
function contactDelta(added: string | null, removed: string | null) {
  const changed = [
    added && `select case_id, unit_id, date, 1 as n_new, 0 as n_old from ${added}`,
    removed && `select case_id, unit_id, date, 0 as n_new, 1 as n_old from ${removed}`,
  ]
    .filter(Boolean)
    .join(' union all ');
  return `
    with changed as (${changed}),
    periods as (
      select c.case_id, c.unit_id, ${FY('c.date')} as fiscal_year, p.quarter,
        sum(c.n_new) as n_new, sum(c.n_old) as n_old
      from changed c ${PERIODS('c.date')}
      group by 1, 2, 3, 4
    ),
    presence as (
      select pe.*, (
        select count(*) from case_contacts x
        where x.case_id = pe.case_id and x.unit_id = pe.unit_id
          and ${FY('x.date')} = pe.fiscal_year and (pe.quarter = 0 or output_quarter(x.date) = pe.quarter)
      ) as n_now
      from periods pe
    ),
    delta as (
      select unit_id, fiscal_year, quarter,
        sum((n_now > 0)::int - (n_now - n_new + n_old > 0)::int)::int as n
      from presence group by 1, 2, 3
    )
    insert into output_counts (unit_id, fiscal_year, quarter, standard, counted, out_of)
    select d.unit_id, d.fiscal_year, d.quarter, s.number, d.n, 0
    from delta d
    join units u on u.id = d.unit_id
    join output_standards s on s.programme_code = u.programme_code and s.rule->>'rule' = 'cases_contacted'
    where d.n <> 0
    ${ADD_COUNTS}`;
}

/** Lock the cases whose contacts the statement changed, in id order (no deadlock). */
const lockCases = (src: string) =>
  `perform 1 from cases where id in (select case_id from ${src}) order by id for update`;

const FIRST_CONTACT_COLUMNS = `unit_id, fiscal_year, quarter, cases, in_time, late, uncontacted`;

/** first_contact_counts rows the cases of `src` make, multiplied by `sign`. */
function firstContacts(src: string, sign: number) {
  return `
    select r.unit_id, ${FY('r.referred_on')} as fiscal_year, p.quarter,
      (${sign} * count(*))::int as cases,
      (${sign} * count(*) filter (where r.first_contact_on <= r.contact_due_on))::int as in_time,
      (${sign} * count(*) filter (where r.first_contact_on > r.contact_due_on))::int as late,
      (${sign} * count(*) filter (where r.first_contact_on is null))::int as uncontacted
    from ${src} r ${PERIODS('r.referred_on')}
    group by 1, 2, 3`;
}

const ADD_FIRST_CONTACTS = `on conflict (fiscal_year, quarter, unit_id) do update set
    cases = first_contact_counts.cases + excluded.cases,
    in_time = first_contact_counts.in_time + excluded.in_time,
    late = first_contact_counts.late + excluded.late,
    uncontacted = first_contact_counts.uncontacted + excluded.uncontacted`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('output_counts')
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    .addColumn('quarter', 'smallint', (c) => c.notNull().check(sql`quarter between 0 and 4`))
    .addColumn('standard', 'integer', (c) => c.notNull())
    .addColumn('counted', 'integer', (c) => c.notNull())
    .addColumn('out_of', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('output_counts_pk', ['fiscal_year', 'quarter', 'unit_id', 'standard'])
    .execute();
  await db.schema
    .createTable('first_contact_counts')
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    .addColumn('quarter', 'smallint', (c) => c.notNull().check(sql`quarter between 0 and 4`))
    .addColumn('cases', 'integer', (c) => c.notNull())
    .addColumn('in_time', 'integer', (c) => c.notNull())
    .addColumn('late', 'integer', (c) => c.notNull())
    .addColumn('uncontacted', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('first_contact_counts_pk', ['fiscal_year', 'quarter', 'unit_id'])
    .execute();
  // Overdue or still waiting: the uncontacted cases due today or later are few.
  await db.schema
    .createIndex('cases_uncontacted_due_idx')
    .on('cases')
    .column('contact_due_on')
    .where(sql.ref('first_contact_on'), 'is', null)
    .execute();

  // Financial year (from 1 April) and its quarter of a date.
  await sql`
    create function output_fiscal_year(d date) returns integer language sql immutable as $$
      select extract(year from d - interval '3 months')::integer $$`.execute(db);
  await sql`
    create function output_quarter(d date) returns smallint language sql immutable as $$
      select ((extract(month from d - interval '3 months')::integer - 1) / 3 + 1)::smallint $$`.execute(
    db,
  );
  // countRule's 'enrolments': an enrolment of the rule's module counts (the denominator); the
  // numerator only if it attended minPercentOfModule of the module's half hours (6 or 4 hours).
  await sql`
    create function output_enrolment_value(rule jsonb, programme text, half_hours integer, denominator boolean)
    returns integer language sql immutable as $$
      select case when programme = rule->>'programme' and (
        denominator or rule->'minPercentOfModule' is null
        or half_hours * 100 >= (rule->>'minPercentOfModule')::integer
          * case programme when 'learning_6h' then 12 when 'children_4h' then 8 end
      ) then 1 else 0 end $$`.execute(db);
  // eventQualifies, and what a qualifying event adds: its sessions, or 1.
  await sql`
    create function output_event_value(rule jsonb, kind text, sessions integer, participants integer, form text, open_event boolean)
    returns integer language sql immutable as $$
      select case when (rule->'kinds') @> to_jsonb(kind)
        and not (coalesce((rule->>'excludeOpen')::boolean, false) and open_event)
        and (rule->>'form' is null or form = rule->>'form')
        and (rule->'oneOffOrGroupOf' is null or sessions = 1
          or (sessions >= 2 and form = 'group' and coalesce(participants, 0) >= (rule->>'oneOffOrGroupOf')::integer))
      then case when coalesce((rule->>'countSessions')::boolean, false) then sessions else 1 end
      else 0 end $$`.execute(db);

  for (const table of ['enrolments', 'service_events', 'case_referrals'] as const) {
    await additiveTrigger(table).execute(db);
    await triggers(db, table, `keep_output_counts_${table}`);
  }
  await sql
    .raw(
      `
    create function keep_output_counts_case_contacts() returns trigger language plpgsql as $$
    begin
      if TG_OP = 'INSERT' then
        ${lockCases('new_rows')};
        ${contactDelta('new_rows', null)};
      elsif TG_OP = 'DELETE' then
        ${lockCases('old_rows')};
        ${contactDelta(null, 'old_rows')};
      else
        perform 1 from cases where id in (select case_id from new_rows union select case_id from old_rows) order by id for update;
        ${contactDelta('new_rows', 'old_rows')};
      end if;
      return null;
    end $$`,
    )
    .execute(db);
  await triggers(db, 'case_contacts', 'keep_output_counts_case_contacts');
  await sql
    .raw(
      `
    create function keep_first_contact_counts() returns trigger language plpgsql as $$
    begin
      if TG_OP <> 'DELETE' then
        insert into first_contact_counts (${FIRST_CONTACT_COLUMNS})
        ${firstContacts('new_rows', 1)}
        ${ADD_FIRST_CONTACTS};
      end if;
      if TG_OP <> 'INSERT' then
        insert into first_contact_counts (${FIRST_CONTACT_COLUMNS})
        ${firstContacts('old_rows', -1)}
        ${ADD_FIRST_CONTACTS};
      end if;
      return null;
    end $$`,
    )
    .execute(db);
  await triggers(db, 'cases', 'keep_first_contact_counts');

  // The recount from the raw rows of one standard (or all with null): what the kept rows must
  // equal, used to fill them here and when a standard is added or its rule changes.
  const one = `(p_number is null or s.number = p_number) and s.programme_code = coalesce(p_programme, s.programme_code)`;
  await sql
    .raw(
      `
    create function output_counts_recounted(p_programme text, p_number integer)
    returns table (unit_id uuid, fiscal_year integer, quarter smallint, standard integer, counted integer, out_of integer)
    language sql stable as $$
      ${additiveCounts('enrolments', 'enrolments', 1, one)}
      union all
      ${additiveCounts('service_events', 'service_events', 1, one)}
      union all
      ${additiveCounts('case_referrals', 'case_referrals', 1, one)}
      union all
      select r.unit_id, ${FY('r.date')}, p.quarter, s.number, count(distinct r.case_id)::int, 0
      from case_contacts r
      join units u on u.id = r.unit_id
      join output_standards s on s.programme_code = u.programme_code and s.rule->>'rule' = 'cases_contacted' and ${one}
      ${PERIODS('r.date')}
      group by 1, 2, 3, 4
    $$`,
    )
    .execute(db);
  await sql
    .raw(
      `
    create function first_contact_counts_recounted()
    returns table (unit_id uuid, fiscal_year integer, quarter smallint, cases integer, in_time integer, late integer, uncontacted integer)
    language sql stable as $$ ${firstContacts('cases', 1)} $$`,
    )
    .execute(db);
  await sql`
    create function recount_output_standard() returns trigger language plpgsql as $$
    begin
      if TG_OP <> 'INSERT' then
        delete from output_counts c using units u
        where u.id = c.unit_id and u.programme_code = old.programme_code and c.standard = old.number;
      end if;
      if TG_OP <> 'DELETE' then
        insert into output_counts (unit_id, fiscal_year, quarter, standard, counted, out_of)
        select * from output_counts_recounted(new.programme_code, new.number);
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger output_standards_recount after insert or delete or update of rule, number, programme_code
    on output_standards for each row execute function recount_output_standard()`.execute(db);

  // What is already recorded.
  await sql`
    insert into output_counts (unit_id, fiscal_year, quarter, standard, counted, out_of)
    select * from output_counts_recounted(null, null)`.execute(db);
  await sql`
    insert into first_contact_counts (unit_id, fiscal_year, quarter, cases, in_time, late, uncontacted)
    select * from first_contact_counts_recounted()`.execute(db);
}

/** The three statement triggers (insert, update, delete) that call `fn` on `table`. */
async function triggers(db: Kysely<any>, table: string, fn: string) {
  await sql
    .raw(
      `create trigger ${table}_counts_insert after insert on ${table}
       referencing new table as new_rows for each statement execute function ${fn}()`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger ${table}_counts_update after update on ${table}
       referencing old table as old_rows new table as new_rows for each statement execute function ${fn}()`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger ${table}_counts_delete after delete on ${table}
       referencing old table as old_rows for each statement execute function ${fn}()`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger output_standards_recount on output_standards`.execute(db);
  for (const table of ['enrolments', 'service_events', 'case_referrals', 'case_contacts', 'cases'])
    for (const op of ['insert', 'update', 'delete'])
      await sql.raw(`drop trigger ${table}_counts_${op} on ${table}`).execute(db);
  for (const fn of [
    'recount_output_standard()',
    'first_contact_counts_recounted()',
    'output_counts_recounted(text, integer)',
    'keep_first_contact_counts()',
    'keep_output_counts_case_contacts()',
    'keep_output_counts_case_referrals()',
    'keep_output_counts_service_events()',
    'keep_output_counts_enrolments()',
    'output_event_value(jsonb, text, integer, integer, text, boolean)',
    'output_enrolment_value(jsonb, text, integer, boolean)',
    'output_quarter(date)',
    'output_fiscal_year(date)',
  ])
    await sql.raw(`drop function ${fn}`).execute(db);
  await db.schema.dropIndex('cases_uncontacted_due_idx').execute();
  await db.schema.dropTable('first_contact_counts').execute();
  await db.schema.dropTable('output_counts').execute();
}

import { sql, type Kysely } from 'kysely';

// The whole FSA (issue 15): output standards and their agreed levels (reference data like the
// outcome standards), the programme's service lists, cases with their first contacts,
// enrolments and attendance, referrals, events, office closure days and the units' no-refusal
// declarations. Cases are pseudonymous: a reference, a category and dates, never a name.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('output_standards')
    .addColumn('programme_code', 'text', (c) => c.notNull().references('programmes.code'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('name', 'jsonb', (c) => c.notNull())
    .addColumn('counts', 'jsonb', (c) => c.notNull())
    .addColumn('rule', 'jsonb', (c) => c.notNull())
    .addColumn('measure', 'text', (c) => c.notNull().check(sql`measure in ('count', 'percent')`))
    .addColumn('illustrative', 'boolean', (c) => c.notNull())
    .addPrimaryKeyConstraint('output_standards_pk', ['programme_code', 'number'])
    .execute();
  await db.schema
    .createTable('output_levels')
    .addColumn('programme_code', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('from_fiscal_year', 'integer', (c) => c.notNull())
    .addColumn('agreed_level', 'integer')
    .addColumn('set_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('output_levels_pk', ['programme_code', 'number', 'from_fiscal_year'])
    .addForeignKeyConstraint(
      'output_levels_standard_fk',
      ['programme_code', 'number'],
      'output_standards',
      ['programme_code', 'number'],
    )
    .execute();
  await db.schema
    .createTable('output_conversions')
    .addColumn('programme_code', 'text', (c) => c.notNull().references('programmes.code'))
    .addColumn('from_number', 'integer', (c) => c.notNull())
    .addColumn('moves_number', 'integer', (c) => c.notNull())
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('output_conversions_pk', ['programme_code', 'from_number'])
    .execute();
  await db.schema
    .createTable('service_lists')
    .addColumn('programme_code', 'text', (c) => c.notNull().references('programmes.code'))
    .addColumn('list', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'jsonb', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('service_lists_pk', ['programme_code', 'list', 'code'])
    .execute();

  await db.schema
    .createTable('cases')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('operator_id', 'uuid', (c) => c.notNull().references('operators.id'))
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('referred_on', 'date', (c) => c.notNull())
    .addColumn('referral_source', 'text', (c) => c.notNull())
    // The 10th working day after the referral (server/domain/working-days.ts), kept so the
    // year's first-contact figures are one aggregate; recomputed when a closure day changes.
    .addColumn('contact_due_on', 'date', (c) => c.notNull())
    .addColumn('first_contact_on', 'date')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'uuid')
    .addUniqueConstraint('cases_operator_reference_key', ['operator_id', 'reference'])
    .execute();
  await db.schema
    .createIndex('cases_referred_idx')
    .on('cases')
    .columns(['referred_on', 'unit_id'])
    .execute();
  await db.schema
    .createIndex('cases_unit_idx')
    .on('cases')
    .columns(['unit_id', 'referred_on'])
    .execute();

  await db.schema
    .createTable('case_contacts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id'))
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('date', 'date', (c) => c.notNull())
    .addColumn('means', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'uuid')
    .execute();
  await db.schema
    .createIndex('case_contacts_case_idx')
    .on('case_contacts')
    .column('case_id')
    .execute();
  await db.schema
    .createIndex('case_contacts_date_idx')
    .on('case_contacts')
    .columns(['date', 'unit_id'])
    .execute();

  await db.schema
    .createTable('enrolments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id'))
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('programme', 'text', (c) =>
      c.notNull().check(sql`programme in ('learning_6h', 'children_4h')`),
    )
    .addColumn('module', 'text', (c) => c.notNull().check(sql`module in ('basic', 'advanced')`))
    .addColumn('ended_on', 'date')
    // The sum of the attendance's half hours, kept with each attendance written.
    .addColumn('half_hours', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`half_hours >= 0`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'uuid')
    .execute();
  await db.schema.createIndex('enrolments_case_idx').on('enrolments').column('case_id').execute();
  await db.schema
    .createIndex('enrolments_ended_idx')
    .on('enrolments')
    .columns(['ended_on', 'unit_id'])
    .execute();

  await db.schema
    .createTable('attendance')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('enrolment_id', 'uuid', (c) => c.notNull().references('enrolments.id'))
    .addColumn('date', 'date', (c) => c.notNull())
    .addColumn('half_hours', 'integer', (c) => c.notNull().check(sql`half_hours > 0`))
    .addColumn('activity_id', 'uuid', (c) => c.references('activities.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'uuid')
    .execute();
  await db.schema
    .createIndex('attendance_enrolment_idx')
    .on('attendance')
    .column('enrolment_id')
    .execute();

  await db.schema
    .createTable('case_referrals')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id'))
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('date', 'date', (c) => c.notNull())
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('means', 'text', (c) => c.notNull().check(sql`means in ('oral', 'written')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'uuid')
    .execute();
  await db.schema
    .createIndex('case_referrals_case_idx')
    .on('case_referrals')
    .column('case_id')
    .execute();
  await db.schema
    .createIndex('case_referrals_date_idx')
    .on('case_referrals')
    .columns(['date', 'unit_id'])
    .execute();

  await db.schema
    .createTable('service_events')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('operator_id', 'uuid', (c) => c.notNull().references('operators.id'))
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('date', 'date', (c) => c.notNull())
    .addColumn('sessions', 'integer', (c) => c.notNull().check(sql`sessions >= 1`))
    .addColumn('participants', 'integer', (c) => c.check(sql`participants >= 0`))
    .addColumn('form', 'text', (c) => c.notNull().check(sql`form in ('group', 'individual')`))
    .addColumn('open_event', 'boolean', (c) => c.notNull())
    .addColumn('activity_id', 'uuid', (c) => c.references('activities.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'uuid')
    .execute();
  await db.schema
    .createIndex('service_events_date_idx')
    .on('service_events')
    .columns(['date', 'unit_id'])
    .execute();
  await db.schema
    .createIndex('service_events_operator_idx')
    .on('service_events')
    .columns(['operator_id', 'date'])
    .execute();

  await db.schema
    .createTable('closure_days')
    .addColumn('date', 'date', (c) => c.primaryKey())
    .addColumn('reason', 'text', (c) =>
      c.notNull().check(sql`reason in ('typhoon_8', 'black_rainstorm', 'other')`),
    )
    .addColumn('declared_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('declared_by', 'uuid')
    .execute();

  await db.schema
    .createTable('no_refusal_declarations')
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    .addColumn('declared', 'boolean', (c) => c.notNull())
    .addColumn('declared_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('declared_by', 'uuid')
    .addPrimaryKeyConstraint('no_refusal_declarations_pk', ['unit_id', 'fiscal_year'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'no_refusal_declarations',
    'closure_days',
    'service_events',
    'case_referrals',
    'attendance',
    'enrolments',
    'case_contacts',
    'cases',
    'service_lists',
    'output_conversions',
    'output_levels',
    'output_standards',
  ])
    await db.schema.dropTable(table).execute();
}

import { sql, type Kysely } from 'kysely';

// Outcome verdicts, stored when a response is stored (one row per response and standard its
// version measures), and running counts per operator, unit, standard and quarter kept in the
// same transaction, so reports add up a few thousand rows instead of scoring answers.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('outcome_verdicts')
    .addColumn('response_id', 'uuid', (c) => c.notNull().references('responses.id'))
    .addColumn('standard', 'integer', (c) => c.notNull())
    .addColumn('programme_code', 'text', (c) => c.notNull())
    .addColumn('operator_id', 'uuid', (c) => c.notNull())
    .addColumn('unit_id', 'uuid', (c) => c.notNull())
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    .addColumn('quarter', 'smallint', (c) => c.notNull())
    .addColumn('verdict', 'text', (c) =>
      c.notNull().check(sql`verdict in ('agreed', 'not_agreed', 'no_answer')`),
    )
    .addPrimaryKeyConstraint('outcome_verdicts_pk', ['response_id', 'standard'])
    .execute();

  // `shard` spreads concurrent writers for the same unit over several rows, so one busy
  // activity does not queue every kiosk submission behind a single row lock.
  await db.schema
    .createTable('outcome_counts')
    .addColumn('programme_code', 'text', (c) => c.notNull())
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    .addColumn('operator_id', 'uuid', (c) => c.notNull())
    .addColumn('unit_id', 'uuid', (c) => c.notNull())
    .addColumn('standard', 'integer', (c) => c.notNull())
    .addColumn('quarter', 'smallint', (c) => c.notNull())
    .addColumn('shard', 'smallint', (c) => c.notNull())
    .addColumn('agreed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('respondents', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('non_respondents', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('outcome_counts_pk', [
      'programme_code',
      'fiscal_year',
      'operator_id',
      'unit_id',
      'standard',
      'quarter',
      'shard',
    ])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('outcome_counts').execute();
  await db.schema.dropTable('outcome_verdicts').execute();
}

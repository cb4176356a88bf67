import { sql, type Kysely } from 'kysely';

// The annual performance pack (issue 16): for each standard a unit did not meet in a financial
// year, its coordinator's explanation and action plan. One row per unit, year and standard
// (`output-3`, `outcome-2`, `first-contact`); every write is audited by the route.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pack_explanations')
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    .addColumn('standard', 'text', (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('action_plan', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_by', 'uuid', (c) => c.references('users.id'))
    .addPrimaryKeyConstraint('pack_explanations_pk', ['unit_id', 'fiscal_year', 'standard'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('pack_explanations').execute();
}

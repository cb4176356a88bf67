import { sql, type Kysely } from 'kysely';

// Financial years whose responses were purged under the retention setting: their outcome counts
// are kept as the year's frozen figures, which reports go on using and recomputing leaves alone.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('frozen_years')
    .addColumn('fiscal_year', 'integer', (c) => c.primaryKey())
    .addColumn('frozen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('responses_purged', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('frozen_years').execute();
}

import { sql, type Kysely } from 'kysely';

// Imports of cases and attendance from a file (issue 15): one row per file imported, by the
// SHA-256 of its bytes, so a file sent again (a retry after a lost answer) is recognised and
// stores nothing twice.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('case_imports')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('operator_id', 'uuid', (c) => c.notNull().references('operators.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('cases', 'attendance')`))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('stored', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'uuid')
    .addUniqueConstraint('case_imports_file_key', ['operator_id', 'kind', 'sha256'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('case_imports').execute();
}

import { sql, type Kysely } from 'kysely';

// Activities (sessions run by a unit), the kiosks that open their questionnaires on a tablet,
// the responses, and the quarantine of kiosk submissions the server refused for good.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('activities')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('operator_id', 'uuid', (c) => c.notNull().references('operators.id'))
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('date', 'date', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'uuid')
    .execute();
  await db.schema
    .createIndex('activities_operator_date_idx')
    .on('activities')
    .columns(['operator_id', 'date'])
    .execute();

  await db.schema
    .createTable('activity_questionnaires')
    .addColumn('activity_id', 'uuid', (c) => c.notNull().references('activities.id'))
    .addColumn('questionnaire_id', 'uuid', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('activity_questionnaires_pk', [
      'activity_id',
      'questionnaire_id',
      'version',
    ])
    .addForeignKeyConstraint(
      'activity_questionnaires_version_fk',
      ['questionnaire_id', 'version'],
      'questionnaire_versions',
      ['questionnaire_id', 'version'],
    )
    .execute();

  await db.schema
    .createTable('kiosks')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('activity_id', 'uuid', (c) => c.notNull().references('activities.id'))
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closed_at', 'timestamptz')
    .addColumn('opened_by', 'uuid')
    .addColumn('pin_hash', 'text')
    .execute();
  await db.schema.createIndex('kiosks_activity_idx').on('kiosks').column('activity_id').execute();

  await db.schema
    .createTable('responses')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('activity_id', 'uuid', (c) => c.notNull().references('activities.id'))
    .addColumn('operator_id', 'uuid', (c) => c.notNull().references('operators.id'))
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('units.id'))
    .addColumn('questionnaire_id', 'uuid', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('answers', 'jsonb', (c) => c.notNull())
    .addColumn('completed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('source', 'text', (c) =>
      c.notNull().check(sql`source in ('kiosk', 'paper', 'quarantine')`),
    )
    .addColumn('kiosk_id', 'uuid', (c) => c.references('kiosks.id'))
    .addColumn('body_hash', 'text', (c) => c.notNull())
    .addColumn('voided_at', 'timestamptz')
    .addColumn('void_reason', 'text')
    .addColumn('voided_by', 'uuid')
    .addForeignKeyConstraint(
      'responses_version_fk',
      ['questionnaire_id', 'version'],
      'questionnaire_versions',
      ['questionnaire_id', 'version'],
    )
    .execute();
  await db.schema
    .createIndex('responses_activity_idx')
    .on('responses')
    .columns(['activity_id', 'completed_at'])
    .execute();
  await db.schema
    .createIndex('responses_operator_idx')
    .on('responses')
    .columns(['operator_id', 'completed_at'])
    .execute();

  await db.schema
    .createTable('quarantine')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('activity_id', 'uuid', (c) => c.notNull().references('activities.id'))
    .addColumn('operator_id', 'uuid', (c) => c.notNull().references('operators.id'))
    .addColumn('kiosk_id', 'uuid', (c) => c.references('kiosks.id'))
    .addColumn('response_id', 'text')
    .addColumn('body', 'jsonb', (c) => c.notNull())
    .addColumn('body_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('reason', 'jsonb', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('resolution', 'text', (c) => c.check(sql`resolution in ('accepted', 'discarded')`))
    .addColumn('resolved_by', 'uuid')
    .addColumn('resolution_note', 'text')
    .execute();
  await db.schema
    .createIndex('quarantine_activity_idx')
    .on('quarantine')
    .columns(['activity_id', 'received_at'])
    .execute();
  // A tablet retrying the same refused body is quarantined once.
  await sql`create unique index quarantine_once on quarantine (activity_id, body_hash)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'quarantine',
    'responses',
    'kiosks',
    'activity_questionnaires',
    'activities',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}

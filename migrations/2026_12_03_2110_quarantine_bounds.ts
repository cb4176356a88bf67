import { sql, type Kysely } from 'kysely';

// The quarantine keeps only what a response could hold and names what it left out (`dropped`);
// each kiosk's entries are counted (waiting, and in the last minute) when it adds one, and the
// coordinator's list is read a page at a time in (received_at, id) order.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('quarantine').addColumn('dropped', 'jsonb').execute();
  await db.schema
    .createIndex('quarantine_kiosk_idx')
    .on('quarantine')
    .columns(['kiosk_id', 'received_at'])
    .execute();
  await sql`create index quarantine_activity_page_idx on quarantine (activity_id, received_at, id)`.execute(
    db,
  );
  await db.schema.dropIndex('quarantine_activity_idx').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('quarantine_activity_idx')
    .on('quarantine')
    .columns(['activity_id', 'received_at'])
    .execute();
  await db.schema.dropIndex('quarantine_activity_page_idx').execute();
  await db.schema.dropIndex('quarantine_kiosk_idx').execute();
  await db.schema.alterTable('quarantine').dropColumn('dropped').execute();
}

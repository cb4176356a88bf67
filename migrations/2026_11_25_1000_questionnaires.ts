import { sql, type Kysely } from 'kysely';

// Questionnaires and their versions. Once a version leaves draft its content is frozen, and the
// database itself refuses to change it, whatever the code above it does.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('questionnaires')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('operator_id', 'uuid', (c) => c.notNull().references('operators.id'))
    .addColumn('programme_code', 'text', (c) => c.notNull().references('programmes.code'))
    .addColumn('population', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'uuid')
    .execute();
  await db.schema
    .createIndex('questionnaires_operator_idx')
    .on('questionnaires')
    .column('operator_id')
    .execute();

  await db.schema
    .createTable('questionnaire_versions')
    .addColumn('questionnaire_id', 'uuid', (c) => c.notNull().references('questionnaires.id'))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('draft', 'submitted', 'approved', 'rejected', 'retired')`),
    )
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('translations', 'jsonb', (c) => c.notNull())
    .addColumn('content_hash', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'uuid')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('submitted_by', 'uuid')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decided_by', 'uuid')
    .addColumn('decision_reason', 'text')
    .addColumn('retired_at', 'timestamptz')
    .addPrimaryKeyConstraint('questionnaire_versions_pk', ['questionnaire_id', 'version'])
    .addCheckConstraint(
      'questionnaire_versions_hash_when_frozen',
      sql`status = 'draft' or content_hash is not null`,
    )
    .execute();
  await sql`create index questionnaire_versions_status_idx on questionnaire_versions (status)`.execute(
    db,
  );
  // At most one draft per questionnaire.
  await sql`create unique index questionnaire_versions_one_draft
    on questionnaire_versions (questionnaire_id) where status = 'draft'`.execute(db);

  await sql`
    create function questionnaire_version_guard() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        if old.status <> 'draft' then
          raise exception 'questionnaire version %/% is %, and cannot be deleted', old.questionnaire_id, old.version, old.status;
        end if;
        return old;
      end if;
      if old.status <> 'draft' and (
        new.definition is distinct from old.definition
        or new.translations is distinct from old.translations
        or new.content_hash is distinct from old.content_hash
        or new.questionnaire_id is distinct from old.questionnaire_id
        or new.version is distinct from old.version
      ) then
        raise exception 'questionnaire version %/% is %, and its content cannot change', old.questionnaire_id, old.version, old.status;
      end if;
      if new.status is distinct from old.status and not (
        (old.status = 'draft' and new.status = 'submitted')
        or (old.status = 'submitted' and new.status in ('approved', 'rejected'))
        or (old.status = 'approved' and new.status = 'retired')
      ) then
        raise exception 'questionnaire version cannot go from % to %', old.status, new.status;
      end if;
      return new;
    end $$`.execute(db);
  await sql`
    create trigger questionnaire_version_guard before update or delete on questionnaire_versions
    for each row execute function questionnaire_version_guard()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('questionnaire_versions').execute();
  await db.schema.dropTable('questionnaires').execute();
  await sql`drop function questionnaire_version_guard`.execute(db);
}

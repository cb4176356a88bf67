import { sql } from 'kysely';
import type { Db, Transaction } from '../db/open.ts';
import type { VersionStatus } from '../db/schema.ts';
import type { Scope } from '../http/context.ts';
import type { TranslationState } from './translations.ts';

function questionnaires(db: Db, scope: Scope) {
  let q = db
    .selectFrom('questionnaires')
    .innerJoin('operators', 'operators.id', 'questionnaires.operator_id')
    .select([
      'questionnaires.id',
      'questionnaires.operator_id',
      'operators.code as operator_code',
      'questionnaires.programme_code',
      'questionnaires.population',
      'questionnaires.created_at',
    ]);
  if (scope !== 'all') q = q.where('questionnaires.operator_id', '=', scope.operatorId);
  return q;
}

const VERSION_SUMMARY = [
  'questionnaire_id',
  'version',
  'status',
  'content_hash',
  'created_at',
  'updated_at',
  'submitted_at',
  'decided_at',
  'decision_reason',
  'retired_at',
  sql<
    string | null
  >`coalesce(definition->'survey'->'title'->>'zh-HK', definition->'survey'->'title'->>'en')`.as(
    'title_zh',
  ),
  sql<string | null>`definition->'survey'->'title'->>'en'`.as('title_en'),
] as const;

export type VersionSummary = Awaited<ReturnType<typeof versionSummaries>>[number];

async function versionSummaries(db: Db, questionnaireIds: string[]) {
  if (questionnaireIds.length === 0) return [];
  return db
    .selectFrom('questionnaire_versions')
    .select(VERSION_SUMMARY)
    .where('questionnaire_id', 'in', questionnaireIds)
    .orderBy('questionnaire_id')
    .orderBy('version')
    .execute();
}

/** Versions (`v`) with their questionnaires (`q`). */
export const versionsWithQuestionnaires = (db: Db | Transaction) =>
  db
    .selectFrom('questionnaire_versions as v')
    .innerJoin('questionnaires as q', 'q.id', 'v.questionnaire_id');

/** The versions activities use: `aq` (activity_questionnaires) with its version `v`. */
export const activityVersions = (db: Db | Transaction) =>
  db
    .selectFrom('activity_questionnaires as aq')
    .innerJoin('questionnaire_versions as v', (j) =>
      j
        .onRef('v.questionnaire_id', '=', 'aq.questionnaire_id')
        .onRef('v.version', '=', 'aq.version'),
    );

/** Questionnaires in scope, each with a summary of its versions (no definitions). */
export async function listQuestionnaires(
  db: Db,
  scope: Scope,
  filter: { operatorId?: string; id?: string } = {},
) {
  let q = questionnaires(db, scope).orderBy('questionnaires.created_at', 'desc');
  if (filter.operatorId) q = q.where('questionnaires.operator_id', '=', filter.operatorId);
  if (filter.id) q = q.where('questionnaires.id', '=', filter.id);
  const rows = await q.execute();
  const versions = await versionSummaries(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, versions: versions.filter((v) => v.questionnaire_id === r.id) }));
}

/** One version with its definition, if the questionnaire is in scope. */
export async function findVersion(
  db: Db,
  scope: Scope,
  id: string,
  version: number,
  forUpdate = false,
) {
  let q = db
    .selectFrom('questionnaire_versions')
    .innerJoin('questionnaires', 'questionnaires.id', 'questionnaire_versions.questionnaire_id')
    .innerJoin('operators', 'operators.id', 'questionnaires.operator_id')
    .selectAll('questionnaire_versions')
    .select([
      'questionnaires.operator_id',
      'operators.code as operator_code',
      'questionnaires.programme_code',
      'questionnaires.population',
    ])
    .where('questionnaire_versions.questionnaire_id', '=', id)
    .where('questionnaire_versions.version', '=', version);
  if (scope !== 'all') q = q.where('questionnaires.operator_id', '=', scope.operatorId);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? { ...row, translations: row.translations as TranslationState } : undefined;
}
export type VersionRow = NonNullable<Awaited<ReturnType<typeof findVersion>>>;

/** A version's definition, whatever its questionnaire's operator (responses name versions). */
export async function findDefinition(db: Db, id: string, version: number) {
  const row = await db
    .selectFrom('questionnaire_versions')
    .select('definition')
    .where('questionnaire_id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return row?.definition;
}

export async function highestVersion(db: Db, id: string) {
  return db
    .selectFrom('questionnaire_versions')
    .select(['version', 'status'])
    .where('questionnaire_id', '=', id)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The latest approved (or since retired) version before `version`: what SWD compares against. */
export async function previousApproved(db: Db, id: string, version: number) {
  const row = await db
    .selectFrom('questionnaire_versions')
    .select('version')
    .where('questionnaire_id', '=', id)
    .where('version', '<', version)
    .where('status', 'in', ['approved', 'retired'])
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.version ?? null;
}

export async function insertQuestionnaire(
  trx: Transaction,
  q: { operatorId: string; programme: string; population: string; createdBy: string | null },
) {
  const row = await trx
    .insertInto('questionnaires')
    .values({
      operator_id: q.operatorId,
      programme_code: q.programme,
      population: q.population,
      created_by: q.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertDraft(
  trx: Transaction,
  v: {
    questionnaireId: string;
    version: number;
    definition: object;
    translations: TranslationState;
    createdBy: string | null;
  },
) {
  await trx
    .insertInto('questionnaire_versions')
    .values({
      questionnaire_id: v.questionnaireId,
      version: v.version,
      status: 'draft',
      definition: JSON.stringify(v.definition),
      translations: JSON.stringify(v.translations),
      created_by: v.createdBy,
    })
    .execute();
}

/** Replaces a draft's content; does nothing (returns false) unless it is still a draft. */
export async function updateDraft(
  trx: Transaction,
  id: string,
  version: number,
  content: { definition: object; translations: TranslationState },
) {
  const result = await trx
    .updateTable('questionnaire_versions')
    .set({
      definition: JSON.stringify(content.definition),
      translations: JSON.stringify(content.translations),
      updated_at: new Date(),
    })
    .where('questionnaire_id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Moves a version to `status`, recording who and when; the database refuses illegal moves. */
export async function setStatus(
  trx: Transaction,
  id: string,
  version: number,
  change: {
    status: VersionStatus;
    by: string | null;
    contentHash?: string;
    reason?: string | null;
  },
) {
  const now = new Date();
  await trx
    .updateTable('questionnaire_versions')
    .set({
      status: change.status,
      updated_at: now,
      ...(change.status === 'submitted'
        ? { submitted_at: now, submitted_by: change.by, content_hash: change.contentHash! }
        : {}),
      ...(change.status === 'approved' || change.status === 'rejected'
        ? { decided_at: now, decided_by: change.by, decision_reason: change.reason ?? null }
        : {}),
      ...(change.status === 'retired' ? { retired_at: now } : {}),
    })
    .where('questionnaire_id', '=', id)
    .where('version', '=', version)
    .execute();
}

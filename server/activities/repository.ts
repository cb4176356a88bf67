import { sql } from 'kysely';
import type { Db, Transaction } from '../db/open.ts';
import type { Scope } from '../http/context.ts';
import { activityVersions, versionsWithQuestionnaires } from '../questionnaires/repository.ts';

/** A unit by code, within the caller's scope. */
export function findUnit(db: Db, scope: Scope, code: string) {
  let q = db.selectFrom('units').selectAll().where('code', '=', code);
  if (scope !== 'all') q = q.where('operator_id', '=', scope.operatorId);
  return q.executeTakeFirst();
}

/** Versions by (id, version) within scope, with their status and population. */
export async function findVersions(db: Db, scope: Scope, refs: { id: string; version: number }[]) {
  if (refs.length === 0) return [];
  let q = versionsWithQuestionnaires(db)
    .select([
      'v.questionnaire_id',
      'v.version',
      'v.status',
      'q.programme_code',
      'q.population',
      'q.operator_id',
    ])
    .where((eb) =>
      eb.or(
        refs.map((r) =>
          eb.and([eb('v.questionnaire_id', '=', r.id), eb('v.version', '=', r.version)]),
        ),
      ),
    );
  if (scope !== 'all') q = q.where('q.operator_id', '=', scope.operatorId);
  return q.execute();
}

export async function insertActivity(
  trx: Transaction,
  activity: {
    operatorId: string;
    unitId: string;
    kind: string;
    title: string;
    date: string;
    createdBy: string;
  },
  questionnaires: { id: string; version: number }[],
) {
  const { id } = await trx
    .insertInto('activities')
    .values({
      operator_id: activity.operatorId,
      unit_id: activity.unitId,
      kind: activity.kind,
      title: activity.title,
      date: activity.date,
      created_by: activity.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (questionnaires.length) {
    await trx
      .insertInto('activity_questionnaires')
      .values(
        questionnaires.map((q) => ({
          activity_id: id,
          questionnaire_id: q.id,
          version: q.version,
        })),
      )
      .execute();
  }
  return id;
}

/** Activities in scope, newest first, with their unit, questionnaires and counts. */
export async function listActivities(db: Db, scope: Scope, filter: { id?: string } = {}) {
  let q = db
    .selectFrom('activities as a')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .select([
      'a.id',
      'a.operator_id',
      'u.code as unit',
      'u.programme_code as programme',
      'a.kind',
      'a.title',
      'a.date',
      'a.created_at',
      sql<number>`(select count(*)::int from responses r where r.activity_id = a.id and r.voided_at is null)`.as(
        'responses',
      ),
      sql<number>`(select count(*)::int from quarantine x where x.activity_id = a.id and x.resolved_at is null)`.as(
        'quarantined',
      ),
    ])
    .orderBy('a.date', 'desc')
    .orderBy('a.created_at', 'desc')
    .limit(500);
  if (scope !== 'all') q = q.where('a.operator_id', '=', scope.operatorId);
  if (filter.id) q = q.where('a.id', '=', filter.id);
  const activities = await q.execute();
  if (activities.length === 0) return [];
  const ids = activities.map((a) => a.id);
  const [questionnaires, kiosks] = await Promise.all([
    activityVersions(db)
      .innerJoin('questionnaires as q', 'q.id', 'aq.questionnaire_id')
      .select([
        'aq.activity_id',
        'aq.questionnaire_id as id',
        'aq.version',
        'v.status',
        'q.population',
        sql<string | null>`v.definition->'survey'->'title'->>'zh-HK'`.as('title_zh'),
        sql<string | null>`v.definition->'survey'->'title'->>'en'`.as('title_en'),
      ])
      .where('aq.activity_id', 'in', ids)
      .execute(),
    db
      .selectFrom('kiosks')
      .select(['id', 'activity_id', 'opened_at', 'expires_at', 'closed_at'])
      .where('activity_id', 'in', ids)
      .orderBy('opened_at', 'desc')
      .execute(),
  ]);
  return activities.map((a) => ({
    ...a,
    questionnaires: questionnaires.filter((q) => q.activity_id === a.id),
    kiosks: kiosks.filter((k) => k.activity_id === a.id),
  }));
}

/** The activity's operator and unit if it is in scope (for writes that name an activity). */
export function findActivity(db: Db, scope: Scope, id: string) {
  let q = db
    .selectFrom('activities as a')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .select(['a.id', 'a.operator_id', 'a.unit_id', 'a.date', 'a.kind', 'u.programme_code'])
    .where('a.id', '=', id);
  if (scope !== 'all') q = q.where('a.operator_id', '=', scope.operatorId);
  return q.executeTakeFirst();
}
export type ActivityRow = NonNullable<Awaited<ReturnType<typeof findActivity>>>;

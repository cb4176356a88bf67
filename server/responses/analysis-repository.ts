// The rows behind an operator's own exports of its responses: the plain one (export.ts) and the
// labelled ones for analysis (analysis-exports.ts).
import type { Db } from '../db/open.ts';
import { fiscalYearInstants } from '../domain/fiscal-year.ts';
import { versionsWithQuestionnaires } from '../questionnaires/repository.ts';

/** Which responses: one activity's, or a financial year's (by `completedAt`, Hong Kong time). */
export type AnalysisScope = { activityId: string } | { fiscalYear: number };

/** An operator's responses, oldest first, with their activity and unit. */
function operatorResponses(db: Db, operatorId: string) {
  return db
    .selectFrom('responses as r')
    .innerJoin('activities as a', 'a.id', 'r.activity_id')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .select([
      'r.id',
      'r.activity_id',
      'a.title',
      'a.date',
      'a.kind',
      'u.code as unit',
      'r.questionnaire_id',
      'r.version',
      'r.locale',
      'r.completed_at',
      'r.source',
      'r.voided_at',
      'r.answers',
    ])
    .where('r.operator_id', '=', operatorId)
    .orderBy('r.completed_at')
    .orderBy('r.id');
}

/**
 * The operator's counted responses in the scope (voided ones left out), oldest first, with
 * their activity and unit; and the definitions of the versions they answered.
 */
export async function analysisRows(db: Db, operatorId: string, scope: AnalysisScope) {
  let q = operatorResponses(db, operatorId).where('r.voided_at', 'is', null);
  if ('activityId' in scope) q = q.where('r.activity_id', '=', scope.activityId);
  else {
    const { from, until } = fiscalYearInstants(scope.fiscalYear);
    q = q.where('r.completed_at', '>=', from).where('r.completed_at', '<', until);
  }
  const responses = await q.execute();
  const ids = [...new Set(responses.map((r) => r.questionnaire_id))];
  const versions = ids.length
    ? await db
        .selectFrom('questionnaire_versions')
        .select(['questionnaire_id', 'version', 'definition'])
        .where('questionnaire_id', 'in', ids)
        .orderBy('questionnaire_id')
        .orderBy('version')
        .execute()
    : [];
  const answered = new Set(responses.map((r) => `${r.questionnaire_id}/${r.version}`));
  return {
    responses,
    versions: versions.filter((v) => answered.has(`${v.questionnaire_id}/${v.version}`)),
  };
}
export type AnalysisRows = Awaited<ReturnType<typeof analysisRows>>;

/**
 * Every response of the operator in the filter, voided ones included (marked), and the
 * definitions of all its approved and retired versions: the rows of the plain response export.
 */
export async function exportRows(
  db: Db,
  operatorId: string,
  filter: { activityId?: string | undefined; fiscalYear?: number | undefined },
) {
  let q = operatorResponses(db, operatorId);
  if (filter.activityId) q = q.where('r.activity_id', '=', filter.activityId);
  if (filter.fiscalYear !== undefined) {
    const { from, until } = fiscalYearInstants(filter.fiscalYear);
    q = q.where('r.completed_at', '>=', from).where('r.completed_at', '<', until);
  }
  const versions = versionsWithQuestionnaires(db)
    .select(['v.questionnaire_id', 'v.version', 'v.definition'])
    .where('q.operator_id', '=', operatorId)
    .where('v.status', 'in', ['approved', 'retired'])
    .orderBy('v.questionnaire_id')
    .orderBy('v.version');
  return { responses: await q.execute(), versions: await versions.execute() };
}

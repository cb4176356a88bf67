// The rows behind the labelled exports for an operator's own analysis (analysis-exports.ts).
import type { Db } from '../db/open.ts';
import { fiscalYearInstants } from '../domain/fiscal-year.ts';

/** Which responses: one activity's, or a financial year's (by `completedAt`, Hong Kong time). */
export type AnalysisScope = { activityId: string } | { fiscalYear: number };

/**
 * The operator's counted responses in the scope (voided ones left out), oldest first, with
 * their activity and unit; and the definitions of the versions they answered.
 */
export async function analysisRows(db: Db, operatorId: string, scope: AnalysisScope) {
  let q = db
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
      'r.answers',
    ])
    .where('r.operator_id', '=', operatorId)
    .where('r.voided_at', 'is', null);
  if ('activityId' in scope) q = q.where('r.activity_id', '=', scope.activityId);
  else {
    const { from, until } = fiscalYearInstants(scope.fiscalYear);
    q = q.where('r.completed_at', '>=', from).where('r.completed_at', '<', until);
  }
  const responses = await q.orderBy('r.completed_at').orderBy('r.id').execute();
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

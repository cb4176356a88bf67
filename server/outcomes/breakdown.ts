import { sql } from 'kysely';
import type { Db } from '../db/open.ts';
import { allQuestions, type QuestionnaireDefinition } from '../domain/definition.ts';
import { LIKERT_VALUES } from '../domain/likert.ts';
import { measuresOf } from '../domain/compute.ts';
import type { OutcomeScope } from './repository.ts';

/**
 * For one standard in scope: every item mapped to it (per questionnaire version), with the count
 * of each of the five answers and of blanks among the responses that count towards the standard.
 * Only likert items, only counts: no free text ever leaves this way.
 */
export async function itemBreakdown(db: Db, scope: OutcomeScope, standard: number) {
  let versionsQuery = db
    .selectFrom('outcome_verdicts as v')
    .innerJoin('responses as r', 'r.id', 'v.response_id')
    .select(['r.questionnaire_id', 'r.version'])
    .distinct()
    .where('v.programme_code', '=', scope.programme)
    .where('v.fiscal_year', '=', scope.fiscalYear)
    .where('v.standard', '=', standard);
  if (scope.operatorId) versionsQuery = versionsQuery.where('v.operator_id', '=', scope.operatorId);
  if (scope.unitId) versionsQuery = versionsQuery.where('v.unit_id', '=', scope.unitId);
  if (scope.region) {
    const region = scope.region;
    versionsQuery = versionsQuery.where('v.unit_id', 'in', (eb) =>
      eb.selectFrom('units').select('id').where('region', '=', region),
    );
  }
  const versions = await versionsQuery.orderBy('r.questionnaire_id').orderBy('r.version').execute();
  const items = [];
  for (const { questionnaire_id, version } of versions) {
    const row = await db
      .selectFrom('questionnaire_versions')
      .select('definition')
      .where('questionnaire_id', '=', questionnaire_id)
      .where('version', '=', version)
      .executeTakeFirstOrThrow();
    const definition = row.definition as unknown as QuestionnaireDefinition;
    const measure = measuresOf(definition).find((m) => m.standard === standard);
    if (!measure) continue;
    const elements = new Map(
      allQuestions(definition).map(({ element }) => [element.name, element]),
    );
    for (const name of measure.items) {
      let q = db
        .selectFrom('outcome_verdicts as v')
        .innerJoin('responses as r', 'r.id', 'v.response_id')
        .select([
          sql<string | null>`r.answers->>${name}`.as('answer'),
          sql<number>`count(*)::int`.as('count'),
        ])
        .where('v.programme_code', '=', scope.programme)
        .where('v.fiscal_year', '=', scope.fiscalYear)
        .where('v.standard', '=', standard)
        .where('r.questionnaire_id', '=', questionnaire_id)
        .where('r.version', '=', version)
        .groupBy(sql`1`);
      if (scope.operatorId) q = q.where('v.operator_id', '=', scope.operatorId);
      if (scope.unitId) q = q.where('v.unit_id', '=', scope.unitId);
      if (scope.region) {
        const region = scope.region;
        q = q.where('v.unit_id', 'in', (eb) =>
          eb.selectFrom('units').select('id').where('region', '=', region),
        );
      }
      const counts = await q.execute();
      const answers = Object.fromEntries(
        LIKERT_VALUES.map((v) => [v, counts.find((c) => c.answer === v)?.count ?? 0]),
      );
      const blank = counts
        .filter((c) => !LIKERT_VALUES.includes(c.answer as never))
        .reduce((n, c) => n + c.count, 0);
      items.push({
        questionnaire: { id: questionnaire_id, version },
        name,
        title: (elements.get(name)?.title ?? {}) as Record<string, string>,
        answers,
        blank,
      });
    }
  }
  return items;
}

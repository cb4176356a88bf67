import { sql } from 'kysely';
import type { Db } from '../db/open.ts';
import type { QuestionnaireDefinition } from '../domain/definition.ts';
import { fiscalQuarterOf, measuresOf, verdict, type Measure } from '../domain/compute.ts';
import { fiscalYearOf } from '../domain/fiscal-year.ts';
import { clearOutcomes } from './repository.ts';

const BATCH = 2000;

/**
 * Rebuilds every verdict from the stored answers and every count from the verdicts, in one
 * transaction: what `npm run admin -- recompute-outcomes` runs after a scoring fix.
 */
export async function recomputeOutcomes(db: Db): Promise<{ responses: number; verdicts: number }> {
  return db.transaction().execute(async (trx) => {
    await clearOutcomes(trx);
    const measures = new Map<string, { programme: string; measures: Measure[] }>();
    const versions = await trx
      .selectFrom('questionnaire_versions as v')
      .innerJoin('questionnaires as q', 'q.id', 'v.questionnaire_id')
      .select(['v.questionnaire_id', 'v.version', 'v.definition', 'q.programme_code'])
      .where('v.status', 'in', ['approved', 'retired'])
      .execute();
    for (const v of versions) {
      measures.set(`${v.questionnaire_id}/${v.version}`, {
        programme: v.programme_code,
        measures: measuresOf(v.definition as unknown as QuestionnaireDefinition),
      });
    }
    let after = '00000000-0000-0000-0000-000000000000';
    let responses = 0;
    let verdicts = 0;
    for (;;) {
      const batch = await trx
        .selectFrom('responses')
        .select([
          'id',
          'questionnaire_id',
          'version',
          'operator_id',
          'unit_id',
          'completed_at',
          'answers',
        ])
        .where('voided_at', 'is', null)
        .where('id', '>', after)
        .orderBy('id')
        .limit(BATCH)
        .execute();
      if (batch.length === 0) break;
      after = batch[batch.length - 1]!.id;
      responses += batch.length;
      const rows = batch.flatMap((r) => {
        const version = measures.get(`${r.questionnaire_id}/${r.version}`);
        if (!version) return [];
        return version.measures.map((m) => ({
          response_id: r.id,
          standard: m.standard,
          programme_code: version.programme,
          operator_id: r.operator_id,
          unit_id: r.unit_id,
          fiscal_year: fiscalYearOf(r.completed_at),
          quarter: fiscalQuarterOf(r.completed_at),
          verdict: verdict(r.answers, m.items, m.rule),
        }));
      });
      verdicts += rows.length;
      for (let i = 0; i < rows.length; i += 5000) {
        await trx
          .insertInto('outcome_verdicts')
          .values(rows.slice(i, i + 5000))
          .execute();
      }
    }
    await sql`
      insert into outcome_counts (programme_code, fiscal_year, operator_id, unit_id, standard, quarter, shard, agreed, respondents, non_respondents)
      select programme_code, fiscal_year, operator_id, unit_id, standard, quarter, 0,
             count(*) filter (where verdict = 'agreed'),
             count(*) filter (where verdict <> 'no_answer'),
             count(*) filter (where verdict = 'no_answer')
      from outcome_verdicts
      group by programme_code, fiscal_year, operator_id, unit_id, standard, quarter`.execute(trx);
    return { responses, verdicts };
  });
}

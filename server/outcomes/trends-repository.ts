// The SQL of the trends (issue 16): outcome counts over several financial years at once.
import { sql } from 'kysely';
import type { Db } from '../db/open.ts';

/** A programme's years [from, to], optionally one operator's or one region's units. */
export interface TrendScope {
  programme: string;
  from: number;
  to: number;
  operatorId: string | null;
  region: string | null;
}

/** Agreed, respondents and non-respondents per financial year, quarter and standard. */
export function countsByYearAndQuarter(db: Db, scope: TrendScope) {
  let q = db
    .selectFrom('outcome_counts as c')
    .select([
      'c.fiscal_year',
      'c.quarter',
      'c.standard',
      sql<number>`coalesce(sum(c.agreed), 0)::int`.as('agreed'),
      sql<number>`coalesce(sum(c.respondents), 0)::int`.as('respondents'),
      sql<number>`coalesce(sum(c.non_respondents), 0)::int`.as('nonRespondents'),
    ])
    .where('c.programme_code', '=', scope.programme)
    .where('c.fiscal_year', '>=', scope.from)
    .where('c.fiscal_year', '<=', scope.to)
    .groupBy(['c.fiscal_year', 'c.quarter', 'c.standard']);
  if (scope.operatorId) q = q.where('c.operator_id', '=', scope.operatorId);
  if (scope.region) {
    const region = scope.region;
    q = q.where('c.unit_id', 'in', (eb) =>
      eb.selectFrom('units').select('id').where('region', '=', region),
    );
  }
  return q.execute();
}

import { sql } from 'kysely';
import type { Db } from '../db/open.ts';

// The outcome figures as reports read them. What writes them is server/responses/
// counting-repository.ts, the one place that turns verdicts into counts.

/** Which responses count towards a figure: a programme's year, optionally narrowed. */
export interface OutcomeScope {
  programme: string;
  fiscalYear: number;
  operatorId?: string | null;
  unitId?: string | null;
  region?: string | null;
}

function counts(db: Db, scope: OutcomeScope) {
  let q = db
    .selectFrom('outcome_counts as c')
    .where('c.programme_code', '=', scope.programme)
    .where('c.fiscal_year', '=', scope.fiscalYear);
  if (scope.operatorId) q = q.where('c.operator_id', '=', scope.operatorId);
  if (scope.unitId) q = q.where('c.unit_id', '=', scope.unitId);
  if (scope.region) {
    const region = scope.region;
    q = q.where('c.unit_id', 'in', (eb) =>
      eb.selectFrom('units').select('id').where('region', '=', region),
    );
  }
  return q;
}

const SUMS = [
  sql<number>`coalesce(sum(c.agreed), 0)::int`.as('agreed'),
  sql<number>`coalesce(sum(c.respondents), 0)::int`.as('respondents'),
  sql<number>`coalesce(sum(c.non_respondents), 0)::int`.as('nonRespondents'),
] as const;

/** Agreed, respondents and non-respondents per standard within the scope. */
export function countsByStandard(db: Db, scope: OutcomeScope) {
  return counts(db, scope)
    .select(['c.standard', ...SUMS])
    .groupBy('c.standard')
    .execute();
}

/** The same per operator and standard: SWD's operators-by-standards table. */
export function countsByOperator(db: Db, scope: OutcomeScope) {
  return counts(db, scope)
    .select(['c.operator_id', 'c.standard', ...SUMS])
    .groupBy(['c.operator_id', 'c.standard'])
    .execute();
}

/** The same per unit and standard (region totals are built from units). */
export function countsByUnit(db: Db, scope: OutcomeScope) {
  return counts(db, scope)
    .select(['c.unit_id', 'c.standard', ...SUMS])
    .groupBy(['c.unit_id', 'c.standard'])
    .execute();
}

/** The same per quarter and standard, for the quarter-by-quarter view. */
export function countsByQuarter(db: Db, scope: OutcomeScope) {
  return counts(db, scope)
    .select(['c.quarter', 'c.standard', ...SUMS])
    .groupBy(['c.quarter', 'c.standard'])
    .execute();
}

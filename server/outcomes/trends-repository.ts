// The SQL of the trends (issue 16): outcome counts over several financial years at once.
import { sql, type SqlBool } from 'kysely';
import type { Db } from '../db/open.ts';
import { inUnitScope } from '../programmes/scope-repository.ts';
import { carriedUnit } from './repository.ts';

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
  return db
    .selectFrom('outcome_counts as c')
    .select([
      'c.fiscal_year',
      'c.quarter',
      'c.standard',
      sql<number>`coalesce(sum(c.agreed), 0)::int`.as('agreed'),
      sql<number>`coalesce(sum(c.respondents), 0)::int`.as('respondents'),
      sql<number>`coalesce(sum(c.non_respondents), 0)::int`.as('nonRespondents'),
    ])
    .where(inUnitScope(scope, carriedUnit('c')))
    .where('c.fiscal_year', '>=', scope.from)
    .where('c.fiscal_year', '<=', scope.to)
    .groupBy(['c.fiscal_year', 'c.quarter', 'c.standard'])
    .execute();
}

/**
 * Per unit, year and standard, the counts of the unit-standards that missed their agreed
 * percent in both `years` (met's test in server/domain/compute.ts: respondents and agreed x
 * 100 below percent x respondents), so the trends read a handful of rows rather than every
 * unit's two years. `levels`: each standard's agreed percent in each of the two years.
 */
export function missedBothYears(
  db: Db,
  scope: Omit<TrendScope, 'from' | 'to'> & { years: [number, number] },
  levels: { standard: number; percents: [number | null, number | null] }[],
) {
  const known = levels.filter((l) => l.percents[0] !== null && l.percents[1] !== null);
  if (known.length === 0) return Promise.resolve([]);
  const percentOf = (year: 0 | 1) =>
    sql`case c.standard ${sql.join(
      known.map((l) => sql`when ${l.standard} then ${l.percents[year]}::int`),
      sql` `,
    )} end`;
  // Each year's sums first, then the unit-standards that missed in both.
  const yearly = db
    .selectFrom('outcome_counts as c')
    .select([
      'c.fiscal_year',
      'c.unit_id',
      'c.standard',
      sql<number>`sum(c.agreed)::int`.as('agreed'),
      sql<number>`sum(c.respondents)::int`.as('respondents'),
      sql<number>`sum(c.non_respondents)::int`.as('nonRespondents'),
    ])
    .where(inUnitScope(scope, carriedUnit('c')))
    .where('c.fiscal_year', 'in', scope.years)
    .where(
      'c.standard',
      'in',
      known.map((l) => l.standard),
    )
    .groupBy(['c.fiscal_year', 'c.operator_id', 'c.unit_id', 'c.standard'])
    .having(
      sql<SqlBool>`sum(c.respondents) > 0 and sum(c.agreed) * 100 < case c.fiscal_year when ${scope.years[0]}::int then ${percentOf(0)} else ${percentOf(1)} end * sum(c.respondents)`,
    );
  return db
    .with('yearly', () => yearly)
    .with('both', (w) =>
      w
        .selectFrom('yearly')
        .select(['unit_id', 'standard'])
        .groupBy(['unit_id', 'standard'])
        .having(sql<number>`count(*)`, '=', 2),
    )
    .selectFrom('yearly as y')
    .innerJoin('both as b', (j) =>
      j.onRef('b.unit_id', '=', 'y.unit_id').onRef('b.standard', '=', 'y.standard'),
    )
    .select([
      'y.fiscal_year',
      'y.unit_id',
      'y.standard',
      'y.agreed',
      'y.respondents',
      'y.nonRespondents',
    ])
    .execute();
}

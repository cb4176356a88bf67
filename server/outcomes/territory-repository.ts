import { sql } from 'kysely';
import type { Db } from '../db/open.ts';
import { inUnitScope, unitsTable } from '../programmes/scope-repository.ts';
import type { OutcomeScope } from './repository.ts';

// The territory-wide table read per operator (server/outcomes/territory.ts): a few hundred rows
// for 160 operators, never one a unit. What needs a unit's own figures, the conversion, is read
// as how many of an operator's units share each case.

/** The scope's units (programme, and maybe an operator or a region), as a subquery `u`. */
const unitsOf = (db: Db, scope: OutcomeScope) =>
  db
    .selectFrom('units')
    .select(['id', 'operator_id', 'region'])
    .where(inUnitScope(scope, unitsTable()))
    .as('u');

/** The operators with a unit in scope, in code order, with how many and their regions. */
export function operatorsInScope(db: Db, scope: OutcomeScope) {
  return db
    .selectFrom(unitsOf(db, scope))
    .innerJoin('operators as o', 'o.id', 'u.operator_id')
    .select([
      'o.id',
      'o.code',
      'o.name',
      sql<number>`count(*)::int`.as('unitCount'),
      sql<
        string[]
      >`coalesce(array_agg(distinct u.region) filter (where u.region is not null), '{}')`.as(
        'regions',
      ),
    ])
    .groupBy('o.id')
    .orderBy('o.code')
    .execute();
}

/** Each operator's output counts (and a share's denominator) for the year, per standard. */
export function outputSumsByOperator(db: Db, scope: OutcomeScope) {
  return db
    .selectFrom('output_counts as c')
    .innerJoin(unitsOf(db, scope), 'u.id', 'c.unit_id')
    .select([
      'u.operator_id',
      'c.standard',
      sql<number>`sum(c.counted)::int`.as('count'),
      sql<number>`sum(c.out_of)::int`.as('of'),
    ])
    .where('c.fiscal_year', '=', scope.fiscalYear)
    .where('c.quarter', '=', 0)
    .groupBy(['u.operator_id', 'c.standard'])
    .execute();
}

/**
 * What the conversion reads of each unit, counted per operator: for each standard in `from`, how
 * many of the operator's units had each actual for the year, with and without the declaration
 * that they turned no case away.
 */
export function conversionCases(db: Db, scope: OutcomeScope, from: number[]) {
  if (from.length === 0) return Promise.resolve([]);
  return db
    .selectFrom(unitsOf(db, scope))
    .innerJoin(
      sql<{ standard: number }>`(select unnest(${from}::int[]) as standard)`.as('f'),
      (j) => j.onTrue(),
    )
    .leftJoin('output_counts as c', (j) =>
      j
        .onRef('c.unit_id', '=', 'u.id')
        .onRef('c.standard', '=', 'f.standard')
        .on('c.fiscal_year', '=', scope.fiscalYear)
        .on('c.quarter', '=', 0),
    )
    .leftJoin('no_refusal_declarations as d', (j) =>
      j
        .onRef('d.unit_id', '=', 'u.id')
        .on('d.fiscal_year', '=', scope.fiscalYear)
        .on('d.declared', '=', true),
    )
    .select([
      'u.operator_id',
      'f.standard',
      sql<number>`coalesce(c.counted, 0)`.as('actual'),
      sql<boolean>`d.unit_id is not null`.as('declared'),
      sql<number>`count(*)::int`.as('units'),
    ])
    .groupBy(['u.operator_id', 'f.standard', sql`3`, sql`4`])
    .execute();
}

import { sql, type RawBuilder, type SqlBool } from 'kysely';

// Which units a report covers, written once: the outcome figures (server/outcomes/repository.ts)
// and the output figures (server/outputs/repository.ts) both narrow their rows with it.

/** A programme's units, optionally one operator's, one unit or one region's. */
export interface UnitScope {
  programme: string;
  operatorId?: string | null;
  unitId?: string | null;
  region?: string | null;
}

/**
 * Where a table's rows say which unit they are of. A row that repeats its unit's programme and
 * operator (units itself, the outcome counts and verdicts) is compared on those columns, which
 * its indexes serve; whatever it does not carry, and every condition for a row that names only
 * its unit, is looked up in one `unit in (select id from units where ...)`.
 */
export type UnitColumns =
  { unit: string } | { unit: string; programme: string; operator: string; region?: string };

/** The columns of `units` itself, under `alias` if it has one. */
export const unitsTable = (alias?: string): UnitColumns => {
  const col = (name: string) => (alias ? `${alias}.${name}` : name);
  return {
    unit: col('id'),
    programme: col('programme_code'),
    operator: col('operator_id'),
    region: col('region'),
  };
};

/** The scope as one condition on rows of a unit (see UnitColumns for where each part is compared). */
export function inUnitScope(scope: UnitScope, row: UnitColumns): RawBuilder<SqlBool> {
  const carried = 'programme' in row ? row : null;
  const onRow: RawBuilder<unknown>[] = [];
  const inUnits: RawBuilder<unknown>[] = [];
  const compare = (rowColumn: string | undefined, unitsColumn: string, value: string) =>
    rowColumn
      ? onRow.push(sql`${sql.ref(rowColumn)} = ${value}`)
      : inUnits.push(sql`${sql.ref(unitsColumn)} = ${value}`);
  compare(carried?.programme, 'programme_code', scope.programme);
  if (scope.operatorId) compare(carried?.operator, 'operator_id', scope.operatorId);
  if (scope.unitId) compare(carried?.unit, 'id', scope.unitId);
  if (scope.region) compare(carried?.region, 'region', scope.region);
  if (inUnits.length)
    onRow.push(
      sql`${sql.ref(row.unit)} in (select id from units where ${sql.join(inUnits, sql` and `)})`,
    );
  return sql<SqlBool>`(${sql.join(onRow, sql` and `)})`;
}

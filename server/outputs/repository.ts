import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/open.ts';
import type { ClosureDaysTable, Database, LocalisedText } from '../db/schema.ts';
import type { Conversion } from '../domain/conversion.ts';
import type { CountRule } from '../domain/service-records.ts';
import { inUnitScope, unitsTable, type UnitScope } from '../programmes/scope-repository.ts';
import type { OutputFile } from './reference.ts';

type Executor = Db | Transaction<Database>;

/** An output standard with its level history, oldest first. */
export interface OutputStandard {
  number: number;
  name: LocalisedText;
  counts: LocalisedText;
  rule: CountRule;
  measure: 'count' | 'percent';
  illustrative: boolean;
  levels: { fromFiscalYear: number; agreedLevel: number | null }[];
}

/** A programme's output standards and conversion tables. */
export async function outputStandardsOf(db: Executor, programme: string) {
  const [standards, levels, conversions] = await Promise.all([
    db
      .selectFrom('output_standards')
      .selectAll()
      .where('programme_code', '=', programme)
      .orderBy('number')
      .execute(),
    db
      .selectFrom('output_levels')
      .selectAll()
      .where('programme_code', '=', programme)
      .orderBy('from_fiscal_year')
      .execute(),
    db
      .selectFrom('output_conversions')
      .selectAll()
      .where('programme_code', '=', programme)
      .orderBy('from_number')
      .execute(),
  ]);
  return {
    standards: standards.map((s): OutputStandard => ({
      number: s.number,
      name: s.name,
      counts: s.counts,
      rule: s.rule as CountRule,
      measure: s.measure,
      illustrative: s.illustrative,
      levels: levels
        .filter((l) => l.number === s.number)
        .map((l) => ({ fromFiscalYear: l.from_fiscal_year, agreedLevel: l.agreed_level })),
    })),
    conversions: conversions.map((c) => c.definition as Conversion),
  };
}

/** The level in force for a financial year: the latest set from that year or before. */
export function agreedLevelFor(standard: Pick<OutputStandard, 'levels'>, fiscalYear: number) {
  let level: number | null = null;
  for (const l of standard.levels) if (l.fromFiscalYear <= fiscalYear) level = l.agreedLevel;
  return level;
}

export async function setOutputLevel(
  trx: Transaction<Database>,
  level: { programme: string; number: number; fromFiscalYear: number; agreedLevel: number | null },
) {
  await trx
    .insertInto('output_levels')
    .values({
      programme_code: level.programme,
      number: level.number,
      from_fiscal_year: level.fromFiscalYear,
      agreed_level: level.agreedLevel,
    })
    .onConflict((oc) =>
      oc
        .columns(['programme_code', 'number', 'from_fiscal_year'])
        .doUpdateSet({ agreed_level: level.agreedLevel }),
    )
    .execute();
}

export async function serviceLists(db: Executor, programme: string) {
  return db
    .selectFrom('service_lists')
    .select(['list', 'code', 'name'])
    .where('programme_code', '=', programme)
    .orderBy('list')
    .orderBy('position')
    .execute();
}

export type { UnitScope } from '../programmes/scope-repository.ts';

/** The units of the scope, in code order. */
export function unitsIn(db: Executor, scope: UnitScope) {
  return db
    .selectFrom('units')
    .select(['id', 'code', 'operator_id', 'region'])
    .where(inUnitScope(scope, unitsTable()))
    .orderBy('code')
    .execute();
}

/** Rows that name only their unit (`unit_id`): the scope is looked up in units. */
const inScope = (scope: UnitScope) => inUnitScope(scope, { unit: 'unit_id' });

/** Per unit and standard: the count, and for a share its denominator. */
export type UnitCounts = Map<string, Map<number, { count: number; of: number | null }>>;

/** Which standards are shares (their denominator is reported; the others' is null). */
const sharesOf = (standards: Pick<OutputStandard, 'number' | 'rule'>[]) =>
  new Set(
    standards
      .filter((s) => s.rule.rule === 'enrolments' && s.rule.measure === 'share')
      .map((s) => s.number),
  );

/**
 * Every standard's figure per unit of the scope for a financial year (quarter 0) or one of its
 * quarters, as kept by the database (migrations/2026_12_04_0910_kept_output_counts.ts): a
 * few rows a unit, however many records the year holds. `numbers` narrows the standards.
 */
export async function countsByUnit(
  db: Executor,
  scope: UnitScope,
  standards: Pick<OutputStandard, 'number' | 'rule'>[],
  fiscalYear: number,
  quarter = 0,
  numbers?: number[],
): Promise<UnitCounts> {
  return (await countsByUnitAndYear(db, scope, standards, [fiscalYear], quarter, numbers)).get(
    fiscalYear,
  )!;
}

/** The same for several financial years at once, by year. */
export async function countsByUnitAndYear(
  db: Executor,
  scope: UnitScope,
  standards: Pick<OutputStandard, 'number' | 'rule'>[],
  fiscalYears: number[],
  quarter = 0,
  numbers?: number[],
): Promise<Map<number, UnitCounts>> {
  const result = new Map<number, UnitCounts>(fiscalYears.map((y) => [y, new Map()]));
  if (numbers?.length === 0 || fiscalYears.length === 0) return result;
  let q = db
    .selectFrom('output_counts')
    .select(['fiscal_year', 'unit_id', 'standard', 'counted', 'out_of'])
    .where('fiscal_year', 'in', fiscalYears)
    .where('quarter', '=', quarter)
    .where(inScope(scope));
  if (numbers) q = q.where('standard', 'in', numbers);
  const shares = sharesOf(standards);
  for (const row of await q.execute()) {
    const counts = result.get(row.fiscal_year)!;
    let unit = counts.get(row.unit_id);
    if (!unit) counts.set(row.unit_id, (unit = new Map()));
    unit.set(row.standard, {
      count: row.counted,
      of: shares.has(row.standard) ? row.out_of : null,
    });
  }
  return result;
}

/** The scope's figures summed per financial year in [from, to], quarter (0: the year) and standard. */
export function countsByYearAndQuarter(db: Executor, scope: UnitScope, from: number, to: number) {
  return db
    .selectFrom('output_counts')
    .select([
      'fiscal_year',
      'quarter',
      'standard',
      sql<number>`sum(counted)::int`.as('count'),
      sql<number>`sum(out_of)::int`.as('of'),
    ])
    .where('fiscal_year', '>=', from)
    .where('fiscal_year', '<=', to)
    .where(inScope(scope))
    .groupBy(['fiscal_year', 'quarter', 'standard'])
    .execute();
}

/**
 * First contact for the cases referred in a financial year (quarter 0) or quarter: due, in
 * time, late, overdue, waiting. The kept counts give all but the split of the uncontacted
 * cases, which today decides: those due today or later (a few days' referrals) are waiting.
 */
export async function firstContactCounts(
  db: Executor,
  scope: UnitScope,
  fiscalYear: number,
  quarter: number,
  period: { from: string; to: string },
  today: string,
) {
  const [kept, waiting] = await Promise.all([
    db
      .selectFrom('first_contact_counts')
      .select([
        sql<number>`coalesce(sum(cases), 0)::int`.as('cases'),
        sql<number>`coalesce(sum(in_time), 0)::int`.as('inTime'),
        sql<number>`coalesce(sum(late), 0)::int`.as('late'),
        sql<number>`coalesce(sum(uncontacted), 0)::int`.as('uncontacted'),
      ])
      .where('fiscal_year', '=', fiscalYear)
      .where('quarter', '=', quarter)
      .where(inScope(scope))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('cases')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('first_contact_on', 'is', null)
      .where('contact_due_on', '>=', today)
      .where('referred_on', '>=', period.from)
      .where('referred_on', '<=', period.to)
      .where(inScope(scope))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    cases: kept.cases,
    inTime: kept.inTime,
    late: kept.late,
    overdue: kept.uncontacted - waiting.n,
    waiting: waiting.n,
  };
}

/** The units of the scope that declared, for the year, that they turned no case away. */
export async function noRefusalUnits(db: Executor, scope: UnitScope, fiscalYear: number) {
  const rows = await db
    .selectFrom('no_refusal_declarations')
    .select('unit_id')
    .where('fiscal_year', '=', fiscalYear)
    .where('declared', '=', true)
    .where(inScope(scope))
    .execute();
  return new Set(rows.map((r) => r.unit_id));
}

/** Records a unit's declaration for a year (replacing an earlier one), and who made it. */
export async function setNoRefusal(
  trx: Transaction<Database>,
  d: { unitId: string; fiscalYear: number; declared: boolean; declaredBy: string },
) {
  await trx
    .insertInto('no_refusal_declarations')
    .values({
      unit_id: d.unitId,
      fiscal_year: d.fiscalYear,
      declared: d.declared,
      declared_by: d.declaredBy,
    })
    .onConflict((oc) =>
      oc
        .columns(['unit_id', 'fiscal_year'])
        .doUpdateSet({ declared: d.declared, declared_by: d.declaredBy, declared_at: new Date() }),
    )
    .execute();
}

/** The days the offices were closed, in date order. */
export function listClosureDays(db: Executor) {
  return db.selectFrom('closure_days').select(['date', 'reason']).orderBy('date').execute();
}

/** Declares a closure day (a day already declared takes the new reason). */
export async function putClosureDay(
  trx: Transaction<Database>,
  day: { date: string; reason: ClosureDaysTable['reason']; declaredBy: string },
) {
  await trx
    .insertInto('closure_days')
    .values({ date: day.date, reason: day.reason, declared_by: day.declaredBy })
    .onConflict((oc) => oc.column('date').doUpdateSet({ reason: day.reason }))
    .execute();
}

/** Withdraws a closure day; false if there was none that day. */
export async function deleteClosureDay(trx: Transaction<Database>, date: string) {
  const gone = await trx.deleteFrom('closure_days').where('date', '=', date).executeTakeFirst();
  return Number(gone.numDeletedRows) > 0;
}

/**
 * Inserts the output standards, first levels, conversions and service lists that are missing
 * and leaves what exists alone (an admin's agreed levels survive every restart).
 */
export async function insertMissingOutputReference(
  trx: Transaction<Database>,
  files: OutputFile[],
) {
  for (const p of files) {
    for (const s of p.outputStandards) {
      await trx
        .insertInto('output_standards')
        .values({
          programme_code: p.code,
          number: s.number,
          name: JSON.stringify(s.name),
          counts: JSON.stringify(s.counts),
          rule: JSON.stringify(s.rule),
          measure: s.measure,
          illustrative: s.illustrative,
        })
        .onConflict((oc) => oc.columns(['programme_code', 'number']).doNothing())
        .execute();
      await trx
        .insertInto('output_levels')
        .values({
          programme_code: p.code,
          number: s.number,
          from_fiscal_year: 0,
          agreed_level: s.agreedLevel,
        })
        .onConflict((oc) =>
          oc.columns(['programme_code', 'number', 'from_fiscal_year']).doNothing(),
        )
        .execute();
    }
    for (const c of p.conversions) {
      await trx
        .insertInto('output_conversions')
        .values({
          programme_code: p.code,
          from_number: c.from,
          moves_number: c.moves,
          definition: JSON.stringify(c),
        })
        .onConflict((oc) => oc.columns(['programme_code', 'from_number']).doNothing())
        .execute();
    }
    for (const [list, items] of Object.entries(p.serviceLists ?? {})) {
      for (const [position, item] of items.entries()) {
        await trx
          .insertInto('service_lists')
          .values({
            programme_code: p.code,
            list,
            code: item.code,
            name: JSON.stringify(item.name),
            position,
          })
          .onConflict((oc) => oc.columns(['programme_code', 'list', 'code']).doNothing())
          .execute();
      }
    }
  }
}

import { sql, type Expression, type SqlBool, type Transaction } from 'kysely';
import type { Db } from '../db/open.ts';
import type { Database, LocalisedText } from '../db/schema.ts';
import type { Conversion } from '../domain/conversion.ts';
import { moduleHalfHours, type CountRule } from '../domain/service-records.ts';

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

/** Which units a query covers. */
export interface UnitScope {
  programme: string;
  operatorId: string | null;
  unitId: string | null;
  region: string | null;
}

export function unitsIn(db: Executor, scope: UnitScope) {
  let q = db
    .selectFrom('units')
    .select(['id', 'code', 'operator_id', 'region'])
    .where('programme_code', '=', scope.programme)
    .orderBy('code');
  if (scope.operatorId) q = q.where('operator_id', '=', scope.operatorId);
  if (scope.unitId) q = q.where('id', '=', scope.unitId);
  if (scope.region) q = q.where('region', '=', scope.region);
  return q.execute();
}

/** `unit_id in (the scope's units)` as a subquery, so the database does the join. */
function inScope(scope: UnitScope, column: string) {
  return sql<SqlBool>`${sql.ref(column)} in (select id from units where programme_code = ${scope.programme}${
    scope.operatorId ? sql` and operator_id = ${scope.operatorId}` : sql``
  }${scope.unitId ? sql` and id = ${scope.unitId}` : sql``}${
    scope.region ? sql` and region = ${scope.region}` : sql``
  })`;
}

/**
 * The SQL condition an event meets under a rule: the same tests as eventQualifies in
 * server/domain/service-records.ts (test/server/outputs/property.test.ts compares them).
 */
function eventCondition(rule: Extract<CountRule, { rule: 'events' }>): Expression<SqlBool> {
  const parts = [sql`kind in (${sql.join(rule.kinds)})`];
  if (rule.excludeOpen) parts.push(sql`not open_event`);
  if (rule.form) parts.push(sql`form = ${rule.form}`);
  if (rule.oneOffOrGroupOf !== undefined)
    parts.push(
      sql`(sessions = 1 or (sessions >= 2 and form = 'group' and coalesce(participants, 0) >= ${rule.oneOffOrGroupOf}))`,
    );
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

/** The same as attendedEnough: half hours x 100 >= percent x the module's half hours. */
function enrolmentCondition(
  rule: Extract<CountRule, { rule: 'enrolments' }>,
  share: 'numerator' | 'denominator',
) {
  const parts = [sql`programme = ${rule.programme}`];
  if (rule.minPercentOfModule !== undefined && share === 'numerator')
    parts.push(
      sql`half_hours * 100 >= ${rule.minPercentOfModule * moduleHalfHours(rule.programme)}`,
    );
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

/**
 * Runs one of the figures' aggregates without parallel workers. Each scans at most a year of
 * narrow rows (100,000 at territory scale); starting a worker and gathering its partial
 * aggregate cost more than the scan it shares (bench/outputs.ts: 70 ms of work per worker, 400
 * ms of gathering on a loaded server). The setting ends with its transaction.
 */
function serial<T>(db: Executor, run: (db: Executor) => Promise<T>): Promise<T> {
  if (db.isTransaction) return run(db); // the caller's transaction keeps its own settings
  return (db as Db).transaction().execute(async (trx) => {
    await sql`set local max_parallel_workers_per_gather = 0`.execute(trx);
    return run(trx);
  });
}

/** Per unit and standard: the count, and for a share its denominator. */
export type UnitCounts = Map<string, Map<number, { count: number; of: number | null }>>;

/**
 * Every rule's figure per unit of the scope in [from, to]: one aggregate per table, each
 * standard a filtered column, so the territory's 3,000 units cost four grouped scans.
 */
export async function countsByUnit(
  db: Executor,
  scope: UnitScope,
  standards: Pick<OutputStandard, 'number' | 'rule'>[],
  period: { from: string; to: string },
): Promise<UnitCounts> {
  const result: UnitCounts = new Map();
  const put = (unitId: string, number: number, count: number, of: number | null) => {
    let unit = result.get(unitId);
    if (!unit) result.set(unitId, (unit = new Map()));
    unit.set(number, { count, of });
  };
  const enrolmentRules = standards.filter((s) => s.rule.rule === 'enrolments');
  const eventRules = standards.filter((s) => s.rule.rule === 'events');
  const referralRules = standards.filter((s) => s.rule.rule === 'referrals');
  const contactRules = standards.filter((s) => s.rule.rule === 'cases_contacted');

  const queries: Promise<void>[] = [];
  if (enrolmentRules.length) {
    const columns = enrolmentRules.flatMap((s) => {
      const rule = s.rule as Extract<CountRule, { rule: 'enrolments' }>;
      return [
        sql<number>`count(*) filter (where ${enrolmentCondition(rule, 'numerator')})::int`.as(
          `n${s.number}`,
        ),
        sql<number>`count(*) filter (where ${enrolmentCondition(rule, 'denominator')})::int`.as(
          `d${s.number}`,
        ),
      ];
    });
    queries.push(
      serial(db, (db) =>
        db
          .selectFrom('enrolments')
          .select('unit_id')
          .select(columns)
          .where('ended_on', '>=', period.from)
          .where('ended_on', '<=', period.to)
          .where(inScope(scope, 'unit_id'))
          .groupBy('unit_id')
          .execute(),
      ).then((rows) => {
        for (const row of rows as Record<string, unknown>[])
          for (const s of enrolmentRules) {
            const share = (s.rule as { measure?: string }).measure === 'share';
            put(
              row.unit_id as string,
              s.number,
              row[`n${s.number}`] as number,
              share ? (row[`d${s.number}`] as number) : null,
            );
          }
      }),
    );
  }
  if (eventRules.length) {
    const columns = eventRules.map((s) => {
      const rule = s.rule as Extract<CountRule, { rule: 'events' }>;
      return (
        rule.countSessions
          ? sql<number>`coalesce(sum(sessions) filter (where ${eventCondition(rule)}), 0)::int`
          : sql<number>`count(*) filter (where ${eventCondition(rule)})::int`
      ).as(`n${s.number}`);
    });
    queries.push(
      serial(db, (db) =>
        db
          .selectFrom('service_events')
          .select('unit_id')
          .select(columns)
          .where('date', '>=', period.from)
          .where('date', '<=', period.to)
          .where(inScope(scope, 'unit_id'))
          .groupBy('unit_id')
          .execute(),
      ).then((rows) => {
        for (const row of rows as Record<string, unknown>[])
          for (const s of eventRules)
            put(row.unit_id as string, s.number, row[`n${s.number}`] as number, null);
      }),
    );
  }
  if (referralRules.length) {
    queries.push(
      db
        .selectFrom('case_referrals')
        .select(['unit_id', sql<number>`count(*)::int`.as('n')])
        .where('date', '>=', period.from)
        .where('date', '<=', period.to)
        .where(inScope(scope, 'unit_id'))
        .groupBy('unit_id')
        .execute()
        .then((rows) => {
          for (const row of rows)
            for (const s of referralRules) put(row.unit_id, s.number, row.n, null);
        }),
    );
  }
  if (contactRules.length) {
    queries.push(
      db
        .selectFrom('case_contacts')
        .select(['unit_id', sql<number>`count(distinct case_id)::int`.as('n')])
        .where('date', '>=', period.from)
        .where('date', '<=', period.to)
        .where(inScope(scope, 'unit_id'))
        .groupBy('unit_id')
        .execute()
        .then((rows) => {
          for (const row of rows)
            for (const s of contactRules) put(row.unit_id, s.number, row.n, null);
        }),
    );
  }
  await Promise.all(queries);
  return result;
}

/** First contact for the cases referred in [from, to]: due, in time, late, overdue, waiting. */
export async function firstContactCounts(
  db: Executor,
  scope: UnitScope,
  period: { from: string; to: string },
  today: string,
) {
  const row = await serial(db, (db) =>
    db
      .selectFrom('cases')
      .select([
        sql<number>`count(*)::int`.as('cases'),
        sql<number>`count(*) filter (where first_contact_on <= contact_due_on)::int`.as('inTime'),
        sql<number>`count(*) filter (where first_contact_on > contact_due_on)::int`.as('late'),
        sql<number>`count(*) filter (where first_contact_on is null and contact_due_on < ${today})::int`.as(
          'overdue',
        ),
        sql<number>`count(*) filter (where first_contact_on is null and contact_due_on >= ${today})::int`.as(
          'waiting',
        ),
      ])
      .where('referred_on', '>=', period.from)
      .where('referred_on', '<=', period.to)
      .where(inScope(scope, 'unit_id'))
      .executeTakeFirstOrThrow(),
  );
  return row;
}

/** The units of the scope that declared, for the year, that they turned no case away. */
export async function noRefusalUnits(db: Executor, scope: UnitScope, fiscalYear: number) {
  const rows = await db
    .selectFrom('no_refusal_declarations')
    .select('unit_id')
    .where('fiscal_year', '=', fiscalYear)
    .where('declared', '=', true)
    .where(inScope(scope, 'unit_id'))
    .execute();
  return new Set(rows.map((r) => r.unit_id));
}

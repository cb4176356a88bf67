import { sql, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../db/open.ts';
import { inUnitScope, unitsTable, type UnitScope } from '../programmes/scope-repository.ts';

// The outcome figures as reports read them. What writes them is server/responses/
// counting-repository.ts, the one place that turns verdicts into counts.

/** Which responses count towards a figure: a programme's year, optionally narrowed. */
export interface OutcomeScope extends UnitScope {
  fiscalYear: number;
}

/**
 * Narrows a query over rows carrying programme, fiscal year, operator and unit (outcome_counts
 * or outcome_verdicts, under `alias`) to a scope; which units it covers is
 * server/programmes/scope-repository.ts's.
 */
function inScope<QB extends SelectQueryBuilder<any, any, any>>(
  q: QB,
  alias: 'c' | 'v',
  scope: OutcomeScope,
): QB {
  return q
    .where(`${alias}.fiscal_year`, '=', scope.fiscalYear)
    .where(inUnitScope(scope, carriedUnit(alias))) as QB;
}

/** outcome_counts and outcome_verdicts carry their unit's programme and operator. */
export const carriedUnit = (alias: string) => ({
  unit: `${alias}.unit_id`,
  programme: `${alias}.programme_code`,
  operator: `${alias}.operator_id`,
});

const counts = (db: Db, scope: OutcomeScope) =>
  inScope(db.selectFrom('outcome_counts as c'), 'c', scope);

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

/**
 * The same per unit and standard (region totals are built from units); `standard` narrows it
 * to one standard (a funnel plot's).
 */
export function countsByUnit(db: Db, scope: OutcomeScope, standard?: number) {
  let q = counts(db, scope)
    .select(['c.unit_id', 'c.standard', ...SUMS])
    .groupBy(['c.unit_id', 'c.standard']);
  if (standard !== undefined) q = q.where('c.standard', '=', standard);
  return q.execute();
}

/** The same per quarter and standard, for the quarter-by-quarter view. */
export function countsByQuarter(db: Db, scope: OutcomeScope) {
  return counts(db, scope)
    .select(['c.quarter', 'c.standard', ...SUMS])
    .groupBy(['c.quarter', 'c.standard'])
    .execute();
}

/** The versions answered in scope that count towards `standard`, with their definitions. */
export function versionsAnswered(db: Db, scope: OutcomeScope, standard: number) {
  const answered = inScope(
    db
      .selectFrom('outcome_verdicts as v')
      .innerJoin('responses as r', 'r.id', 'v.response_id')
      .select(['r.questionnaire_id', 'r.version'])
      .distinct()
      .where('v.standard', '=', standard),
    'v',
    scope,
  );
  return db
    .selectFrom(answered.as('a'))
    .innerJoin('questionnaire_versions as qv', (j) =>
      j
        .onRef('qv.questionnaire_id', '=', 'a.questionnaire_id')
        .onRef('qv.version', '=', 'a.version'),
    )
    .select(['a.questionnaire_id', 'a.version', 'qv.definition'])
    .orderBy('a.questionnaire_id')
    .orderBy('a.version')
    .execute();
}

/**
 * For each (version, item) given, how many answered it each way in each quarter, among the
 * responses in scope that count towards `standard`: one statement for every version and item.
 * `answer` is null for a blank.
 */
export async function itemAnswerCounts(
  db: Db,
  scope: OutcomeScope,
  standard: number,
  items: { questionnaireId: string; version: number; name: string }[],
  throughQuarter: number | null,
) {
  if (items.length === 0) return [];
  const list = JSON.stringify(
    items.map((i) => ({ questionnaire_id: i.questionnaireId, version: i.version, name: i.name })),
  );
  let q = inScope(
    db
      .selectFrom('outcome_verdicts as v')
      .innerJoin('responses as r', 'r.id', 'v.response_id')
      .innerJoin(
        sql<{
          questionnaire_id: string;
          version: number;
          name: string;
        }>`(select * from jsonb_to_recordset(${list}::jsonb) as x(questionnaire_id uuid, version int, name text))`.as(
          'k',
        ),
        (j) =>
          j
            .onRef('k.questionnaire_id', '=', 'r.questionnaire_id')
            .onRef('k.version', '=', 'r.version'),
      )
      .select([
        'k.questionnaire_id',
        'k.version',
        'k.name',
        'v.quarter',
        sql<string | null>`r.answers->>k.name`.as('answer'),
        sql<number>`count(*)::int`.as('count'),
      ])
      .where('v.standard', '=', standard)
      .groupBy(['k.questionnaire_id', 'k.version', 'k.name', 'v.quarter', sql`5`]),
    'v',
    scope,
  );
  if (throughQuarter !== null) q = q.where('v.quarter', '<=', throughQuarter);
  return q.execute();
}

/**
 * The units of a scope (a programme, maybe one operator, unit or region) with their operators,
 * in operator then unit order: the rows and points the reports list, answered or not. The
 * operators come in a query of their own, so each operator's name is read once rather than
 * once a unit (territory-wide, 160 names rather than 3,000).
 */
export async function unitsInScope(db: Db, scope: OutcomeScope) {
  const units = db
    .selectFrom('units as u')
    .select(['u.id', 'u.code', 'u.region', 'u.operator_id'])
    .where(inUnitScope(scope, unitsTable('u')))
    .orderBy('u.code');
  const operators = db
    .selectFrom('operators')
    .select(['id', 'code', 'name'])
    .where('id', 'in', units.clearSelect().clearOrderBy().select('u.operator_id'))
    .orderBy('code');
  const [unitRows, operatorRows] = await Promise.all([units.execute(), operators.execute()]);
  const unitsOf = new Map<string, typeof unitRows>();
  for (const u of unitRows) {
    const list = unitsOf.get(u.operator_id);
    if (list) list.push(u);
    else unitsOf.set(u.operator_id, [u]);
  }
  return operatorRows.flatMap((o) =>
    (unitsOf.get(o.id) ?? []).map((u) => ({
      id: u.id,
      code: u.code,
      region: u.region,
      operatorId: o.id,
      operatorCode: o.code,
      name: o.name,
    })),
  );
}

// The operators and units the reports resolve their filters to and list.

/** The operator with this code, if any. */
export function operatorByCode(db: Db, code: string) {
  return db
    .selectFrom('operators')
    .select(['id', 'code'])
    .where('code', '=', code)
    .executeTakeFirst();
}

/** The unit with this code, if any, with its operator and programme. */
export function unitByCode(db: Db, code: string) {
  return db
    .selectFrom('units')
    .select(['id', 'code', 'operator_id', 'programme_code'])
    .where('code', '=', code)
    .executeTakeFirst();
}

/** An operator's code and name (it exists: the query was resolved against it). */
export function operatorNamed(db: Db, id: string) {
  return db
    .selectFrom('operators')
    .select(['code', 'name'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/** The operators with a unit in the programme, in code order. */
export function operatorsOfProgramme(db: Db, programme: string) {
  return db
    .selectFrom('operators')
    .select(['id', 'code', 'name'])
    .where('id', 'in', (eb) =>
      eb.selectFrom('units').select('operator_id').where('programme_code', '=', programme),
    )
    .orderBy('code')
    .execute();
}

/** The programme's units with their regions and operators. */
export function unitsOfProgramme(db: Db, programme: string) {
  return db
    .selectFrom('units')
    .select(['id', 'region', 'operator_id'])
    .where('programme_code', '=', programme)
    .execute();
}

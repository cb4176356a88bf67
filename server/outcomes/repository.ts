import { randomInt } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/open.ts';
import type { Database } from '../db/schema.ts';
import { fiscalYearOf } from '../domain/fiscal-year.ts';
import { fiscalQuarterOf, verdict, type Measure, type Verdict } from '../domain/compute.ts';

type Executor = Db | Transaction<Database>;

/** Rows of outcome_counts per (unit, standard, quarter) a write spreads over. */
export const COUNT_SHARDS = 8;

const delta = (v: Verdict, sign: 1 | -1) => ({
  agreed: v === 'agreed' ? sign : 0,
  respondents: v === 'no_answer' ? 0 : sign,
  non_respondents: v === 'no_answer' ? sign : 0,
});

async function addCounts(
  trx: Transaction<Database>,
  key: {
    programme: string;
    fiscalYear: number;
    operatorId: string;
    unitId: string;
    quarter: number;
  },
  rows: { standard: number; verdict: Verdict }[],
  sign: 1 | -1,
) {
  if (rows.length === 0) return;
  const shard = randomInt(COUNT_SHARDS);
  await trx
    .insertInto('outcome_counts')
    .values(
      rows.map((r) => ({
        programme_code: key.programme,
        fiscal_year: key.fiscalYear,
        operator_id: key.operatorId,
        unit_id: key.unitId,
        standard: r.standard,
        quarter: key.quarter,
        shard,
        ...delta(r.verdict, sign),
      })),
    )
    .onConflict((oc) =>
      oc
        .columns([
          'programme_code',
          'fiscal_year',
          'operator_id',
          'unit_id',
          'standard',
          'quarter',
          'shard',
        ])
        .doUpdateSet({
          agreed: sql`outcome_counts.agreed + excluded.agreed`,
          respondents: sql`outcome_counts.respondents + excluded.respondents`,
          non_respondents: sql`outcome_counts.non_respondents + excluded.non_respondents`,
        }),
    )
    .execute();
}

/** Takes a (voided) response out of every figure: its verdicts go, and the counts with them. */
export async function removeVerdicts(trx: Transaction<Database>, responseId: string) {
  const rows = await trx
    .deleteFrom('outcome_verdicts')
    .where('response_id', '=', responseId)
    .returningAll()
    .execute();
  const first = rows[0];
  if (!first) return;
  await addCounts(
    trx,
    {
      programme: first.programme_code,
      fiscalYear: first.fiscal_year,
      operatorId: first.operator_id,
      unitId: first.unit_id,
      quarter: first.quarter,
    },
    rows.map((r) => ({ standard: r.standard, verdict: r.verdict })),
    -1,
  );
}

/** Which responses count towards a figure: a programme's year, optionally narrowed. */
export interface OutcomeScope {
  programme: string;
  fiscalYear: number;
  operatorId?: string | null;
  unitId?: string | null;
  region?: string | null;
}

function counts(db: Executor, scope: OutcomeScope) {
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
export function countsByStandard(db: Executor, scope: OutcomeScope) {
  return counts(db, scope)
    .select(['c.standard', ...SUMS])
    .groupBy('c.standard')
    .execute();
}

/** The same per operator and standard: SWD's operators-by-standards table. */
export function countsByOperator(db: Executor, scope: OutcomeScope) {
  return counts(db, scope)
    .select(['c.operator_id', 'c.standard', ...SUMS])
    .groupBy(['c.operator_id', 'c.standard'])
    .execute();
}

/** The same per unit and standard (region totals are built from units). */
export function countsByUnit(db: Executor, scope: OutcomeScope) {
  return counts(db, scope)
    .select(['c.unit_id', 'c.standard', ...SUMS])
    .groupBy(['c.unit_id', 'c.standard'])
    .execute();
}

/** The same per quarter and standard, for the quarter-by-quarter view. */
export function countsByQuarter(db: Executor, scope: OutcomeScope) {
  return counts(db, scope)
    .select(['c.quarter', 'c.standard', ...SUMS])
    .groupBy(['c.quarter', 'c.standard'])
    .execute();
}

/** Deletes every verdict and count but frozen years' (inside the caller's transaction), before a rebuild. */
export async function clearOutcomes(trx: Transaction<Database>) {
  await trx.deleteFrom('outcome_verdicts').execute();
  await trx
    .deleteFrom('outcome_counts')
    .where('fiscal_year', 'not in', (eb) => eb.selectFrom('frozen_years').select('fiscal_year'))
    .execute();
}

/** A response to store with its verdicts (see insertScoredResponses). */
export interface ResponseWithVerdicts {
  id: string;
  activityId: string;
  operatorId: string;
  unitId: string;
  questionnaireId: string;
  version: number;
  locale: string;
  answers: Record<string, unknown>;
  completedAt: Date;
  source: 'kiosk' | 'paper' | 'quarantine';
  kioskId: string | null;
  bodyHash: string;
  programme: string;
  measures: Measure[];
}

/**
 * Stores responses, their verdicts and the counts in ONE statement (data-modifying CTEs are
 * atomic), however many there are: the kiosk's hot path is one round trip for a whole batch.
 * A response is inserted only while its activity uses the version and the version takes it
 * (approved, or retired after it was completed), checked in the same statement. Returns the ids
 * inserted: a missing one already existed or was refused, and nothing of it was written.
 * The ids must be distinct. Rows are written in key order, so concurrent batches cannot deadlock.
 */
export async function insertScoredResponses(
  db: Executor,
  batch: ResponseWithVerdicts[],
): Promise<Set<string>> {
  const input = batch.map((r) => ({
    id: r.id,
    activity_id: r.activityId,
    operator_id: r.operatorId,
    unit_id: r.unitId,
    questionnaire_id: r.questionnaireId,
    version: r.version,
    locale: r.locale,
    answers: r.answers,
    completed_at: r.completedAt.toISOString(),
    source: r.source,
    kiosk_id: r.kioskId,
    body_hash: r.bodyHash,
    programme: r.programme,
    fiscal_year: fiscalYearOf(r.completedAt),
    quarter: fiscalQuarterOf(r.completedAt),
    verdicts: r.measures.map((m) => ({
      standard: m.standard,
      verdict: verdict(r.answers, m.items, m.rule),
    })),
  }));
  const { rows } = await sql<{ id: string }>`/* prepared: insert_scored_responses */
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(
        id uuid, activity_id uuid, operator_id uuid, unit_id uuid, questionnaire_id uuid,
        version int, locale text, answers jsonb, completed_at timestamptz, source text,
        kiosk_id uuid, body_hash text, programme text, fiscal_year int, quarter smallint,
        verdicts jsonb)
    ),
    r as (
      insert into responses (id, activity_id, operator_id, unit_id, questionnaire_id, version, locale, answers, completed_at, source, kiosk_id, body_hash)
      select i.id, i.activity_id, i.operator_id, i.unit_id, i.questionnaire_id, i.version, i.locale, i.answers, i.completed_at, i.source, i.kiosk_id, i.body_hash
      from input i
      where exists (
        select 1 from activity_questionnaires aq
        join questionnaire_versions v on v.questionnaire_id = aq.questionnaire_id and v.version = aq.version
        where aq.activity_id = i.activity_id and aq.questionnaire_id = i.questionnaire_id and aq.version = i.version
          and (v.status = 'approved' or (v.status = 'retired' and v.retired_at > i.completed_at)))
      order by i.id
      on conflict (id) do nothing
      returning id
    ),
    s as (
      select i.*, x.standard, x.verdict
      from r join input i on i.id = r.id
      cross join jsonb_to_recordset(i.verdicts) as x(standard int, verdict text)
    ),
    v as (
      insert into outcome_verdicts (response_id, standard, programme_code, operator_id, unit_id, fiscal_year, quarter, verdict)
      select id, standard, programme, operator_id, unit_id, fiscal_year, quarter, verdict from s
    ),
    c as (
      insert into outcome_counts (programme_code, fiscal_year, operator_id, unit_id, standard, quarter, shard, agreed, respondents, non_respondents)
      select programme, fiscal_year, operator_id, unit_id, standard, quarter, ${randomInt(COUNT_SHARDS)}::smallint,
        count(*) filter (where verdict = 'agreed'),
        count(*) filter (where verdict <> 'no_answer'),
        count(*) filter (where verdict = 'no_answer')
      from s
      group by programme, fiscal_year, operator_id, unit_id, standard, quarter
      order by programme, fiscal_year, operator_id, unit_id, standard, quarter
      on conflict (programme_code, fiscal_year, operator_id, unit_id, standard, quarter, shard) do update set
        agreed = outcome_counts.agreed + excluded.agreed,
        respondents = outcome_counts.respondents + excluded.respondents,
        non_respondents = outcome_counts.non_respondents + excluded.non_respondents
    )
    select id from r`.execute(db);
  return new Set(rows.map((r) => r.id));
}

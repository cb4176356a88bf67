// The one module that writes verdicts and counts: a response's verdicts and the running counts
// go in with it, out when it is voided, and are rebuilt by a recompute. How a verdict becomes
// counts is COUNTS_OF_VERDICT (server/domain/compute.ts); the SQL here is made from it. Which
// responses may be counted at all is `countable` below: a version that takes the response, in
// a financial year whose figures are not frozen (server/outcomes/retention.ts).
import { randomInt } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import type { Db, Transaction } from '../db/open.ts';
import { fiscalYearInstants, fiscalYearOf } from '../domain/fiscal-year.ts';
import {
  COUNTS_OF_VERDICT,
  fiscalQuarterOf,
  verdict,
  type CountColumn,
  type Measure,
  type Verdict,
} from '../domain/compute.ts';
import { activityVersions, versionsWithQuestionnaires } from '../questionnaires/repository.ts';

/** Rows of outcome_counts per (unit, standard, quarter) a write spreads over. */
export const COUNT_SHARDS = 8;

const COLUMNS: CountColumn[] = ['agreed', 'respondents', 'non_respondents'];

/** `count(*) filter (where verdict in (…))` for one column, from COUNTS_OF_VERDICT. */
function countOf(column: CountColumn, sign: 1 | -1): RawBuilder<number> {
  const verdicts = (Object.keys(COUNTS_OF_VERDICT) as Verdict[]).filter(
    (v) => COUNTS_OF_VERDICT[v][column] === 1,
  );
  const list = sql.join(verdicts.map((v) => sql.lit(v)));
  return sql<number>`${sql.lit(sign)} * count(*) filter (where verdict in (${list}))`;
}

/** The three counts of a set of verdict rows, in COLUMNS order, added (1) or taken away (-1). */
const counted = (sign: 1 | -1) => sql.join(COLUMNS.map((c) => countOf(c, sign)));
// Built once: they are the same for every statement (and insertScoredResponses runs for every
// batch of kiosk submissions).
const ADDED = counted(1);
const TAKEN_AWAY = counted(-1);

const ADD_TO_COUNTS = sql`on conflict (programme_code, fiscal_year, operator_id, unit_id, standard, quarter, shard) do update set
  agreed = outcome_counts.agreed + excluded.agreed,
  respondents = outcome_counts.respondents + excluded.respondents,
  non_respondents = outcome_counts.non_respondents + excluded.non_respondents`;

/**
 * Whether a response may be stored and counted: its activity uses the version, the version takes
 * it (approved, or retired after the response was completed) and its financial year is not
 * frozen. `v` is the joined questionnaire_versions row (alias `v`).
 */
function countable(completedAt: RawBuilder<unknown>, fiscalYear: RawBuilder<unknown>) {
  return {
    takes: sql<boolean>`(v.status = 'approved' or (v.status = 'retired' and v.retired_at > ${completedAt}))`,
    open: sql<boolean>`not exists (select 1 from frozen_years f where f.fiscal_year = ${fiscalYear})`,
  };
}

/**
 * The version an activity uses, with whether it takes a response completed at `completedAt` and
 * whether that instant's financial year is frozen: the same conditions insertScoredResponses
 * checks, for saying why it refused one. Undefined when the activity does not use the version.
 */
export function versionForResponse(
  db: Db,
  activityId: string,
  ref: { id: string; version: number },
  completedAt: Date,
) {
  const rule = countable(
    sql`${completedAt.toISOString()}::timestamptz`,
    sql`${fiscalYearOf(completedAt)}::int`,
  );
  return activityVersions(db)
    .innerJoin('questionnaires as q', 'q.id', 'aq.questionnaire_id')
    .select([
      'v.status',
      'v.definition',
      'q.programme_code',
      rule.takes.as('takes'),
      rule.open.as('yearOpen'),
    ])
    .where('aq.activity_id', '=', activityId)
    .where('aq.questionnaire_id', '=', ref.id)
    .where('aq.version', '=', ref.version)
    .executeTakeFirst();
}

/** `countable` for the rows of insertScoredResponses' input (alias `i`), built once. */
const INSERTABLE = countable(sql`i.completed_at`, sql`i.fiscal_year`);

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
 * A response is inserted only while it is `countable`, checked in the same statement. Returns
 * the ids inserted: a missing one already existed or was refused, and nothing of it was written.
 * The ids must be distinct. Rows are written in key order, so concurrent batches cannot deadlock.
 */
export async function insertScoredResponses(
  db: Db,
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
          and ${INSERTABLE.takes})
        and ${INSERTABLE.open}
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
        ${ADDED}
      from s
      group by programme, fiscal_year, operator_id, unit_id, standard, quarter
      order by programme, fiscal_year, operator_id, unit_id, standard, quarter
      ${ADD_TO_COUNTS}
    )
    select id from r`.execute(db);
  return new Set(rows.map((r) => r.id));
}

/** Takes a (voided) response out of every figure: its verdicts go, and the counts with them. */
export async function removeVerdicts(trx: Transaction, responseId: string) {
  await sql`
    with d as (
      delete from outcome_verdicts where response_id = ${responseId} returning *
    )
    insert into outcome_counts (programme_code, fiscal_year, operator_id, unit_id, standard, quarter, shard, agreed, respondents, non_respondents)
    select programme_code, fiscal_year, operator_id, unit_id, standard, quarter, ${randomInt(COUNT_SHARDS)}::smallint,
      ${TAKEN_AWAY}
    from d
    group by programme_code, fiscal_year, operator_id, unit_id, standard, quarter
    order by programme_code, fiscal_year, operator_id, unit_id, standard, quarter
    ${ADD_TO_COUNTS}`.execute(trx);
}

/** A version's measures, for scoring its responses in a recompute. */
export interface ScoredVersion {
  programme: string;
  measures: Measure[];
}

/** Versions that can have responses (approved or retired), with their definitions. */
export function versionsWithResponses(trx: Transaction) {
  return versionsWithQuestionnaires(trx)
    .select(['v.questionnaire_id', 'v.version', 'v.definition', 'q.programme_code'])
    .where('v.status', 'in', ['approved', 'retired'])
    .execute();
}

/**
 * Rebuilds every verdict from the stored answers and every count from the verdicts, inside the
 * caller's transaction, but for frozen years: their counts stay as they were when purged.
 * `versionOf` gives the measures of a response's version (none: the response has no verdicts).
 */
export async function rebuildOutcomes(
  trx: Transaction,
  versionOf: (questionnaireId: string, version: number) => ScoredVersion | undefined,
  batchSize = 2000,
): Promise<{ responses: number; verdicts: number }> {
  const frozen = trx.selectFrom('frozen_years').select('fiscal_year');
  await trx.deleteFrom('outcome_verdicts').execute();
  await trx.deleteFrom('outcome_counts').where('fiscal_year', 'not in', frozen).execute();
  const frozenYears = new Set((await frozen.execute()).map((f) => f.fiscal_year));
  let after = '00000000-0000-0000-0000-000000000000';
  let responses = 0;
  let verdicts = 0;
  for (;;) {
    const batch = await trx
      .selectFrom('responses')
      .select(['id', 'questionnaire_id', 'version', 'operator_id', 'unit_id', 'completed_at'])
      .select('answers')
      .where('voided_at', 'is', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(batchSize)
      .execute();
    if (batch.length === 0) break;
    after = batch[batch.length - 1]!.id;
    responses += batch.length;
    const rows = batch.flatMap((r) => {
      const version = versionOf(r.questionnaire_id, r.version);
      const fiscalYear = fiscalYearOf(r.completed_at);
      if (!version || frozenYears.has(fiscalYear)) return [];
      return version.measures.map((m) => ({
        response_id: r.id,
        standard: m.standard,
        programme_code: version.programme,
        operator_id: r.operator_id,
        unit_id: r.unit_id,
        fiscal_year: fiscalYear,
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
    select programme_code, fiscal_year, operator_id, unit_id, standard, quarter, 0, ${ADDED}
    from outcome_verdicts
    group by programme_code, fiscal_year, operator_id, unit_id, standard, quarter`.execute(trx);
  return { responses, verdicts };
}

/** Purges one financial year's responses and verdicts and freezes its counts; returns how many. */
export async function purgeYear(trx: Transaction, fiscalYear: number) {
  // Every statement that stores a response reads frozen_years (`countable`), and takes its lock
  // before its snapshot. Held exclusively until the year is frozen, the lock makes a batch or a
  // paper entry wait for the purge and then see the year frozen, or finish before the purge
  // deletes what it stored: never a response stored (and counted) in a year just frozen.
  await sql`lock table frozen_years in access exclusive mode`.execute(trx);
  const { from, until: to } = fiscalYearInstants(fiscalYear);
  const ids = trx
    .selectFrom('responses')
    .select('id')
    .where('completed_at', '>=', from)
    .where('completed_at', '<', to);
  await trx.deleteFrom('outcome_verdicts').where('response_id', 'in', ids).execute();
  const deleted = await trx
    .deleteFrom('responses')
    .where('completed_at', '>=', from)
    .where('completed_at', '<', to)
    .executeTakeFirst();
  const purged = Number(deleted.numDeletedRows);
  await trx
    .insertInto('frozen_years')
    .values({ fiscal_year: fiscalYear, responses_purged: purged })
    .onConflict((oc) =>
      oc.column('fiscal_year').doUpdateSet({
        responses_purged: sql`frozen_years.responses_purged + excluded.responses_purged`,
      }),
    )
    .execute();
  return purged;
}

/** The earliest completion before `cutoff`, if any response is that old. */
export async function earliestResponseBefore(db: Db, cutoff: Date): Promise<Date | null> {
  const row = await db
    .selectFrom('responses')
    .select(sql<Date | null>`min(completed_at)`.as('first'))
    .where('completed_at', '<', cutoff)
    .executeTakeFirst();
  return row?.first ? new Date(row.first) : null;
}

/** Deletes the quarantined submissions received before `cutoff`. */
export async function purgeQuarantine(db: Db, cutoff: Date) {
  await db.deleteFrom('quarantine').where('received_at', '<', cutoff).execute();
}

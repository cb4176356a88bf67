import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, test } from 'vitest';
import { insertScoredResponses } from '../../../server/responses/counting-repository.ts';
import type { ResponseSubmission } from '../../../server/responses/service.ts';
import { writeScoredResponse } from '../../../server/responses/writer.ts';
import { testApp, type Caller, type TestApp } from '../../support/app.ts';
import { testDbKind } from '../../support/db.ts';
import { activity, approvedQuestionnaire, kiosk } from '../../support/factories.ts';

// Submissions arriving together are written together, one statement per batch
// (server/responses/writer.ts). Whatever shares a batch, each caller gets its own answer.

let t: TestApp;
let questionnaire: { id: string; version: number };
let swd: Caller;

beforeAll(async () => {
  t = await testApp();
  swd = await t.user('swd');
});

/** An operator of its own (so its counts are this test's alone), with an open kiosk. */
async function freshKiosk() {
  const operator = await t.operator();
  const coordinator = await t.user('coordinator', operator);
  // The version the responses below answer: this test's own.
  questionnaire = await approvedQuestionnaire(t, coordinator, swd);
  const activityId = await activity(t, coordinator, operator, [questionnaire]);
  const code = await kiosk(t, coordinator, activityId);
  const { id: operatorId } = await t.db
    .selectFrom('operators')
    .select('id')
    .where('code', '=', operator)
    .executeTakeFirstOrThrow();
  return { code, activityId, operatorId };
}

const LIKERT = ['strongly_agree', 'agree', 'no_opinion', 'disagree', 'strongly_disagree'];
const response = (
  answers: Record<string, string>,
  id: string = randomUUID(),
): ResponseSubmission => ({
  id,
  questionnaire,
  locale: 'zh-HK',
  answers,
  completedAt: new Date().toISOString(),
});
// The kiosk route does not declare its body to the typed client (a submission that does not fit
// is quarantined, not refused at the edge): sent through t.call, typed by its zod schema.
const submit = (code: string, body: ResponseSubmission) =>
  t.call('POST', `/kiosk/${code}/responses`, { body });

/** A response to write directly, like one the kiosk stored (same activity, kiosk, version). */
async function likeStored(activityId: string, overrides: { unitId?: string } = {}) {
  const stored = await t.db
    .selectFrom('responses')
    .selectAll()
    .where('activity_id', '=', activityId)
    .limit(1)
    .executeTakeFirstOrThrow();
  return {
    id: randomUUID(),
    activityId: stored.activity_id,
    operatorId: stored.operator_id,
    unitId: overrides.unitId ?? stored.unit_id,
    questionnaireId: stored.questionnaire_id,
    version: stored.version,
    locale: stored.locale,
    answers: {},
    completedAt: new Date(),
    source: 'kiosk' as const,
    kioskId: stored.kiosk_id,
    bodyHash: 'x',
    programme: 'SPEAR',
    measures: [],
  };
}

/** One operator's responses, and its verdicts and counts per standard. */
async function totals(operatorId: string) {
  const responses = await t.db
    .selectFrom('responses')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('operator_id', '=', operatorId)
    .executeTakeFirstOrThrow();
  const verdicts = await t.db
    .selectFrom('outcome_verdicts')
    .select([
      'standard',
      sql<number>`count(*) filter (where verdict = 'agreed')::int`.as('agreed'),
      sql<number>`count(*) filter (where verdict <> 'no_answer')::int`.as('respondents'),
      sql<number>`count(*) filter (where verdict = 'no_answer')::int`.as('nonRespondents'),
    ])
    .where('operator_id', '=', operatorId)
    .groupBy('standard')
    .orderBy('standard')
    .execute();
  const counts = await t.db
    .selectFrom('outcome_counts')
    .select([
      'standard',
      sql<number>`sum(agreed)::int`.as('agreed'),
      sql<number>`sum(respondents)::int`.as('respondents'),
      sql<number>`sum(non_respondents)::int`.as('nonRespondents'),
    ])
    .where('operator_id', '=', operatorId)
    .groupBy('standard')
    .orderBy('standard')
    .execute();
  return { responses: responses.n, verdicts, counts };
}

describe('group commit', () => {
  test('a burst with repeats and a reused id: each id stored once, each caller told the truth, counts exact', async () => {
    const { code, operatorId } = await freshKiosk();
    // 40 answered (i % 5 picks the answer: 16 of them agree on each standard) and 5 blank.
    const fresh = [
      ...Array.from({ length: 40 }, (_, i) =>
        response({ cope: LIKERT[i % 5]!, family: LIKERT[(i * 3) % 5]! }),
      ),
      ...Array.from({ length: 5 }, () => response({})),
    ];
    const reused = response({ cope: 'strongly_disagree', family: 'no_opinion' });
    const burst = [
      ...fresh,
      ...fresh.slice(0, 10), // a tablet retrying while its first try is in flight
      reused,
      // The same id with other answers (whichever is stored, neither agrees on either standard).
      { ...reused, answers: { cope: 'disagree', family: 'disagree' } },
    ];
    const results = await Promise.all(burst.map((body) => submit(code, body)));

    for (const [i, body] of fresh.entries()) {
      const statuses = results.filter((_, j) => burst[j]!.id === body.id).map((r) => r.status);
      expect(statuses.sort(), body.id).toEqual(i < 10 ? [200, 201] : [201]);
    }
    const forReused = results.slice(-2);
    expect(forReused.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(forReused.find((r) => r.status === 409)!.body.error.quarantined).toBe(true);

    // Standard 3 (cope, cope_more) and 4 (family): 46 responses, 5 of them blank.
    const expected = [
      { standard: 3, agreed: 16, respondents: 41, nonRespondents: 5 },
      { standard: 4, agreed: 16, respondents: 41, nonRespondents: 5 },
    ];
    expect(await totals(operatorId)).toEqual({
      responses: 46,
      verdicts: expected,
      counts: expected,
    });
  });

  test('an id spelled in capitals is one response: 201, then 200 for its repeat', async () => {
    const { code } = await freshKiosk();
    const body = response({ cope: 'agree' }, randomUUID().toUpperCase());
    expect((await submit(code, body)).status).toBe(201);
    expect((await submit(code, body)).status).toBe(200);
  });

  test('a response the statement cannot store fails alone; the others in its batch are stored', async () => {
    const { code, activityId } = await freshKiosk();
    expect((await submit(code, response({ cope: 'agree' }))).status).toBe(201);
    const good = [await likeStored(activityId), await likeStored(activityId)];
    const broken = await likeStored(activityId, { unitId: randomUUID() }); // no such unit: refused by the database
    // Called in one tick, all three go in one batch.
    const results = await Promise.allSettled(
      [good[0]!, broken, good[1]!].map((r) => writeScoredResponse(t.db, r)),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const found = await t.db
      .selectFrom('responses')
      .select('id')
      .where(
        'id',
        'in',
        good.map((g) => g.id),
      )
      .execute();
    expect(found).toHaveLength(2);
  });

  test('the database holds a response to its activity’s operator and unit', async () => {
    const { code, activityId } = await freshKiosk();
    expect((await submit(code, response({ cope: 'agree' }))).status).toBe(201);
    await t.operator(); // another operator, with units of its own
    const { unitId } = await likeStored(activityId);
    const elsewhere = await t.db
      .selectFrom('units')
      .select('id')
      .where('id', '<>', unitId)
      .limit(1)
      .executeTakeFirstOrThrow();
    const misfiled = await likeStored(activityId, { unitId: elsewhere.id });
    await expect(insertScoredResponses(t.db, [misfiled])).rejects.toThrow(/foreign key/);
  });

  test('on PostgreSQL the batch statement is prepared once per connection', async () => {
    const names = await t.db.connection().execute(async (conn) => {
      await insertScoredResponses(conn, []);
      const { rows } = await sql<{ name: string }>`select name from pg_prepared_statements`.execute(
        conn,
      );
      return rows.map((r) => r.name);
    });
    expect(names.includes('insert_scored_responses')).toBe(testDbKind === 'postgres');
  });
});

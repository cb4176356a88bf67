import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, test } from 'vitest';
import { insertScoredResponses } from '../../../server/responses/counting-repository.ts';
import { writeScoredResponse } from '../../../server/responses/writer.ts';
import { testApp, type TestApp } from '../../support/app.ts';
import { testDbKind } from '../../support/db.ts';
import { activity, approvedQuestionnaire, kiosk } from '../../support/factories.ts';

// Submissions arriving together are written together, one statement per batch
// (server/responses/writer.ts). Whatever shares a batch, each caller gets its own answer.

let t: TestApp;
let questionnaire: { id: string; version: number };
let code: string;

beforeAll(async () => {
  t = await testApp();
  const operator = await t.operator();
  const coordinator = await t.user('coordinator', operator);
  questionnaire = await approvedQuestionnaire(t, coordinator, await t.user('swd'));
  code = await kiosk(t, coordinator, await activity(t, coordinator, operator, [questionnaire]));
});

const LIKERT = ['strongly_agree', 'agree', 'no_opinion', 'disagree', 'strongly_disagree'];
const response = (i: number, id: string = randomUUID()) => ({
  id,
  questionnaire,
  locale: 'zh-HK',
  answers: { cope: LIKERT[i % 5], family: LIKERT[(i * 3) % 5] },
  completedAt: new Date().toISOString(),
});
const submit = (body: unknown) => t.call('POST', `/kiosk/${code}/responses`, { body });

/** A response to write directly, like one already stored (same activity, kiosk, version). */
async function likeStored(overrides: { unitId?: string } = {}) {
  const stored = await t.db.selectFrom('responses').selectAll().limit(1).executeTakeFirstOrThrow();
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

async function totals() {
  const responses = await t.db
    .selectFrom('responses')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const verdicts = await t.db
    .selectFrom('outcome_verdicts')
    .select([
      (eb) => eb.fn.countAll<number>().as('all'),
      sql<number>`count(*) filter (where verdict = 'agreed')::int`.as('agreed'),
      sql<number>`count(*) filter (where verdict = 'no_answer')::int`.as('noAnswer'),
    ])
    .executeTakeFirstOrThrow();
  const counts = await t.db
    .selectFrom('outcome_counts')
    .select([
      sql<number>`coalesce(sum(agreed), 0)::int`.as('agreed'),
      sql<number>`coalesce(sum(respondents), 0)::int`.as('respondents'),
      sql<number>`coalesce(sum(non_respondents), 0)::int`.as('noAnswer'),
    ])
    .executeTakeFirstOrThrow();
  return { responses: Number(responses.n), verdicts, counts };
}

describe('group commit', () => {
  test('a burst with repeats and a reused id: each id stored once, each caller told the truth, counts exact', async () => {
    const before = await totals();
    const fresh = Array.from({ length: 40 }, (_, i) => response(i));
    const reused = response(99);
    const burst = [
      ...fresh,
      ...fresh.slice(0, 10), // a tablet retrying while its first try is in flight
      reused,
      { ...reused, answers: { cope: 'disagree' } }, // the same id with other answers
    ];
    const results = await Promise.all(burst.map(submit));

    for (const [i, body] of fresh.entries()) {
      const statuses = results.filter((_, j) => burst[j]!.id === body.id).map((r) => r.status);
      expect(statuses.sort(), body.id).toEqual(i < 10 ? [200, 201] : [201]);
    }
    const forReused = results.slice(-2);
    expect(forReused.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(forReused.find((r) => r.status === 409)!.body.error.quarantined).toBe(true);

    const after = await totals();
    expect(after.responses - before.responses).toBe(41);
    const verdicts = after.verdicts.all - before.verdicts.all;
    expect(verdicts).toBeGreaterThanOrEqual(41);
    expect(after.counts.respondents + after.counts.noAnswer).toBe(
      before.counts.respondents + before.counts.noAnswer + verdicts,
    );
    expect(after.counts.agreed - before.counts.agreed).toBe(
      after.verdicts.agreed - before.verdicts.agreed,
    );
    expect(after.counts.noAnswer - before.counts.noAnswer).toBe(
      after.verdicts.noAnswer - before.verdicts.noAnswer,
    );
  });

  test('an id spelled in capitals is one response: 201, then 200 for its repeat', async () => {
    const body = response(1, randomUUID().toUpperCase());
    expect((await submit(body)).status).toBe(201);
    expect((await submit(body)).status).toBe(200);
  });

  test('a response the statement cannot store fails alone; the others in its batch are stored', async () => {
    const good = [await likeStored(), await likeStored()];
    const broken = await likeStored({ unitId: randomUUID() }); // no such unit: refused by the database
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
    await t.operator(); // another operator, with units of its own
    const { unitId } = await likeStored();
    const elsewhere = await t.db
      .selectFrom('units')
      .select('id')
      .where('id', '<>', unitId)
      .limit(1)
      .executeTakeFirstOrThrow();
    const misfiled = await likeStored({ unitId: elsewhere.id });
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

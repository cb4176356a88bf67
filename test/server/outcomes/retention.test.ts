import { randomUUID } from 'node:crypto';
import { beforeAll, expect, test } from 'vitest';
import { purgeYear } from '../../../server/responses/counting-repository.ts';
import { recomputeOutcomes } from '../../../server/responses/recompute.ts';
import { purgeResponses } from '../../../server/responses/retention.ts';
import { answered, testApp, type Caller, type TestApp } from '../../support/app.ts';
import { learningDefinition, questionnaireWithActivity } from '../../support/outcomes.ts';

let t: TestApp;
let swd: Caller;
beforeAll(async () => {
  t = await testApp();
  swd = await t.user('swd');
});

const outcomesOf = (operator: string, fiscalYear: number) =>
  answered(
    t.api(swd).outcomes.$get({
      query: { programme: 'SPEAR', fiscalYear: String(fiscalYear), operator },
    }),
    200,
  );

/** A new operator's coordinator and an activity using an approved learning questionnaire. */
async function learningActivity() {
  const operator = await t.operator();
  const coordinator = await t.user('coordinator', operator);
  const q = await questionnaireWithActivity(
    t,
    coordinator,
    swd,
    operator,
    learningDefinition({ 1: ['skills'], 2: ['satisfied'], 3: ['cope'] }),
  );
  return { operator, coordinator, q };
}

type Activity = Awaited<ReturnType<typeof learningActivity>>;

/** A response typed in from paper, completed at `completedAt`. */
const latePaper = ({ coordinator, q }: Activity, completedAt: string) =>
  t.api(coordinator).activities[':id'].responses.$post({
    param: { id: q.activityId },
    json: {
      id: randomUUID(),
      questionnaire: q.questionnaire,
      locale: 'zh-HK',
      answers: { skills: 'disagree' },
      completedAt,
    },
  });

test('purging a year keeps its figures, frozen; recomputing leaves them alone; later years are untouched', async () => {
  const { operator, coordinator, q } = await learningActivity();
  await q.answer({ skills: 'agree' }, '2024-06-01T10:00:00+08:00');
  await q.answer({ skills: 'disagree' }, '2024-07-01T10:00:00+08:00');
  await q.answer({ skills: 'agree' }, '2025-06-01T10:00:00+08:00');
  const figures = async (year: number) => (await outcomesOf(operator, year)).standards[0];
  const before2024 = await figures(2024);
  const before2025 = await figures(2025);
  // Keep two financial years (2025-26 and 2026-27) as of 25 November 2026: 2024-25 goes.
  const result = await purgeResponses(t.db, 2, new Date('2026-11-25T10:00:00+08:00'));
  expect(result.oldestKept).toBe(2025);
  expect(result.purged).toEqual([{ fiscalYear: 2024, responses: 2 }]);
  expect(await figures(2024)).toEqual(before2024);
  const responses = await answered(
    t.api(coordinator).activities[':id'].responses.$get({ param: { id: q.activityId } }),
    200,
  );
  expect(responses.items).toHaveLength(1);
  await recomputeOutcomes(t.db);
  expect(await figures(2024)).toEqual(before2024);
  expect(await figures(2025)).toEqual(before2025);
  expect(before2024).toMatchObject({ agreed: 1, respondents: 2 });
});

test('a frozen year takes no late response: paper entry is refused (yearFrozen) and its figures stay', async () => {
  const activity = await learningActivity();
  const { operator, q } = activity;
  await q.answer({ skills: 'agree' }, '2022-06-01T10:00:00+08:00');
  const figures = async () => (await outcomesOf(operator, 2022)).standards[0];
  const frozen = await figures();
  expect(frozen).toMatchObject({ agreed: 1, respondents: 1 });
  await purgeResponses(t.db, 2, new Date('2026-11-25T10:00:00+08:00'));
  const late = await answered(latePaper(activity, '2022-09-01T10:00:00+08:00'), 422);
  expect(late.error.details).toEqual([
    expect.objectContaining({ path: 'completedAt', rule: 'yearFrozen' }),
  ]);
  expect(await figures()).toEqual(frozen);
  await recomputeOutcomes(t.db);
  expect(await figures()).toEqual(frozen);
});

// The purge against a late response for the year it freezes, at the same moment. The purge holds
// frozen_years' lock until it commits and every insert reads that table, so the response waits
// and is refused. (Last in this file: it freezes 2019, a year no other test here answers in.)
test('a paper response for a year being purged waits, then is refused (yearFrozen); the frozen figures stay', async () => {
  const activity = await learningActivity();
  const { operator, q } = activity;
  const year = 2019;
  await q.answer({ skills: 'agree' }, `${year}-06-01T10:00:00+08:00`);
  const before = await outcomesOf(operator, year);

  // The purge runs to just before its commit and holds there.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let reached = () => {};
  const purgeReached = new Promise<void>((resolve) => (reached = resolve));
  const purge = t.db.transaction().execute(async (trx) => {
    const purged = await purgeYear(trx, year);
    reached();
    await held;
    return purged;
  });
  await purgeReached;

  // A late response for that year, sent while the purge is uncommitted: given every chance to
  // get through first (on PostgreSQL, without the lock, it was stored: 201).
  const late = latePaper(activity, `${year}-09-01T10:00:00+08:00`);
  const early = await Promise.race([
    late.then(() => 'answered'),
    new Promise((resolve) => setTimeout(() => resolve('waiting'), 1_500)),
  ]);
  release();
  expect(await purge).toBe(1);
  expect(early).toBe('waiting');
  const refused = await answered(late, 422);
  expect(refused.error.details).toEqual([
    expect.objectContaining({ path: 'completedAt', rule: 'yearFrozen' }),
  ]);
  expect(await outcomesOf(operator, year)).toEqual(before);
  const kept = await answered(
    t.api(activity.coordinator).activities[':id'].responses.$get({ param: { id: q.activityId } }),
    200,
  );
  expect(kept.items).toHaveLength(0);
});

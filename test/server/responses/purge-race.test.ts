import { randomUUID } from 'node:crypto';
import { beforeAll, expect, test } from 'vitest';
import { purgeYear } from '../../../server/responses/counting-repository.ts';
import { testApp, type Caller, type TestApp } from '../../support/app.ts';
import { learningDefinition, questionnaireWithActivity } from '../../support/outcomes.ts';

// The purge against a late response for the year it freezes, at the same moment. Whichever comes
// first, the year ends frozen with the figures it had when frozen and no response left in it:
// the purge holds frozen_years' lock until it commits, and every insert reads that table.

let t: TestApp;
let swd: Caller;
beforeAll(async () => {
  t = await testApp();
  swd = await t.user('swd');
});

test('a paper response for a year being purged waits, then is refused (yearFrozen); the frozen figures stay', async () => {
  const operator = await t.operator();
  const coordinator = await t.user('coordinator', operator);
  const q = await questionnaireWithActivity(
    t,
    coordinator,
    swd,
    operator,
    learningDefinition({ 1: ['skills'], 2: ['satisfied'], 3: ['cope'] }),
  );
  // A year of its own, so other tests' purges cannot touch it.
  const year = 2019;
  await q.answer({ skills: 'agree' }, `${year}-06-01T10:00:00+08:00`);
  const figures = async () =>
    (
      await t.api(swd).outcomes.$get({
        query: { programme: 'SPEAR', fiscalYear: String(year), operator },
      })
    ).json();
  const before = await figures();

  // The purge runs to just before its commit and holds there.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let purgedSoFar = () => {};
  const purgedSoFarP = new Promise<void>((resolve) => (purgedSoFar = resolve));
  const purge = t.db.transaction().execute(async (trx) => {
    const purged = await purgeYear(trx, year);
    purgedSoFar();
    await held;
    return purged;
  });
  await purgedSoFarP;

  // A late paper response for that year, sent while the purge is uncommitted.
  const late = t.api(coordinator).activities[':id'].responses.$post({
    param: { id: q.activityId },
    json: {
      id: randomUUID(),
      questionnaire: q.questionnaire,
      locale: 'zh-HK',
      answers: { skills: 'disagree' },
      completedAt: `${year}-09-01T10:00:00+08:00`,
    },
  });
  // Give it every chance to get through before the purge commits (on the old code it did).
  const early = await Promise.race([
    late.then(() => 'answered'),
    new Promise((resolve) => setTimeout(() => resolve('waiting'), 1_500)),
  ]);
  release();
  expect(await purge).toBe(1);
  const answer = await late;
  expect({ early, status: answer.status }).toEqual({ early: 'waiting', status: 422 });
  expect(
    ((await answer.json()) as unknown as { error: { details: unknown[] } }).error.details,
  ).toEqual([expect.objectContaining({ path: 'completedAt', rule: 'yearFrozen' })]);
  expect(await figures()).toEqual(before);
  const left = await t.db
    .selectFrom('responses')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('activity_id', '=', q.activityId)
    .executeTakeFirstOrThrow();
  expect(Number(left.n)).toBe(0);
});

import { beforeAll, expect, test } from 'vitest';
import { answered, testApp, type Caller, type TestApp } from '../../support/app.ts';
import { learningDefinition, questionnaireWithActivity } from '../../support/outcomes.ts';

let t: TestApp;
let swd: Caller;
/** 30 of 60 agree on standard 1: far below 85%, an outlier. */
let outlier: string;
/** 2 of 3 agree: below 85%, but too few to tell. */
let small: string;
let coordinator: Caller;

beforeAll(async () => {
  t = await testApp();
  swd = await t.user('swd');
  outlier = await t.operator();
  small = await t.operator();
  coordinator = await t.user('coordinator', small);
  const definition = learningDefinition({ 1: ['skills'], 2: ['satisfied'], 3: ['cope'] });
  const big = await questionnaireWithActivity(
    t,
    await t.user('coordinator', outlier),
    swd,
    outlier,
    definition,
  );
  for (let i = 0; i < 60; i++) await big.answer({ skills: i % 2 ? 'agree' : 'disagree' });
  const few = await questionnaireWithActivity(t, coordinator, swd, small, definition);
  for (let i = 0; i < 3; i++) await few.answer({ skills: i < 2 ? 'agree' : 'no_opinion' });
}, 300_000); // 63 typed-in responses

const FUNNEL = '/outcomes/funnel?programme=SPEAR&fiscalYear=2026&standard=1';
type FunnelQuery = Parameters<ReturnType<TestApp['api']>['outcomes']['funnel']['$get']>[0]['query'];
/** The funnel of standard 1 in SPEAR 2026, with these filters. */
const funnel = (as: Caller, query: Partial<FunnelQuery> = {}) =>
  t.api(as).outcomes.funnel.$get({
    query: { programme: 'SPEAR', fiscalYear: '2026', standard: '1', ...query },
  });

test('SWD: every operator a point; the outlier is beyond 99.8%, the small one within and too few to tell', async () => {
  const body = await answered(funnel(swd), 200);
  expect(body).toMatchObject({
    programme: 'SPEAR',
    fiscalYear: '2026-27',
    by: 'operator',
    standard: { number: 1, agreedPercent: 85 },
    target: { percent: 85, source: 'agreed' },
  });
  const point = (code: string) => body.points.find((p) => p.code === code);
  expect(point(outlier)).toMatchObject({
    agreed: 30,
    respondents: 60,
    percent: 50,
    met: false,
    verdict: 'not_met',
    position: 'below_998',
  });
  expect(point(small)).toMatchObject({
    agreed: 2,
    respondents: 3,
    met: false,
    verdict: 'too_few_to_tell',
    position: 'within',
  });
  // Each point's figures are GET /outcomes's for that operator.
  for (const code of [outlier, small]) {
    const api = await answered(
      t.api(swd).outcomes.$get({
        query: { programme: 'SPEAR', fiscalYear: '2026', operator: code },
      }),
      200,
    );
    const { number: _, ...figures } = api.standards[0]!;
    expect(point(code)).toMatchObject(figures);
  }
  // The limits reach past the largest point and narrow around 85 as respondents grow.
  const limits = body.limits;
  expect(limits.at(-1)!.respondents).toBeGreaterThanOrEqual(60);
  const at = (n: number) => limits.find((l) => l.respondents === n)!;
  expect(at(60).low95).toBeGreaterThan(at(3).low95);
  expect(at(60).low95).toBeLessThan(85);
  expect(at(60).high95).toBeGreaterThan(85);
});

test('by unit, and for one operator: its units', async () => {
  const one = await answered(funnel(swd, { operator: outlier }), 200);
  expect(one.by).toBe('unit');
  expect(one.points.map((p) => p.code)).toEqual([`${outlier}-S`]);
  const units = await answered(funnel(swd, { by: 'unit' }), 200);
  expect(units.points.map((p) => p.code)).toEqual(
    expect.arrayContaining([`${outlier}-S`, `${small}-S`]),
  );
});

test('a coordinator sees its own operator’s units only; another operator is 403', async () => {
  const own = await answered(funnel(coordinator), 200);
  expect(own.by).toBe('unit');
  expect(own.points.map((p) => p.code)).toEqual([`${small}-S`]);
  await answered(funnel(coordinator, { operator: outlier }), 403);
});

test('an unknown standard or `by` is 422', async () => {
  await answered(funnel(swd, { standard: '9' }), 422);
  // A `by` the types forbid.
  expect((await t.call('GET', `${FUNNEL}&by=region`, { as: swd })).status).toBe(422);
});

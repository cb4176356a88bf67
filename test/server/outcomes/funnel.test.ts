import { beforeAll, expect, test } from 'vitest';
import { testApp, type Caller, type TestApp } from '../../support/app.ts';
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

type Point = { code: string; respondents: number; position: string | null; verdict: string };

test('SWD: every operator a point; the outlier is beyond 99.8%, the small one within and too few to tell', async () => {
  const res = await t.call('GET', FUNNEL, { as: swd });
  expect(res.status, res.text).toBe(200);
  const body = res.body;
  expect(body).toMatchObject({
    programme: 'SPEAR',
    fiscalYear: '2026-27',
    by: 'operator',
    standard: { number: 1, agreedPercent: 85 },
    target: { percent: 85, source: 'agreed' },
  });
  const point = (code: string) => body.points.find((p: Point) => p.code === code);
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
    const api = await t.call('GET', `/outcomes?programme=SPEAR&fiscalYear=2026&operator=${code}`, {
      as: swd,
    });
    const { number: _, ...figures } = api.body.standards[0];
    expect(point(code)).toMatchObject(figures);
  }
  // The limits reach past the largest point and narrow around 85 as respondents grow.
  const limits = body.limits as { respondents: number; low95: number; high95: number }[];
  expect(limits.at(-1)!.respondents).toBeGreaterThanOrEqual(60);
  const at = (n: number) => limits.find((l) => l.respondents === n)!;
  expect(at(60).low95).toBeGreaterThan(at(3).low95);
  expect(at(60).low95).toBeLessThan(85);
  expect(at(60).high95).toBeGreaterThan(85);
});

test('by unit, and for one operator: its units', async () => {
  const res = await t.call('GET', `${FUNNEL}&operator=${outlier}`, { as: swd });
  expect(res.status, res.text).toBe(200);
  expect(res.body.by).toBe('unit');
  expect(res.body.points.map((p: Point) => p.code)).toEqual([`${outlier}-S`]);
  const units = await t.call('GET', `${FUNNEL}&by=unit`, { as: swd });
  expect(units.body.points.map((p: Point) => p.code)).toEqual(
    expect.arrayContaining([`${outlier}-S`, `${small}-S`]),
  );
});

test('a coordinator sees its own operator’s units only; another operator is 403', async () => {
  const own = await t.call('GET', FUNNEL, { as: coordinator });
  expect(own.status, own.text).toBe(200);
  expect(own.body.by).toBe('unit');
  expect(own.body.points.map((p: Point) => p.code)).toEqual([`${small}-S`]);
  expect((await t.call('GET', `${FUNNEL}&operator=${outlier}`, { as: coordinator })).status).toBe(
    403,
  );
});

test('an unknown standard or `by` is 422', async () => {
  const unknown = await t.call('GET', FUNNEL.replace('standard=1', 'standard=9'), { as: swd });
  expect(unknown.status).toBe(422);
  expect((await t.call('GET', `${FUNNEL}&by=region`, { as: swd })).status).toBe(422);
});

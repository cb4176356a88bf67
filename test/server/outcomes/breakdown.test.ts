import { beforeAll, describe, expect, test } from 'vitest';
import { fiscalYearOf, quartersEnded } from '../../../server/domain/fiscal-year.ts';
import { answered, testApp, type Caller, type TestApp } from '../../support/app.ts';
import { learningDefinition, questionnaireWithActivity } from '../../support/outcomes.ts';

// The per-item breakdown must not let SWD rebuild one participant's answers by polling before
// and after a submission: for SWD only ended quarters count, and only cells of 5 or more.

let t: TestApp;
let swd: Caller;
let admin: Caller;

beforeAll(async () => {
  t = await testApp();
  swd = await t.user('swd');
  admin = await t.user('admin');
});

const ITEMS = { 1: ['skills'], 2: ['satisfied'], 3: ['c1', 'c2'] };
const thisYear = fiscalYearOf(new Date());
/** A day in the first quarter of the financial year before this one: long ended. */
const endedQ1 = `${thisYear - 1}-05-02T10:00:00+08:00`;
const endedQ2 = `${thisYear - 1}-08-02T10:00:00+08:00`;

async function setup() {
  const operator = await t.operator();
  const coordinator = await t.user('coordinator', operator);
  const q = await questionnaireWithActivity(
    t,
    coordinator,
    swd,
    operator,
    learningDefinition(ITEMS),
  );
  return { operator, coordinator, q };
}

type BreakdownQuery = Parameters<
  ReturnType<TestApp['api']>['outcomes']['breakdown']['$get']
>[0]['query'];
/** The breakdown of standard 3 in SPEAR, with these filters. */
const breakdownOf = (as: Caller, fiscalYear: number, query: Partial<BreakdownQuery>) =>
  t.api(as).outcomes.breakdown.$get({
    query: { programme: 'SPEAR', fiscalYear: String(fiscalYear), standard: '3', ...query },
  });
const breakdown = (operator: string, fiscalYear: number, as: Caller) =>
  answered(breakdownOf(as, fiscalYear, { operator }), 200);

describe('quartersEnded, in Hong Kong time', () => {
  test.each([
    ['2026-04-01T00:00:00+08:00', 0],
    ['2026-06-30T23:59:59+08:00', 0],
    ['2026-07-01T00:00:00+08:00', 1],
    ['2026-09-30T16:00:00Z', 2], // 1 October 00:00 in Hong Kong
    ['2026-12-31T15:59:59Z', 2],
    ['2027-01-01T00:00:00+08:00', 3],
    ['2027-04-01T00:00:00+08:00', 4],
    ['2030-01-01T00:00:00+08:00', 4],
    ['2025-01-01T00:00:00+08:00', 0],
  ])('%s: %i quarters of 2026-27 have ended', (at, ended) => {
    expect(quartersEnded(2026, new Date(at))).toBe(ended);
  });
});

describe('SWD cannot rebuild one participant’s answers by polling', () => {
  test('a submission in the open quarter changes nothing SWD sees, however many answered', async () => {
    const { operator, q } = await setup();
    const now = new Date().toISOString();
    for (let i = 0; i < 6; i++) await q.answer({ c1: 'agree', c2: 'agree' }, now);
    const before = await breakdown(operator, thisYear, swd);
    await q.answer({ c1: 'strongly_disagree', c2: 'disagree' }, now);
    const after = await breakdown(operator, thisYear, swd);
    expect(after).toEqual(before);
    expect(after.items.every((i) => i.suppressed && i.answers === null)).toBe(true);
    // The contract's outcome counts are not suppressed: they still move.
    const figures = await answered(
      t.api(swd).outcomes.$get({
        query: { programme: 'SPEAR', fiscalYear: String(thisYear), operator },
      }),
      200,
    );
    expect(figures.standards[2]!.respondents).toBe(7);
  });

  test('a submission into a small cell of an ended quarter changes nothing SWD sees', async () => {
    const { operator, q } = await setup();
    for (let i = 0; i < 3; i++) await q.answer({ c1: 'agree', c2: 'agree' }, endedQ1);
    const before = await breakdown(operator, thisYear - 1, swd);
    await q.answer({ c1: 'strongly_disagree', c2: 'no_opinion' }, endedQ1);
    const after = await breakdown(operator, thisYear - 1, swd);
    expect(after).toEqual(before);
    expect(after.items.map((i) => [i.name, i.suppressed, i.answers, i.blank])).toEqual([
      ['c1', true, null, null],
      ['c2', true, null, null],
    ]);
    // Admins read no responses either: the same cut.
    expect(await breakdown(operator, thisYear - 1, admin)).toEqual(after);
  });

  test('an ended quarter with 5 who answered an item is shown; a small quarter beside it is left out', async () => {
    const { operator, coordinator, q } = await setup();
    for (let i = 0; i < 5; i++)
      await q.answer({ c1: 'agree', c2: i ? 'agree' : undefined }, endedQ1);
    await q.answer({ c1: 'disagree', c2: 'disagree' }, endedQ2);
    const seen = await breakdown(operator, thisYear - 1, swd);
    expect(seen.cut?.through).toBe(`${thisYear}-03-31`);
    const c1 = seen.items.find((i) => i.name === 'c1')!;
    const c2 = seen.items.find((i) => i.name === 'c2')!;
    // c1: Q1's five are shown, Q2's one is not.
    expect(c1).toMatchObject({ suppressed: false, blank: 0 });
    expect(c1.answers).toMatchObject({ agree: 5, disagree: 0 });
    // c2: four answered in Q1, one in Q2: no quarter reaches five.
    expect(c2).toMatchObject({ suppressed: true, answers: null, blank: null });
    // The coordinator, who may read the responses, gets every count.
    const full = await breakdown(operator, thisYear - 1, coordinator);
    expect(full.cut).toBeNull();
    expect(full.items.find((i) => i.name === 'c1')!.answers).toMatchObject({
      agree: 5,
      disagree: 1,
    });
    expect(full.items.find((i) => i.name === 'c2')).toMatchObject({
      suppressed: false,
      blank: 1,
      answers: expect.objectContaining({ agree: 4, disagree: 1 }),
    });
  });

  test('SWD names one operator, never a unit or a region (a small group subtracted from a larger one)', async () => {
    const { operator } = await setup();
    const queries: Partial<BreakdownQuery>[] = [
      { operator, unit: `${operator}-S` },
      { operator, region: 'A' },
      { region: 'A' },
      {},
    ];
    for (const query of queries) await answered(breakdownOf(swd, thisYear - 1, query), 422);
  });
});

import { beforeAll, expect, test } from 'vitest';
import { DEMO_USERS, seedDemo } from '../../../server/demo/seed.ts';
import { answered, testApp, type Caller, type TestApp } from '../../support/app.ts';

// "Today" for the demo: the current financial year is 2026-27, eight months in.
const NOW = new Date('2026-12-03T10:00:00+08:00');

let t: TestApp;
let swd: Caller;
let coordinator: Caller;

beforeAll(async () => {
  t = await testApp();
  expect(await seedDemo(t.db, t.config.passwordHashing, { now: NOW })).toBe(true);
  swd = await t.signIn(DEMO_USERS[2].email, DEMO_USERS[2].password);
  coordinator = await t.signIn(DEMO_USERS[1].email, DEMO_USERS[1].password);
}, 120_000);

type Figures = {
  number: number;
  agreed: number;
  respondents: number;
  nonRespondents: number;
  met: boolean | null;
};
type Row = { code: string; standards: Figures[] };

async function table(programme: string, fiscalYear: number, as = swd) {
  const body = await answered(
    t.api(as).outcomes.table.$get({ query: { programme, fiscalYear: String(fiscalYear) } }),
    200,
  );
  return body as { operators: Row[]; regions: Row[]; territory: Figures[] };
}

const people = (standards: Figures[], numbers: number[]) =>
  standards
    .filter((s) => numbers.includes(s.number))
    .reduce((n, s) => n + s.respondents + s.nonRespondents, 0);
const withData = (rows: Row[]) => rows.filter((r) => r.standards.some((s) => s.respondents > 0));

test('the demo year: several operators and regions, hundreds of responses, standards met and missed', async () => {
  const spear = await table('SPEAR', 2026);
  expect(withData(spear.operators).length).toBeGreaterThanOrEqual(4);
  expect(withData(spear.regions).map((r) => r.code)).toEqual(['A', 'B', 'C', 'D', 'E']);
  // Every SPeaR response is asked standard 3 (learning programme, service users) or 5 (public).
  expect(people(spear.territory, [3, 5])).toBeGreaterThanOrEqual(200);
  const verdicts = spear.operators.flatMap((o) => o.standards.map((s) => s.met));
  expect(verdicts).toContain(true);
  expect(verdicts).toContain(false);
  expect(spear.territory.some((s) => s.nonRespondents > 0)).toBe(true);

  // Last year is there too, and ChildPRO's teams.
  expect(people((await table('SPEAR', 2025)).territory, [3, 5])).toBeGreaterThanOrEqual(200);
  const childpro = await table('CHILDPRO', 2026);
  expect(withData(childpro.regions).length).toBe(6);
  expect(childpro.territory.find((s) => s.number === 1)!.respondents).toBeGreaterThan(50);
});

test('the demo has a clear outlier far below the agreed level, and a small unit whose miss is within chance', async () => {
  const spear = await table('SPEAR', 2026);
  const s3 = (code: string) =>
    spear.operators.find((o) => o.code === code)!.standards.find((s) => s.number === 3)!;
  const outlier = s3('WESTBAY');
  expect(outlier.respondents).toBeGreaterThanOrEqual(60);
  expect(outlier.agreed / outlier.respondents).toBeLessThan(0.6);
  const small = s3('LANTERN');
  expect(small.met).toBe(false);
  expect(small.respondents).toBeLessThanOrEqual(20);
  // Within chance: at 75%, a result this low or lower happens more than 1 time in 20.
  let below = 0;
  for (let k = 0; k <= small.agreed; k++) below += binomial(small.respondents, k, 0.75);
  expect(below).toBeGreaterThan(0.05);
});

function binomial(n: number, k: number, p: number) {
  let c = 1;
  for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1);
  return c * p ** k * (1 - p) ** (n - k);
}

test('the demo coordinator sees the demo operator’s year; the sign-ins work; seeding again adds nothing', async () => {
  const own = await answered(
    t.api(coordinator).outcomes.$get({ query: { programme: 'SPEAR', fiscalYear: '2026' } }),
    200,
  );
  expect(own.operator).toBe('DEMO');
  expect(own.standards.find((s) => s.number === 1)!.respondents).toBeGreaterThan(10);
  await t.signIn(DEMO_USERS[0].email, DEMO_USERS[0].password);
  const operators = await answered(t.api(swd).operators.$get({ query: {} }), 200);
  expect(operators.items.every((o) => o.demo)).toBe(true);

  const count = async () =>
    (
      await t.db
        .selectFrom('responses')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
  const before = Number(await count());
  expect(await seedDemo(t.db, t.config.passwordHashing, { now: NOW })).toBe(false);
  expect(Number(await count())).toBe(before);
});

test('the demo’s service records: some output standards met and some not, a conversion, late first contacts', async () => {
  const outputs = async (unit: string, fiscalYear: number, as: Caller) => {
    return answered(
      t.api(as).outputs.$get({
        query: { programme: 'SPEAR', fiscalYear: String(fiscalYear), unit },
      }),
      200,
    );
  };
  for (const fiscalYear of [2025, 2026]) {
    const demo = await outputs('DEMO-SPEAR', fiscalYear, coordinator);
    expect(demo.standards.map((s) => s.met)).toEqual([
      true, // OS1: 47 completers of 45
      true, // OS2: 40 of 47 attended 4.5 hours, 85.1% of 80%
      false, // OS3: 6 promotions, the level moved down from 10 to 7 by OS1's 47
      false, // OS4: 27 children of 32
      true, // OS5
      false, // OS6: 8 referrals of 10
      true, // OS7: 5 education activities (an open carnival not counted) of 4
    ]);
    expect(demo.standards[2]).toMatchObject({ actual: 6, adjustedLevel: 7 });
    // OS4's 27 of 32 would raise OS7's level, but DEMO-SPEAR declared no refusal of no case.
    expect(demo.conversions[1]).toMatchObject({ actual: 27, upwardWithheld: true });
    expect(demo.firstContact).toMatchObject({ late: 4, overdue: 2 });
    expect(demo.firstContact.cases).toBeGreaterThan(70);

    // Harbour declared: its 42 completers of 45 move OS3 up by 25%, to 12.
    const harbour = await outputs('HARBOUR-SPEAR-A', fiscalYear, swd);
    expect(harbour.noRefusalDeclared).toBe(true);
    expect(harbour.conversions[0]).toMatchObject({ actual: 42, adjustedLevel: 12 });
  }
  const late = await answered(
    t.api(coordinator).cases.$get({
      query: { unit: 'DEMO-SPEAR', fiscalYear: '2026', firstContact: 'late' },
    }),
    200,
  );
  expect(late.items).toHaveLength(4);
  expect(late.items[0]!.reference).toMatch(/^DS-2026-\d{4}$/);
});

test('every demo operator’s SPeaR unit has service records: each meets some output standards and misses others', async () => {
  const met = async (unit: string, fiscalYear: number) => {
    const body = await answered(
      t.api(swd).outputs.$get({
        query: { programme: 'SPEAR', fiscalYear: String(fiscalYear), unit },
      }),
      200,
    );
    return body.standards.map((s) => s.met);
  };
  const expected: Record<string, Record<number, (boolean | null)[]>> = {
    // Meets every standard this year; 8 referrals of 10 last year.
    'HARBOUR-SPEAR-B': {
      2025: [true, true, true, true, true, false, true],
      2026: [true, true, true, true, true, true, true],
    },
    // Just under OS1 (43 of 45), OS2 (33 of 43), OS4 (29 of 32) and OS5 (3 of 4) this year.
    'RIDGEVIEW-SPEAR-D': {
      2025: [true, true, true, false, true, true, true],
      2026: [false, false, true, false, false, true, true],
    },
    // 58 completers halve OS3's level to 5, which 4 promotions miss; 26 children of 32.
    'WESTBAY-SPEAR-E': {
      2025: [true, false, true, false, true, false, true],
      2026: [true, false, false, false, true, false, false],
    },
    // The small unit: too few people for OS1, OS4 and OS6; its events meet their levels.
    'LANTERN-SPEAR-C': {
      2025: [false, true, true, false, true, true, true],
      2026: [false, true, true, false, true, false, true],
    },
  };
  for (const [unit, years] of Object.entries(expected))
    for (const [fiscalYear, verdicts] of Object.entries(years))
      expect([unit, fiscalYear, await met(unit, Number(fiscalYear))]).toEqual([
        unit,
        fiscalYear,
        verdicts,
      ]);

  // ChildPRO's teams have cases and first contacts too (their standards are illustrative).
  const team = await answered(
    t.api(swd).outputs.$get({
      query: { programme: 'CHILDPRO', fiscalYear: '2026', unit: 'WESTBAY-CP6' },
    }),
    200,
  );
  expect(team.firstContact.cases).toBeGreaterThan(20);
  expect(team.firstContact.late + team.firstContact.overdue).toBeGreaterThan(0);

  // The trends' "missed two years running" names some units for output standards, not all.
  const trends = await t.call('GET', '/outcomes/trends?programme=SPEAR&fiscalYear=2026', {
    as: swd,
  });
  expect(trends.status, trends.text).toBe(200);
  const missed = (trends.body.missedTwice.units as { unit: string; kind: string }[])
    .filter((u) => u.kind === 'output')
    .map((u) => u.unit);
  expect(new Set(missed)).toEqual(
    new Set([
      'DEMO-SPEAR',
      'HARBOUR-SPEAR-A',
      'RIDGEVIEW-SPEAR-D',
      'WESTBAY-SPEAR-E',
      'LANTERN-SPEAR-C',
    ]),
  );
  expect(missed).not.toContain('HARBOUR-SPEAR-B');
});

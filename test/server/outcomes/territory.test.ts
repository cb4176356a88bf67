import ExcelJS from 'exceljs';
import { beforeAll, expect, test } from 'vitest';
import { answered, testApp, type Caller, type TestApp } from '../../support/app.ts';
import { learningDefinition, questionnaireWithActivity } from '../../support/outcomes.ts';

let t: TestApp;
let swd: Caller;
/** 3 of 10 agree on standard 1 in 2025-26 and again in 2026-27: missed two years running. */
let missing: string;
/** 2 of 3 agree in 2026-27: not met, too few to tell. */
let small: string;
let coordinator: Caller;

const LAST_YEAR = '2025-06-15T10:00:00+08:00';

beforeAll(async () => {
  t = await testApp();
  swd = await t.user('swd');
  missing = await t.operator();
  small = await t.operator();
  coordinator = await t.user('coordinator', small);
  const definition = learningDefinition({ 1: ['skills'], 2: ['satisfied'], 3: ['cope'] });
  const big = await questionnaireWithActivity(
    t,
    await t.user('coordinator', missing),
    swd,
    missing,
    definition,
  );
  for (let i = 0; i < 10; i++) {
    const answers = { skills: i < 3 ? 'agree' : 'disagree', satisfied: 'agree' };
    await big.answer(answers);
    await big.answer(answers, LAST_YEAR);
  }
  const few = await questionnaireWithActivity(t, coordinator, swd, small, definition);
  for (let i = 0; i < 3; i++) await few.answer({ skills: i < 2 ? 'agree' : 'disagree' });
}, 300_000);

type Api = ReturnType<TestApp['api']>;
type TableQuery = Parameters<Api['outcomes']['territory']['$get']>[0]['query'];
type ReportQuery = Parameters<Api['outcomes']['$get']>[0]['query'];

/** GET /outcomes/territory for 2026-27, as `as`, narrowed by `query` (its answer, to check). */
const table = (as: Caller, query: Partial<TableQuery> = {}) =>
  t.api(as).outcomes.territory.$get({
    query: { programme: 'SPEAR', fiscalYear: '2026', ...query },
  });
const outcomes = (query: Partial<ReportQuery>) =>
  answered(
    t.api(swd).outcomes.$get({ query: { programme: 'SPEAR', fiscalYear: '2026', ...query } }),
    200,
  );
const outputs = (query: Partial<ReportQuery>) =>
  answered(
    t.api(swd).outputs.$get({ query: { programme: 'SPEAR', fiscalYear: '2026', ...query } }),
    200,
  );
const trends = (as: Caller, query: Partial<TableQuery> = {}) =>
  answered(
    t.api(as).outcomes.trends.$get({ query: { programme: 'SPEAR', fiscalYear: '2026', ...query } }),
    200,
  );

test('SWD: each operator and unit with every standard, as GET /outcomes and GET /outputs give them', async () => {
  const body = await answered(table(swd, { units: 'include' }), 200);
  // Territory-wide, units are listed only when asked for; each operator says how many it has.
  const lean = await answered(table(swd), 200);
  const leanRow = lean.operators.find((o) => o.code === missing)!;
  expect(leanRow).toMatchObject({ unitCount: 1, units: [] });
  expect(leanRow.outcomes).toEqual(body.operators.find((o) => o.code === missing)!.outcomes);
  for (const row of lean.operators)
    expect(row.outputs).toEqual(body.operators.find((o) => o.code === row.code)!.outputs);
  // An operator's counts and levels (after each unit's conversion) are its units' added up.
  type Cell = (typeof body.operators)[number]['outputs'][number];
  for (const row of body.operators)
    row.outputs.forEach((cell, i) => {
      const own = row.units.map((u) => u.outputs[i]!);
      const sum = (f: (c: Cell) => number | null) => own.reduce((t, c) => t + (f(c) ?? 0), 0);
      expect(cell.actual).toBe(sum((c) => c.actual));
      if (cell.of !== null) expect(cell.of).toBe(sum((c) => c.of));
      else if (cell.level !== null) expect(cell.level).toBe(sum((c) => c.level));
    });
  expect(body).toMatchObject({ programme: 'SPEAR', fiscalYear: '2026-27', operator: null });
  expect(body.outcomeStandards.length).toBeGreaterThan(0);
  expect(body.outputStandards.length).toBeGreaterThan(0);
  for (const code of [missing, small]) {
    const row = body.operators.find((o) => o.code === code)!;
    expect(row.units.map((u) => u.code)).toEqual([`${code}-S`]);
    expect(row.outcomes).toEqual((await outcomes({ operator: code })).standards);
    expect(row.units[0]!.outcomes).toEqual((await outcomes({ unit: `${code}-S` })).standards);
    expect(row.outputs).toEqual(
      (await outputs({ operator: code })).standards.map((s) => ({
        number: s.number,
        actual: s.actual,
        of: s.of,
        percent: s.percent,
        level: s.adjustedLevel,
        met: s.met,
      })),
    );
  }
  const smallRow = body.operators.find((o) => o.code === small)!;
  expect(smallRow.outcomes[0]).toMatchObject({
    agreed: 2,
    respondents: 3,
    met: false,
    verdict: 'too_few_to_tell',
  });
  expect(body.operators.find((o) => o.code === missing)!.outcomes[0]).toMatchObject({
    agreed: 3,
    respondents: 10,
    verdict: 'not_met',
  });
});

test('a region keeps the operators with units in it; an unknown region is 422', async () => {
  const inA = await answered(table(swd, { region: 'A' }), 200);
  expect(inA.operators.map((o) => o.code)).toEqual(expect.arrayContaining([missing, small]));
  const inB = await answered(table(swd, { region: 'B' }), 200);
  expect(inB.operators.map((o) => o.code)).not.toContain(missing);
  await answered(table(swd, { region: 'ZZ' }), 422);
  // The table takes no unit: a unit filter is a parameter it does not know (422).
  const withUnit = await t.call(
    'GET',
    `/outcomes/territory?programme=SPEAR&fiscalYear=2026&unit=${missing}-S`,
    {
      as: swd,
    },
  );
  expect(withUnit.status).toBe(422);
});

test('a coordinator gets its own operator only; naming another is 403', async () => {
  const own = await answered(table(coordinator), 200);
  expect(own.operators.map((o) => o.code)).toEqual([small]);
  await answered(table(coordinator, { operator: missing }), 403);
  const csv = await t.api(coordinator).outcomes['territory.csv'].$get({
    query: { programme: 'SPEAR', fiscalYear: '2026' },
  });
  expect(await csv.text()).not.toContain(missing);
});

test('the CSV and the workbook hold the same rows and figures as the API', async () => {
  const query = { programme: 'SPEAR', fiscalYear: '2026', operator: missing };
  const api = await answered(table(swd, { operator: missing }), 200);
  const res = await t.api(swd).outcomes['territory.csv'].$get({ query });
  expect(res.headers.get('content-type')).toContain('text/csv');
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
  expect(text.startsWith('\uFEFF')).toBe(true);
  const [header, ...lines] = text.slice(1).trim().split('\r\n');
  const names = header!.split(',');
  const rows = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], v])));
  expect(rows.map((r) => r.unit)).toEqual(['', `${missing}-S`]);
  const unit = rows[1]!;
  const figures = api.operators[0]!.units[0]!.outcomes[0]!;
  expect(unit.outcome1Percent).toBe(figures.percent!.toFixed(1));
  expect(Number(unit.outcome1Respondents)).toBe(figures.respondents);
  expect(unit.outcome1IntervalLow).toBe(figures.interval!.low.toFixed(1));
  expect(unit.outcome1Verdict).toBe(figures.verdict);
  expect(unit.output1Actual).toBe(String(api.operators[0]!.outputs[0]!.actual));

  const book = await t.api(swd).outcomes['territory.xlsx'].$get({ query });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await book.arrayBuffer());
  const sheet = workbook.worksheets[0]!;
  const values: unknown[][] = [];
  sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
  const headerAt = values.findIndex((r) => String(r[0]).includes('Programme'));
  const headings = values[headerAt]!.map(String);
  const column = (name: string) => headings.findIndex((h) => h.endsWith(name));
  const unitRow = values.find((r) => r[3] === `${missing}-S`)!;
  expect(unitRow[column('Outcome standard 1: percent')]).toBe(figures.percent);
  expect(unitRow[column('Outcome standard 1: respondents')]).toBe(figures.respondents);
  expect(unitRow[column('Outcome standard 1: verdict')]).toContain('Not met');
});

test('trends: five years and their quarters; the unit that missed standard 1 two years running', async () => {
  const body = await trends(swd, { operator: missing });
  expect(body.years.map((y) => y.label)).toEqual([
    '2022-23',
    '2023-24',
    '2024-25',
    '2025-26',
    '2026-27',
  ]);
  for (const year of body.years.slice(3)) {
    expect(year.outcomes[0]).toMatchObject({ agreed: 3, respondents: 10, percent: 30, met: false });
    expect(year.quarters[0]!.outcomes[0]).toMatchObject({ respondents: 10 });
    expect(year.quarters[1]!.outcomes[0]).toMatchObject({ respondents: 0 });
  }
  expect(body.years[0]!.outcomes[0]).toMatchObject({ respondents: 0, percent: null });
  expect(body.missedTwice.years).toEqual(['2025-26', '2026-27']);
  expect(body.missedTwice.units).toContainEqual(
    expect.objectContaining({
      unit: `${missing}-S`,
      kind: 'outcome',
      number: 1,
      previous: { percent: 30, level: 85, n: 10 },
      current: { percent: 30, level: 85, n: 10 },
    }),
  );
  // Standard 2 was met (10 of 10): not listed.
  expect(body.missedTwice.units.filter((u) => u.kind === 'outcome' && u.number === 2)).toEqual([]);
  // The year's output figures are GET /outputs's.
  const lastYear = await outputs({ fiscalYear: '2025', operator: missing });
  expect(body.years[3]!.outputs.map((o) => [o.actual, o.met])).toEqual(
    lastYear.standards.map((s) => [s.actual, s.met]),
  );
  const own = await trends(coordinator);
  expect(own.operator).toBe(small);
  expect(JSON.stringify(own)).not.toContain(missing);
});

test('trends: each year’s output figures, conversions included, are GET /outputs’s', async () => {
  const code = await t.operator();
  const me = t.api(await t.user('coordinator', code));
  const unit = `${code}-S`;
  // Learning modules ended in 2023-24 and 2025-26 (OS1, which moves OS3), promotions (OS3).
  for (const [i, referredOn] of [
    '2023-06-01',
    '2025-05-02',
    '2025-09-10',
    '2026-01-05',
  ].entries()) {
    const { id } = await answered(
      me.cases.$post({
        json: { unit, reference: `T-${i}`, category: 'abuser', referredOn, referralSource: 'self' },
      }),
      201,
    );
    await answered(
      me.cases[':id'].enrolments.$post({
        param: { id },
        json: { programme: 'learning_6h', module: 'basic', endedOn: referredOn },
      }),
      201,
    );
    await answered(
      me['service-events'].$post({
        json: {
          unit,
          kind: 'promotion',
          date: referredOn,
          sessions: 1,
          participants: 20,
          form: 'group',
          openEvent: false,
        },
      }),
      201,
    );
  }
  await answered(
    t.api(await t.user('admin')).units[':code']['no-refusal'][':fiscalYear'].$put({
      param: { code: unit, fiscalYear: '2025' },
      json: { declared: true },
    }),
    200,
  );
  let seen = 0;
  for (const year of (await trends(swd, { operator: code })).years) {
    const figures = await outputs({ fiscalYear: String(year.fiscalYear), operator: code });
    expect(
      year.outputs.map((o) => [o.actual, o.level, o.met]),
      String(year.fiscalYear),
    ).toEqual(figures.standards.map((s) => [s.actual, s.adjustedLevel, s.met]));
    seen += year.outputs.reduce((n, o) => n + o.actual, 0);
  }
  expect(seen).toBeGreaterThan(0);
});

test('territory-wide, each operator summed by the database equals its units added up, conversions in play', async () => {
  // One operator with four SPeaR units over two regions; OS1 (which moves OS3) differs per unit,
  // and two of them declared that they turned no case away, so their levels move differently.
  const admin = await t.user('admin');
  const code = `CONV${Date.now() % 100000}`;
  const regions = ['A', 'A', 'B', 'B'];
  const created = await t.call('POST', '/operators', {
    as: admin,
    body: {
      code,
      name: { 'zh-HK': '轉換', en: 'Conversion' },
      units: regions.map((region, i) => ({ code: `${code}-${i}`, programme: 'SPEAR', region })),
    },
  });
  expect(created.status, created.text).toBe(201);
  const units = await t.db
    .selectFrom('units')
    .select(['id', 'operator_id', 'code'])
    .where('code', 'like', `${code}-%`)
    .orderBy('code')
    .execute();
  for (const [i, completers] of [50, 0, 44, 38].entries()) {
    const unit = units[i]!;
    if (completers === 0) continue;
    const cases = await t.db
      .insertInto('cases')
      .values(
        Array.from({ length: completers }, (_, k) => ({
          operator_id: unit.operator_id,
          unit_id: unit.id,
          reference: `${unit.code}-${k}`,
          category: 'abuser',
          referred_on: '2025-05-02',
          referral_source: 'self',
          contact_due_on: '2025-05-16',
          first_contact_on: '2025-05-05',
        })),
      )
      .returning(['id', 'unit_id'])
      .execute();
    await t.db
      .insertInto('enrolments')
      .values(
        cases.map((c) => ({
          case_id: c.id,
          unit_id: c.unit_id,
          programme: 'learning_6h',
          module: 'basic' as const,
          ended_on: '2025-09-30',
          half_hours: 12,
        })),
      )
      .execute();
  }
  for (const i of [0, 3]) {
    const declared = await t.call('PUT', `/units/${code}-${i}/no-refusal/2025`, {
      as: admin,
      body: { declared: true },
    });
    expect(declared.status, declared.text).toBe(200);
  }
  const body = () => answered(table(swd, { fiscalYear: '2025' }), 200);
  type Body = Awaited<ReturnType<typeof body>>;
  const rowOf = (body: Body) => body.operators.find((o) => o.code === code)!;
  const year = { fiscalYear: '2025' };
  for (const region of [{}, { region: 'A' }, { region: 'B' }]) {
    const lean = await answered(table(swd, { ...year, ...region }), 200);
    const full = await answered(table(swd, { ...year, ...region, units: 'include' }), 200);
    expect(rowOf(full).units).toHaveLength('region' in region ? 2 : 4);
    expect(rowOf(lean)).toEqual({ ...rowOf(full), units: [] });
  }
  // And the operator's figures are GET /outputs's for it.
  const own = await outputs({ ...year, operator: code });
  const lean = await answered(table(swd, year), 200);
  expect(rowOf(lean).outputs.map((o) => [o.actual, o.level, o.met])).toEqual(
    own.standards.map((s) => [s.actual, s.adjustedLevel, s.met]),
  );
  // The conversion moved OS3's level from what four units agreed.
  const os3 = rowOf(lean).outputs.find((o) => o.number === 3)!;
  const agreed = lean.outputStandards.find((s) => s.number === 3)!.agreedLevel!;
  expect(os3.level).not.toBe(agreed * 4);
});

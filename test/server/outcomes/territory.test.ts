import ExcelJS from 'exceljs';
import { beforeAll, expect, test } from 'vitest';
import { testApp, type Caller, type TestApp } from '../../support/app.ts';
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

const TABLE = '/outcomes/territory?programme=SPEAR&fiscalYear=2026';
type Body = {
  operators: {
    code: string;
    outcomes: Record<string, unknown>[];
    outputs: { number: number; actual: number; level: number | null; met: boolean | null }[];
    units: {
      code: string;
      region: string;
      outcomes: Record<string, unknown>[];
      outputs: unknown[];
    }[];
  }[];
};

test('SWD: each operator and unit with every standard, as GET /outcomes and GET /outputs give them', async () => {
  const res = await t.call('GET', `${TABLE}&units=include`, { as: swd });
  expect(res.status, res.text).toBe(200);
  const body = res.body as Body & Record<string, unknown>;
  // Territory-wide, units are listed only when asked for; each operator says how many it has.
  const lean = await t.call('GET', TABLE, { as: swd });
  const leanRow = lean.body.operators.find((o: { code: string }) => o.code === missing);
  expect(leanRow).toMatchObject({ unitCount: 1, units: [] });
  expect(leanRow.outcomes).toEqual(body.operators.find((o) => o.code === missing)!.outcomes);
  for (const row of lean.body.operators as Body['operators'])
    expect(row.outputs).toEqual(body.operators.find((o) => o.code === row.code)!.outputs);
  // An operator's counts and levels (after each unit's conversion) are its units' added up.
  type Cell = Body['operators'][number]['outputs'][number] & { of: number | null };
  for (const row of body.operators)
    row.outputs.forEach((cell, i) => {
      const own = row.units.map((u) => (u.outputs as Cell[])[i]!);
      const sum = (f: (c: Cell) => number | null) => own.reduce((t, c) => t + (f(c) ?? 0), 0);
      expect(cell.actual).toBe(sum((c) => c.actual));
      if ((cell as Cell).of !== null) expect((cell as Cell).of).toBe(sum((c) => c.of));
      else if (cell.level !== null) expect(cell.level).toBe(sum((c) => c.level));
    });
  expect(body).toMatchObject({ programme: 'SPEAR', fiscalYear: '2026-27', operator: null });
  expect((body.outcomeStandards as unknown[]).length).toBeGreaterThan(0);
  expect((body.outputStandards as unknown[]).length).toBeGreaterThan(0);
  for (const code of [missing, small]) {
    const row = body.operators.find((o) => o.code === code)!;
    expect(row.units.map((u) => u.code)).toEqual([`${code}-S`]);
    const own = await t.call('GET', `/outcomes?programme=SPEAR&fiscalYear=2026&operator=${code}`, {
      as: swd,
    });
    expect(row.outcomes).toEqual(own.body.standards);
    const unit = await t.call('GET', `/outcomes?programme=SPEAR&fiscalYear=2026&unit=${code}-S`, {
      as: swd,
    });
    expect(row.units[0]!.outcomes).toEqual(unit.body.standards);
    const outputs = await t.call(
      'GET',
      `/outputs?programme=SPEAR&fiscalYear=2026&operator=${code}`,
      {
        as: swd,
      },
    );
    expect(row.outputs).toEqual(
      outputs.body.standards.map((s: Record<string, unknown>) => ({
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
  const inA = await t.call('GET', `${TABLE}&region=A`, { as: swd });
  expect(inA.body.operators.map((o: { code: string }) => o.code)).toEqual(
    expect.arrayContaining([missing, small]),
  );
  const inB = await t.call('GET', `${TABLE}&region=B`, { as: swd });
  expect(inB.status).toBe(200);
  expect(inB.body.operators.map((o: { code: string }) => o.code)).not.toContain(missing);
  const unknown = await t.call('GET', `${TABLE}&region=ZZ`, { as: swd });
  expect(unknown.status).toBe(422);
  expect((await t.call('GET', `${TABLE}&unit=${missing}-S`, { as: swd })).status).toBe(422);
});

test('a coordinator gets its own operator only; naming another is 403', async () => {
  const own = await t.call('GET', TABLE, { as: coordinator });
  expect(own.status, own.text).toBe(200);
  expect(own.body.operators.map((o: { code: string }) => o.code)).toEqual([small]);
  expect((await t.call('GET', `${TABLE}&operator=${missing}`, { as: coordinator })).status).toBe(
    403,
  );
  const csv = await t.call('GET', TABLE.replace('territory', 'territory.csv'), { as: coordinator });
  expect(csv.text).not.toContain(missing);
});

test('the CSV and the workbook hold the same rows and figures as the API', async () => {
  const query = `${TABLE}&operator=${missing}`;
  const api = (await t.call('GET', query, { as: swd })).body as Body;
  const res = await t.app.request(`/api/v1${query.replace('territory', 'territory.csv')}`, {
    headers: { cookie: swd.cookie! },
  });
  expect(res.headers.get('content-type')).toContain('text/csv');
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
  expect(text.startsWith('\uFEFF')).toBe(true);
  const [header, ...lines] = text.slice(1).trim().split('\r\n');
  const names = header!.split(',');
  const rows = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], v])));
  expect(rows.map((r) => r.unit)).toEqual(['', `${missing}-S`]);
  const unit = rows[1]!;
  const figures = api.operators[0]!.units[0]!.outcomes[0] as {
    percent: number;
    respondents: number;
    interval: { low: number; high: number };
    verdict: string;
  };
  expect(unit.outcome1Percent).toBe(figures.percent.toFixed(1));
  expect(Number(unit.outcome1Respondents)).toBe(figures.respondents);
  expect(unit.outcome1IntervalLow).toBe(figures.interval.low.toFixed(1));
  expect(unit.outcome1Verdict).toBe(figures.verdict);
  expect(unit.output1Actual).toBe(String(api.operators[0]!.outputs[0]!.actual));

  const book = await t.app.request(`/api/v1${query.replace('territory', 'territory.xlsx')}`, {
    headers: { cookie: swd.cookie! },
  });
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
  const res = await t.call(
    'GET',
    `/outcomes/trends?programme=SPEAR&fiscalYear=2026&operator=${missing}`,
    { as: swd },
  );
  expect(res.status, res.text).toBe(200);
  const body = res.body;
  expect(body.years.map((y: { label: string }) => y.label)).toEqual([
    '2022-23',
    '2023-24',
    '2024-25',
    '2025-26',
    '2026-27',
  ]);
  for (const year of body.years.slice(3)) {
    expect(year.outcomes[0]).toMatchObject({ agreed: 3, respondents: 10, percent: 30, met: false });
    expect(year.quarters[0].outcomes[0]).toMatchObject({ respondents: 10 });
    expect(year.quarters[1].outcomes[0]).toMatchObject({ respondents: 0 });
  }
  expect(body.years[0].outcomes[0]).toMatchObject({ respondents: 0, percent: null });
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
  expect(
    body.missedTwice.units.filter(
      (u: { kind: string; number: number }) => u.kind === 'outcome' && u.number === 2,
    ),
  ).toEqual([]);
  // The year's output figures are GET /outputs's.
  const outputs = await t.call(
    'GET',
    `/outputs?programme=SPEAR&fiscalYear=2025&operator=${missing}`,
    {
      as: swd,
    },
  );
  expect(
    body.years[3].outputs.map((o: { actual: number; met: boolean | null }) => [o.actual, o.met]),
  ).toEqual(
    outputs.body.standards.map((s: { actual: number; met: boolean | null }) => [s.actual, s.met]),
  );
  const own = await t.call('GET', '/outcomes/trends?programme=SPEAR&fiscalYear=2026', {
    as: coordinator,
  });
  expect(own.body.operator).toBe(small);
  expect(JSON.stringify(own.body)).not.toContain(missing);
});

test('trends: each year’s output figures, conversions included, are GET /outputs’s', async () => {
  const code = await t.operator();
  const me = await t.user('coordinator', code);
  const unit = `${code}-S`;
  // Learning modules ended in 2023-24 and 2025-26 (OS1, which moves OS3), promotions (OS3).
  for (const [i, referredOn] of [
    '2023-06-01',
    '2025-05-02',
    '2025-09-10',
    '2026-01-05',
  ].entries()) {
    const created = await t.call('POST', '/cases', {
      as: me,
      body: { unit, reference: `T-${i}`, category: 'abuser', referredOn, referralSource: 'self' },
    });
    expect(created.status, created.text).toBe(201);
    const enrolled = await t.call('POST', `/cases/${created.body.id}/enrolments`, {
      as: me,
      body: { programme: 'learning_6h', module: 'basic', endedOn: referredOn },
    });
    expect(enrolled.status, enrolled.text).toBe(201);
    const event = await t.call('POST', '/service-events', {
      as: me,
      body: {
        unit,
        kind: 'promotion',
        date: referredOn,
        sessions: 1,
        participants: 20,
        form: 'group',
        openEvent: false,
      },
    });
    expect(event.status, event.text).toBe(201);
  }
  await t.call('PUT', `/units/${unit}/no-refusal/2025`, {
    as: await t.user('admin'),
    body: { declared: true },
  });
  const res = await t.call(
    'GET',
    `/outcomes/trends?programme=SPEAR&fiscalYear=2026&operator=${code}`,
    {
      as: swd,
    },
  );
  expect(res.status, res.text).toBe(200);
  let seen = 0;
  for (const year of res.body.years as {
    fiscalYear: number;
    outputs: { actual: number; level: number | null; met: boolean | null }[];
  }[]) {
    const outputs = await t.call(
      'GET',
      `/outputs?programme=SPEAR&fiscalYear=${year.fiscalYear}&operator=${code}`,
      { as: swd },
    );
    expect(
      year.outputs.map((o) => [o.actual, o.level, o.met]),
      String(year.fiscalYear),
    ).toEqual(
      outputs.body.standards.map(
        (s: { actual: number; adjustedLevel: number | null; met: boolean | null }) => [
          s.actual,
          s.adjustedLevel,
          s.met,
        ],
      ),
    );
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
  const table = `/outcomes/territory?programme=SPEAR&fiscalYear=2025`;
  const rowOf = (body: Body) => body.operators.find((o) => o.code === code)!;
  for (const region of ['', '&region=A', '&region=B']) {
    const lean = await t.call('GET', `${table}${region}`, { as: swd });
    const full = await t.call('GET', `${table}${region}&units=include`, { as: swd });
    expect(lean.status, lean.text).toBe(200);
    expect(rowOf(full.body).units).toHaveLength(2 + (region ? 0 : 2));
    expect(rowOf(lean.body)).toEqual({ ...rowOf(full.body), units: [] });
  }
  // And the operator's figures are GET /outputs's for it.
  const outputs = await t.call('GET', `/outputs?programme=SPEAR&fiscalYear=2025&operator=${code}`, {
    as: swd,
  });
  const lean = await t.call('GET', table, { as: swd });
  expect(rowOf(lean.body).outputs.map((o) => [o.actual, o.level, o.met])).toEqual(
    outputs.body.standards.map((s: Record<string, unknown>) => [s.actual, s.adjustedLevel, s.met]),
  );
  // The conversion moved OS3's level from what four units agreed.
  const os3 = rowOf(lean.body).outputs.find((o) => o.number === 3)!;
  const agreed = lean.body.outputStandards.find(
    (s: { number: number }) => s.number === 3,
  ).agreedLevel;
  expect(os3.level).not.toBe(agreed * 4);
});

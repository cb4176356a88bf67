import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, test } from 'vitest';
import { testApp, type Caller, type TestApp } from '../../support/app.ts';
import { learningDefinition, questionnaireWithActivity } from '../../support/outcomes.ts';

// The annual performance pack (issue 16): one unit's year, from the outputs and outcomes
// services, with the coordinator's explanations (audited, visible to SWD).

let t: TestApp;
let admin: Caller;
let swd: Caller;
let own: Caller;
let other: Caller;
let operator: string;
let unit: string;

const pack = (as: Caller, code = unit, year = 2026) =>
  t.call('GET', `/units/${code}/pack/${year}`, { as });
const explain = (as: Caller, standard: string, body: unknown, code = unit) =>
  t.call('PUT', `/units/${code}/pack/2026/explanations/${standard}`, { as, body });

beforeAll(async () => {
  t = await testApp();
  admin = await t.user('admin');
  swd = await t.user('swd');
  operator = await t.operator();
  unit = `${operator}-S`;
  own = await t.user('coordinator', operator);
  other = await t.user('coordinator', await t.operator());
  // Three completers of the learning programme (OS1) in 2026-27 …
  for (let i = 0; i < 3; i++) {
    const created = await t.call('POST', '/cases', {
      as: own,
      body: {
        unit,
        reference: `PACK-${i}`,
        category: 'abuser',
        referredOn: '2026-05-04',
        referralSource: 'self',
      },
    });
    expect(created.status, created.text).toBe(201);
    const enrolled = await t.call('POST', `/cases/${created.body.id}/enrolments`, {
      as: own,
      body: { programme: 'learning_6h', module: 'basic' },
    });
    expect(enrolled.status, enrolled.text).toBe(201);
    const ended = await t.call(
      'PATCH',
      `/cases/${created.body.id}/enrolments/${enrolled.body.id}`,
      { as: own, body: { endedOn: '2026-06-01' } },
    );
    expect(ended.status, ended.text).toBe(204);
  }
  // … and two of them answered: one agreed on standard 1, neither on standard 2.
  const q = await questionnaireWithActivity(
    t,
    own,
    swd,
    operator,
    learningDefinition({ 1: ['skills'], 2: ['satisfied'], 3: ['cope'], 4: ['family'] }),
  );
  await q.answer({
    skills: 'agree',
    satisfied: 'disagree',
    cope: 'agree',
    family: 'agree',
    comments: 'PARTICIPANT WORDS',
  });
  await q.answer({ skills: 'disagree', satisfied: 'disagree', cope: 'agree', family: 'agree' });
}, 60_000);

describe('the figures are the outputs and outcomes services’ own', () => {
  test('every output and outcome standard, first contact, coverage of the completers', async () => {
    const res = await pack(swd);
    expect(res.status, res.text).toBe(200);
    const body = res.body;
    expect(body.unit).toMatchObject({
      code: unit,
      region: 'A',
      operator: { code: operator },
      programme: { code: 'SPEAR' },
    });
    expect(body.fiscalYear).toBe('2026-27');

    const outputs = await t.call('GET', `/outputs?programme=SPEAR&fiscalYear=2026&unit=${unit}`, {
      as: swd,
    });
    expect(outputs.status, outputs.text).toBe(200);
    expect(body.outputs.map(({ key, explanation, ...s }: any) => s)).toEqual(
      outputs.body.standards.map(({ unitsMet, ...s }: any) => s),
    );
    expect(body.firstContact).toMatchObject(outputs.body.firstContact);
    expect(body.outputs[0]).toMatchObject({ number: 1, actual: 3, agreedLevel: 45, met: false });

    const outcomes = await t.call('GET', `/outcomes?programme=SPEAR&fiscalYear=2026&unit=${unit}`, {
      as: swd,
    });
    expect(body.outcomes.map(({ key, name, coverage, explanation, ...s }: any) => s)).toEqual(
      outcomes.body.standards,
    );
    const [one, two, three] = body.outcomes;
    expect(one).toMatchObject({ agreed: 1, respondents: 2, percent: 50, met: false });
    expect(one.coverage).toEqual({ respondents: 2, population: 3, percent: 66.7 });
    expect(two.coverage).toEqual({ respondents: 2, population: 3, percent: 66.7 });
    // Standard 3 is asked of service users too: no completers to read it against.
    expect(three.coverage).toBeNull();
    // First contact: none of the three cases was contacted, all overdue by now.
    expect(body.firstContact).toMatchObject({ cases: 3, overdue: 3, met: false });
    expect(body.notMet).toBe(
      [...body.outputs, ...body.outcomes, body.firstContact].filter((s) => s.met === false).length,
    );
    // Aggregates only: no case reference, no participant's words.
    expect(res.text).not.toContain('PACK-');
    expect(res.text).not.toContain('PARTICIPANT WORDS');
  });

  test('the unit’s coordinator reads it; another operator’s is 403; an unknown unit is 404', async () => {
    expect((await pack(own)).status).toBe(200);
    expect((await pack(admin)).status).toBe(200);
    const refused = await pack(other);
    expect(refused.status).toBe(403);
    expect(refused.text).not.toContain(operator);
    expect((await pack(swd, 'NO-SUCH-UNIT')).status).toBe(404);
    expect((await pack(other, 'NO-SUCH-UNIT')).status).toBe(403);
    expect((await pack(swd, unit, 1999)).status).toBe(422);
  });
});

describe('explanations and action plans', () => {
  test('the coordinator writes one; it is audited and SWD sees it in the pack and the workbook', async () => {
    const before = await t.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirstOrThrow();
    const saved = await explain(own, 'outcome-1', {
      explanation: '  Two of five sessions were cancelled by typhoons.  ',
      actionPlan: 'Make-up sessions in January.',
    });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body).toMatchObject({
      explanation: 'Two of five sessions were cancelled by typhoons.',
      actionPlan: 'Make-up sessions in January.',
    });
    const entry = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', Number(before.seq ?? 0))
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      action: 'pack_explanation_saved',
      target_type: 'unit',
      target_id: unit,
      actor_email: own.email,
    });
    const verified = await t.call('POST', '/audit/verification', { as: admin });
    expect(verified.body).toMatchObject({ broken: null });

    const seen = (await pack(swd)).body;
    expect(seen.outcomes[0].explanation).toMatchObject({
      explanation: 'Two of five sessions were cancelled by typhoons.',
      actionPlan: 'Make-up sessions in January.',
    });
    expect(seen.outcomes[1].explanation).toBeNull();

    const file = await t.app.request(`/api/v1/units/${unit}/pack/2026/pack.xlsx`, {
      headers: { cookie: swd.cookie! },
    });
    expect(file.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await file.arrayBuffer());
    const cells = (name: string) => {
      const rows: unknown[][] = [];
      book.getWorksheet(name)!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      return rows;
    };
    const main = cells('Pack 年度表現');
    const oc1 = main.find((r) => r[0] === 'OC1')!;
    expect(oc1.slice(2, 9)).toEqual([
      seen.outcomes[0].agreedPercent,
      seen.outcomes[0].agreed,
      seen.outcomes[0].respondents,
      seen.outcomes[0].nonRespondents,
      seen.outcomes[0].percent,
      seen.outcomes[0].interval.low,
      seen.outcomes[0].interval.high,
    ]);
    const os1 = main.find((r) => r[0] === 'OS1')!;
    expect(os1.slice(2, 7)).toEqual(
      [3, null, null, 45, seen.outputs[0].adjustedLevel].map((v) => v ?? undefined),
    );
    const words = cells('Explanations 解釋').find((r) => r[0] === 'OC1')!;
    expect(words.slice(1, 3)).toEqual([
      'Two of five sessions were cancelled by typhoons.',
      'Make-up sessions in January.',
    ]);
  });

  test('only the unit’s coordinator writes; bad input is 422 and stores nothing', async () => {
    const body = { explanation: 'x', actionPlan: 'y' };
    expect((await explain(swd, 'outcome-2', body)).status).toBe(403);
    expect((await explain(admin, 'outcome-2', body)).status).toBe(403);
    expect((await explain(other, 'outcome-2', body)).status).toBe(403);
    for (const [standard, payload] of [
      ['outcome-99', body],
      ['output-42', body],
      ['standard-1', body],
      ['outcome-2', { explanation: 'x' }],
      ['outcome-2', { ...body, extra: 1 }],
      ['outcome-2', { explanation: 'x'.repeat(4001), actionPlan: 'y' }],
    ] as const) {
      const res = await explain(own, standard, payload);
      expect(res.status, `${standard} ${res.text}`).toBe(422);
    }
    expect((await pack(swd)).body.outcomes[1].explanation).toBeNull();
  });

  test('both texts empty removes an explanation', async () => {
    expect(
      (await explain(own, 'first-contact', { explanation: 'Late', actionPlan: 'Rota' })).status,
    ).toBe(200);
    expect((await pack(own)).body.firstContact.explanation).not.toBeNull();
    const removed = await explain(own, 'first-contact', { explanation: ' ', actionPlan: '' });
    expect(removed.status).toBe(200);
    expect(removed.body).toBeNull();
    expect((await pack(own)).body.firstContact.explanation).toBeNull();
  });
});

import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, test } from 'vitest';
import { answered, testApp, type Caller, type TestApp } from '../../support/app.ts';
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
  t.api(as).units[':code'].pack[':fiscalYear'].$get({
    param: { code, fiscalYear: String(year) },
  });
const explain = (
  as: Caller,
  standard: string,
  json: { explanation: string; actionPlan: string },
  code = unit,
) =>
  t.api(as).units[':code'].pack[':fiscalYear'].explanations[':standard'].$put({
    param: { code, fiscalYear: '2026', standard },
    json,
  });

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
    const { id } = await answered(
      t.api(own).cases.$post({
        json: {
          unit,
          reference: `PACK-${i}`,
          category: 'abuser',
          referredOn: '2026-05-04',
          referralSource: 'self',
        },
      }),
      201,
    );
    const enrolments = t.api(own).cases[':id'].enrolments;
    const enrolled = await answered(
      enrolments.$post({ param: { id }, json: { programme: 'learning_6h', module: 'basic' } }),
      201,
    );
    await answered(
      enrolments[':enrolmentId'].$patch({
        param: { id, enrolmentId: enrolled.id },
        json: { endedOn: '2026-06-01' },
      }),
      204,
    );
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
    const body = await answered(pack(swd), 200);
    expect(body.unit).toMatchObject({
      code: unit,
      region: 'A',
      operator: { code: operator },
      programme: { code: 'SPEAR' },
    });
    expect(body.fiscalYear).toBe('2026-27');

    const query = { programme: 'SPEAR', fiscalYear: '2026', unit };
    const outputs = await answered(t.api(swd).outputs.$get({ query }), 200);
    expect(body.outputs.map(({ key, explanation, ...s }) => s)).toEqual(
      outputs.standards.map(({ unitsMet, ...s }) => s),
    );
    expect(body.firstContact).toMatchObject(outputs.firstContact);
    expect(body.outputs[0]).toMatchObject({ number: 1, actual: 3, agreedLevel: 45, met: false });

    const outcomes = await answered(t.api(swd).outcomes.$get({ query }), 200);
    expect(body.outcomes.map(({ key, name, coverage, explanation, ...s }) => s)).toEqual(
      outcomes.standards,
    );
    const [one, two, three] = body.outcomes;
    expect(one).toMatchObject({ agreed: 1, respondents: 2, percent: 50, met: false });
    expect(one!.coverage).toEqual({ respondents: 2, population: 3, percent: 66.7 });
    expect(two!.coverage).toEqual({ respondents: 2, population: 3, percent: 66.7 });
    // Standard 3 is asked of service users too: no completers to read it against.
    expect(three!.coverage).toBeNull();
    // First contact: none of the three cases was contacted, all overdue by now.
    expect(body.firstContact).toMatchObject({ cases: 3, overdue: 3, met: false });
    expect(body.notMet).toBe(
      [...body.outputs, ...body.outcomes, body.firstContact].filter((s) => s.met === false).length,
    );
    // Aggregates only: no case reference, no participant's words.
    expect(JSON.stringify(body)).not.toContain('PACK-');
    expect(JSON.stringify(body)).not.toContain('PARTICIPANT WORDS');
  });

  test('the unit’s coordinator reads it; another operator’s is 403; an unknown unit is 404', async () => {
    await answered(pack(own), 200);
    await answered(pack(admin), 200);
    const refused = await answered(pack(other), 403);
    expect(JSON.stringify(refused)).not.toContain(operator);
    await answered(pack(swd, 'NO-SUCH-UNIT'), 404);
    await answered(pack(other, 'NO-SUCH-UNIT'), 403);
    await answered(pack(swd, unit, 1999), 422);
  });
});

describe('explanations and action plans', () => {
  test('the coordinator writes one; it is audited and SWD sees it in the pack and the workbook', async () => {
    const before = await t.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirstOrThrow();
    const saved = await answered(
      explain(own, 'outcome-1', {
        explanation: '  Two of five sessions were cancelled by typhoons.  ',
        actionPlan: 'Make-up sessions in January.',
      }),
      200,
    );
    expect(saved).toMatchObject({
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
    const verified = await answered(t.api(admin).audit.verification.$post(), 200);
    expect(verified).toMatchObject({ broken: null });

    const seen = await answered(pack(swd), 200);
    const first = seen.outcomes[0]!;
    expect(first.explanation).toMatchObject({
      explanation: 'Two of five sessions were cancelled by typhoons.',
      actionPlan: 'Make-up sessions in January.',
    });
    expect(seen.outcomes[1]!.explanation).toBeNull();

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
      first.agreedPercent,
      first.agreed,
      first.respondents,
      first.nonRespondents,
      first.percent,
      first.interval!.low,
      first.interval!.high,
    ]);
    const os1 = main.find((r) => r[0] === 'OS1')!;
    expect(os1.slice(2, 7)).toEqual(
      [3, null, null, 45, seen.outputs[0]!.adjustedLevel].map((v) => v ?? undefined),
    );
    const words = cells('Explanations 解釋').find((r) => r[0] === 'OC1')!;
    expect(words.slice(1, 3)).toEqual([
      'Two of five sessions were cancelled by typhoons.',
      'Make-up sessions in January.',
    ]);
  });

  test('only the unit’s coordinator writes; bad input is 422 and stores nothing', async () => {
    const body = { explanation: 'x', actionPlan: 'y' };
    await answered(explain(swd, 'outcome-2', body), 403);
    await answered(explain(admin, 'outcome-2', body), 403);
    await answered(explain(other, 'outcome-2', body), 403);
    for (const [standard, payload] of [
      ['outcome-99', body],
      ['output-42', body],
      ['standard-1', body],
      ['outcome-2', { explanation: 'x'.repeat(4001), actionPlan: 'y' }],
    ] as const)
      await answered(explain(own, standard, payload), 422);
    // A missing field and an unknown one: bodies the types forbid.
    for (const payload of [{ explanation: 'x' }, { ...body, extra: 1 }]) {
      const res = await t.call('PUT', `/units/${unit}/pack/2026/explanations/outcome-2`, {
        as: own,
        body: payload,
      });
      expect(res.status, res.text).toBe(422);
    }
    expect((await answered(pack(swd), 200)).outcomes[1]!.explanation).toBeNull();
  });

  test('both texts empty removes an explanation', async () => {
    await answered(explain(own, 'first-contact', { explanation: 'Late', actionPlan: 'Rota' }), 200);
    expect((await answered(pack(own), 200)).firstContact.explanation).not.toBeNull();
    const removed = await answered(
      explain(own, 'first-contact', { explanation: ' ', actionPlan: '' }),
      200,
    );
    expect(removed).toBeNull();
    expect((await answered(pack(own), 200)).firstContact.explanation).toBeNull();
  });
});

import { beforeAll, describe, expect, test } from 'vitest';
import { recomputeOutcomes } from '../../../server/responses/recompute.ts';
import { answered, testApp, type Caller, type TestApp } from '../../support/app.ts';
import { learningDefinition, questionnaireWithActivity } from '../../support/outcomes.ts';

let t: TestApp;
let swd: Caller;

beforeAll(async () => {
  t = await testApp();
  swd = await t.user('swd');
});

/** A fresh operator with a coordinator, so each test's figures are its own. */
/** A new operator and its coordinator; `questionnaire` adds an approved one, used by an activity. */
async function setup() {
  const operator = await t.operator();
  const coordinator = await t.user('coordinator', operator);
  const questionnaire = (definition = learningDefinition(STANDARD_ITEMS)) =>
    questionnaireWithActivity(t, coordinator, swd, operator, definition);
  return { operator, coordinator, questionnaire };
}

type OutcomesQuery = Parameters<ReturnType<TestApp['api']>['outcomes']['$get']>[0]['query'];
/** GET /outcomes for SPEAR 2026 as `as`, with these filters. */
const outcomesOf = (as: Caller, query: Partial<OutcomesQuery> = {}) =>
  t.api(as).outcomes.$get({ query: { programme: 'SPEAR', fiscalYear: '2026', ...query } });

async function figures(operator: string, fiscalYear = 2026, as = swd) {
  const body = await answered(outcomesOf(as, { fiscalYear: String(fiscalYear), operator }), 200);
  return Object.fromEntries(body.standards.map((s) => [s.number, s]));
}

const voidResponse = (as: Caller, id: string, reason: string) =>
  t.api(as).responses[':id'].void.$post({ param: { id }, json: { reason } });
const territoryTable = () =>
  t.api(swd).outcomes.table.$get({ query: { programme: 'SPEAR', fiscalYear: '2026' } });

const STANDARD_ITEMS = { 1: ['skills'], 2: ['satisfied'], 3: ['cope'] };

describe('the figures', () => {
  test('exactly at the agreed level: 17 of 20 at 85% is met', async () => {
    const { operator, questionnaire } = await setup();
    const q = await questionnaire();
    for (let i = 0; i < 20; i++) await q.answer({ skills: i < 17 ? 'agree' : 'disagree' });
    const s = (await figures(operator))[1]!;
    expect(s).toEqual({
      number: 1,
      agreedPercent: 85,
      agreed: 17,
      respondents: 20,
      nonRespondents: 0,
      percent: 85.0,
      met: true,
      // Wilson's 95% interval holds 85: met, but too few to tell from chance (issue 16).
      interval: { low: 64.0, high: 94.8 },
      verdict: 'too_few_to_tell',
    });
  });

  test('with no respondents, percent and met are null, and every standard is listed', async () => {
    const { operator } = await setup();
    const all = await figures(operator);
    expect(Object.keys(all)).toEqual(['1', '2', '3', '4', '5']);
    expect(all[1]).toMatchObject({
      agreed: 0,
      respondents: 0,
      nonRespondents: 0,
      percent: null,
      met: null,
      interval: null,
      verdict: null,
    });
  });

  test('"no opinion" is in the denominator, not the numerator', async () => {
    const { operator, questionnaire } = await setup();
    const q = await questionnaire();
    await q.answer({ skills: 'agree' });
    await q.answer({ skills: 'no_opinion' });
    expect((await figures(operator))[1]).toMatchObject({
      agreed: 1,
      respondents: 2,
      percent: 50.0,
      met: false,
    });
  });

  test('a response answering no outcome item is a non-respondent and nowhere else', async () => {
    const { operator, questionnaire } = await setup();
    const q = await questionnaire();
    await q.answer({ comments: 'only a comment' });
    await q.answer({ skills: 'agree' });
    const all = await figures(operator);
    expect(all[1]).toMatchObject({ agreed: 1, respondents: 1, nonRespondents: 1 });
    expect(all[2]).toMatchObject({ agreed: 0, respondents: 0, nonRespondents: 2, percent: null });
    expect(all[4]).toMatchObject({ respondents: 0, nonRespondents: 0 }); // not measured at all
  });

  test('all three scoring rules on the same answers', async () => {
    const answers = [
      { c1: 'agree', c2: 'agree', c3: 'disagree' }, // all ✗, majority ✓, mean ✗ (3.33)
      { c1: 'strongly_agree', c2: 'strongly_agree', c3: 'disagree' }, // all ✗, majority ✓, mean ✓ (4)
      { c1: 'agree', c2: 'agree', c3: 'agree' }, // ✓ ✓ ✓
      { c1: 'strongly_agree', c2: 'no_opinion' }, // all ✗, majority ✗, mean ✓ (4)
    ];
    const expected = { all: 1, majority: 3, mean: 3 };
    for (const rule of ['all', 'majority', 'mean'] as const) {
      const { operator, questionnaire } = await setup();
      const q = await questionnaire(
        learningDefinition({ 1: ['skills'], 2: ['satisfied'], 3: ['c1', 'c2', 'c3'] }, rule),
      );
      for (const a of answers) await q.answer(a);
      expect((await figures(operator))[3], rule).toMatchObject({
        agreed: expected[rule],
        respondents: 4,
      });
    }
  });

  test('standard 3 pools service users from two populations’ questionnaires', async () => {
    const { operator, questionnaire } = await setup();
    const learning = await questionnaire();
    const users = await questionnaire(
      learningDefinition({ 3: ['cope_u'], 4: ['family'] }, 'all', 'service_users'),
    );
    await learning.answer({ cope: 'agree' });
    await learning.answer({ cope: 'disagree' });
    await users.answer({ cope_u: 'strongly_agree', family: 'agree' });
    const all = await figures(operator);
    expect(all[3]).toMatchObject({
      agreed: 2,
      respondents: 3,
      nonRespondents: 0,
      percent: 66.7,
      met: false,
    });
    expect(all[4]).toMatchObject({ agreed: 1, respondents: 1, nonRespondents: 0 }); // the learning questionnaire does not measure 4
  });

  test('two versions of one questionnaire with different item mappings in the same year', async () => {
    const { operator, coordinator, questionnaire } = await setup();
    const v1 = await questionnaire(
      learningDefinition({ 1: ['skills'], 2: ['satisfied'], 3: ['cope'] }),
    );
    await v1.answer({ skills: 'agree', satisfied: 'agree', cope: 'agree' });
    // Version 2 maps `cope` to standard 4 and adds a new standard-3 item.
    const v2def = learningDefinition({
      1: ['skills'],
      2: ['satisfied'],
      3: ['handle'],
      4: ['cope'],
    });
    const id = v1.questionnaire.id;
    await answered(
      t.api(coordinator).questionnaires[':id'].versions.$post({
        param: { id },
        json: { definition: v2def },
      }),
      201,
    );
    const version2 = (as: Caller) => t.api(as).questionnaires[':id'].versions[':v'];
    await answered(version2(coordinator).submit.$post({ param: { id, v: '2' } }), 200);
    await answered(version2(swd).approve.$post({ param: { id, v: '2' }, json: {} }), 200);
    const act = await answered(
      t.api(coordinator).activities.$post({
        json: {
          unit: `${operator}-S`,
          kind: 'learning_programme_session',
          title: 'v2',
          date: '2026-07-01',
          questionnaires: [{ id, version: 2 }],
        },
      }),
      201,
    );
    await answered(
      t.api(coordinator).activities[':id'].responses.$post({
        param: { id: act.id },
        json: {
          id: crypto.randomUUID(),
          questionnaire: { id, version: 2 },
          locale: 'zh-HK',
          answers: { cope: 'disagree', handle: 'agree' },
          completedAt: '2026-07-01T10:00:00+08:00',
        },
      }),
      201,
    );
    const all = await figures(operator);
    expect(all[3]).toMatchObject({ agreed: 2, respondents: 2 }); // v1 cope + v2 handle
    expect(all[4]).toMatchObject({ agreed: 0, respondents: 1, nonRespondents: 0 }); // only v2 measures 4
  });

  test('23:59:59 on 31 March and 00:00:00 on 1 April (Hong Kong) land in different years', async () => {
    const { operator, questionnaire } = await setup();
    const q = await questionnaire();
    await q.answer({ skills: 'agree' }, '2026-03-31T23:59:59+08:00');
    await q.answer({ skills: 'disagree' }, '2026-03-31T16:00:00Z'); // = 2026-04-01 00:00:00 in Hong Kong
    expect((await figures(operator, 2025))[1]).toMatchObject({ agreed: 1, respondents: 1 });
    expect((await figures(operator, 2026))[1]).toMatchObject({ agreed: 0, respondents: 1 });
  });

  test('a voided response counts nowhere', async () => {
    const { operator, coordinator, questionnaire } = await setup();
    const q = await questionnaire();
    await q.answer({ skills: 'agree' });
    const voided = await q.answer({ skills: 'agree', satisfied: 'agree' });
    await q.answer({ comments: 'x' });
    await answered(voidResponse(coordinator, voided, 'Entered twice.'), 204);
    const all = await figures(operator);
    expect(all[1]).toMatchObject({ agreed: 1, respondents: 1, nonRespondents: 1 });
    expect(all[2]).toMatchObject({ agreed: 0, respondents: 0, nonRespondents: 2 });
  });

  test('the level in force for the year is used', async () => {
    const { operator, questionnaire } = await setup();
    const admin = await t.user('admin');
    const q = await questionnaire();
    await q.answer({ skills: 'agree' }, '2026-05-01T10:00:00+08:00');
    await answered(
      t.api(admin).programmes[':code'].standards[':number'].$patch({
        param: { code: 'SPEAR', number: '1' },
        json: { agreedPercent: 90, fromFiscalYear: 2027 },
      }),
      200,
    );
    expect((await figures(operator, 2026))[1]!.agreedPercent).toBe(85);
    expect((await figures(operator, 2027))[1]!.agreedPercent).toBe(90);
  });
});

describe('scope and access', () => {
  test('a coordinator is kept to its own operator; asking for another is 403', async () => {
    const { operator, coordinator } = await setup();
    const other = await setup();
    const own = await answered(outcomesOf(coordinator), 200);
    expect(own.operator).toBe(operator);
    await answered(outcomesOf(coordinator, { operator: other.operator }), 403);
    await answered(outcomesOf(coordinator, { unit: `${other.operator}-S` }), 403);
  });

  test('no query value widens a coordinator’s scope: empty, blank, repeated or re-cased', async () => {
    const own = await setup();
    const other = await setup();
    await (await own.questionnaire()).answer({ skills: 'agree' });
    await (await other.questionnaire()).answer({ skills: 'agree' });
    const paths = [
      '/outcomes',
      '/outcomes.csv',
      '/outcomes.xlsx',
      '/outcomes/quarters',
      '/outcomes/table',
      '/outcomes/breakdown',
    ];
    const refused = [
      'operator=',
      'operator=%20',
      'operator=%20%09',
      'operator',
      `operator=${other.operator}&operator=${own.operator}`,
      `operator=${own.operator}&operator=${other.operator}`,
      `operator=${own.operator}&operator=${own.operator}`,
      'unit=',
      'region=%20',
    ];
    // Raw query strings (a key without a value, a key given twice) and the file downloads: what
    // the typed client cannot send or read, so through t.call.
    for (const path of paths) {
      const base = `${path}?programme=SPEAR&fiscalYear=2026${path.endsWith('breakdown') ? '&standard=1' : ''}`;
      for (const extra of refused) {
        const res = await t.call('GET', `${base}&${extra}`, { as: own.coordinator });
        expect(res.status, `${path} ${extra}`).toBe(422);
        expect(res.body.error).toMatchObject({ code: 'invalid_request' });
        expect(res.text).not.toContain(other.operator);
      }
      // Another case of either code is another code: 403, and the scope is never anybody's but its own.
      for (const code of [other.operator.toLowerCase(), own.operator.toLowerCase()]) {
        const res = await t.call('GET', `${base}&operator=${code}`, { as: own.coordinator });
        expect(res.status, `${path} ${code}`).toBe(403);
      }
      const plain = await t.call('GET', base, { as: own.coordinator });
      expect(plain.status, path).toBe(200);
      expect(plain.text).not.toContain(other.operator);
    }
  });

  test('SWD: an empty or blank filter is 422, not "no filter"', async () => {
    const blanks: Partial<OutcomesQuery>[] = [
      { operator: '' },
      { unit: ' ' },
      { region: '' },
      { programme: '' },
      { fiscalYear: '' },
    ];
    for (const blank of blanks) {
      const refused = await answered(outcomesOf(swd, blank), 422);
      expect(refused.error.details!.length, JSON.stringify(blank)).toBeGreaterThan(0);
    }
  });

  test('unknown filter values and bad query values are 422', async () => {
    const unknown: Partial<OutcomesQuery>[] = [
      { programme: 'NOPE' },
      { operator: 'NOPE' },
      { region: 'Z' },
      { unit: 'NOPE' },
      { fiscalYear: 'twenty' },
    ];
    for (const query of unknown) await answered(outcomesOf(swd, query), 422);
    // No fiscal year at all: a query the types forbid.
    expect((await t.call('GET', '/outcomes?programme=SPEAR', { as: swd })).status).toBe(422);
  });

  test('SWD gets any scope: territory, region, unit', async () => {
    const { operator, questionnaire } = await setup();
    const q = await questionnaire();
    await q.answer({ skills: 'agree' });
    const byUnit = await answered(outcomesOf(swd, { unit: `${operator}-S` }), 200);
    expect(byUnit.standards[0]).toMatchObject({ agreed: 1, respondents: 1 });
    const region = await answered(outcomesOf(swd, { region: 'A' }), 200);
    const territory = await answered(outcomesOf(swd), 200);
    expect(region.standards[0]!.respondents).toBeGreaterThanOrEqual(1);
    expect(territory.standards[0]!.respondents).toBe(region.standards[0]!.respondents); // test units are all in region A
    expect(territory).toMatchObject({
      programme: 'SPEAR',
      fiscalYear: '2026-27',
      from: '2026-04-01',
      to: '2027-03-31',
      operator: null,
      unit: null,
      region: null,
    });
  });
});

describe('views and files', () => {
  test('outcomes.csv: BOM, one header row, one row per standard of each scope, same numbers', async () => {
    const { operator, questionnaire } = await setup();
    const q = await questionnaire();
    for (let i = 0; i < 3; i++) await q.answer({ skills: i < 2 ? 'agree' : 'disagree' });
    const res = await t.app.request(
      `/api/v1/outcomes.csv?programme=SPEAR&fiscalYear=2026&operator=${operator}`,
      { headers: { cookie: swd.cookie! } },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'programme,fiscalYear,operator,unit,region,standard,agreedPercent,agreed,respondents,nonRespondents,percent,met,intervalLow,intervalHigh,verdict',
    );
    // The operator's five standards, then its one unit's (rows.ts); this said 6 before the
    // unit rows were added.
    expect(lines).toHaveLength(11);
    // The contract's columns as before, then Wilson's 2 of 3 (20.8-93.9) and its verdict.
    expect(lines[1]).toBe(
      `SPEAR,2026-27,${operator},,,1,85,2,3,0,66.7,false,20.8,93.9,too_few_to_tell`,
    );
    expect(lines[5]).toBe(`SPEAR,2026-27,${operator},,,5,75,0,0,0,,,,,`);
  });

  test('quarters, the operators table and the per-item breakdown agree with the figures', async () => {
    const { operator, coordinator, questionnaire } = await setup();
    const q = await questionnaire(
      learningDefinition({ 1: ['skills'], 2: ['satisfied'], 3: ['c1', 'c2'] }),
    );
    await q.answer({ skills: 'agree', c1: 'agree', c2: 'no_opinion' }, '2026-05-01T10:00:00+08:00');
    await q.answer({ skills: 'disagree', c1: 'agree' }, '2026-08-01T10:00:00+08:00');
    const quarters = await answered(
      t.api(swd).outcomes.quarters.$get({
        query: { programme: 'SPEAR', fiscalYear: '2026', operator },
      }),
      200,
    );
    expect(quarters.items.map((x) => x.standards[0]!.respondents)).toEqual([1, 1, 0, 0]);
    expect(quarters.items.map((x) => x.cumulative[0]!.respondents)).toEqual([1, 2, 2, 2]);
    const table = await answered(territoryTable(), 200);
    const row = table.operators.find((o) => o.code === operator)!;
    expect(row.standards[0]).toMatchObject({ agreed: 1, respondents: 2 });
    expect(table.regions.map((r) => r.code)).toEqual(['A', 'B', 'C', 'D', 'E']);
    // As the coordinator: every count (SWD's cut is in breakdown.test.ts).
    const breakdown = await answered(
      t.api(coordinator).outcomes.breakdown.$get({
        query: { programme: 'SPEAR', fiscalYear: '2026', operator, standard: '3' },
      }),
      200,
    );
    expect(
      breakdown.items.map((i) => [i.name, i.answers!.agree, i.answers!.no_opinion, i.blank]),
    ).toEqual([
      ['c1', 2, 0, 0],
      ['c2', 0, 1, 1],
    ]);
    expect(JSON.stringify(breakdown)).not.toContain('comments');
  });

  test('rebuilding every verdict from the answers gives identical figures', async () => {
    const { coordinator, questionnaire } = await setup();
    const q = await questionnaire(
      learningDefinition({ 1: ['skills'], 2: ['satisfied'], 3: ['c1', 'c2'] }, 'mean'),
    );
    await q.answer({ skills: 'agree', c1: 'strongly_agree', c2: 'no_opinion' });
    await q.answer({ satisfied: 'disagree' });
    const voided = await q.answer({ skills: 'agree' });
    await answered(voidResponse(coordinator, voided, 'x'), 204);
    const territory = () => answered(territoryTable(), 200);
    const before = await territory();
    await recomputeOutcomes(t.db);
    expect(await territory()).toEqual(before);
  });
});

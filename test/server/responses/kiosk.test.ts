import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { MAX_BODY_BYTES } from '../../../server/app.ts';
import type { ResponseSubmission } from '../../../server/responses/service.ts';
import { answered, testApp, type Caller, type TestApp } from '../../support/app.ts';
import { activity, approvedQuestionnaire, kiosk } from '../../support/factories.ts';

let t: TestApp;
let operator: string;
let coordinator: Caller;
let stranger: Caller;
let swd: Caller;
let questionnaire: { id: string; version: number };
let activityId: string;
let code: string;

beforeAll(async () => {
  t = await testApp();
  operator = await t.operator();
  coordinator = await t.user('coordinator', operator);
  stranger = await t.user('coordinator', await t.operator());
  swd = await t.user('swd');
  questionnaire = await approvedQuestionnaire(t, coordinator, swd);
  activityId = await activity(t, coordinator, operator, [questionnaire]);
  code = await kiosk(t, coordinator, activityId);
});

const now = () => new Date().toISOString();
const response = (overrides: Partial<ResponseSubmission> = {}): ResponseSubmission => ({
  id: randomUUID(),
  questionnaire,
  locale: 'zh-HK',
  answers: {
    cope: 'agree',
    cope_more: 'no_opinion',
    family: 'strongly_agree',
    joined: 'referral',
    heard: ['friend'],
    comments: '很好',
  },
  completedAt: now(),
  ...overrides,
});
// The kiosk route describes its body without declaring it to the typed client (a submission
// that does not fit is quarantined, not refused at the edge), so it is sent through t.call.
const submit = (body: ResponseSubmission, kioskCode = code) =>
  t.call('POST', `/kiosk/${kioskCode}/responses`, { body });
const openKiosk = (kioskCode: string) =>
  t.api().kiosk[':code'].$get({ param: { code: kioskCode } });
const closeKiosk = (kioskCode: string, as = coordinator) =>
  t.api(as).kiosk[':code'].close.$post({ param: { code: kioskCode } });
const activityOf = (as: Caller) => t.api(as).activities[':id'];
const paper = (id: string, json: ResponseSubmission, as = coordinator) =>
  activityOf(as).responses.$post({ param: { id }, json });
const responsesOf = (id: string, as = coordinator) =>
  activityOf(as).responses.$get({ param: { id } });
const quarantineOf = (id: string, as = coordinator) =>
  activityOf(as).quarantine.$get({ param: { id }, query: {} });
const accept = (id: string, as = coordinator) =>
  t.api(as).quarantine[':id'].accept.$post({ param: { id } });
const voidResponse = (id: string, reason: string, as = coordinator) =>
  t.api(as).responses[':id'].void.$post({ param: { id }, json: { reason } });
const newActivity = (
  as: Caller,
  json: {
    unit?: string;
    kind: string;
    title?: string;
    questionnaires: ResponseSubmission['questionnaire'][];
  },
) =>
  t.api(as).activities.$post({
    json: { unit: `${operator}-S`, title: 'x', date: '2026-05-14', ...json },
  });

describe('the kiosk', () => {
  test('opens without signing in, with the approved definition, the offered languages and the server time', async () => {
    const res = await openKiosk(code);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const opened = await answered(res, 200);
    expect(opened.activity).toEqual({ title: 'Family support group', date: '2026-05-14' });
    expect(opened.questionnaires).toHaveLength(1);
    expect(opened.questionnaires[0]).toMatchObject({
      id: questionnaire.id,
      version: 1,
      locales: ['zh-HK', 'en'],
    });
    expect(Math.abs(Date.parse(opened.serverTime) - Date.now())).toBeLessThan(60_000);
  });

  test('a code carries at least 60 random bits and is stored only as its SHA-256', async () => {
    expect(code).toMatch(/^[A-Za-z0-9_-]{22}$/); // 16 random bytes
    const rows = await t.db.selectFrom('kiosks').select('code_hash').execute();
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.code_hash) && r.code_hash !== code)).toBe(
      true,
    );
  });

  test('a guessed code is 404 and stores nothing', async () => {
    await answered(openKiosk('AAAAAAAAAAAAAAAAAAAAAA'), 404);
    const res = await submit(response(), 'AAAAAAAAAAAAAAAAAAAAAA');
    expect(res.status).toBe(404);
    expect(res.body.error.quarantined).toBeUndefined();
  });

  test('closing early: the kiosk answers 410; only its coordinator may close it', async () => {
    const other = await kiosk(t, coordinator, activityId);
    await answered(closeKiosk(other, stranger), 404);
    await answered(closeKiosk(other), 204);
    await answered(openKiosk(other), 410);
  });

  test('an expired kiosk is closed', async () => {
    const other = await kiosk(t, coordinator, activityId, 1);
    await t.db
      .updateTable('kiosks')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('closed_at', 'is', null)
      .where('expires_at', '<', new Date(Date.now() + 120_000))
      .execute();
    await answered(openKiosk(other), 410);
  });

  test('opening a kiosk for another operator’s activity is 404; minutes are bounded', async () => {
    const open = (as: Caller, json: { minutes?: number }) =>
      activityOf(as).kiosk.$post({ param: { id: activityId }, json });
    await answered(open(stranger, {}), 404);
    await answered(open(coordinator, { minutes: 10_081 }), 422);
  });
});

describe('the response contract', () => {
  test('201 new, 200 for the same body again (key order aside), nothing stored twice', async () => {
    const body = response();
    expect((await submit(body)).status).toBe(201);
    const { completedAt, answers, locale, questionnaire, id } = body;
    const again = await submit({ completedAt, answers, locale, questionnaire, id });
    expect(again.status).toBe(200);
    const count = await t.db
      .selectFrom('responses')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('id', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  test('409 for the same id with a different body, quarantined', async () => {
    const body = response();
    await submit(body);
    const res = await submit({ ...body, answers: { cope: 'disagree' } });
    expect(res.status).toBe(409);
    expect(res.body.error.quarantined).toBe(true);
  });

  test('409 for the same id in another activity', async () => {
    const otherActivity = await activity(t, coordinator, operator, [questionnaire]);
    const otherCode = await kiosk(t, coordinator, otherActivity);
    const body = response();
    await submit(body);
    expect((await submit(body, otherCode)).status).toBe(409);
  });

  test('422 for answers that do not fit, every problem listed, and quarantined', async () => {
    const res = await submit(
      response({ answers: { cope: 'maybe', nothing: 'x', heard: 'friend', joined: 'elsewhere' } }),
    );
    expect(res.status).toBe(422);
    expect(res.body.error.quarantined).toBe(true);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'answers.cope',
      'answers.heard',
      'answers.joined',
      'answers.nothing',
    ]);
    // Each names its rule and question, for the coordinator's pages to say in their language.
    const rules = Object.fromEntries(
      res.body.error.details.map((d: { path: string; rule: string; params: object }) => [
        d.path,
        { rule: d.rule, params: d.params },
      ]),
    );
    expect(rules['answers.cope']).toEqual({ rule: 'notOffered', params: { question: 'cope' } });
    expect(rules['answers.nothing']).toEqual({
      rule: 'noSuchQuestion',
      params: { question: 'nothing' },
    });
    expect(rules['answers.heard'].rule).toBe('notAList');
  });

  test('blanks are always allowed: skipping every question is a response', async () => {
    expect((await submit(response({ answers: {} }))).status).toBe(201);
    expect(
      (await submit(response({ answers: { cope: null, comments: '', heard: [] } }))).status,
    ).toBe(201);
  });

  test('422 for a completedAt more than 5 minutes ahead, a bad instant, a locale not offered, a malformed body', async () => {
    expect(
      (await submit(response({ completedAt: new Date(Date.now() + 6 * 60_000).toISOString() })))
        .status,
    ).toBe(422);
    expect((await submit(response({ completedAt: '2026-05-14 11:02' }))).status).toBe(422);
    expect((await submit(response({ locale: 'ur' }))).status).toBe(422);
    // Untyped on purpose: a body that is not a submission at all.
    expect((await t.call('POST', `/kiosk/${code}/responses`, { body: [1, 2, 3] })).status).toBe(
      422,
    );
    expect((await submit(response({ id: 'not-a-uuid' }))).status).toBe(422);
  });

  test('422 for a version the activity does not use, or one that is not approved', async () => {
    const approved = await answered(
      t.api(coordinator).questionnaires[':id'].versions[':v'].$get({
        param: { id: questionnaire.id, v: '1' },
      }),
      200,
    );
    const draft = await answered(
      t.api(coordinator).questionnaires.$post({ json: { definition: approved.definition } }),
      201,
    );
    expect((await submit(response({ questionnaire: { id: draft.id, version: 1 } }))).status).toBe(
      422,
    );
    expect(
      (await submit(response({ questionnaire: { id: questionnaire.id, version: 2 } }))).status,
    ).toBe(422);
    await answered(
      newActivity(coordinator, {
        kind: 'support_activity',
        questionnaires: [{ id: draft.id, version: 1 }],
      }),
      422,
    );
  });

  test('a body over the size limit is 413 and stores nothing', async () => {
    const res = await t.call('POST', `/kiosk/${code}/responses`, {
      rawBody: JSON.stringify(response({ answers: { comments: 'x'.repeat(MAX_BODY_BYTES) } })),
    });
    expect(res.status).toBe(413);
  });

  test('unreadable JSON is 400', async () => {
    expect((await t.call('POST', `/kiosk/${code}/responses`, { rawBody: '{"id":' })).status).toBe(
      400,
    );
  });

  test('no body, or a body that is not JSON, is 400 and not quarantined', async () => {
    const before = await t.db.selectFrom('quarantine').select('id').execute();
    const empty = await t.call('POST', `/kiosk/${code}/responses`, { rawBody: '' });
    const text = await t.app.request(`/api/v1/kiosk/${code}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify(response()),
    });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('bad_request');
    expect(text.status).toBe(400);
    expect(await t.db.selectFrom('quarantine').select('id').execute()).toHaveLength(before.length);
  });
});

describe('a kiosk closed while a tablet was offline', () => {
  test('accepts for 7 days responses completed while it was open; refuses later ones with 410', async () => {
    const activityId2 = await activity(t, coordinator, operator, [questionnaire]);
    const code2 = await kiosk(t, coordinator, activityId2);
    const completedWhileOpen = now();
    await answered(closeKiosk(code2), 204);
    expect((await submit(response({ completedAt: completedWhileOpen }), code2)).status).toBe(201);
    const late = await submit(
      response({ completedAt: new Date(Date.now() + 6 * 60_000 - 1000).toISOString() }),
      code2,
    );
    expect([410, 422]).toContain(late.status);
    // Eight days after closing, even a response completed while open is refused.
    await t.db
      .updateTable('kiosks')
      .set({ closed_at: new Date(Date.now() - 8 * 24 * 3600_000) })
      .where('activity_id', '=', activityId2)
      .execute();
    await t.db
      .updateTable('kiosks')
      .set({ expires_at: new Date(Date.now() - 7 * 24 * 3600_000) })
      .where('activity_id', '=', activityId2)
      .execute();
    const old = new Date(Date.now() - 8 * 24 * 3600_000 - 60_000).toISOString();
    const refused = await submit(response({ completedAt: old }), code2);
    expect(refused.status).toBe(410);
    expect(refused.body.error).toMatchObject({ code: 'kiosk_closed', quarantined: true });
  });

  test('a retired version still takes responses completed before it was retired', async () => {
    const q = await approvedQuestionnaire(t, coordinator, swd);
    const a = await activity(t, coordinator, operator, [q]);
    const c = await kiosk(t, coordinator, a);
    const before = response({ questionnaire: q, completedAt: now() });
    await new Promise((r) => setTimeout(r, 20));
    await answered(
      t.api(coordinator).questionnaires[':id'].versions[':v'].retire.$post({
        param: { id: q.id, v: '1' },
      }),
      200,
    );
    expect((await submit(before, c)).status).toBe(201);
    await new Promise((r) => setTimeout(r, 20));
    expect((await submit(response({ questionnaire: q, completedAt: now() }), c)).status).toBe(422);
  });
});

describe('quarantine', () => {
  test('the coordinator reviews refused submissions and accepts or discards them, nothing lost silently', async () => {
    const a = await activity(t, coordinator, operator, [questionnaire]);
    const c = await kiosk(t, coordinator, a);
    await answered(closeKiosk(c), 204);
    // Completed well before the kiosk opened: refused with 410 and kept.
    const body = response({ completedAt: new Date(Date.now() - 3600_000).toISOString() });
    expect((await submit(body, c)).status).toBe(410);
    expect((await submit(body, c)).status).toBe(410); // the tablet retries: kept once
    const bad = response({ answers: { cope: 'maybe' } });
    expect((await submit(bad, c)).status).toBe(422);
    const list = await answered(quarantineOf(a), 200);
    expect(list.items).toHaveLength(2);
    await answered(quarantineOf(a, stranger), 404);
    const entry = list.items.find((e) => e.responseId === body.id)!;
    const badEntry = list.items.find((e) => e.responseId === bad.id)!;
    await answered(accept(entry.id, stranger), 404);
    await answered(accept(entry.id), 200);
    await answered(accept(entry.id), 409);
    await answered(accept(badEntry.id), 422);
    await answered(
      t.api(coordinator).quarantine[':id'].discard.$post({
        param: { id: badEntry.id },
        json: { reason: 'Test entry from training.' },
      }),
      204,
    );
    const responses = await answered(responsesOf(a), 200);
    expect(responses.items.map((r) => [r.id, r.source])).toEqual([[body.id, 'quarantine']]);
  });
});

describe('paper entry, voiding and who sees responses', () => {
  test('a coordinator types in a paper form with the session date; SWD and other operators see no responses', async () => {
    const a = await activity(t, coordinator, operator, [questionnaire]);
    const body = response({ completedAt: '2026-05-14T12:00:00+08:00' });
    await answered(paper(a, body), 201);
    await answered(paper(a, body), 200);
    await answered(paper(a, response(), stranger), 404);
    await answered(responsesOf(a, swd), 403);
    await answered(responsesOf(a, stranger), 404);
    const list = await answered(responsesOf(a), 200);
    expect(list.items).toEqual([
      expect.objectContaining({
        id: body.id,
        source: 'paper',
        voided: false,
        answers: body.answers,
      }),
    ]);
  });

  test('voiding is audited, once, by the operator’s coordinator only; a repeat of a voided response is 200', async () => {
    const body = response();
    await submit(body);
    await answered(voidResponse(body.id, 'x', stranger), 404);
    await answered(voidResponse(body.id, 'Filled in by staff by mistake.'), 204);
    await answered(voidResponse(body.id, 'again'), 409);
    expect((await submit(body)).status).toBe(200);
  });
});

describe('activities', () => {
  test('kind must be one of the programme’s, and its populations must fit the questionnaires', async () => {
    await answered(
      newActivity(coordinator, {
        kind: 'education_activity',
        title: 'Talk',
        questionnaires: [questionnaire],
      }),
      422,
    );
    await answered(
      newActivity(coordinator, { kind: 'party', title: 'Talk', questionnaires: [] }),
      422,
    );
    await answered(newActivity(stranger, { kind: 'support_activity', questionnaires: [] }), 422);
    const listed = await answered(t.api(coordinator).activities.$get(), 200);
    expect(listed.items.length).toBeGreaterThan(0);
    expect((await answered(t.api(stranger).activities.$get(), 200)).items).toEqual([]);
  });
});

import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { MAX_BODY_BYTES } from '../../../server/app.ts';
import { testApp, type Caller, type TestApp } from '../../support/app.ts';
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
const response = (overrides: Record<string, unknown> = {}) => ({
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
const submit = (body: unknown, kioskCode = code) =>
  t.call('POST', `/kiosk/${kioskCode}/responses`, { body });

describe('the kiosk', () => {
  test('opens without signing in, with the approved definition, the offered languages and the server time', async () => {
    const res = await t.call('GET', `/kiosk/${code}`);
    expect(res.status).toBe(200);
    expect(res.body.activity).toEqual({ title: 'Family support group', date: '2026-05-14' });
    expect(res.body.questionnaires).toHaveLength(1);
    expect(res.body.questionnaires[0]).toMatchObject({
      id: questionnaire.id,
      version: 1,
      locales: ['zh-HK', 'en'],
    });
    expect(Math.abs(Date.parse(res.body.serverTime) - Date.now())).toBeLessThan(60_000);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  test('a code carries at least 60 random bits and is stored only as its SHA-256', async () => {
    expect(code).toMatch(/^[A-Za-z0-9_-]{22}$/); // 16 random bytes
    const rows = await t.db.selectFrom('kiosks').select('code_hash').execute();
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.code_hash) && r.code_hash !== code)).toBe(
      true,
    );
  });

  test('a guessed code is 404 and stores nothing', async () => {
    expect((await t.call('GET', '/kiosk/AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    const res = await submit(response(), 'AAAAAAAAAAAAAAAAAAAAAA');
    expect(res.status).toBe(404);
    expect(res.body.error.quarantined).toBeUndefined();
  });

  test('closing early: the kiosk answers 410; only its coordinator may close it', async () => {
    const other = await kiosk(t, coordinator, activityId);
    expect((await t.call('POST', `/kiosk/${other}/close`, { as: stranger })).status).toBe(404);
    expect((await t.call('POST', `/kiosk/${other}/close`, { as: coordinator })).status).toBe(204);
    expect((await t.call('GET', `/kiosk/${other}`)).status).toBe(410);
  });

  test('an expired kiosk is closed', async () => {
    const other = await kiosk(t, coordinator, activityId, 1);
    await t.db
      .updateTable('kiosks')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('closed_at', 'is', null)
      .where('expires_at', '<', new Date(Date.now() + 120_000))
      .execute();
    expect((await t.call('GET', `/kiosk/${other}`)).status).toBe(410);
  });

  test('opening a kiosk for another operator’s activity is 404; minutes are bounded', async () => {
    expect(
      (await t.call('POST', `/activities/${activityId}/kiosk`, { as: stranger, body: {} })).status,
    ).toBe(404);
    expect(
      (
        await t.call('POST', `/activities/${activityId}/kiosk`, {
          as: coordinator,
          body: { minutes: 10_081 },
        })
      ).status,
    ).toBe(422);
  });
});

describe('the response contract', () => {
  test('201 new, 200 for the same body again (key order aside), nothing stored twice', async () => {
    const body = response();
    expect((await submit(body)).status).toBe(201);
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const again = await submit(reordered);
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
    expect((await submit([1, 2, 3])).status).toBe(422);
    expect((await submit(response({ id: 'not-a-uuid' }))).status).toBe(422);
  });

  test('422 for a version the activity does not use, or one that is not approved', async () => {
    const draft = await t.call('POST', '/questionnaires', {
      as: coordinator,
      body: {
        definition: (
          await t.call('GET', `/questionnaires/${questionnaire.id}/versions/1`, { as: coordinator })
        ).body.definition,
      },
    });
    expect(
      (await submit(response({ questionnaire: { id: draft.body.id, version: 1 } }))).status,
    ).toBe(422);
    expect(
      (await submit(response({ questionnaire: { id: questionnaire.id, version: 2 } }))).status,
    ).toBe(422);
    const activityWithDraft = await t.call('POST', '/activities', {
      as: coordinator,
      body: {
        unit: `${operator}-S`,
        kind: 'support_activity',
        title: 'x',
        date: '2026-05-14',
        questionnaires: [{ id: draft.body.id, version: 1 }],
      },
    });
    expect(activityWithDraft.status).toBe(422);
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
    await t.call('POST', `/kiosk/${code2}/close`, { as: coordinator });
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
    expect(
      (await t.call('POST', `/questionnaires/${q.id}/versions/1/retire`, { as: coordinator }))
        .status,
    ).toBe(200);
    expect((await submit(before, c)).status).toBe(201);
    await new Promise((r) => setTimeout(r, 20));
    expect((await submit(response({ questionnaire: q, completedAt: now() }), c)).status).toBe(422);
  });
});

describe('quarantine', () => {
  test('the coordinator reviews refused submissions and accepts or discards them, nothing lost silently', async () => {
    const a = await activity(t, coordinator, operator, [questionnaire]);
    const c = await kiosk(t, coordinator, a);
    await t.call('POST', `/kiosk/${c}/close`, { as: coordinator });
    // Completed well before the kiosk opened: refused with 410 and kept.
    const body = response({ completedAt: new Date(Date.now() - 3600_000).toISOString() });
    expect((await submit(body, c)).status).toBe(410);
    expect((await submit(body, c)).status).toBe(410); // the tablet retries: kept once
    const bad = response({ answers: { cope: 'maybe' } });
    expect((await submit(bad, c)).status).toBe(422);
    const list = await t.call('GET', `/activities/${a}/quarantine`, { as: coordinator });
    expect(list.body.items).toHaveLength(2);
    expect((await t.call('GET', `/activities/${a}/quarantine`, { as: stranger })).status).toBe(404);
    const entry = list.body.items.find((e: { responseId: string }) => e.responseId === body.id);
    const badEntry = list.body.items.find((e: { responseId: string }) => e.responseId === bad.id);
    expect((await t.call('POST', `/quarantine/${entry.id}/accept`, { as: stranger })).status).toBe(
      404,
    );
    const accepted = await t.call('POST', `/quarantine/${entry.id}/accept`, { as: coordinator });
    expect(accepted.status, accepted.text).toBe(200);
    expect(
      (await t.call('POST', `/quarantine/${entry.id}/accept`, { as: coordinator })).status,
    ).toBe(409);
    expect(
      (await t.call('POST', `/quarantine/${badEntry.id}/accept`, { as: coordinator })).status,
    ).toBe(422);
    expect(
      (
        await t.call('POST', `/quarantine/${badEntry.id}/discard`, {
          as: coordinator,
          body: { reason: 'Test entry from training.' },
        })
      ).status,
    ).toBe(204);
    const responses = await t.call('GET', `/activities/${a}/responses`, { as: coordinator });
    expect(
      responses.body.items.map((r: { id: string; source: string }) => [r.id, r.source]),
    ).toEqual([[body.id, 'quarantine']]);
  });
});

describe('paper entry, voiding and who sees responses', () => {
  test('a coordinator types in a paper form with the session date; SWD and other operators see no responses', async () => {
    const a = await activity(t, coordinator, operator, [questionnaire]);
    const body = response({ completedAt: '2026-05-14T12:00:00+08:00' });
    expect(
      (await t.call('POST', `/activities/${a}/responses`, { as: coordinator, body })).status,
    ).toBe(201);
    expect(
      (await t.call('POST', `/activities/${a}/responses`, { as: coordinator, body })).status,
    ).toBe(200);
    expect(
      (await t.call('POST', `/activities/${a}/responses`, { as: stranger, body: response() }))
        .status,
    ).toBe(404);
    expect((await t.call('GET', `/activities/${a}/responses`, { as: swd })).status).toBe(403);
    expect((await t.call('GET', `/activities/${a}/responses`, { as: stranger })).status).toBe(404);
    const list = await t.call('GET', `/activities/${a}/responses`, { as: coordinator });
    expect(list.body.items).toEqual([
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
    expect(
      (await t.call('POST', `/responses/${body.id}/void`, { as: stranger, body: { reason: 'x' } }))
        .status,
    ).toBe(404);
    expect(
      (
        await t.call('POST', `/responses/${body.id}/void`, {
          as: coordinator,
          body: { reason: 'Filled in by staff by mistake.' },
        })
      ).status,
    ).toBe(204);
    expect(
      (
        await t.call('POST', `/responses/${body.id}/void`, {
          as: coordinator,
          body: { reason: 'again' },
        })
      ).status,
    ).toBe(409);
    expect((await submit(body)).status).toBe(200);
  });
});

describe('activities', () => {
  test('kind must be one of the programme’s, and its populations must fit the questionnaires', async () => {
    const res = await t.call('POST', '/activities', {
      as: coordinator,
      body: {
        unit: `${operator}-S`,
        kind: 'education_activity',
        title: 'Talk',
        date: '2026-05-14',
        questionnaires: [questionnaire],
      },
    });
    expect(res.status).toBe(422);
    const unknownKind = await t.call('POST', '/activities', {
      as: coordinator,
      body: {
        unit: `${operator}-S`,
        kind: 'party',
        title: 'Talk',
        date: '2026-05-14',
        questionnaires: [],
      },
    });
    expect(unknownKind.status).toBe(422);
    const otherUnit = await t.call('POST', '/activities', {
      as: stranger,
      body: {
        unit: `${operator}-S`,
        kind: 'support_activity',
        title: 'x',
        date: '2026-05-14',
        questionnaires: [],
      },
    });
    expect(otherUnit.status).toBe(422);
    const listed = await t.call('GET', '/activities', { as: coordinator });
    expect(listed.body.items.length).toBeGreaterThan(0);
    expect((await t.call('GET', '/activities', { as: stranger })).body.items).toEqual([]);
  });
});

import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import type { ResponseSubmission } from '../../../server/responses/service.ts';
import { answered, testApp, type Caller, type TestApp } from '../../support/app.ts';
import {
  activity,
  approvedQuestionnaire,
  kiosk,
  serviceUsersDefinition,
} from '../../support/factories.ts';

let t: TestApp;
let admin: Caller;
let swd: Caller;
let mine: string;
let theirs: string;
let coordinator: Caller;
let other: Caller;
let approved: { id: string; version: number };
let rejected: string;
let waiting: string;
let theirWaiting: string;
let activityId: string;
let theirActivity: string;

/** Creates and submits a questionnaire titled `title`; returns its id. */
async function submitted(as: Caller, title: string) {
  const definition = serviceUsersDefinition();
  definition.survey.title = { 'zh-HK': `${title}（中）`, en: title };
  const { id } = await answered(t.api(as).questionnaires.$post({ json: { definition } }), 201);
  await answered(
    t.api(as).questionnaires[':id'].versions[':v'].submit.$post({ param: { id, v: '1' } }),
    200,
  );
  return id;
}

/** A kiosk submission the server refuses (an answer the question does not offer). */
async function refused(code: string, questionnaire: { id: string; version: number }) {
  // The kiosk route does not declare its body to the typed client: sent through t.call.
  const res = await t.call('POST', `/kiosk/${code}/responses`, {
    body: {
      id: randomUUID(),
      questionnaire,
      locale: 'zh-HK',
      answers: { cope: 'maybe' },
      completedAt: new Date().toISOString(),
    } satisfies ResponseSubmission,
  });
  expect(res.body.error.quarantined).toBe(true);
}

const home = (as: Caller) => t.api(as).home.$get();

beforeAll(async () => {
  t = await testApp();
  admin = await t.user('admin');
  swd = await t.user('swd');
  mine = await t.operator();
  theirs = await t.operator();
  coordinator = await t.user('coordinator', mine);
  other = await t.user('coordinator', theirs);

  approved = await approvedQuestionnaire(t, coordinator, swd);
  rejected = await submitted(coordinator, 'Rejected one');
  await answered(
    t.api(swd).questionnaires[':id'].versions[':v'].reject.$post({
      param: { id: rejected, v: '1' },
      json: { reason: 'Item 2 repeats item 1.' },
    }),
    200,
  );
  waiting = await submitted(coordinator, 'Waiting one');
  theirWaiting = await submitted(other, 'Their waiting one');

  activityId = await activity(t, coordinator, mine, [approved]);
  const code = await kiosk(t, coordinator, activityId);
  // Two refused submissions (an answer the question does not offer): quarantined.
  for (let i = 0; i < 2; i++) await refused(code, approved);
  const theirApproved = await approvedQuestionnaire(t, other, swd);
  theirActivity = await activity(t, other, theirs, [theirApproved]);
  await kiosk(t, other, theirActivity);
});

describe('GET /home', () => {
  test('SWD: every operator’s versions waiting for review, oldest first, and nothing else', async () => {
    const body = await answered(home(swd), 200);
    expect(Object.keys(body)).toEqual(['reviews']);
    expect(body.reviews).toEqual([
      {
        questionnaire: waiting,
        version: 1,
        title: { 'zh-HK': 'Waiting one（中）', en: 'Waiting one' },
        operator: { code: mine, name: { en: `Operator ${mine}`, 'zh-HK': `機構 ${mine}` } },
        submittedAt: expect.any(String),
      },
      expect.objectContaining({
        questionnaire: theirWaiting,
        operator: expect.objectContaining({ code: theirs }),
      }),
    ]);
  });

  test('coordinator: its operator’s decisions with reasons, quarantine per activity, open kiosks', async () => {
    const body = await answered(home(coordinator), 200);
    expect(body.decisions).toEqual([
      {
        questionnaire: rejected,
        version: 1,
        title: { 'zh-HK': 'Rejected one（中）', en: 'Rejected one' },
        decision: 'rejected',
        reason: 'Item 2 repeats item 1.',
        decidedAt: expect.any(String),
      },
      expect.objectContaining({ questionnaire: approved.id, decision: 'approved', reason: null }),
    ]);
    expect(body.quarantine).toEqual([
      { activity: activityId, title: 'Family support group', date: '2026-05-14', waiting: 2 },
    ]);
    expect(body.kiosks).toEqual([
      {
        id: expect.any(String),
        activity: activityId,
        title: 'Family support group',
        date: '2026-05-14',
        expiresAt: expect.any(String),
      },
    ]);
    expect(Date.parse(body.kiosks![0]!.expiresAt)).toBeGreaterThan(Date.now());
    expect(body).not.toHaveProperty('reviews');
    expect(body).not.toHaveProperty('passwordResets');
  });

  test('a coordinator never sees another operator’s items', async () => {
    const body = await answered(home(other), 200);
    const text = JSON.stringify(body);
    for (const id of [mine, approved.id, rejected, waiting, activityId])
      expect(text).not.toContain(id);
    expect(body.quarantine).toEqual([]);
    expect(body.kiosks!.map((k) => k.activity)).toEqual([theirActivity]);
    expect(body.decisions!.map((d) => d.decision)).toEqual(['approved']);
  });

  test('closed kiosks and decided quarantine no longer wait', async () => {
    const fresh = await t.operator();
    const coord = await t.user('coordinator', fresh);
    const q = await approvedQuestionnaire(t, coord, swd);
    const id = await activity(t, coord, fresh, [q]);
    const code = await kiosk(t, coord, id);
    await refused(code, q);
    let body = await answered(home(coord), 200);
    expect([body.quarantine!.length, body.kiosks!.length]).toEqual([1, 1]);
    const quarantine = await answered(
      t.api(coord).activities[':id'].quarantine.$get({ param: { id }, query: {} }),
      200,
    );
    await answered(
      t.api(coord).quarantine[':id'].discard.$post({
        param: { id: quarantine.items[0]!.id },
        json: { reason: 'x' },
      }),
      204,
    );
    await answered(t.api(coord).kiosk[':code'].close.$post({ param: { code } }), 204);
    body = await answered(home(coord), 200);
    expect([body.quarantine, body.kiosks]).toEqual([[], []]);
  });

  test('admin: users who must change a reset password, and the last audit check', async () => {
    expect(await answered(home(admin), 200)).toEqual({ passwordResets: [], auditCheck: null });

    await answered(
      t.api(admin).users[':id'].password.$post({
        param: { id: other.user!.id },
        json: { password: 'a one-time password' },
      }),
      200,
    );
    const verified = await answered(t.api(admin).audit.verification.$post(), 200);

    const body = await answered(home(admin), 200);
    expect(body.passwordResets).toEqual([
      { id: other.user!.id, email: other.email, role: 'coordinator', operator: theirs },
    ]);
    expect(body.auditCheck).toEqual({
      at: expect.any(String),
      entries: verified.entries,
      broken: null,
    });
  });

  test('is in the OpenAPI document', async () => {
    // The document is served beside the typed routes, not as one of them.
    const doc = (await t.call('GET', '/openapi.json')).body;
    expect(doc.paths['/home'].get['x-access']).toEqual({
      roles: ['admin', 'swd', 'coordinator'],
      tenancy: 'operator',
    });
    expect(doc.components.schemas.Home.properties).toHaveProperty('decisions');
  });
});

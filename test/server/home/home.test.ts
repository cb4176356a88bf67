import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { testApp, type Caller, type TestApp } from '../../support/app.ts';
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
  const created = await t.call('POST', '/questionnaires', { as, body: { definition } });
  expect(created.status, created.text).toBe(201);
  const res = await t.call('POST', `/questionnaires/${created.body.id}/versions/1/submit`, { as });
  expect(res.status, res.text).toBe(200);
  return created.body.id as string;
}

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
  const rejection = await t.call('POST', `/questionnaires/${rejected}/versions/1/reject`, {
    as: swd,
    body: { reason: 'Item 2 repeats item 1.' },
  });
  expect(rejection.status, rejection.text).toBe(200);
  waiting = await submitted(coordinator, 'Waiting one');
  theirWaiting = await submitted(other, 'Their waiting one');

  activityId = await activity(t, coordinator, mine, [approved]);
  const code = await kiosk(t, coordinator, activityId);
  // Two refused submissions (an answer the question does not offer): quarantined.
  for (let i = 0; i < 2; i++) {
    const res = await t.call('POST', `/kiosk/${code}/responses`, {
      body: {
        id: randomUUID(),
        questionnaire: approved,
        locale: 'zh-HK',
        answers: { cope: 'maybe' },
        completedAt: new Date().toISOString(),
      },
    });
    expect(res.body.error.quarantined).toBe(true);
  }
  const theirApproved = await approvedQuestionnaire(t, other, swd);
  theirActivity = await activity(t, other, theirs, [theirApproved]);
  await kiosk(t, other, theirActivity);
});

describe('GET /home', () => {
  test('SWD: every operator’s versions waiting for review, oldest first, and nothing else', async () => {
    const res = await t.call('GET', '/home', { as: swd });
    expect(res.status, res.text).toBe(200);
    expect(Object.keys(res.body)).toEqual(['reviews']);
    expect(res.body.reviews).toEqual([
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
    const res = await t.call('GET', '/home', { as: coordinator });
    expect(res.status, res.text).toBe(200);
    expect(res.body.decisions).toEqual([
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
    expect(res.body.quarantine).toEqual([
      { activity: activityId, title: 'Family support group', date: '2026-05-14', waiting: 2 },
    ]);
    expect(res.body.kiosks).toEqual([
      {
        id: expect.any(String),
        activity: activityId,
        title: 'Family support group',
        date: '2026-05-14',
        expiresAt: expect.any(String),
      },
    ]);
    expect(Date.parse(res.body.kiosks[0].expiresAt)).toBeGreaterThan(Date.now());
    expect(res.body).not.toHaveProperty('reviews');
    expect(res.body).not.toHaveProperty('passwordResets');
  });

  test('a coordinator never sees another operator’s items', async () => {
    const res = await t.call('GET', '/home', { as: other });
    expect(res.status).toBe(200);
    for (const id of [mine, approved.id, rejected, waiting, activityId])
      expect(res.text).not.toContain(id);
    expect(res.body.quarantine).toEqual([]);
    expect(res.body.kiosks.map((k: { activity: string }) => k.activity)).toEqual([theirActivity]);
    expect(res.body.decisions.map((d: { decision: string }) => d.decision)).toEqual(['approved']);
  });

  test('closed kiosks and decided quarantine no longer wait', async () => {
    const fresh = await t.operator();
    const coord = await t.user('coordinator', fresh);
    const q = await approvedQuestionnaire(t, coord, swd);
    const id = await activity(t, coord, fresh, [q]);
    const code = await kiosk(t, coord, id);
    const refused = await t.call('POST', `/kiosk/${code}/responses`, {
      body: {
        id: randomUUID(),
        questionnaire: q,
        locale: 'zh-HK',
        answers: { cope: 'maybe' },
        completedAt: new Date().toISOString(),
      },
    });
    expect(refused.body.error.quarantined).toBe(true);
    let home = (await t.call('GET', '/home', { as: coord })).body;
    expect([home.quarantine.length, home.kiosks.length]).toEqual([1, 1]);
    const entry = (await t.call('GET', `/activities/${id}/quarantine`, { as: coord })).body.items[0]
      .id;
    expect(
      (await t.call('POST', `/quarantine/${entry}/discard`, { as: coord, body: { reason: 'x' } }))
        .status,
    ).toBeLessThan(300);
    expect((await t.call('POST', `/kiosk/${code}/close`, { as: coord })).status).toBeLessThan(300);
    home = (await t.call('GET', '/home', { as: coord })).body;
    expect([home.quarantine, home.kiosks]).toEqual([[], []]);
  });

  test('admin: users who must change a reset password, and the last audit check', async () => {
    let res = await t.call('GET', '/home', { as: admin });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ passwordResets: [], auditCheck: null });

    const reset = await t.call('POST', `/users/${other.user!.id}/password`, {
      as: admin,
      body: { password: 'a one-time password' },
    });
    expect(reset.status, reset.text).toBeLessThan(300);
    const verified = await t.call('POST', '/audit/verification', { as: admin });
    expect(verified.status).toBe(200);

    res = await t.call('GET', '/home', { as: admin });
    expect(res.body.passwordResets).toEqual([
      { id: other.user!.id, email: other.email, role: 'coordinator', operator: theirs },
    ]);
    expect(res.body.auditCheck).toEqual({
      at: expect.any(String),
      entries: verified.body.entries,
      broken: null,
    });
  });

  test('is in the OpenAPI document', async () => {
    const doc = (await t.call('GET', '/openapi.json')).body;
    expect(doc.paths['/home'].get['x-access']).toEqual({
      roles: ['admin', 'swd', 'coordinator'],
      tenancy: 'operator',
    });
    expect(doc.components.schemas.Home.properties).toHaveProperty('decisions');
  });
});

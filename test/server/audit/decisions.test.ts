import { beforeAll, expect, test } from 'vitest';
import { testApp, type TestApp } from '../../support/app.ts';
import { approvedQuestionnaire, serviceUsersDefinition } from '../../support/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

test("a questionnaire's decisions list who (by role) decided what, when and why", async () => {
  const swd = await t.user('swd');
  const operator = await t.operator();
  const coordinator = await t.user('coordinator', operator);
  const { id } = await approvedQuestionnaire(t, coordinator, swd);
  expect((await t.call('POST', `/questionnaires/${id}/versions`, { as: coordinator })).status).toBe(
    201,
  );
  await t.call('POST', `/questionnaires/${id}/versions/2/submit`, { as: coordinator });
  const rejected = await t.call('POST', `/questionnaires/${id}/versions/2/reject`, {
    as: swd,
    body: { reason: 'Standard 3 needs a second item.' },
  });
  expect(rejected.status, rejected.text).toBe(200);

  const asSwd = await t.call('GET', `/questionnaires/${id}/decisions`, { as: swd });
  expect(asSwd.status, asSwd.text).toBe(200);
  expect(asSwd.body.items).toMatchObject([
    { version: 1, decision: 'submitted', by: { role: 'coordinator', email: coordinator.email } },
    { version: 1, decision: 'approved', by: { role: 'swd', email: swd.email }, reason: null },
    { version: 2, decision: 'submitted' },
    {
      version: 2,
      decision: 'rejected',
      by: { role: 'swd' },
      reason: 'Standard 3 needs a second item.',
    },
  ]);
  expect(asSwd.body.items[1].contentHash).toMatch(/^[0-9a-f]{64}$/);
  expect(Date.parse(asSwd.body.items[3].at)).toBeGreaterThan(Date.now() - 60_000);

  // The coordinator reads the same history without the SWD officer's email.
  const own = await t.call('GET', `/questionnaires/${id}/decisions`, { as: coordinator });
  expect(own.body.items[3]).toMatchObject({ by: { role: 'swd', email: null } });
  expect(JSON.stringify(own.body)).not.toContain(swd.email);
});

test("another operator's coordinator is told the questionnaire does not exist", async () => {
  const swd = await t.user('swd');
  const coordinator = await t.user('coordinator', await t.operator());
  const other = await t.user('coordinator', await t.operator());
  const { id } = await approvedQuestionnaire(t, coordinator, swd, serviceUsersDefinition());
  expect((await t.call('GET', `/questionnaires/${id}/decisions`, { as: other })).status).toBe(404);
  expect((await t.call('GET', '/questionnaires/nope/decisions', { as: swd })).status).toBe(404);
});

test('an admin verifies the audit chain through the API, and the check is itself recorded', async () => {
  const admin = await t.user('admin');
  const swd = await t.user('swd');
  const res = await t.call('POST', '/audit/verification', { as: admin });
  expect(res.status, res.text).toBe(200);
  expect(res.body).toMatchObject({ broken: null });
  expect(res.body.entries).toBeGreaterThan(0);
  const log = await t.call('GET', '/audit?limit=1', { as: admin });
  expect(log.body.items[0]).toMatchObject({
    action: 'audit_verified',
    details: { entries: res.body.entries, broken: null },
  });
  expect((await t.call('POST', '/audit/verification', { as: swd })).status).toBe(403);
});

import { beforeAll, expect, test } from 'vitest';
import { answered, testApp, type Caller, type TestApp } from '../../support/app.ts';
import { approvedQuestionnaire, serviceUsersDefinition } from '../../support/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

const decisions = (as: Caller, id: string) =>
  t.api(as).questionnaires[':id'].decisions.$get({ param: { id } });

test("a questionnaire's decisions list who (by role) decided what, when and why", async () => {
  const swd = await t.user('swd');
  const operator = await t.operator();
  const coordinator = await t.user('coordinator', operator);
  const { id } = await approvedQuestionnaire(t, coordinator, swd);
  await answered(
    t.api(coordinator).questionnaires[':id'].versions.$post({ param: { id }, json: {} }),
    201,
  );
  const version2 = (as: Caller) => t.api(as).questionnaires[':id'].versions[':v'];
  await answered(version2(coordinator).submit.$post({ param: { id, v: '2' } }), 200);
  await answered(
    version2(swd).reject.$post({
      param: { id, v: '2' },
      json: { reason: 'Standard 3 needs a second item.' },
    }),
    200,
  );

  const asSwd = await answered(decisions(swd, id), 200);
  expect(asSwd.items).toMatchObject([
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
  expect(asSwd.items[1]!.contentHash).toMatch(/^[0-9a-f]{64}$/);
  expect(Date.parse(asSwd.items[3]!.at)).toBeGreaterThan(Date.now() - 60_000);

  // The coordinator reads the same history without the SWD officer's email.
  const own = await answered(decisions(coordinator, id), 200);
  expect(own.items[3]).toMatchObject({ by: { role: 'swd', email: null } });
  expect(JSON.stringify(own)).not.toContain(swd.email);
});

test("another operator's coordinator is told the questionnaire does not exist", async () => {
  const swd = await t.user('swd');
  const coordinator = await t.user('coordinator', await t.operator());
  const other = await t.user('coordinator', await t.operator());
  const { id } = await approvedQuestionnaire(t, coordinator, swd, serviceUsersDefinition());
  await answered(decisions(other, id), 404);
  await answered(decisions(swd, 'nope'), 404);
});

test('an admin verifies the audit chain through the API, and the check is itself recorded', async () => {
  const admin = await t.user('admin');
  const swd = await t.user('swd');
  const verified = await answered(t.api(admin).audit.verification.$post(), 200);
  expect(verified).toMatchObject({ broken: null });
  expect(verified.entries).toBeGreaterThan(0);
  const log = await answered(t.api(admin).audit.$get({ query: { limit: '1' } }), 200);
  expect(log.items[0]).toMatchObject({
    action: 'audit_verified',
    details: { entries: verified.entries, broken: null },
  });
  await answered(t.api(swd).audit.verification.$post(), 403);
});

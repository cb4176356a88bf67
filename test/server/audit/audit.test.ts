import { sql } from 'kysely';
import { beforeAll, expect, test } from 'vitest';
import { verifyAuditChain } from '../../../server/audit/repository.ts';
import { answered, testApp, unique, type TestApp } from '../../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

test('sign-ins, user and operator changes are recorded with who did them', async () => {
  const admin = await t.user('admin');
  const email = `someone-${unique()}@test.example.org`;
  await answered(
    t.api(admin).users.$post({ json: { email, password: 'a long password!', role: 'swd' } }),
    201,
  );
  await answered(t.api().auth.login.$post({ json: { email, password: 'wrong password' } }), 401);
  const audit = await answered(t.api(admin).audit.$get({ query: { limit: '5' } }), 200);
  const [failed, created] = audit.items;
  expect(failed).toMatchObject({ action: 'sign_in_failed', actor: null });
  expect(created).toMatchObject({
    action: 'user_created',
    actor: { id: admin.user!.id, email: admin.email },
  });
  expect(JSON.stringify(audit)).not.toContain('a long password!');
  await answered(t.api(admin).audit.$get({ query: { limit: '0' } }), 422);
});

test('the chain verifies, and the database refuses to rewrite it', async () => {
  await t.user('admin');
  expect((await verifyAuditChain(t.db)).broken).toBeNull();
  await expect(
    sql`update audit_log set action = 'nothing' where seq = 1`.execute(t.db),
  ).rejects.toThrow(/append-only/);
  await expect(sql`delete from audit_log where seq = 1`.execute(t.db)).rejects.toThrow(
    /append-only/,
  );
});

test('tampering with a row is reported at that entry', async () => {
  await t.user('admin');
  const { entries } = await verifyAuditChain(t.db);
  expect(entries).toBeGreaterThan(2);
  // An attacker with database access who removes the trigger and edits an entry:
  await sql`alter table audit_log disable trigger audit_log_no_rewrite`.execute(t.db);
  await sql`update audit_log set details = '{"email":"someone-else@x"}'::jsonb where seq = 2`.execute(
    t.db,
  );
  await sql`alter table audit_log enable trigger audit_log_no_rewrite`.execute(t.db);
  const { broken } = await verifyAuditChain(t.db);
  expect(broken).toEqual({ seq: 2, reason: 'content does not match its hash' });
});

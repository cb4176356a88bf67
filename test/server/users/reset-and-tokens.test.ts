import { beforeAll, expect, test } from 'vitest';
import { answered, testApp, type Caller, type TestApp } from '../../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

const me = (as: Caller) => t.api(as).auth.me.$get();

const makeToken = (as: Caller, name: string) => t.api(as).tokens.$post({ json: { name } });

const tokens = (as: Caller, all?: 'true') => t.api(as).tokens.$get({ query: all ? { all } : {} });

const revoke = (as: Caller, id: string) => t.api(as).tokens[':id'].$delete({ param: { id } });

const resetPassword = (as: Caller, id: string, password: string) =>
  t.api(as).users[':id'].password.$post({ param: { id }, json: { password } });

const questionnaires = (as: Caller) => t.api(as).questionnaires.$get({ query: {} });

test('an admin resets a password: sessions and tokens end, and the one-time password must be changed first', async () => {
  const admin = await t.user('admin');
  const coordinator = await t.user('coordinator', await t.operator());
  const { token } = await answered(makeToken(coordinator, 'script'), 201);
  const id = coordinator.user!.id;

  const reset = await answered(resetPassword(admin, id, 'one-time password 1'), 200);
  expect(reset).toMatchObject({ id, mustChangePassword: true });
  // Whatever the old password gave stops: the session and the API token.
  await answered(me(coordinator), 401);
  await answered(me({ token }), 401);
  const audit = await answered(t.api(admin).audit.$get({ query: { limit: '1' } }), 200);
  expect(audit.items[0]).toMatchObject({ action: 'password_reset', targetId: id });

  const fresh = await t.signIn(coordinator.email!, 'one-time password 1');
  const signedIn = await answered(me(fresh), 200);
  expect(signedIn.user).toMatchObject({ mustChangePassword: true });
  const blocked = await answered(questionnaires(fresh), 403);
  expect(blocked.error.code).toBe('password_change_required');
  await answered(makeToken(fresh, 'x'), 403);
  const users = await answered(t.api(admin).users.$get(), 200);
  expect(users.items.find((u) => u.id === id)).toMatchObject({ mustChangePassword: true });

  await answered(
    t.api(fresh).auth.password.$post({
      json: { currentPassword: 'one-time password 1', newPassword: 'my own new password' },
    }),
    204,
  );
  await answered(questionnaires(fresh), 200);
  expect((await answered(me(fresh), 200)).user.mustChangePassword).toBe(false);
});

test('only admins reset passwords, and not their own', async () => {
  const admin = await t.user('admin');
  const swd = await t.user('swd');
  const password = 'one-time password 2';
  await answered(resetPassword(swd, swd.user!.id, password), 403);
  await answered(resetPassword(admin, admin.user!.id, password), 409);
  await answered(resetPassword(admin, 'nobody', password), 404);
  await answered(resetPassword(admin, swd.user!.id, 'short'), 422);
});

test("everyone lists their own tokens; an admin lists and revokes everyone's", async () => {
  const admin = await t.user('admin');
  const coordinator = await t.user('coordinator', await t.operator());
  const other = await t.user('swd');
  const created = await answered(makeToken(coordinator, 'nightly'), 201);
  await answered(makeToken(other, 'theirs'), 201);

  const own = await answered(tokens(coordinator), 200);
  expect(own.items).toEqual([
    expect.objectContaining({
      name: 'nightly',
      user: expect.objectContaining({ role: 'coordinator' }),
    }),
  ]);
  await answered(tokens(coordinator, 'true'), 403);
  // Another user's token is not theirs to revoke: 404, as if it did not exist.
  await answered(revoke(other, created.id), 404);

  const all = await answered(tokens(admin, 'true'), 200);
  const listed = all.items.find((i) => i.id === created.id);
  expect(listed).toMatchObject({ name: 'nightly', user: { email: coordinator.email } });
  expect(JSON.stringify(all)).not.toContain(created.token);
  await answered(revoke(admin, created.id), 204);
  await answered(me({ token: created.token }), 401);
  expect((await answered(tokens(coordinator), 200)).items).toEqual([]);
});

import { beforeAll, expect, test } from 'vitest';
import { testApp, type TestApp } from '../../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

test('an admin resets a password: sessions and tokens end, and the one-time password must be changed first', async () => {
  const admin = await t.user('admin');
  const coordinator = await t.user('coordinator', await t.operator());
  const token = (await t.call('POST', '/tokens', { as: coordinator, body: { name: 'script' } }))
    .body.token as string;
  const id = coordinator.user!.id;

  const reset = await t.call('POST', `/users/${id}/password`, {
    as: admin,
    body: { password: 'one-time password 1' },
  });
  expect(reset.status, reset.text).toBe(200);
  expect(reset.body).toMatchObject({ id, mustChangePassword: true });
  // Whatever the old password gave stops: the session and the API token.
  expect((await t.call('GET', '/auth/me', { as: coordinator })).status).toBe(401);
  expect((await t.call('GET', '/auth/me', { as: { token } })).status).toBe(401);
  expect((await t.call('GET', '/audit?limit=1', { as: admin })).body.items[0]).toMatchObject({
    action: 'password_reset',
    targetId: id,
  });

  const fresh = await t.signIn(coordinator.email!, 'one-time password 1');
  const me = await t.call('GET', '/auth/me', { as: fresh });
  expect(me.body.user).toMatchObject({ mustChangePassword: true });
  const blocked = await t.call('GET', '/questionnaires', { as: fresh });
  expect(blocked.status).toBe(403);
  expect(blocked.body.error.code).toBe('password_change_required');
  expect((await t.call('POST', '/tokens', { as: fresh, body: { name: 'x' } })).status).toBe(403);
  const users = await t.call('GET', '/users', { as: admin });
  expect(users.body.items.find((u: { id: string }) => u.id === id)).toMatchObject({
    mustChangePassword: true,
  });

  const changed = await t.call('POST', '/auth/password', {
    as: fresh,
    body: { currentPassword: 'one-time password 1', newPassword: 'my own new password' },
  });
  expect(changed.status, changed.text).toBe(204);
  expect((await t.call('GET', '/questionnaires', { as: fresh })).status).toBe(200);
  expect((await t.call('GET', '/auth/me', { as: fresh })).body.user.mustChangePassword).toBe(false);
});

test('only admins reset passwords, and not their own', async () => {
  const admin = await t.user('admin');
  const swd = await t.user('swd');
  const body = { password: 'one-time password 2' };
  expect((await t.call('POST', `/users/${swd.user!.id}/password`, { as: swd, body })).status).toBe(
    403,
  );
  const own = await t.call('POST', `/users/${admin.user!.id}/password`, { as: admin, body });
  expect(own.status).toBe(409);
  expect((await t.call('POST', '/users/nobody/password', { as: admin, body })).status).toBe(404);
  const short = await t.call('POST', `/users/${swd.user!.id}/password`, {
    as: admin,
    body: { password: 'short' },
  });
  expect(short.status).toBe(422);
});

test("everyone lists their own tokens; an admin lists and revokes everyone's", async () => {
  const admin = await t.user('admin');
  const coordinator = await t.user('coordinator', await t.operator());
  const other = await t.user('swd');
  const created = await t.call('POST', '/tokens', { as: coordinator, body: { name: 'nightly' } });
  await t.call('POST', '/tokens', { as: other, body: { name: 'theirs' } });

  const own = await t.call('GET', '/tokens', { as: coordinator });
  expect(own.body.items).toEqual([
    expect.objectContaining({
      name: 'nightly',
      user: expect.objectContaining({ role: 'coordinator' }),
    }),
  ]);
  expect((await t.call('GET', '/tokens?all=true', { as: coordinator })).status).toBe(403);
  // Another user's token is not theirs to revoke: 404, as if it did not exist.
  expect((await t.call('DELETE', `/tokens/${created.body.id}`, { as: other })).status).toBe(404);

  const all = await t.call('GET', '/tokens?all=true', { as: admin });
  expect(all.status).toBe(200);
  const listed = all.body.items.find((i: { id: string }) => i.id === created.body.id);
  expect(listed).toMatchObject({ name: 'nightly', user: { email: coordinator.email } });
  expect(JSON.stringify(all.body)).not.toContain(created.body.token);
  expect((await t.call('DELETE', `/tokens/${created.body.id}`, { as: admin })).status).toBe(204);
  expect((await t.call('GET', '/auth/me', { as: { token: created.body.token } })).status).toBe(401);
  expect((await t.call('GET', '/tokens', { as: coordinator })).body.items).toEqual([]);
});

import { beforeAll, describe, expect, test } from 'vitest';
import { SIGN_IN_LIMIT } from '../../../server/auth/routes.ts';
import { TOKEN_DAYS } from '../../../server/auth/schemas.ts';
import { createUser } from '../../../server/users/service.ts';
import { testApp, unique, type Caller, type TestApp } from '../../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

async function account(role: 'admin' | 'swd' = 'swd') {
  const email = `user-${unique()}@test.example.org`;
  const password = `correct horse ${unique()}`;
  await createUser(t.db, null, { email, password, role }, t.config.passwordHashing);
  return { email, password };
}

describe('sign-in', () => {
  test('the right password signs in with an HttpOnly cookie; the session works', async () => {
    const { email, password } = await account();
    const res = await t.call('POST', '/auth/login', {
      body: { email: email.toUpperCase(), password },
    });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email, role: 'swd', operator: null });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await t.call('GET', '/auth/me', { as: { cookie: cookie.split(';')[0] } });
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(email);
  });

  test('a wrong password and an unknown email get the same 401', async () => {
    const { email } = await account();
    const wrong = await t.call('POST', '/auth/login', {
      body: { email, password: 'not the password' },
    });
    const unknown = await t.call('POST', '/auth/login', {
      body: { email: `nobody-${unique()}@test.example.org`, password: 'not the password' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe('unauthorised');
  });

  test('sign-in rotates the session: the old cookie stops working', async () => {
    const { email, password } = await account();
    const first = await t.signIn(email, password);
    const second = await t.call('POST', '/auth/login', { body: { email, password }, as: first });
    expect(second.status).toBe(200);
    const newCookie = second.headers.get('set-cookie')!.split(';')[0]!;
    expect(newCookie).not.toBe(first.cookie);
    expect((await t.call('GET', '/auth/me', { as: first })).status).toBe(401);
    expect((await t.call('GET', '/auth/me', { as: { cookie: newCookie } })).status).toBe(200);
  });

  test(`after ${SIGN_IN_LIMIT.perAccountAndAddress} failures from an address the account answers it 429, even to the right password`, async () => {
    const { email, password } = await account();
    for (let i = 0; i < SIGN_IN_LIMIT.perAccountAndAddress; i++) {
      expect(
        (await t.call('POST', '/auth/login', { body: { email, password: `wrong ${i}` } })).status,
      ).toBe(401);
    }
    const limited = await t.call('POST', '/auth/login', { body: { email, password } });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('too_many_requests');
    const other = await account();
    expect((await t.call('POST', '/auth/login', { body: other })).status).toBe(200);
  });

  test('a disabled user cannot sign in, and their sessions end', async () => {
    const admin = await t.user('admin');
    const victim = await t.user('swd');
    const res = await t.call('PATCH', `/users/${victim.user!.id}`, {
      body: { disabled: true },
      as: admin,
    });
    expect(res.status).toBe(200);
    expect((await t.call('GET', '/auth/me', { as: victim })).status).toBe(401);
    expect(
      (
        await t.call('POST', '/auth/login', {
          body: { email: victim.email, password: victim.password },
        })
      ).status,
    ).toBe(401);
  });

  test('sign-out ends the session', async () => {
    const caller = await t.user('swd');
    expect((await t.call('POST', '/auth/logout', { as: caller })).status).toBe(204);
    expect((await t.call('GET', '/auth/me', { as: caller })).status).toBe(401);
  });
});

describe('sessions', () => {
  test('an expired session is refused', async () => {
    const caller = await t.user('swd');
    await t.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', caller.user!.id)
      .execute();
    const res = await t.call('GET', '/auth/me', { as: caller });
    expect(res.status).toBe(401);
  });

  test('only the SHA-256 of a session id is stored', async () => {
    const caller = await t.user('swd');
    const secret = decodeURIComponent(caller.cookie!.split('=')[1]!);
    const rows = await t.db
      .selectFrom('sessions')
      .select('id_hash')
      .where('user_id', '=', caller.user!.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.id_hash).not.toContain(secret);
  });
});

describe('same-origin check', () => {
  test('a cookie-authenticated write without Origin is 403 and changes nothing', async () => {
    const caller = await t.user('swd');
    const before = await t.call('GET', '/tokens', { as: caller });
    const missing = await t.call('POST', '/tokens', {
      body: { name: 'script' },
      as: caller,
      origin: null,
    });
    const foreign = await t.call('POST', '/tokens', {
      body: { name: 'script' },
      as: caller,
      origin: 'https://evil.example',
    });
    expect(missing.status).toBe(403);
    expect(foreign.status).toBe(403);
    // Its own code, so the page can say what to do: open the app at PUBLIC_URL.
    expect(missing.body.error.code).toBe('origin_mismatch');
    expect(foreign.body.error.code).toBe('origin_mismatch');
    expect(foreign.body.error.message).toContain('https://evil.example');
    expect(foreign.body.error.message).toContain('PUBLIC_URL');
    expect((await t.call('GET', '/tokens', { as: caller })).body).toEqual(before.body);
  });

  test('a cookie-authenticated write with the right Origin passes', async () => {
    const caller = await t.user('swd');
    expect((await t.call('POST', '/tokens', { body: { name: 'script' }, as: caller })).status).toBe(
      201,
    );
  });
});

describe('API tokens', () => {
  test('a token acts as its user without Origin, is stored hashed, and stops when revoked', async () => {
    const caller = await t.user('coordinator', await t.operator());
    const created = await t.call('POST', '/tokens', {
      body: { name: 'nightly export' },
      as: caller,
    });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    const me = await t.call('GET', '/auth/me', { as: { token } });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(caller.user!.id);
    const write = await t.call('POST', '/tokens', {
      body: { name: 'from a script' },
      as: { token },
    });
    expect(write.status).toBe(403);
    const stored = await t.db.selectFrom('api_tokens').select('token_hash').execute();
    expect(
      stored.every((r) => !r.token_hash.includes(token) && /^[0-9a-f]{64}$/.test(r.token_hash)),
    ).toBe(true);
    const listed = await t.call('GET', '/tokens', { as: caller });
    expect(listed.body.items.map((i: { name: string }) => i.name)).toContain('nightly export');
    expect(JSON.stringify(listed.body)).not.toContain(token);
    expect((await t.call('DELETE', `/tokens/${created.body.id}`, { as: caller })).status).toBe(204);
    expect((await t.call('GET', '/auth/me', { as: { token } })).status).toBe(401);
  });

  test('a made-up token is 401', async () => {
    expect((await t.call('GET', '/auth/me', { as: { token: 'fsa_guess' } })).status).toBe(401);
  });

  test("revoking someone else's token is 404", async () => {
    const owner = await t.user('swd');
    const other = await t.user('swd');
    const created = await t.call('POST', '/tokens', { body: { name: 'mine' }, as: owner });
    expect((await t.call('DELETE', `/tokens/${created.body.id}`, { as: other })).status).toBe(404);
    expect((await t.call('GET', '/auth/me', { as: { token: created.body.token } })).status).toBe(
      200,
    );
  });
});

describe('changing one’s own password', () => {
  test('needs the current password; ends other sessions but not this one', async () => {
    const caller = await t.user('swd');
    const elsewhere = await t.signIn(caller.email!, caller.password!);
    const wrong = await t.call('POST', '/auth/password', {
      body: { currentPassword: 'wrong password!!', newPassword: 'a brand new password' },
      as: caller,
    });
    expect(wrong.status).toBe(422);
    const short = await t.call('POST', '/auth/password', {
      body: { currentPassword: caller.password, newPassword: 'short' },
      as: caller,
    });
    expect(short.status).toBe(422);
    const ok = await t.call('POST', '/auth/password', {
      body: { currentPassword: caller.password, newPassword: 'a brand new password' },
      as: caller,
    });
    expect(ok.status).toBe(204);
    expect((await t.call('GET', '/auth/me', { as: caller })).status).toBe(200);
    expect((await t.call('GET', '/auth/me', { as: elsewhere })).status).toBe(401);
    await t.signIn(caller.email!, 'a brand new password');
  });
});

describe('API tokens end with what should end them', () => {
  const made = async (caller: Caller, body: Record<string, unknown> = { name: 'script' }) =>
    (await t.call('POST', '/tokens', { body, as: caller })).body;

  test('a token cannot make tokens nor change the password (403)', async () => {
    const caller = await t.user('swd');
    const { token } = await made(caller);
    const minted = await t.call('POST', '/tokens', { body: { name: 'child' }, as: { token } });
    expect(minted.status).toBe(403);
    const changed = await t.call('POST', '/auth/password', {
      body: { currentPassword: caller.password, newPassword: 'a brand new password' },
      as: { token },
    });
    expect(changed.status).toBe(403);
    const listed = await t.call('GET', '/tokens', { as: caller });
    expect(listed.body.items).toHaveLength(1);
  });

  test('a token made before a password change stops working after it', async () => {
    const caller = await t.user('swd');
    const { token } = await made(caller);
    expect((await t.call('GET', '/auth/me', { as: { token } })).status).toBe(200);
    const ok = await t.call('POST', '/auth/password', {
      body: { currentPassword: caller.password, newPassword: 'a brand new password' },
      as: caller,
    });
    expect(ok.status).toBe(204);
    expect((await t.call('GET', '/auth/me', { as: { token } })).status).toBe(401);
    expect((await t.call('GET', '/tokens', { as: caller })).body.items).toEqual([]);
  });

  test('a disabled user’s tokens end for good: enabling the user again does not revive them', async () => {
    const admin = await t.user('admin');
    const caller = await t.user('swd');
    const { token } = await made(caller);
    const user = `/users/${caller.user!.id}`;
    await t.call('PATCH', user, { body: { disabled: true }, as: admin });
    expect((await t.call('GET', '/auth/me', { as: { token } })).status).toBe(401);
    await t.call('PATCH', user, { body: { disabled: false }, as: admin });
    expect((await t.call('GET', '/auth/me', { as: { token } })).status).toBe(401);
  });

  test(`tokens expire: ${TOKEN_DAYS.default} days unless asked, at most ${TOKEN_DAYS.max}; listed with their expiry`, async () => {
    const caller = await t.user('swd');
    const days = (iso: string) => (Date.parse(iso) - Date.now()) / 86_400_000;
    const standard = await made(caller);
    expect(days(standard.expiresAt)).toBeCloseTo(TOKEN_DAYS.default, 1);
    const short = await made(caller, { name: 'one day', expiresInDays: 1 });
    expect(days(short.expiresAt)).toBeCloseTo(1, 1);
    const tooLong = await t.call('POST', '/tokens', {
      body: { name: 'forever', expiresInDays: TOKEN_DAYS.max + 1 },
      as: caller,
    });
    expect(tooLong.status).toBe(422);
    const listed = await t.call('GET', '/tokens', { as: caller });
    expect(listed.body.items.map((i: { expiresAt: string }) => i.expiresAt).sort()).toEqual(
      [short.expiresAt, standard.expiresAt].sort(),
    );
    await t.db
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', short.id)
      .execute();
    expect((await t.call('GET', '/auth/me', { as: { token: short.token } })).status).toBe(401);
    expect((await t.call('GET', '/auth/me', { as: { token: standard.token } })).status).toBe(200);
  });
});

test(`wrong current passwords count against the sign-in limit: after ${SIGN_IN_LIMIT.perAccountAndAddress}, 429`, async () => {
  const caller = await t.user('swd');
  for (let i = 0; i < SIGN_IN_LIMIT.perAccountAndAddress; i++) {
    const wrong = await t.call('POST', '/auth/password', {
      body: { currentPassword: `wrong password ${i}`, newPassword: 'a brand new password' },
      as: caller,
    });
    expect(wrong.status).toBe(422);
  }
  const limited = await t.call('POST', '/auth/password', {
    body: { currentPassword: caller.password, newPassword: 'a brand new password' },
    as: caller,
  });
  expect(limited.status).toBe(429);
});

test('emails are stored trimmed and lowercased, and found in any spelling', async () => {
  const admin = await t.user('admin');
  const local = `Mixed-${unique()}`;
  const created = await t.call('POST', '/users', {
    body: { email: ` ${local}@Case.Example.org `, password: 'a long password!', role: 'swd' },
    as: admin,
  });
  expect(created.status).toBe(201);
  const stored = await t.db
    .selectFrom('users')
    .select('email')
    .where('id', '=', created.body.id)
    .executeTakeFirstOrThrow();
  expect(stored.email).toBe(`${local.toLowerCase()}@case.example.org`);
  const again = await t.call('POST', '/users', {
    body: {
      email: `${local.toUpperCase()}@CASE.example.org`,
      password: 'a long password!',
      role: 'swd',
    },
    as: admin,
  });
  expect(again.status).toBe(409);
  await t.signIn(`  ${local.toUpperCase()}@case.EXAMPLE.org`, 'a long password!');
});

test('passwords are stored as argon2id hashes', async () => {
  const { email } = await account();
  const row = await t.db
    .selectFrom('users')
    .select('password_hash')
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  expect(row.password_hash).toMatch(/^\$argon2id\$/);
});

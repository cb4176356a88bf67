import { beforeAll, describe, expect, test } from 'vitest';
import { SIGN_IN_LIMIT } from '../../../server/auth/routes.ts';
import { TOKEN_DAYS } from '../../../server/auth/schemas.ts';
import { createUser } from '../../../server/users/service.ts';
import { answered, testApp, unique, type Caller, type TestApp } from '../../support/app.ts';

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

const login = (json: { email: string; password: string }, as?: Caller) =>
  t.api(as).auth.login.$post({ json });

const me = (as: Caller) => t.api(as).auth.me.$get();

const changePassword = (as: Caller, currentPassword: string, newPassword: string) =>
  t.api(as).auth.password.$post({ json: { currentPassword, newPassword } });

const makeToken = (
  as: Caller,
  json: { name: string; expiresInDays?: number } = { name: 'script' },
) => t.api(as).tokens.$post({ json });

const tokens = (as: Caller) => t.api(as).tokens.$get({ query: {} });

const disable = (admin: Caller, who: Caller, disabled = true) =>
  t.api(admin).users[':id'].$patch({ param: { id: who.user!.id }, json: { disabled } });

describe('sign-in', () => {
  test('the right password signs in with an HttpOnly cookie; the session works', async () => {
    const { email, password } = await account();
    const res = await login({ email: email.toUpperCase(), password });
    const cookie = res.headers.get('set-cookie')!;
    const { user } = await answered(res, 200);
    expect(user).toMatchObject({ email, role: 'swd', operator: null });
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const signedIn = await answered(me({ cookie: cookie.split(';')[0] }), 200);
    expect(signedIn.user.email).toBe(email);
  });

  test('a wrong password and an unknown email get the same 401', async () => {
    const { email } = await account();
    const wrong = await answered(login({ email, password: 'not the password' }), 401);
    const unknown = await answered(
      login({ email: `nobody-${unique()}@test.example.org`, password: 'not the password' }),
      401,
    );
    expect(wrong).toEqual(unknown);
    expect(wrong.error.code).toBe('unauthorised');
  });

  test('sign-in rotates the session: the old cookie stops working', async () => {
    const { email, password } = await account();
    const first = await t.signIn(email, password);
    const second = await login({ email, password }, first);
    await answered(second, 200);
    const newCookie = second.headers.get('set-cookie')!.split(';')[0]!;
    expect(newCookie).not.toBe(first.cookie);
    await answered(me(first), 401);
    await answered(me({ cookie: newCookie }), 200);
  });

  test(`after ${SIGN_IN_LIMIT.perAccountAndAddress} failures from an address the account answers it 429, even to the right password`, async () => {
    const { email, password } = await account();
    for (let i = 0; i < SIGN_IN_LIMIT.perAccountAndAddress; i++) {
      await answered(login({ email, password: `wrong ${i}` }), 401);
    }
    const limited = await answered(login({ email, password }), 429);
    expect(limited.error.code).toBe('too_many_requests');
    await answered(login(await account()), 200);
  });

  test('a disabled user cannot sign in, and their sessions end', async () => {
    const admin = await t.user('admin');
    const victim = await t.user('swd');
    await answered(disable(admin, victim), 200);
    await answered(me(victim), 401);
    await answered(login({ email: victim.email!, password: victim.password! }), 401);
  });

  test('sign-out ends the session', async () => {
    const caller = await t.user('swd');
    await answered(t.api(caller).auth.logout.$post(), 204);
    await answered(me(caller), 401);
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
    await answered(me(caller), 401);
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
    const before = await answered(tokens(caller), 200);
    // Untyped on purpose: the typed client always sends the app's own Origin with a cookie.
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
    expect(await answered(tokens(caller), 200)).toEqual(before);
  });

  test('a cookie-authenticated write with the right Origin passes', async () => {
    const caller = await t.user('swd');
    await answered(makeToken(caller), 201);
  });
});

describe('API tokens', () => {
  test('a token acts as its user without Origin, is stored hashed, and stops when revoked', async () => {
    const caller = await t.user('coordinator', await t.operator());
    const created = await answered(makeToken(caller, { name: 'nightly export' }), 201);
    const { token } = created;
    const signedIn = await answered(me({ token }), 200);
    expect(signedIn.user.id).toBe(caller.user!.id);
    await answered(makeToken({ token }, { name: 'from a script' }), 403);
    const stored = await t.db.selectFrom('api_tokens').select('token_hash').execute();
    expect(
      stored.every((r) => !r.token_hash.includes(token) && /^[0-9a-f]{64}$/.test(r.token_hash)),
    ).toBe(true);
    const listed = await answered(tokens(caller), 200);
    expect(listed.items.map((i) => i.name)).toContain('nightly export');
    expect(JSON.stringify(listed)).not.toContain(token);
    await answered(t.api(caller).tokens[':id'].$delete({ param: { id: created.id } }), 204);
    await answered(me({ token }), 401);
  });

  test('a made-up token is 401', async () => {
    await answered(me({ token: 'fsa_guess' }), 401);
  });

  test("revoking someone else's token is 404", async () => {
    const owner = await t.user('swd');
    const other = await t.user('swd');
    const created = await answered(makeToken(owner, { name: 'mine' }), 201);
    await answered(t.api(other).tokens[':id'].$delete({ param: { id: created.id } }), 404);
    await answered(me({ token: created.token }), 200);
  });
});

describe('changing one’s own password', () => {
  test('needs the current password; ends other sessions but not this one', async () => {
    const caller = await t.user('swd');
    const elsewhere = await t.signIn(caller.email!, caller.password!);
    await answered(changePassword(caller, 'wrong password!!', 'a brand new password'), 422);
    await answered(changePassword(caller, caller.password!, 'short'), 422);
    await answered(changePassword(caller, caller.password!, 'a brand new password'), 204);
    await answered(me(caller), 200);
    await answered(me(elsewhere), 401);
    await t.signIn(caller.email!, 'a brand new password');
  });
});

describe('API tokens end with what should end them', () => {
  const made = async (caller: Caller, json?: { name: string; expiresInDays?: number }) =>
    answered(makeToken(caller, json), 201);

  test('a token cannot make tokens nor change the password (403)', async () => {
    const caller = await t.user('swd');
    const { token } = await made(caller);
    await answered(makeToken({ token }, { name: 'child' }), 403);
    await answered(changePassword({ token }, caller.password!, 'a brand new password'), 403);
    const listed = await answered(tokens(caller), 200);
    expect(listed.items).toHaveLength(1);
  });

  test('a token made before a password change stops working after it', async () => {
    const caller = await t.user('swd');
    const { token } = await made(caller);
    await answered(me({ token }), 200);
    await answered(changePassword(caller, caller.password!, 'a brand new password'), 204);
    await answered(me({ token }), 401);
    expect((await answered(tokens(caller), 200)).items).toEqual([]);
  });

  test('a disabled user’s tokens end for good: enabling the user again does not revive them', async () => {
    const admin = await t.user('admin');
    const caller = await t.user('swd');
    const { token } = await made(caller);
    await answered(disable(admin, caller), 200);
    await answered(me({ token }), 401);
    await answered(disable(admin, caller, false), 200);
    await answered(me({ token }), 401);
  });

  test(`tokens expire: ${TOKEN_DAYS.default} days unless asked, at most ${TOKEN_DAYS.max}; listed with their expiry`, async () => {
    const caller = await t.user('swd');
    const days = (iso: string) => (Date.parse(iso) - Date.now()) / 86_400_000;
    const standard = await made(caller);
    expect(days(standard.expiresAt)).toBeCloseTo(TOKEN_DAYS.default, 1);
    const short = await made(caller, { name: 'one day', expiresInDays: 1 });
    expect(days(short.expiresAt)).toBeCloseTo(1, 1);
    await answered(makeToken(caller, { name: 'forever', expiresInDays: TOKEN_DAYS.max + 1 }), 422);
    const listed = await answered(tokens(caller), 200);
    expect(listed.items.map((i) => i.expiresAt).sort()).toEqual(
      [short.expiresAt, standard.expiresAt].sort(),
    );
    await t.db
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', short.id)
      .execute();
    await answered(me({ token: short.token }), 401);
    await answered(me({ token: standard.token }), 200);
  });
});

test(`wrong current passwords count against the sign-in limit: after ${SIGN_IN_LIMIT.perAccountAndAddress}, 429`, async () => {
  const caller = await t.user('swd');
  for (let i = 0; i < SIGN_IN_LIMIT.perAccountAndAddress; i++) {
    await answered(changePassword(caller, `wrong password ${i}`, 'a brand new password'), 422);
  }
  await answered(changePassword(caller, caller.password!, 'a brand new password'), 429);
});

test('emails are stored trimmed and lowercased, and found in any spelling', async () => {
  const admin = await t.user('admin');
  const local = `Mixed-${unique()}`;
  const create = (email: string) =>
    t.api(admin).users.$post({ json: { email, password: 'a long password!', role: 'swd' } });
  const created = await answered(create(` ${local}@Case.Example.org `), 201);
  const stored = await t.db
    .selectFrom('users')
    .select('email')
    .where('id', '=', created.id)
    .executeTakeFirstOrThrow();
  expect(stored.email).toBe(`${local.toLowerCase()}@case.example.org`);
  await answered(create(`${local.toUpperCase()}@CASE.example.org`), 409);
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

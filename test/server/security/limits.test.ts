import { Hono } from 'hono';
import { beforeAll, describe, expect, test } from 'vitest';
import { GUESS_LIMIT } from '../../../server/auth/limits.ts';
import { clientAddress } from '../../../server/auth/middleware.ts';
import { SIGN_IN_LIMIT } from '../../../server/auth/routes.ts';
import { readConfig } from '../../../server/config.ts';
import { sha256 } from '../../../server/lib/secrets.ts';
import { createUser } from '../../../server/users/service.ts';
import { answered, testApp, unique, type TestApp } from '../../support/app.ts';
import { activity, approvedQuestionnaire, kiosk } from '../../support/factories.ts';

let t: TestApp;
beforeAll(async () => {
  // One proxy in front (TRUST_PROXY=true): it appends the address it saw to X-Forwarded-For.
  t = await testApp({ trustProxy: readConfig({ TRUST_PROXY: 'true' }).trustProxy });
});

const from = (address: string) => ({ 'x-forwarded-for': address });

/** Opens a kiosk by its code, with these request headers. */
const openKiosk = (code: string, headers: Record<string, string>) =>
  t.api().kiosk[':code'].$get({ param: { code } }, { headers });

/** Asks who the token's user is, with these request headers. */
const me = (token: string, headers: Record<string, string>) =>
  t.api({ token }).auth.me.$get(undefined, { headers });

test(`guessing kiosk codes: after ${GUESS_LIMIT.kioskCodes} wrong codes an address gets 429; other addresses and right codes are unaffected`, async () => {
  const operator = await t.operator();
  const coordinator = await t.user('coordinator', operator);
  const q = await approvedQuestionnaire(t, coordinator, await t.user('swd'));
  const code = await kiosk(t, coordinator, await activity(t, coordinator, operator, [q]));
  for (let i = 0; i < GUESS_LIMIT.kioskCodes; i++) {
    await answered(openKiosk(`guess${i}`, from('203.0.113.7')), 404);
  }
  const limited = await answered(openKiosk('guess-more', from('203.0.113.7')), 429);
  expect(limited.error.code).toBe('too_many_requests');
  await answered(openKiosk('guess-more', from('198.51.100.1')), 404);
  await answered(openKiosk(code, from('198.51.100.1')), 200);
});

test(`guessing API tokens: after ${GUESS_LIMIT.tokens} wrong tokens an address gets 429`, async () => {
  for (let i = 0; i < GUESS_LIMIT.tokens; i++) {
    await answered(me(`fsa_wrong${i}`, from('203.0.113.9')), 401);
  }
  await answered(me('fsa_wrong', from('203.0.113.9')), 429);
  const caller = await t.user('swd');
  const { token } = await answered(t.api(caller).tokens.$post({ json: { name: 'n' } }), 201);
  await answered(me(token, from('198.51.100.2')), 200);
});

/** What a client sends through the proxy: a made-up X-Forwarded-For, the proxy's entry last. */
const spoofed = (address: string, i: number) => ({
  'x-forwarded-for': `10.${i % 250}.${i % 7}.1, ${address}`,
});

describe('the client address behind TRUST_PROXY', () => {
  test('is the entry the trusted proxies appended, not what the client wrote', async () => {
    const app = new Hono().get('/hops/:n', (c) =>
      c.text(clientAddress(c, Number(c.req.param('n')))),
    );
    const seen = async (n: number, header?: string) => {
      const headers: Record<string, string> = header ? { 'x-forwarded-for': header } : {};
      return (await app.request(`/hops/${n}`, { headers })).text();
    };
    expect(await seen(1, '6.6.6.6, 203.0.113.5')).toBe('203.0.113.5');
    expect(await seen(2, '6.6.6.6, 203.0.113.5, 10.0.0.2')).toBe('203.0.113.5');
    expect(await seen(2, '203.0.113.5')).toBe('203.0.113.5');
    expect(await seen(0, '6.6.6.6')).toBe('unknown');
    expect(readConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(1);
    expect(readConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(readConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(0);
    expect(readConfig({}).trustProxy).toBe(0);
  });

  test('rotating X-Forwarded-For does not escape the kiosk, token or sign-in limits', async () => {
    for (let i = 0; i < GUESS_LIMIT.kioskCodes; i++) {
      await openKiosk(`rotating${i}`, spoofed('203.0.113.40', i));
    }
    await answered(openKiosk('rotating-more', spoofed('203.0.113.40', 99)), 429);
    for (let i = 0; i < GUESS_LIMIT.tokens; i++) {
      await me(`fsa_rotating${i}`, spoofed('203.0.113.41', i));
    }
    await answered(me('fsa_rotating', spoofed('203.0.113.41', 99)), 429);
    const login = (json: { email: string; password: string }, headers: Record<string, string>) =>
      t.api().auth.login.$post({ json }, { headers });
    for (let i = 0; i < SIGN_IN_LIMIT.perAddress; i++) {
      await login(
        { email: `nobody-${unique()}@test.example.org`, password: 'wrong password' },
        spoofed('203.0.113.42', i),
      );
    }
    await answered(login(await account('swd'), spoofed('203.0.113.42', 99)), 429);
  });
});

async function account(role: 'admin' | 'swd') {
  const email = `${role}-${unique()}@test.example.org`;
  const password = `correct horse ${unique()}`;
  await createUser(t.db, null, { email, password, role }, t.config.passwordHashing);
  return { email, password };
}

const signIn = (
  json: { email: string; password: string },
  address: string,
  device?: string | null,
) =>
  t
    .api()
    .auth.login.$post(
      { json },
      { headers: { ...from(address), ...(device ? { cookie: `fsa_device=${device}` } : {}) } },
    );

/** The device cookie a successful sign-in leaves in the browser. */
const deviceCookie = (res: { headers: Headers }) =>
  /fsa_device=([^;,]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1] ?? null;

describe('sign-in limits lock out guessers, not the account holder', () => {
  test(`${SIGN_IN_LIMIT.perAccountAndAddress} wrong passwords (any spelling of the email) stop that address, not the owner elsewhere`, async () => {
    const victim = await account('swd');
    const spelled = ` ${victim.email.toUpperCase()}`;
    for (let i = 0; i < SIGN_IN_LIMIT.perAccountAndAddress; i++) {
      const res = await signIn({ email: spelled, password: `wrong ${i}` }, '203.0.113.50');
      expect(res.status).toBe(401);
    }
    expect((await signIn(victim, '203.0.113.50')).status).toBe(429);
    expect((await signIn(victim, '198.51.100.50')).status).toBe(200);
  });

  test('an address that failed for many accounts is stopped, but a browser that signed in before still signs in there', async () => {
    const admin = await account('admin');
    const known = deviceCookie(await signIn(admin, '198.51.100.60'));
    expect(known).toBeTruthy();
    for (let i = 0; i < SIGN_IN_LIMIT.perAddress; i++) {
      const res = await signIn(
        { email: `nobody-${unique()}@test.example.org`, password: 'wrong password' },
        '203.0.113.60',
      );
      expect(res.status).toBe(401);
    }
    const colleague = await account('swd');
    expect((await signIn(colleague, '203.0.113.60')).status).toBe(429);
    expect((await signIn(admin, '203.0.113.60', known)).status).toBe(200);
    // A made-up device cookie is no known browser.
    expect((await signIn(colleague, '203.0.113.60', 'made-up')).status).toBe(429);
  });

  test('many addresses failing for one account stop new browsers, never the admin in a browser that signed in before', async () => {
    const admin = await account('admin');
    const known = deviceCookie(await signIn(admin, '198.51.100.70'));
    for (let i = 0; i < SIGN_IN_LIMIT.perAccount; i++) {
      const res = await signIn({ email: admin.email, password: `wrong ${i}` }, `192.0.2.${i}`);
      expect(res.status).toBe(401);
    }
    expect((await signIn(admin, '198.51.100.71')).status).toBe(429);
    expect((await signIn(admin, '198.51.100.71', known)).status).toBe(200);
    expect((await signIn(admin, '198.51.100.70', known)).status).toBe(200);
  });

  test('a device cookie planted in a browser does not become a known browser of the account', async () => {
    const victim = await account('swd');
    const res = await signIn(victim, '198.51.100.80', 'planted-by-attacker');
    expect(res.status).toBe(200);
    expect(deviceCookie(res)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(deviceCookie(res)).not.toBe('planted-by-attacker');
    const rows = await t.db.selectFrom('known_devices').select('id_hash').execute();
    expect(rows.map((r) => r.id_hash)).not.toContain(sha256('planted-by-attacker'));
  });
});

describe('limits hold under concurrency', () => {
  test(`25 parallel wrong passwords: exactly ${SIGN_IN_LIMIT.perAccountAndAddress} are checked, and then the right one is refused`, async () => {
    const victim = await account('swd');
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        signIn({ email: victim.email, password: `wrong ${i}` }, '203.0.113.90'),
      ),
    );
    // Error statuses are not in the client's types (only the routes' answers are): widened.
    const statuses: number[] = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(SIGN_IN_LIMIT.perAccountAndAddress);
    expect(statuses.filter((s) => s === 429)).toHaveLength(25 - SIGN_IN_LIMIT.perAccountAndAddress);
    expect((await signIn(victim, '203.0.113.90')).status).toBe(429);
  });

  test(`parallel wrong kiosk codes: exactly ${GUESS_LIMIT.kioskCodes} are looked up`, async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => openKiosk(`parallel${i}`, from('203.0.113.91'))),
    );
    const statuses: number[] = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 404)).toHaveLength(GUESS_LIMIT.kioskCodes);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - GUESS_LIMIT.kioskCodes);
  });
});

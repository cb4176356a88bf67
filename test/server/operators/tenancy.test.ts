import { beforeAll, describe, expect, test } from 'vitest';
import { testApp, unique, type Caller, type TestApp } from '../../support/app.ts';

let t: TestApp;
let admin: Caller;
let swd: Caller;
let mine: string;
let theirs: string;
let coordinator: Caller;
let otherCoordinator: Caller;

beforeAll(async () => {
  t = await testApp();
  admin = await t.user('admin');
  swd = await t.user('swd');
  mine = await t.operator();
  theirs = await t.operator();
  coordinator = await t.user('coordinator', mine);
  otherCoordinator = await t.user('coordinator', theirs);
});

describe('operators', () => {
  test('an admin creates an operator with units; everyone signed in per scope can read it', async () => {
    const code = `NGO${unique()}`.toUpperCase();
    const res = await t.call('POST', '/operators', {
      as: admin,
      body: {
        code,
        name: { en: 'Harbour Family Services', 'zh-HK': '海港家庭服務' },
        units: [{ code: `${code}-B`, programme: 'SPEAR', region: 'B', districts: ['kwun_tong'] }],
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      code,
      units: [{ code: `${code}-B`, programme: 'SPEAR', region: 'B', districts: ['kwun_tong'] }],
    });
    expect((await t.call('GET', `/operators/${code}`, { as: swd })).status).toBe(200);
  });

  test('every bad unit is listed in one 422 and nothing is created', async () => {
    const code = `BAD${unique()}`.toUpperCase();
    const res = await t.call('POST', '/operators', {
      as: admin,
      body: {
        code,
        name: { en: 'Bad', 'zh-HK': '壞' },
        units: [
          { code: `${code}-1`, programme: 'NOPE' },
          { code: `${code}-2`, programme: 'SPEAR', region: 'Z', districts: ['atlantis'] },
        ],
      },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      'units.0.programme',
      'units.1.region',
      'units.1.districts',
    ]);
    expect((await t.call('GET', `/operators/${code}`, { as: admin })).status).toBe(404);
  });

  test('a duplicate code is 409', async () => {
    const res = await t.call('POST', '/operators', {
      as: admin,
      body: { code: mine, name: { en: 'Again', 'zh-HK': '再' }, units: [] },
    });
    expect(res.status).toBe(409);
  });

  test('only admins create operators', async () => {
    for (const caller of [swd, coordinator]) {
      const res = await t.call('POST', '/operators', {
        as: caller,
        body: { code: `X${unique()}`, name: { en: 'x', 'zh-HK': 'x' }, units: [] },
      });
      expect(res.status).toBe(403);
    }
  });
});

describe('a coordinator of one operator', () => {
  test('lists only its own operator', async () => {
    const res = await t.call('GET', '/operators', { as: coordinator });
    expect(res.status).toBe(200);
    expect(res.body.items.map((o: { code: string }) => o.code)).toEqual([mine]);
    const all = await t.call('GET', '/operators', { as: swd });
    expect(all.body.items.map((o: { code: string }) => o.code)).toEqual(
      expect.arrayContaining([mine, theirs]),
    );
  });

  test('cannot read another operator: 404, as if it did not exist', async () => {
    expect((await t.call('GET', `/operators/${theirs}`, { as: coordinator })).status).toBe(404);
    expect((await t.call('GET', `/operators/${mine}`, { as: coordinator })).status).toBe(200);
  });

  test('cannot change another operator (or its own)', async () => {
    const res = await t.call('PATCH', `/operators/${theirs}`, {
      as: coordinator,
      body: { name: { en: 'Mine now', 'zh-HK': '我的' } },
    });
    expect(res.status).toBe(403);
    const after = await t.call('GET', `/operators/${theirs}`, { as: admin });
    expect(after.body.name.en).toBe(`Operator ${theirs}`);
  });

  test("sees only its own operator's users", async () => {
    const res = await t.call('GET', '/users', { as: coordinator });
    expect(res.status).toBe(200);
    const operators = new Set(res.body.items.map((u: { operator: string }) => u.operator));
    expect([...operators]).toEqual([mine]);
    expect(res.body.items.map((u: { id: string }) => u.id)).not.toContain(
      otherCoordinator.user!.id,
    );
  });

  test('cannot create, disable or enable users', async () => {
    expect(
      (
        await t.call('POST', '/users', {
          as: coordinator,
          body: {
            email: `x${unique()}@t.example.org`,
            password: 'a long password!',
            role: 'coordinator',
            operator: mine,
          },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.call('PATCH', `/users/${otherCoordinator.user!.id}`, {
          as: coordinator,
          body: { disabled: true },
        })
      ).status,
    ).toBe(403);
  });

  test("sees only its own operator's audit entries", async () => {
    await t.call('PATCH', `/operators/${theirs}`, {
      as: admin,
      body: { name: { en: `Operator ${theirs}`, 'zh-HK': `機構 ${theirs}` } },
    });
    const res = await t.call('GET', '/audit', { as: coordinator });
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((e: { operator: string }) => e.operator === mine)).toBe(true);
    const everything = await t.call('GET', '/audit', { as: admin });
    expect(everything.body.items.some((e: { operator: string }) => e.operator === theirs)).toBe(
      true,
    );
  });

  test('SWD cannot list users or read the audit log', async () => {
    expect((await t.call('GET', '/users', { as: swd })).status).toBe(403);
    expect((await t.call('GET', '/audit', { as: swd })).status).toBe(403);
  });
});

describe('users', () => {
  test('an admin creates a coordinator bound to an operator, who can then sign in', async () => {
    const email = `coord-${unique()}@test.example.org`;
    const res = await t.call('POST', '/users', {
      as: admin,
      body: { email, password: 'a long password!', role: 'coordinator', operator: mine },
    });
    expect(res.status).toBe(201);
    const signed = await t.signIn(email, 'a long password!');
    expect(signed.user).toMatchObject({ role: 'coordinator', operator: mine });
  });

  test('a coordinator needs an operator; an operator must exist; emails are unique', async () => {
    const email = `coord-${unique()}@test.example.org`;
    expect(
      (
        await t.call('POST', '/users', {
          as: admin,
          body: { email, password: 'a long password!', role: 'coordinator' },
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await t.call('POST', '/users', {
          as: admin,
          body: { email, password: 'a long password!', role: 'coordinator', operator: 'NOSUCH' },
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await t.call('POST', '/users', {
          as: admin,
          body: { email, password: 'a long password!', role: 'swd' },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await t.call('POST', '/users', {
          as: admin,
          body: { email: email.toUpperCase(), password: 'a long password!', role: 'swd' },
        })
      ).status,
    ).toBe(409);
  });

  test('an admin cannot disable itself', async () => {
    const res = await t.call('PATCH', `/users/${admin.user!.id}`, {
      as: admin,
      body: { disabled: true },
    });
    expect(res.status).toBe(409);
  });

  test('an unknown or malformed user id is 404', async () => {
    expect(
      (
        await t.call('PATCH', '/users/00000000-0000-0000-0000-000000000000', {
          as: admin,
          body: { disabled: true },
        })
      ).status,
    ).toBe(404);
    expect(
      (await t.call('PATCH', "/users/1' or 1=1", { as: admin, body: { disabled: true } })).status,
    ).toBe(404);
  });
});

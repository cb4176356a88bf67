import { beforeAll, describe, expect, test } from 'vitest';
import { answered, testApp, unique, type Caller, type TestApp } from '../../support/app.ts';

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

type NewOperator = Parameters<ReturnType<TestApp['api']>['operators']['$post']>[0]['json'];
type NewUser = Parameters<ReturnType<TestApp['api']>['users']['$post']>[0]['json'];
const createOperator = (as: Caller, json: NewOperator) => t.api(as).operators.$post({ json });
const operator = (as: Caller, code: string) =>
  t.api(as).operators[':code'].$get({ param: { code } });
const renameOperator = (as: Caller, code: string, name: { en: string; 'zh-HK': string }) =>
  t.api(as).operators[':code'].$patch({ param: { code }, json: { name } });
const createUser = (as: Caller, json: NewUser) => t.api(as).users.$post({ json });
const disable = (as: Caller, id: string) =>
  t.api(as).users[':id'].$patch({ param: { id }, json: { disabled: true } });
const audit = (as: Caller) => t.api(as).audit.$get({ query: {} });

describe('operators', () => {
  test('an admin creates an operator with units; everyone signed in per scope can read it', async () => {
    const code = `NGO${unique()}`.toUpperCase();
    const created = await answered(
      createOperator(admin, {
        code,
        name: { en: 'Harbour Family Services', 'zh-HK': '海港家庭服務' },
        units: [{ code: `${code}-B`, programme: 'SPEAR', region: 'B', districts: ['kwun_tong'] }],
      }),
      201,
    );
    expect(created).toMatchObject({
      code,
      units: [{ code: `${code}-B`, programme: 'SPEAR', region: 'B', districts: ['kwun_tong'] }],
    });
    await answered(operator(swd, code), 200);
  });

  test('every bad unit is listed in one 422 and nothing is created', async () => {
    const code = `BAD${unique()}`.toUpperCase();
    const refused = await answered(
      createOperator(admin, {
        code,
        name: { en: 'Bad', 'zh-HK': '壞' },
        units: [
          { code: `${code}-1`, programme: 'NOPE' },
          { code: `${code}-2`, programme: 'SPEAR', region: 'Z', districts: ['atlantis'] },
        ],
      }),
      422,
    );
    expect(refused.error.details!.map((d) => d.path)).toEqual([
      'units.0.programme',
      'units.1.region',
      'units.1.districts',
    ]);
    await answered(operator(admin, code), 404);
  });

  test('a duplicate code is 409', async () => {
    await answered(
      createOperator(admin, { code: mine, name: { en: 'Again', 'zh-HK': '再' }, units: [] }),
      409,
    );
  });

  test('only admins create operators', async () => {
    for (const caller of [swd, coordinator]) {
      await answered(
        createOperator(caller, {
          code: `X${unique()}`,
          name: { en: 'x', 'zh-HK': 'x' },
          units: [],
        }),
        403,
      );
    }
  });
});

describe('a coordinator of one operator', () => {
  test('lists only its own operator', async () => {
    const own = await answered(t.api(coordinator).operators.$get(), 200);
    expect(own.items.map((o) => o.code)).toEqual([mine]);
    const all = await answered(t.api(swd).operators.$get(), 200);
    expect(all.items.map((o) => o.code)).toEqual(expect.arrayContaining([mine, theirs]));
  });

  test('cannot read another operator: 404, as if it did not exist', async () => {
    await answered(operator(coordinator, theirs), 404);
    await answered(operator(coordinator, mine), 200);
  });

  test('cannot change another operator (or its own)', async () => {
    await answered(renameOperator(coordinator, theirs, { en: 'Mine now', 'zh-HK': '我的' }), 403);
    const after = await answered(operator(admin, theirs), 200);
    expect(after.name.en).toBe(`Operator ${theirs}`);
  });

  test("sees only its own operator's users", async () => {
    const users = await answered(t.api(coordinator).users.$get(), 200);
    const operators = new Set(users.items.map((u) => u.operator));
    expect([...operators]).toEqual([mine]);
    expect(users.items.map((u) => u.id)).not.toContain(otherCoordinator.user!.id);
  });

  test('cannot create, disable or enable users', async () => {
    await answered(
      createUser(coordinator, {
        email: `x${unique()}@t.example.org`,
        password: 'a long password!',
        role: 'coordinator',
        operator: mine,
      }),
      403,
    );
    await answered(disable(coordinator, otherCoordinator.user!.id), 403);
  });

  test("sees only its own operator's audit entries", async () => {
    await answered(
      renameOperator(admin, theirs, { en: `Operator ${theirs}`, 'zh-HK': `機構 ${theirs}` }),
      200,
    );
    const own = await answered(audit(coordinator), 200);
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.items.every((e) => e.operator === mine)).toBe(true);
    const everything = await answered(audit(admin), 200);
    expect(everything.items.some((e) => e.operator === theirs)).toBe(true);
  });

  test('SWD cannot list users or read the audit log', async () => {
    await answered(t.api(swd).users.$get(), 403);
    await answered(audit(swd), 403);
  });
});

describe('users', () => {
  test('an admin creates a coordinator bound to an operator, who can then sign in', async () => {
    const email = `coord-${unique()}@test.example.org`;
    await answered(
      createUser(admin, {
        email,
        password: 'a long password!',
        role: 'coordinator',
        operator: mine,
      }),
      201,
    );
    const signed = await t.signIn(email, 'a long password!');
    expect(signed.user).toMatchObject({ role: 'coordinator', operator: mine });
  });

  test('a coordinator needs an operator; an operator must exist; emails are unique', async () => {
    const email = `coord-${unique()}@test.example.org`;
    const password = 'a long password!';
    await answered(createUser(admin, { email, password, role: 'coordinator' }), 422);
    await answered(
      createUser(admin, { email, password, role: 'coordinator', operator: 'NOSUCH' }),
      422,
    );
    await answered(createUser(admin, { email, password, role: 'swd' }), 201);
    await answered(createUser(admin, { email: email.toUpperCase(), password, role: 'swd' }), 409);
  });

  test('an admin cannot disable itself', async () => {
    await answered(disable(admin, admin.user!.id), 409);
  });

  test('an unknown or malformed user id is 404', async () => {
    await answered(disable(admin, '00000000-0000-0000-0000-000000000000'), 404);
    await answered(disable(admin, "1' or 1=1"), 404);
  });
});

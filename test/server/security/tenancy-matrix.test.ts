import { beforeAll, describe, expect, test } from 'vitest';
import { declaredRoutes, type Access } from '../../../server/http/routes.ts';
import { testApp, type Caller, type TestApp } from '../../support/app.ts';
import { CASES, FREE_TEXT, routeFixtures } from '../../support/route-cases.ts';

// Every route the app declares, every role, own and other operator: generated from the app's
// own route list, so a new route without an entry in CASES fails the suite.

let t: TestApp;
let admin: Caller;
let swd: Caller;
let own: Caller;
let other: Caller;
let f: Record<string, string>;

beforeAll(async () => {
  t = await testApp();
  ({ admin, swd, own, other, fixtures: f } = await routeFixtures(t));
});

const routes = [...declaredRoutes.entries()].map(([key, access]) => ({
  key,
  access,
  method: key.split(' ')[0]!,
  template: key.split(' ')[1]!,
}));
const call = (r: (typeof routes)[number], as?: Caller) => {
  const c = CASES[r.key]!(f);
  return t.call(r.method, c.path, {
    ...(as ? { as } : {}),
    ...(c.body !== undefined ? { body: c.body } : {}),
  });
};
const allows = (access: Access, role: string) =>
  access.roles === 'anyone' || access.roles.includes(role as never);

test('every declared route has a case here', () => {
  expect(routes.map((r) => r.key).filter((k) => !CASES[k])).toEqual([]);
});

describe.each(routes)('$key', (r) => {
  test('signed out: 401 unless public', async () => {
    const res = await call(r);
    if (r.access.roles === 'anyone')
      expect(res.status).not.toBe(403); // no role gate (login may say 401 to a wrong password)
    else expect(res.status).toBe(401);
  });

  test.each(['admin', 'swd', 'coordinator'])(
    'as %s: 403 unless the role is allowed',
    async (role) => {
      if (allows(r.access, role)) return;
      const as = role === 'admin' ? admin : role === 'swd' ? swd : own;
      const res = await call(r, as);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    },
  );

  test('a coordinator of another operator never reaches operator A', async () => {
    if (r.access.tenancy !== 'operator' || !allows(r.access, 'coordinator')) return;
    const res = await call(r, other);
    if (res.status < 300) {
      // Only lists and scoped reads of one's own operator may succeed: nothing of A in them.
      expect(r.method).toBe('GET');
      for (const id of [f.operatorA, f.questionnaire, f.activityId, f.responseId])
        expect(res.text).not.toContain(id);
    } else {
      // 422 where the foreign record is named in the body ("you have no unit X"), as for one that does not exist.
      expect([403, 404, 422]).toContain(res.status);
    }
  });

  test('SWD never receives an individual response or free text', async () => {
    if (r.method !== 'GET' || !allows(r.access, 'swd')) return;
    const res = await call(r, swd);
    expect(res.text).not.toContain(FREE_TEXT);
    expect(res.text).not.toContain(f.responseId);
  });
});

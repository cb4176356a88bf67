import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, test } from 'vitest';
import { declaredRoutes, routeQueryKeys, type Access } from '../../../server/http/routes.ts';
import { ORIGIN, testApp, type Caller, type TestApp } from '../../support/app.ts';
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
// Every declared route by its key (method and path as strings), so through t.call.
const call = (r: (typeof routes)[number], as?: Caller) => {
  const c = CASES[r.key]!(f);
  return t.call(r.method, c.path, {
    ...(as ? { as } : {}),
    ...(c.body !== undefined ? { body: c.body } : {}),
    ...(c.file ? { rawBody: c.file.content, headers: { 'content-type': c.file.type } } : {}),
  });
};
const allows = (access: Access, role: string) =>
  access.roles === 'anyone' || access.roles.includes(role as never);

test('every declared route has a case here', () => {
  expect(routes.map((r) => r.key).filter((k) => !CASES[k])).toEqual([]);
});

/**
 * The case's query with one parameter (one the route reads) changed or added: `refused` ones
 * (empty, blank, given twice, with operator B's and A's codes either way round) must be 422;
 * `recased` ones (the case's value in another case) may be refused in any way but never
 * answered with A's records.
 */
function queryVariants(path: string, name: string) {
  const url = new URL(path, ORIGIN);
  const value = url.searchParams.get(name) ?? f.operatorA!;
  const withQuery = (query: string) => {
    const rest = new URLSearchParams(url.search);
    rest.delete(name);
    const tail = rest.toString();
    return `${url.pathname}?${tail ? `${tail}&` : ''}${query}`;
  };
  const refused = [
    `${name}=`,
    `${name}`,
    `${name}=%20`,
    `${name}=%20%09%20`,
    `${name}=${value}&${name}=${value}`,
    `${name}=${f.operatorB}&${name}=${value}`,
    `${name}=${value}&${name}=${f.operatorB}`,
  ].map(withQuery);
  const recased = [...new Set([value.toLowerCase(), value.toUpperCase()])]
    .filter(() => url.searchParams.has(name))
    .filter((v) => v !== value)
    .map((v) => withQuery(`${name}=${encodeURIComponent(v)}`));
  return { refused, recased };
}

/** A response's text; a workbook's sheet names and cells, so a foreign code in one is seen. */
async function readable(res: Response) {
  if (!res.headers.get('content-type')?.includes('spreadsheetml')) return res.text();
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await res.arrayBuffer());
  const parts: string[] = [];
  book.eachSheet((sheet) => {
    parts.push(sheet.name);
    sheet.eachRow((row) => parts.push(JSON.stringify(row.values)));
  });
  return parts.join('\n');
}

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

  test('empty, blank, repeated or re-cased query values never reach operator A', async () => {
    const names = routeQueryKeys.get(r.key) ?? [];
    if (!names.length) return;
    // Operator B's coordinator where coordinators may call, otherwise the first role that may.
    const as = allows(r.access, 'coordinator') ? other : allows(r.access, 'swd') ? swd : admin;
    // A write needs the page's Origin (as the browser sends), so the query is what is refused.
    const headers = {
      cookie: as.cookie!,
      ...(r.method === 'GET' ? {} : { origin: ORIGIN }),
    };
    // The operator first: the filter that decides whose records come back.
    for (const name of [...names].sort(
      (a, b) => Number(b === 'operator') - Number(a === 'operator'),
    )) {
      const { refused, recased } = queryVariants(CASES[r.key]!(f).path, name);
      for (const path of refused) {
        const res = await t.app.request(`/api/v1${path}`, { method: r.method, headers });
        const text = await readable(res);
        for (const id of [f.operatorA, f.questionnaire, f.activityId, f.responseId])
          expect(text, path).not.toContain(id);
        expect(res.status, path).toBe(422);
        expect(JSON.parse(text).error, path).toMatchObject({ code: 'invalid_request' });
      }
      if (as !== other) continue;
      for (const path of recased) {
        const res = await t.app.request(`/api/v1${path}`, { method: r.method, headers });
        const text = await readable(res);
        expect([403, 404, 422], `${path}: ${text.slice(0, 200)}`).toContain(res.status);
        for (const id of [f.operatorA, f.questionnaire, f.activityId, f.responseId])
          expect(text, path).not.toContain(id);
      }
      // Nor does the plain query, in any format (a workbook's sheets included).
      const plain = CASES[r.key]!(f).path.replace(
        `${name}=${f.operatorA}`,
        `${name}=${f.operatorB}`,
      );
      const res = await t.app.request(`/api/v1${plain}`, { method: r.method, headers });
      const text = await readable(res);
      for (const id of [f.operatorA, f.questionnaire, f.activityId, f.responseId])
        expect(text, plain).not.toContain(id);
    }
  });

  test('SWD never receives an individual response or free text', async () => {
    if (r.method !== 'GET' || !allows(r.access, 'swd')) return;
    const res = await call(r, swd);
    expect(res.text).not.toContain(FREE_TEXT);
    expect(res.text).not.toContain(f.responseId);
  });
});

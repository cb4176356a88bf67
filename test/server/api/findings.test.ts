// Issue 20: the API answers exactly what its OpenAPI document says. One test per finding, each
// checking the answer and that the document names it for that operation.
import { beforeAll, describe, expect, test } from 'vitest';
import { GUESS_LIMIT } from '../../../server/auth/limits.ts';
import { answered, ORIGIN, testApp, type Caller, type TestApp } from '../../support/app.ts';
import { operationsOf, type OpenApiDocument } from '../../support/openapi.ts';

let t: TestApp;
let document: OpenApiDocument;
let admin: Caller;
let swd: Caller;
let coordinator: Caller;
let operator: string;
beforeAll(async () => {
  t = await testApp();
  // The OpenAPI document is not itself a typed route.
  document = (await t.call('GET', '/openapi.json')).body;
  operator = await t.operator();
  [admin, swd, coordinator] = await Promise.all([
    t.user('admin'),
    t.user('swd'),
    t.user('coordinator', operator),
  ]);
});

/** The statuses the document gives for an operation. */
const documented = (method: string, path: string) =>
  Object.keys(document.paths[path]?.[method.toLowerCase()]?.responses ?? {});

/** Sends a raw body as JSON: cookie and Origin when `as` is given. */
async function raw(method: string, path: string, body: string | undefined, as?: Caller) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (as?.cookie) Object.assign(headers, { cookie: as.cookie, origin: ORIGIN });
  const res = await t.app.request(`/api/v1${path}`, { method, headers, body });
  return { status: res.status, body: await res.json().catch(() => null), headers: res.headers };
}

test('1. the documented UUID pattern matches a real id', async () => {
  const made = (await answered(t.api(admin).tokens.$post({ json: { name: 'id' } }), 201)).id;
  const submission = document.components.schemas.ResponseSubmission!;
  const pattern = submission.properties.id.pattern as string;
  expect(new RegExp(pattern, 'u').test(made), pattern).toBe(true);
});

describe('2. unreadable JSON is 400, documented on every operation with a JSON body', () => {
  test('POST /activities with a body of one NUL byte', async () => {
    const res = await raw('POST', '/activities', '\u0000', coordinator);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(documented('POST', '/activities')).toContain('400');
  });

  test('every operation with a JSON body documents 400', () => {
    // A file upload (the case and attendance import) is not JSON: its wrong type is 415, not 400.
    const withBody = operationsOf(document).filter(
      ([, , op]) => op.requestBody?.content?.['application/json'],
    );
    expect(withBody.length).toBeGreaterThan(15);
    expect(
      withBody.filter(([, , op]) => !op.responses['400']).map(([m, p]) => `${m} ${p}`),
    ).toEqual([]);
  });
});

describe('3. authentication and access answer before the body is read', () => {
  test('POST /tokens with body "nope" and no credentials is 401', async () => {
    const res = await raw('POST', '/tokens', 'nope');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorised');
  });

  test('a role without access sending unreadable JSON is 403', async () => {
    const res = await raw('POST', '/activities', 'nope', swd);
    expect(res.status).toBe(403);
  });

  test('on every signed-in route with a body, unreadable JSON without credentials is 401', async () => {
    const routes = operationsOf(document).filter(
      ([, , op]) => op.requestBody && (op as { security?: unknown[] }).security?.length,
    );
    for (const [method, path] of routes) {
      const concrete = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      const res = await raw(method, concrete, '{"unreadable": ');
      expect(res.status, `${method} ${path}`).toBe(401);
    }
  });
});

describe('4. a malformed path parameter is 422, documented', () => {
  test('a 65-character kiosk code', async () => {
    for (const [method, path] of [
      ['GET', '/kiosk/{code}'],
      ['POST', '/kiosk/{code}/responses'],
    ] as const) {
      const body = method === 'GET' ? undefined : '{}';
      const res = await raw(method, path.replace('{code}', 'k'.repeat(65)), body);
      expect(res.status, path).toBe(422);
      expect(documented(method, path), path).toContain('422');
    }
  });

  test('a 41-character operator code', async () => {
    await answered(t.api(admin).operators[':code'].$get({ param: { code: 'O'.repeat(41) } }), 422);
    expect(documented('GET', '/operators/{code}')).toContain('422');
  });

  test('every operation with a path parameter documents 422', () => {
    const withParams = operationsOf(document).filter(([, , op]) =>
      op.parameters?.some((p) => p.in === 'path'),
    );
    expect(
      withParams.filter(([, , op]) => !op.responses['422']).map(([m, p]) => `${m} ${p}`),
    ).toEqual([]);
  });
});

test('5. the kiosk’s wrong-code brake answers 429, documented on both kiosk routes', async () => {
  let last: number = 0;
  for (let i = 0; i <= GUESS_LIMIT.kioskCodes; i++) {
    last = (await t.api().kiosk[':code'].$get({ param: { code: `wrong-code-${i}` } })).status;
  }
  expect(last).toBe(429);
  const submit = await raw('POST', '/kiosk/wrong-code-x/responses', '{}');
  expect(submit.status).toBe(429);
  expect(documented('GET', '/kiosk/{code}')).toContain('429');
  expect(documented('POST', '/kiosk/{code}/responses')).toContain('429');
});

describe('6. a method a path does not have is 405 with Allow', () => {
  test.each([
    ['DELETE', '/health', 'GET, HEAD'],
    ['PATCH', '/activities', 'GET, HEAD, POST'],
    ['PUT', `/kiosk/some-code`, 'GET, HEAD'],
    ['POST', '/openapi.json', 'GET, HEAD'],
  ])('%s %s', async (method, path, allow) => {
    const res = await t.app.request(`/api/v1${path}`, { method });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe(allow);
    expect((await res.json()).error).toMatchObject({
      code: 'method_not_allowed',
      message: expect.any(String),
    });
  });

  test('a path no route has is still 404', async () => {
    expect((await t.app.request('/api/v1/nothing-here', { method: 'DELETE' })).status).toBe(404);
  });
});

describe('7. unknown query parameters are 422 naming the parameter, on every route', () => {
  test.each([
    ['/outcomes?programme=SPEAR&fiscalYear=2026&x-unknown=42'],
    ['/outcomes.csv?programme=SPEAR&fiscalYear=2026&x-unknown=42'],
    ['/audit?x-unknown=42'],
    ['/operators?x-unknown=42'],
    ['/health?x-unknown=42'],
  ])('%s', async (path) => {
    // Unknown query parameters, which the typed client refuses to send.
    const res = await t.call('GET', path, { as: path.startsWith('/audit') ? admin : swd });
    expect(res.status, res.text).toBe(422);
    expect(res.body.error.details).toEqual([
      { path: 'x-unknown', message: expect.stringContaining('x-unknown') },
    ]);
  });

  test('known parameters still work', async () => {
    await answered(
      t.api(swd).outcomes.$get({ query: { programme: 'SPEAR', fiscalYear: '2026' } }),
      200,
    );
  });

  test('the rule is documented in the document’s description', () => {
    const { description } = (document as unknown as { info: { description: string } }).info;
    expect(description).toMatch(/unknown query parameters are refused with 422/i);
  });
});

import { once } from 'node:events';
import { request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { beforeAll, describe, expect, test } from 'vitest';
import { createApp, MAX_BODY_BYTES } from '../../../server/app.ts';
import { createLogger } from '../../../server/lib/log.ts';
import { declaredRoutes } from '../../../server/http/routes.ts';
import { answered, testApp, testConfig, type TestApp } from '../../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

const health = () => t.api().health.$get();

test('health is 200 when the database answers', async () => {
  expect(await answered(health(), 200)).toEqual({ status: 'ok' });
});

describe('errors have the contract’s shape', () => {
  test('unreadable JSON is 400', async () => {
    const admin = await t.user('admin');
    const res = await t.call('POST', '/operators', { as: admin, rawBody: '{"code": ' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'bad_request', message: expect.any(String) });
  });

  test('wrong types are 422 with every problem in details', async () => {
    const admin = await t.user('admin');
    // Untyped on purpose: wrong types.
    const res = await t.call('POST', '/users', {
      as: admin,
      body: { email: 'not-an-email', password: 5, role: 'king' },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'email',
      'password',
      'role',
    ]);
  });

  test('not signed in is 401', async () => {
    const refused = await answered(t.api().users.$get(), 401);
    expect(refused.error.code).toBe('unauthorised');
  });

  test('an unknown API route is 404', async () => {
    // Untyped on purpose: a path the API does not have.
    const res = await t.call('GET', '/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  test(`a body over ${MAX_BODY_BYTES} bytes is 413 before anything else`, async () => {
    const admin = await t.user('admin');
    const res = await t.call('POST', '/operators', {
      as: admin,
      rawBody: JSON.stringify({ code: 'X', pad: 'x'.repeat(MAX_BODY_BYTES) }),
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });
});

test('security headers are set', async () => {
  const res = await health();
  expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'(;|$)/);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
});

test('HSTS is sent only when the server is reached over https', async () => {
  expect((await health()).headers.get('strict-transport-security')).toBeNull();
  const https = createApp({
    db: t.db,
    config: testConfig({ secureCookies: true }),
    log: createLogger('silent'),
  });
  const res = await https.request('/api/v1/health');
  expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
});

describe('OpenAPI and route metadata', () => {
  test('the document is OpenAPI 3.1 and every declared route is in it with its access rule', async () => {
    // The document is served beside the typed routes, not as one of them.
    const res = await t.call('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    for (const [key, access] of declaredRoutes) {
      const [method, path] = key.split(' ') as [string, string];
      const operation = res.body.paths[path]?.[method.toLowerCase()];
      expect(operation, key).toBeDefined();
      expect(operation['x-access']).toEqual(access);
    }
    const refs = JSON.stringify(res.body).match(/"#\/components\/schemas\/[^"]+"/g) ?? [];
    for (const ref of new Set(refs)) {
      expect(res.body.components.schemas, ref).toHaveProperty([ref.split('/').pop()!.slice(0, -1)]);
    }
    expect(refs).toContain('"#/components/schemas/ResponseSubmission"');
  });

  test('every API route the app serves is declared (a route without an access rule fails here)', () => {
    const served = t.app.routes
      .filter(
        (r) =>
          r.path.startsWith('/api/v1/') && r.method !== 'ALL' && r.path !== '/api/v1/openapi.json',
      )
      .map((r) => `${r.method} ${r.path.replace('/api/v1', '').replace(/:(\w+)/g, '{$1}')}`);
    const undeclared = [...new Set(served)].filter((key) => !declaredRoutes.has(key));
    expect(undeclared).toEqual([]);
    expect(served.length).toBeGreaterThan(10);
  });

  test('the API reference page works offline: no external assets', async () => {
    const res = await t.app.request('/api/docs');
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).not.toMatch(/https?:\/\//);
    for (const asset of [
      '/api/docs/swagger-ui-bundle.js',
      '/api/docs/swagger-ui.css',
      '/api/docs/init.js',
    ]) {
      expect((await t.app.request(asset)).status, asset).toBe(200);
    }
  });
});

describe('JSON the database could not store, or nested to exhaust a parser', () => {
  test('a NUL character or a broken surrogate pair is 422 before any route', async () => {
    const caller = await t.user('swd');
    const makeToken = (name: string) => t.api(caller).tokens.$post({ json: { name } });
    for (const name of ['bad\u0000name', 'broken \ud800 pair']) {
      const refused = await answered(makeToken(name), 422);
      expect(refused.error.code).toBe('unacceptable_json');
    }
    await answered(makeToken('emoji 😀 fine'), 201);
  });

  test('the detail names where the unstorable text is, inside arrays and objects', async () => {
    const caller = await t.user('swd');
    const res = await t.call('POST', '/tokens', {
      as: caller,
      rawBody: '{"name":"x","a":[{"b":"fine"},{"b":"bad\\u0000"}]}',
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('unacceptable_json');
    expect(res.body.error.details).toEqual([
      { path: 'a.1.b', message: 'Holds NUL or a broken surrogate pair.' },
    ]);
  });

  test('nesting deeper than 64 levels is 422', async () => {
    const caller = await t.user('swd');
    let deep: unknown = 'x';
    for (let i = 0; i < 100; i++) deep = { a: deep };
    // Untyped on purpose: a field the body does not have (as in the next test).
    const res = await t.call('POST', '/tokens', { as: caller, body: { name: 'x', deep } });
    expect(res.status).toBe(422);
  });

  test('unknown fields in a request body are refused, not silently dropped', async () => {
    const caller = await t.user('swd');
    const res = await t.call('POST', '/tokens', { as: caller, body: { name: 'x', nmae: 'typo' } });
    expect(res.status).toBe(422);
  });
});

describe('over a real socket, through the Node adapter', () => {
  let port: number;
  beforeAll(async () => {
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
    return () => new Promise<void>((resolve) => server.close(() => resolve()));
  });

  /** One raw HTTP request; `chunked` sends the body without a Content-Length. */
  function send(method: string, path: string, body?: string, { chunked = false } = {}) {
    return new Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>(
      (resolve, reject) => {
        const headers: Record<string, string | number> = { 'content-type': 'application/json' };
        if (body !== undefined && !chunked) headers['content-length'] = Buffer.byteLength(body);
        const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (text += d));
          res.on('end', () =>
            resolve({ status: res.statusCode!, headers: res.headers, body: text }),
          );
        });
        // The server may answer (413) and close before the whole body is sent.
        req.on('error', (error: NodeJS.ErrnoException) =>
          error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error),
        );
        if (body !== undefined) req.write(body);
        req.end();
      },
    );
  }

  const oversized = JSON.stringify({ name: 'x'.repeat(MAX_BODY_BYTES) });

  test('a declared Content-Length over the limit is 413 in the contract’s shape', async () => {
    const res = await send('POST', '/api/v1/auth/login', oversized);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.code).toBe('payload_too_large');
  });

  test('a chunked body is counted as it arrives: 413 over the limit, read in full under it', async () => {
    const over = await send('POST', '/api/v1/auth/login', oversized, { chunked: true });
    expect(over.status).toBe(413);
    const read = await send('POST', '/api/v1/auth/login', '{"email": 5}', { chunked: true });
    expect(read.status).toBe(422);
    expect(JSON.parse(read.body).error.details[0].path).toBe('email');
  });

  test('a body within the limit reaches the route, which reads it', async () => {
    const res = await send('POST', '/api/v1/auth/login', '{"email": 5}');
    expect(res.status).toBe(422);
    expect(JSON.parse(res.body).error.details[0].path).toBe('email');
    const unreadable = await send('POST', '/api/v1/auth/login', '{"email": ');
    expect(unreadable.status).toBe(400);
    const deep = await send('POST', '/api/v1/auth/login', '['.repeat(100) + ']'.repeat(100));
    expect(deep.status).toBe(422);
  });

  test('security headers and the request id are on every answer: success, error and page', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/health'],
      ['GET', '/api/v1/nothing-here'],
      ['POST', '/api/v1/auth/login'],
      ['GET', '/'],
    ] as const) {
      const res = await send(method, path, method === 'POST' ? '{}' : undefined);
      expect(res.headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
      expect(res.headers['referrer-policy'], path).toBe('no-referrer');
      expect(res.headers['x-request-id'], path).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

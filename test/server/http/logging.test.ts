import { beforeAll, expect, test } from 'vitest';
import { createLogger } from '../../../server/lib/log.ts';
import { answered, testApp, type TestApp } from '../../support/app.ts';

const lines: string[] = [];
let t: TestApp;
beforeAll(async () => {
  t = await testApp(
    {},
    createLogger('debug', {}, (line) => lines.push(line)),
  );
});

test('each request is one JSON line with a request id, level and timing, and no secret', async () => {
  const caller = await t.user('coordinator', await t.operator());
  const { token } = await answered(t.api(caller).tokens.$post({ json: { name: 'n' } }), 201);
  await answered(t.api({ token }).auth.me.$get(), 200);
  await answered(
    t.api().auth.login.$post({ json: { email: caller.email!, password: 'a wrong password' } }),
    401,
  );
  const entries = lines.map((l) => JSON.parse(l));
  const requests = entries.filter((e) => e.msg === 'request');
  expect(requests.length).toBeGreaterThanOrEqual(4);
  for (const r of requests) {
    expect(r).toMatchObject({
      level: 'info',
      requestId: expect.any(String),
      method: expect.any(String),
      status: expect.any(Number),
      ms: expect.any(Number),
    });
  }
  const everything = lines.join('\n');
  const secrets = [caller.password!, token, caller.cookie!.split('=')[1]!, 'a wrong password'];
  for (const secret of secrets) expect(everything).not.toContain(secret);
});

test('a request refused before its route (unreadable JSON) is logged with its status, and keeps the headers', async () => {
  // Unreadable JSON, which the typed client cannot send.
  const res = await t.call('POST', '/auth/login', { rawBody: '{"email":' });
  expect(res.status).toBe(400);
  expect(res.headers.get('x-request-id')).toBeTruthy();
  expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  const logged = lines
    .map((l) => JSON.parse(l))
    .find((e) => e.msg === 'request' && e.requestId === res.headers.get('x-request-id'));
  expect(logged).toMatchObject({ status: 400, path: '/api/v1/auth/login' });
});

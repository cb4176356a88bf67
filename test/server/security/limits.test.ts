import { beforeAll, expect, test } from 'vitest';
import { GUESS_LIMIT } from '../../../server/auth/limits.ts';
import { testApp, type TestApp } from '../../support/app.ts';
import { activity, approvedQuestionnaire, kiosk } from '../../support/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ trustProxy: true });
});

const from = (address: string) => ({ 'x-forwarded-for': address });

test(`guessing kiosk codes: after ${GUESS_LIMIT.kioskCodes} wrong codes an address gets 429; other addresses and right codes are unaffected`, async () => {
  const operator = await t.operator();
  const coordinator = await t.user('coordinator', operator);
  const q = await approvedQuestionnaire(t, coordinator, await t.user('swd'));
  const code = await kiosk(t, coordinator, await activity(t, coordinator, operator, [q]));
  for (let i = 0; i < GUESS_LIMIT.kioskCodes; i++) {
    expect((await t.call('GET', `/kiosk/guess${i}`, { headers: from('203.0.113.7') })).status).toBe(
      404,
    );
  }
  const limited = await t.call('GET', '/kiosk/guess-more', { headers: from('203.0.113.7') });
  expect(limited.status).toBe(429);
  expect(limited.body.error.code).toBe('too_many_requests');
  expect((await t.call('GET', '/kiosk/guess-more', { headers: from('198.51.100.1') })).status).toBe(
    404,
  );
  expect((await t.call('GET', `/kiosk/${code}`, { headers: from('198.51.100.1') })).status).toBe(
    200,
  );
});

test(`guessing API tokens: after ${GUESS_LIMIT.tokens} wrong tokens an address gets 429`, async () => {
  for (let i = 0; i < GUESS_LIMIT.tokens; i++) {
    expect(
      (
        await t.call('GET', '/auth/me', {
          as: { token: `fsa_wrong${i}` },
          headers: from('203.0.113.9'),
        })
      ).status,
    ).toBe(401);
  }
  expect(
    (await t.call('GET', '/auth/me', { as: { token: 'fsa_wrong' }, headers: from('203.0.113.9') }))
      .status,
  ).toBe(429);
  const caller = await t.user('swd');
  const token = (await t.call('POST', '/tokens', { as: caller, body: { name: 'n' } })).body.token;
  expect(
    (await t.call('GET', '/auth/me', { as: { token }, headers: from('198.51.100.2') })).status,
  ).toBe(200);
});

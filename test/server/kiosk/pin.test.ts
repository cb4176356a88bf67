// The kiosk's staff PIN: never sent to the tablet, checked by the server with a per-kiosk limit.
import { pbkdf2Sync } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, test } from 'vitest';
import { PIN_WINDOW_MINUTES } from '../../../client/kiosk/pin.ts';
import { PIN_LIMIT } from '../../../server/kiosk/pin.ts';
import { answered, testApp, type Caller, type TestApp } from '../../support/app.ts';
import { activity, approvedQuestionnaire } from '../../support/factories.ts';

let t: TestApp;
let coordinator: Caller;
let activityId: string;

beforeAll(async () => {
  t = await testApp();
  const operator = await t.operator();
  coordinator = await t.user('coordinator', operator);
  const questionnaire = await approvedQuestionnaire(t, coordinator, await t.user('swd'));
  activityId = await activity(t, coordinator, operator, [questionnaire]);
});

const PIN = '246813';

const open = (json: { pin?: string }) =>
  t.api(coordinator).activities[':id'].kiosk.$post({ param: { id: activityId }, json });
async function openKiosk(json: { pin?: string } = { pin: PIN }) {
  return (await answered(open(json), 201)).code;
}
const check = (code: string, pin: string) =>
  t.api().kiosk[':code']['staff-check'].$post({ param: { code }, json: { pin } });
const kiosk = (code: string) => answered(t.api().kiosk[':code'].$get({ param: { code } }), 200);
const storedPin = async (code: string) =>
  (
    await sql<{
      pin_hash: string;
    }>`select pin_hash from kiosks where code_hash = encode(sha256(convert_to(${code}, 'UTF8')), 'hex')`.execute(
      t.db,
    )
  ).rows[0]!.pin_hash;

describe('the staff PIN', () => {
  test('GET /kiosk/{code} says only whether there is a PIN: no salt, iterations or hash', async () => {
    const code = await openKiosk();
    const body = await kiosk(code);
    expect(body.hasPin).toBe(true);
    expect(body).not.toHaveProperty('pin');
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/salt|iterations|hash|argon/i);
    const stored = await storedPin(code);
    expect(stored).toMatch(/^\$argon2id\$/);
    expect(text).not.toContain(stored.split('$').at(-1));
    expect((await kiosk(await openKiosk({}))).hasPin).toBe(false);
  });

  test('is checked by the server: 204 right, 403 wrong, 403 when none was set, 404 unknown code', async () => {
    const code = await openKiosk();
    expect((await check(code, PIN)).status).toBe(204);
    const wrong = await answered(check(code, '135792'), 403);
    expect(wrong.error.code).toBe('wrong_pin');
    expect((await check(await openKiosk({}), PIN)).status).toBe(403);
    expect((await check('AAAAAAAAAAAAAAAAAAAAAA', PIN)).status).toBe(404);
  });

  test('a new PIN has 6 to 12 digits', async () => {
    for (const pin of ['2468', '12345', '1234567890123', '12345a'])
      await answered(open({ pin }), 422);
  });

  test(`concurrent wrong PINs: only ${PIN_LIMIT.tries} are checked, the rest (and then the right PIN) are 429 until the window passes`, async () => {
    const code = await openKiosk();
    const other = await openKiosk();
    const guesses = Array.from({ length: 30 }, (_, i) => String(100_000 + i));
    const statuses = (await Promise.all(guesses.map((pin) => check(code, pin)))).map(
      // Only 204 is typed: the refusals are the contract's error answers.
      (r): number => r.status,
    );
    expect(statuses.filter((s) => s === 403)).toHaveLength(PIN_LIMIT.tries);
    expect(statuses.filter((s) => s === 429)).toHaveLength(guesses.length - PIN_LIMIT.tries);
    // The right PIN now would tell a guesser which try was right: refused too.
    expect((await check(code, PIN)).status).toBe(429);
    expect(PIN_WINDOW_MINUTES, "the tablet's message").toBe(PIN_LIMIT.windowMinutes);
    // Another kiosk is not affected.
    expect((await check(other, PIN)).status).toBe(204);
    // Once the window has passed, the right PIN works again.
    await sql`update kiosks set pin_failures_since = now() - interval '16 minutes' where code_hash = encode(sha256(convert_to(${code}, 'UTF8')), 'hex')`.execute(
      t.db,
    );
    expect((await check(code, PIN)).status).toBe(204);
  });

  test('right PINs do not use up the limit; wrong ones do', async () => {
    const code = await openKiosk();
    for (let i = 0; i < PIN_LIMIT.tries + 2; i++) expect((await check(code, PIN)).status).toBe(204);
    for (let i = 0; i < PIN_LIMIT.tries; i++)
      expect((await check(code, '999999')).status).toBe(403);
    expect((await check(code, '999999')).status).toBe(429);
  });

  test('a kiosk opened before keeps its PBKDF2 PIN working; a week after its end the check is 410', async () => {
    const code = await openKiosk();
    const salt = 'c2FsdA==';
    const legacy = JSON.stringify({
      salt,
      iterations: 1000,
      hash: pbkdf2Sync('2468', salt, 1000, 32, 'sha256').toString('base64'),
    });
    const where = sql`code_hash = encode(sha256(convert_to(${code}, 'UTF8')), 'hex')`;
    await sql`update kiosks set pin_hash = ${legacy} where ${where}`.execute(t.db);
    expect((await check(code, '2468')).status).toBe(204);
    expect((await check(code, '2469')).status).toBe(403);
    await sql`update kiosks set opened_at = now() - interval '20 days', expires_at = now() - interval '8 days' where ${where}`.execute(
      t.db,
    );
    expect((await check(code, '2468')).status).toBe(410);
  });
});

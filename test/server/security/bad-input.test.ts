import fc from 'fast-check';
import { sql } from 'kysely';
import { beforeAll, describe, expect, test } from 'vitest';
import { declaredRoutes, routeTakesBody } from '../../../server/http/routes.ts';
import { testApp, type Caller, type TestApp } from '../../support/app.ts';
import { CASES, routeFixtures } from '../../support/route-cases.ts';

// Malformed, wrongly typed and hostile payloads to every write route, as a caller who may use
// it: each gets a 4xx in the contract's shape, and the database is unchanged.

let t: TestApp;
let callers: Record<string, Caller>;
let f: Record<string, string>;

beforeAll(async () => {
  t = await testApp();
  const fx = await routeFixtures(t);
  callers = { admin: fx.admin, swd: fx.swd, coordinator: fx.own };
  f = fx.fixtures;
});

// Tables whose rows a refused request may not touch. (Failed sign-ins and token or kiosk-code
// guesses are counted on purpose; refused kiosk submissions go to the quarantine by contract.)
const WATCHED = [
  'users',
  'sessions',
  'api_tokens',
  'operators',
  'units',
  'questionnaires',
  'questionnaire_versions',
  'activities',
  'activity_questionnaires',
  'kiosks',
  'responses',
  'outcome_verdicts',
  'outcome_counts',
  'agreed_levels',
];

async function snapshot() {
  const counts: Record<string, unknown> = {};
  for (const table of WATCHED) {
    counts[table] = (
      await sql<{
        n: number;
        h: string;
      }>`select count(*)::int as n, md5(coalesce(string_agg(t::text, ',' order by t::text), '')) as h from ${sql.table(table)} t`.execute(
        t.db,
      )
    ).rows[0];
  }
  return counts;
}

const hostileString = fc.oneof(
  fc.constantFrom(
    "'; drop table users; --",
    '" or 1=1 --',
    '<script>alert(1)</script>',
    '\u202e\u0000\ud800',
    '𝕳𝖊𝖑𝖑𝖔 ‮',
    '../../etc/passwd',
    '%00',
    'x'.repeat(100_000),
  ),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
);
const hugeNumber = fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, -1, 0.5);
const deep = (depth: number): unknown => (depth === 0 ? 'x' : { a: deep(depth - 1) });
const deepArray = (depth: number): unknown => (depth === 0 ? [] : [deepArray(depth - 1)]);

/** Payloads no write route can accept: not an object, or every field of the wrong kind. */
const malformed = fc.oneof(
  hostileString,
  hugeNumber,
  fc.constant(null),
  fc.constant(true),
  fc.array(fc.oneof(hostileString, hugeNumber), { maxLength: 5 }),
  fc.constant(deep(2000)),
  fc.constant(deepArray(2000)),
  fc.dictionary(
    fc.constantFrom(
      'id',
      'email',
      'password',
      'role',
      'operator',
      'code',
      'name',
      'units',
      'definition',
      'template',
      'locale',
      'answers',
      'completedAt',
      'questionnaire',
      'questionnaires',
      'unit',
      'kind',
      'title',
      'date',
      'reason',
      'disabled',
      'minutes',
      'pin',
      'agreedPercent',
      'fromFiscalYear',
      'currentPassword',
      'newPassword',
      'status',
      'confirm',
      'paths',
      'contentHash',
    ),
    fc.oneof(
      fc.array(hugeNumber, { minLength: 1, maxLength: 3 }),
      fc.constant(deepArray(50)),
      fc.constant([null]),
    ),
    { minKeys: 1, maxKeys: 6 },
  ),
);

// Routes that take no body (logout, submit, close…) ignore one; they are not write routes here.
const writeRoutes = [...declaredRoutes.entries()]
  .filter(([key]) => !key.startsWith('GET ') && routeTakesBody.get(key))
  .map(([key, access]) => ({
    key,
    method: key.split(' ')[0]!,
    role: access.roles === 'anyone' ? null : access.roles[0]!,
  }));

describe.each(writeRoutes)('$key', ({ key, method, role }) => {
  test('refuses malformed payloads cleanly and changes nothing', async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(malformed, async (payload) => {
        // Malformed payloads on every write route by its key: what the types forbid.
        const res = await t.call(method, CASES[key]!(f).path, {
          ...(role ? { as: callers[role]! } : {}),
          rawBody: JSON.stringify(payload) ?? 'null',
        });
        expect(res.status, `${res.status} ${res.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.body?.error).toMatchObject({
          code: expect.any(String),
          message: expect.any(String),
        });
      }),
      { numRuns: 12 },
    );
    expect(await snapshot()).toEqual(before);
  });
});

// A key no object can hold (`__proto__`), or that names what every object inherits, anywhere in
// a body: 422 naming it, never silently dropped, on every route that reads JSON.
describe.each(writeRoutes)('$key with a reserved key', ({ key, method, role }) => {
  test.each(['__proto__', 'constructor', 'prototype'])('%s is 422 naming it', async (name) => {
    const before = await snapshot();
    for (const rawBody of [`{"${name}": {"x": 1}}`, `{"a": [{"b": {"${name}": 1}}]}`]) {
      const res = await t.call(method, CASES[key]!(f).path, {
        ...(role ? { as: callers[role]! } : {}),
        rawBody,
      });
      expect(res.status, `${rawBody} ${res.text.slice(0, 200)}`).toBe(422);
      expect(JSON.stringify(res.body.error.details)).toContain(name);
    }
    expect(await snapshot()).toEqual(before);
  });
});

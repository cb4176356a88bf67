import { createHash, randomUUID } from 'node:crypto';
import { Validator } from '@seriousme/openapi-schema-validator';
import { beforeAll, describe, expect, test } from 'vitest';
import { answered, testApp, type TestApp } from '../../support/app.ts';
import { activity, approvedQuestionnaire, kiosk } from '../../support/factories.ts';
import {
  operationsOf,
  patternsOf,
  schemaValidator,
  type OpenApiDocument,
  type Schema,
} from '../../support/openapi.ts';

let t: TestApp;
let document: OpenApiDocument;
beforeAll(async () => {
  t = await testApp();
  // The document is served beside the typed routes, not as one of them.
  document = (await t.call('GET', '/openapi.json')).body;
});

/**
 * Real values of what the document's patterns describe, as the server and its clients make them:
 * every pattern must match one (a pattern matching nothing real is a broken contract).
 */
const REAL_VALUES = [
  randomUUID(),
  randomUUID().toUpperCase(),
  'SPEAR',
  'OPA1B2-S',
  '2026-05-14',
  '2026-05-14T11:02:00+08:00',
  new Date().toISOString(),
  '246813',
  '20', // a page size (the quarantine's `limit`)
  'outcome-1', // a standard of the annual performance pack
  createHash('sha256').update('definition').digest('hex'),
];

describe('the served OpenAPI document', () => {
  test('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(structuredClone(document) as never);
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 1)?.slice(0, 2000)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  test('every pattern is a plain ECMA-262 pattern that matches a real value', () => {
    const patterns = patternsOf(document);
    expect(patterns.length).toBeGreaterThan(5);
    for (const { at, pattern } of patterns) {
      // As a validator compiles it (ajv: unicode mode): no flags, nothing after the anchors.
      const regex = new RegExp(pattern, 'u');
      expect(
        REAL_VALUES.filter((v) => regex.test(v)),
        `${at}: ${pattern}`,
      ).not.toEqual([]);
    }
  });

  test('the UUID pattern matches a UUID the server made, in either case', async () => {
    const uuidPatterns = patternsOf(document).filter((p) => p.pattern.includes('{12}'));
    expect(uuidPatterns.length).toBeGreaterThan(0);
    const admin = await t.user('admin');
    const made = (await answered(t.api(admin).tokens.$post({ json: { name: 'x' } }), 201)).id;
    for (const { pattern } of uuidPatterns) {
      expect(new RegExp(pattern, 'u').test(made), pattern).toBe(true);
      expect(new RegExp(pattern, 'u').test(made.toUpperCase()), pattern).toBe(true);
    }
  });

  test('its description states the query rule and the order of refusals', () => {
    const description = (document as unknown as { info: { description: string } }).info.description;
    expect(description).toMatch(/unknown query parameters are refused with 422/i);
    expect(description).toMatch(/405/);
  });

  test('every operation documents what its guards can answer', () => {
    for (const [method, path, operation] of operationsOf(document)) {
      const statuses = Object.keys(operation.responses);
      const key = `${method} ${path}`;
      const signedIn = (operation as { security?: unknown[] }).security?.length;
      expect(statuses, key).toEqual(expect.arrayContaining(['422', '429', '503']));
      if (signedIn) expect(statuses, key).toEqual(expect.arrayContaining(['401', '403']));
      if (method !== 'GET') expect(statuses, key).toEqual(expect.arrayContaining(['403', '413']));
      const body = (operation.requestBody as { content?: object } | undefined)?.content;
      // A JSON body can be unreadable (400); a file of another type is 415.
      if (body)
        expect(statuses, key).toEqual(
          expect.arrayContaining(['application/json' in body ? '400' : '415']),
        );
    }
  });

  test('the Error schema names every field of an error body, `quarantined` of a refused kiosk submission included', async () => {
    const operator = await t.operator();
    const coordinator = await t.user('coordinator', operator);
    const questionnaire = await approvedQuestionnaire(t, coordinator, await t.user('swd'));
    const code = await kiosk(
      t,
      coordinator,
      await activity(t, coordinator, operator, [questionnaire]),
    );
    // The kiosk route describes its body without declaring it to the typed client.
    const refused = await t.call('POST', `/kiosk/${code}/responses`, {
      body: {
        id: randomUUID(),
        questionnaire,
        locale: 'zh-HK',
        answers: { joined: 'not offered' },
        completedAt: new Date().toISOString(),
      },
    });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.body.error.quarantined).toBe(true);
    const schema =
      document.paths['/kiosk/{code}/responses']!.post!.responses['422']!.content![
        'application/json'
      ]!.schema!;
    // Every object closed: a field the server sends and the document lacks is an error.
    const closed = (value: Schema): Schema =>
      Array.isArray(value)
        ? value.map(closed)
        : value && typeof value === 'object'
          ? {
              ...Object.fromEntries(Object.entries(value).map(([k, v]) => [k, closed(v)])),
              ...(value.type === 'object' && value.properties
                ? { additionalProperties: false }
                : {}),
            }
          : value;
    const check = schemaValidator({
      ...document,
      components: closed(document.components) as never,
    });
    expect(check(closed(schema), refused.body)).toBeNull();
    expect(
      document.components.schemas.Error!.properties.error.properties.quarantined,
    ).toMatchObject({
      type: 'boolean',
    });
  });
});

// Every operation of the served document, as each role and signed out, with generated valid and
// invalid path, query and body values: every answer's status is documented for the operation,
// and every body fits the documented schema (ajv over the document's own schemas).
import fc from 'fast-check';
import { beforeAll, expect, test } from 'vitest';
import { ORIGIN, testApp, type Caller, type TestApp } from '../../support/app.ts';
import {
  operationsOf,
  schemaValidator,
  valuesOf,
  type OpenApiDocument,
  type Operation,
} from '../../support/openapi.ts';
import { CASES, routeFixtures } from '../../support/route-cases.ts';

/** Generated requests per operation and role: 54 operations x 4 callers x RUNS in all. */
const RUNS = 4;
const SEED = 20;

let t: TestApp;
let document: OpenApiDocument;
let check: ReturnType<typeof schemaValidator>;
let fixtures: Record<string, string>;
let callers: Record<string, Caller | null>;
beforeAll(async () => {
  t = await testApp();
  // The OpenAPI document is not itself a typed route.
  document = (await t.call('GET', '/openapi.json')).body;
  check = schemaValidator(document);
  const made = await routeFixtures(t);
  fixtures = made.fixtures;
  // Signed out first and admin last: an admin may disable the coordinator's account.
  callers = { 'signed out': null, coordinator: made.own, swd: made.swd, admin: made.admin };
});

interface Call {
  path: string;
  query: [string, string][];
  body?: { text: string; type?: string };
}

/** A string that is a path segment of its own (never "." or "..", which URLs resolve away). */
const segment = (s: string) => (s === '' || s === '.' || s === '..' ? 'x' : s);

/** Generated requests for one operation: mostly well-formed, some not. */
function callsOf(method: string, template: string, operation: Operation): fc.Arbitrary<Call> {
  const example = CASES[`${method} ${template}`]?.(fixtures);
  const [examplePath = template, exampleQuery = ''] = example?.path.split('?') ?? [];
  const exampleSegments = examplePath.split('/');
  const parameters = operation.parameters ?? [];

  const pathArbitrary = fc
    .tuple(
      ...template.split('/').map((part, i) => {
        if (!part.startsWith('{')) return fc.constant(part);
        const schema = parameters.find((p) => p.in === 'path' && `{${p.name}}` === part)!.schema;
        return fc
          .oneof(
            { weight: 3, arbitrary: fc.constant(exampleSegments[i] ?? 'x') },
            { weight: 2, arbitrary: valuesOf(document, schema).map(String) },
            { weight: 1, arbitrary: fc.string({ maxLength: 80, unit: 'binary' }) },
          )
          .map((s) => encodeURIComponent(segment(s)));
      }),
    )
    .map((parts) => parts.join('/'));

  const declared = parameters.filter((p) => p.in === 'query');
  const generatedQuery = fc
    .tuple(
      ...declared.map((p) =>
        fc.option(
          fc
            .oneof(valuesOf(document, p.schema), fc.string({ maxLength: 12 }))
            .map((v): [string, string] => [p.name, String(v)]),
        ),
      ),
    )
    .map((pairs) => pairs.filter((p): p is [string, string] => p !== null));
  const given = [...new URLSearchParams(exampleQuery)] as [string, string][];
  const queryArbitrary = fc.oneof(
    { weight: 3, arbitrary: fc.constant(given) },
    { weight: 3, arbitrary: generatedQuery },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constant(given), fc.constantFrom('x-unknown', 'Programme', 'limit ', '_'))
        .map(([q, name]): [string, string][] => [...q, [name, '42']]),
    },
  );

  const schema = operation.requestBody?.content['application/json']?.schema;
  const json = (value: unknown) => ({ text: JSON.stringify(value), type: 'application/json' });
  const bodyArbitrary: fc.Arbitrary<Call['body']> = schema
    ? fc.oneof(
        { weight: 3, arbitrary: valuesOf(document, schema).map(json) },
        { weight: 2, arbitrary: fc.constant(json(example?.body ?? {})) },
        { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map(json) },
        {
          weight: 1,
          arbitrary: valuesOf(document, schema).map((v) =>
            json(v && typeof v === 'object' && !Array.isArray(v) ? { ...v, unknownField: 1 } : v),
          ),
        },
        {
          weight: 1,
          arbitrary: fc
            .oneof(fc.constantFrom('\u0000', 'nope', '{"a":', ''), fc.string({ unit: 'binary' }))
            .map((text) => ({ text, type: 'application/json' })),
        },
        { weight: 1, arbitrary: fc.constant({ text: 'name=x', type: 'text/plain' }) },
      )
    : method === 'GET'
      ? fc.constant(undefined)
      : fc
          .option(fc.constant({ text: 'nope', type: 'application/json' }), { freq: 4 })
          .map((b) => b ?? undefined);

  return fc
    .record({ path: pathArbitrary, query: queryArbitrary, body: bodyArbitrary })
    .map(({ path, query, body }) => ({ path, query, ...(body ? { body } : {}) }));
}

/** What is wrong with an answer, judged by the document; null when nothing is. */
async function judge(operation: Operation, response: Response): Promise<string | null> {
  const documented = operation.responses[String(response.status)] ?? operation.responses.default;
  const text = await response.text();
  if (!documented) return `undocumented status ${response.status}: ${text.slice(0, 160)}`;
  if (!text) return null;
  const type = response.headers.get('content-type')?.split(';')[0]?.trim() ?? '';
  const content = documented.content?.[type];
  if (!content) return `${response.status} answered ${type || 'no type'}, not documented`;
  if (type !== 'application/json' || !content.schema) return null;
  const problem = check(content.schema, JSON.parse(text));
  return (
    problem && `${response.status} body does not fit its schema: ${problem}: ${text.slice(0, 160)}`
  );
}

test(
  'every answer, as every role, is documented for its operation and fits its schema',
  { timeout: 180_000 },
  async () => {
    const operations = operationsOf(document);
    expect(operations.length).toBeGreaterThan(40);
    const problems = new Set<string>();
    const statuses = new Set<number>();
    let requests = 0;
    for (const [role, caller] of Object.entries(callers)) {
      for (const [method, template, operation] of operations) {
        await fc.assert(
          fc.asyncProperty(callsOf(method, template, operation), async (call) => {
            const headers: Record<string, string> = {};
            if (caller?.cookie) Object.assign(headers, { cookie: caller.cookie, origin: ORIGIN });
            if (call.body?.type) headers['content-type'] = call.body.type;
            const query = call.query.length ? `?${new URLSearchParams(call.query)}` : '';
            const response = await t.app.request(`/api/v1${call.path}${query}`, {
              method,
              headers,
              body: call.body?.text,
            });
            requests++;
            statuses.add(response.status);
            const problem = await judge(operation, response);
            if (problem) problems.add(`${role}: ${method} ${template}: ${problem}`);
            // Signing out ends the caller's session: sign in again for the next request.
            if (caller && template === '/auth/logout')
              Object.assign(caller, await t.signIn(caller.email!, caller.password!));
          }),
          { numRuns: RUNS, seed: SEED },
        );
      }
    }
    expect([...problems]).toEqual([]);
    expect(requests).toBe(operations.length * RUNS * 4);
    // The walk reached past the guards: successes, refusals of each kind, and missing records.
    expect([...statuses].sort()).toEqual(
      expect.arrayContaining([200, 201, 204, 400, 401, 403, 404, 422]),
    );
  },
);

import { beforeAll, expect, test } from 'vitest';
import { answered, testApp, type Caller, type TestApp } from '../../support/app.ts';

let t: TestApp;
let admin: Caller;
let coordinator: Caller;
let mine: string;
let theirs: string;

beforeAll(async () => {
  t = await testApp();
  admin = await t.user('admin');
  mine = await t.operator();
  theirs = await t.operator();
  coordinator = await t.user('coordinator', mine);
});

const unitOf = async (operator: string, code: string) =>
  (
    await answered(t.api(admin).operators[':code'].$get({ param: { code: operator } }), 200)
  ).units.find((u) => u.code === code);

const change = (
  operator: string,
  unit: string,
  json: { region?: string | null; districts?: string[] },
  as = admin,
) => t.api(as).operators[':code'].units[':unit'].$patch({ param: { code: operator, unit }, json });

test('an admin changes a unit’s region and districts; the change is audited', async () => {
  const changed = await answered(
    change(mine, `${mine}-S`, {
      region: 'B',
      districts: ['kwun_tong', 'wong_tai_sin', 'kwun_tong'],
    }),
    200,
  );
  expect(changed).toEqual({
    code: `${mine}-S`,
    programme: 'SPEAR',
    region: 'B',
    districts: ['kwun_tong', 'wong_tai_sin'],
  });
  expect(await unitOf(mine, `${mine}-S`)).toEqual(changed);

  // Only the districts: the region stays; null clears the region.
  await answered(change(mine, `${mine}-S`, { districts: [] }), 200);
  expect(await unitOf(mine, `${mine}-S`)).toMatchObject({ region: 'B', districts: [] });
  await answered(change(mine, `${mine}-S`, { region: null }), 200);
  expect(await unitOf(mine, `${mine}-S`)).toMatchObject({ region: null });

  const audit = await answered(t.api(admin).audit.$get({ query: { limit: '5' } }), 200);
  expect(audit.items[2]).toMatchObject({
    action: 'unit_updated',
    targetId: `${mine}-S`,
    operator: mine,
    details: {
      before: { region: 'A', districts: [] },
      after: { region: 'B', districts: ['kwun_tong', 'wong_tai_sin'] },
    },
  });
});

test('every bad value is listed in one 422 and nothing changes', async () => {
  const before = await unitOf(mine, `${mine}-C`);
  const refused = await answered(
    change(mine, `${mine}-C`, { region: 'Z', districts: ['atlantis'] }),
    422,
  );
  expect(refused.error.details!.map((d) => d.path)).toEqual(['region', 'districts']);
  await answered(change(mine, `${mine}-C`, {}), 422);
  // Untyped on purpose: a unit's code is not a field one may send.
  const code = await t.call('PATCH', `/operators/${mine}/units/${mine}-C`, {
    as: admin,
    body: { code: 'X' },
  });
  expect(code.status).toBe(422);
  expect(await unitOf(mine, `${mine}-C`)).toEqual(before);
});

test('another operator’s unit, or an unknown one, is 404; coordinators are refused', async () => {
  await answered(change(mine, `${theirs}-S`, { region: 'B' }), 404);
  await answered(change('NOPE', `${mine}-S`, { region: 'B' }), 404);
  await answered(change(mine, `${mine}-S`, { region: 'B' }, coordinator), 403);
});

import { beforeAll, expect, test } from 'vitest';
import { testApp, type Caller, type TestApp } from '../../support/app.ts';

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
  (await t.call('GET', `/operators/${operator}`, { as: admin })).body.units.find(
    (u: { code: string }) => u.code === code,
  );

test('an admin changes a unit’s region and districts; the change is audited', async () => {
  const res = await t.call('PATCH', `/operators/${mine}/units/${mine}-S`, {
    as: admin,
    body: { region: 'B', districts: ['kwun_tong', 'wong_tai_sin', 'kwun_tong'] },
  });
  expect(res.status, res.text).toBe(200);
  expect(res.body).toEqual({
    code: `${mine}-S`,
    programme: 'SPEAR',
    region: 'B',
    districts: ['kwun_tong', 'wong_tai_sin'],
  });
  expect(await unitOf(mine, `${mine}-S`)).toEqual(res.body);

  // Only the districts: the region stays; null clears the region.
  await t.call('PATCH', `/operators/${mine}/units/${mine}-S`, {
    as: admin,
    body: { districts: [] },
  });
  expect(await unitOf(mine, `${mine}-S`)).toMatchObject({ region: 'B', districts: [] });
  await t.call('PATCH', `/operators/${mine}/units/${mine}-S`, {
    as: admin,
    body: { region: null },
  });
  expect(await unitOf(mine, `${mine}-S`)).toMatchObject({ region: null });

  const audit = (await t.call('GET', '/audit?limit=5', { as: admin })).body.items;
  expect(audit[2]).toMatchObject({
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
  const res = await t.call('PATCH', `/operators/${mine}/units/${mine}-C`, {
    as: admin,
    body: { region: 'Z', districts: ['atlantis'] },
  });
  expect(res.status).toBe(422);
  expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual([
    'region',
    'districts',
  ]);
  const empty = await t.call('PATCH', `/operators/${mine}/units/${mine}-C`, {
    as: admin,
    body: {},
  });
  expect(empty.status).toBe(422);
  const code = await t.call('PATCH', `/operators/${mine}/units/${mine}-C`, {
    as: admin,
    body: { code: 'X' },
  });
  expect(code.status).toBe(422);
  expect(await unitOf(mine, `${mine}-C`)).toEqual(before);
});

test('another operator’s unit, or an unknown one, is 404; coordinators are refused', async () => {
  const foreign = await t.call('PATCH', `/operators/${mine}/units/${theirs}-S`, {
    as: admin,
    body: { region: 'B' },
  });
  expect(foreign.status).toBe(404);
  const unknown = await t.call('PATCH', `/operators/NOPE/units/${mine}-S`, {
    as: admin,
    body: { region: 'B' },
  });
  expect(unknown.status).toBe(404);
  const coord = await t.call('PATCH', `/operators/${mine}/units/${mine}-S`, {
    as: coordinator,
    body: { region: 'B' },
  });
  expect(coord.status).toBe(403);
});

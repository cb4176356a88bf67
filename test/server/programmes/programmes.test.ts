import { beforeAll, expect, test } from 'vitest';
import { loadReferenceData, readReferenceData } from '../../../server/programmes/reference.ts';
import { answered, testApp, type TestApp } from '../../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

test('SPeaR and ChildPRO are listed with their standards, populations and activity kinds', async () => {
  const { items } = await answered(t.api().programmes.$get(), 200);
  expect(items.map((p) => p.code)).toEqual(expect.arrayContaining(['SPEAR', 'CHILDPRO']));
  const spear = items.find((p) => p.code === 'SPEAR')!;
  expect(spear.outcomeStandards.map((s) => [s.number, s.agreedPercent])).toEqual([
    [1, 85],
    [2, 80],
    [3, 75],
    [4, 75],
    [5, 75],
  ]);
  for (const s of spear.outcomeStandards) {
    expect(s.name['zh-HK']).toBeTruthy();
    expect(s.name.en).toBeTruthy();
  }
  const populations = Object.fromEntries(
    spear.populations.map((p) => [p.code, [p.requiredOutcomes, p.allowedOutcomes]]),
  );
  expect(populations).toEqual({
    learning_programme: [
      [1, 2, 3],
      [1, 2, 3, 4],
    ],
    service_users: [
      [3, 4],
      [3, 4],
    ],
    public_education: [[5], [5]],
  });
  expect(spear.areas.map((a) => a.code)).toEqual(['A', 'B', 'C', 'D', 'E']);
  const kinds = Object.fromEntries(spear.activityKinds.map((k) => [k.code, k.populations]));
  expect(kinds).toEqual({
    learning_programme_session: ['learning_programme'],
    children_programme_session: ['service_users'],
    support_activity: ['service_users'],
    education_activity: ['public_education'],
    promotion: [],
  });
  const childpro = items.find((p) => p.code === 'CHILDPRO')!;
  expect(childpro.illustrative).toBe(true);
  expect(childpro.areas).toHaveLength(6);
  expect(childpro.activityKinds.map((k) => k.code).sort()).toEqual([
    'clinical_psychology_nursing',
    'family_education',
    'group_individual_session',
    'home_visit',
    'standbyu',
  ]);
  expect(childpro.outcomeStandards.length).toBeGreaterThan(0);
  expect(childpro.outcomeStandards.every((s) => s.agreedPercent === null && s.illustrative)).toBe(
    true,
  );
});

test("the districts: SWD's 11, covering the 18 District Council districts once each", async () => {
  const { items } = await answered(t.api().districts.$get(), 200);
  expect(items).toHaveLength(11);
  const dc = items.flatMap((d) => d.dcDistricts.map((x) => x.code));
  expect(dc).toHaveLength(18);
  expect(new Set(dc).size).toBe(18);
});

test('an agreed level set from a year applies from that year on, and is audited', async () => {
  const admin = await t.user('admin');
  const level = t.api(admin).programmes[':code'].standards[':number'];
  const programme = await answered(
    level.$patch({
      param: { code: 'SPEAR', number: '2' },
      json: { agreedPercent: 82, fromFiscalYear: 2027 },
    }),
    200,
  );
  const standard = programme.outcomeStandards.find((s) => s.number === 2)!;
  expect(standard.agreedLevels).toEqual([
    { fromFiscalYear: 0, agreedPercent: 80 },
    { fromFiscalYear: 2027, agreedPercent: 82 },
  ]);
  const audit = await answered(t.api(admin).audit.$get({ query: {} }), 200);
  expect(audit.items[0]).toMatchObject({ action: 'agreed_level_set', targetId: 'SPEAR/2' });
  const coordinator = await t.user('coordinator', await t.operator());
  const refused = await answered(
    t.api(coordinator).programmes[':code'].standards[':number'].$patch({
      param: { code: 'SPEAR', number: '2' },
      json: { agreedPercent: 1, fromFiscalYear: 2027 },
    }),
    403,
  );
  expect(refused.error.code).toBe('forbidden');
  await answered(
    level.$patch({
      param: { code: 'SPEAR', number: '9' },
      json: { agreedPercent: 1, fromFiscalYear: 2027 },
    }),
    404,
  );
});

test('loading the reference data again changes nothing an admin set', async () => {
  const admin = await t.user('admin');
  await answered(
    t.api(admin).programmes[':code'].standards[':number'].$patch({
      param: { code: 'SPEAR', number: '1' },
      json: { agreedPercent: 70, fromFiscalYear: 0 + 2000 },
    }),
    200,
  );
  await loadReferenceData(t.db, await readReferenceData());
  const { items } = await answered(t.api().programmes.$get(), 200);
  const spear = items.find((p) => p.code === 'SPEAR')!;
  expect(spear.outcomeStandards[0]!.agreedLevels).toContainEqual({
    fromFiscalYear: 2000,
    agreedPercent: 70,
  });
  expect(spear.outcomeStandards[0]!.agreedPercent).toBe(70);
});

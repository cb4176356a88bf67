import { beforeAll, expect, test } from 'vitest';
import { loadReferenceData, readReferenceData } from '../../../server/programmes/reference.ts';
import { testApp, type TestApp } from '../../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

test('SPeaR and ChildPRO are listed with their standards, populations and activity kinds', async () => {
  const res = await t.call('GET', '/programmes');
  expect(res.status).toBe(200);
  const codes = res.body.items.map((p: { code: string }) => p.code);
  expect(codes).toEqual(expect.arrayContaining(['SPEAR', 'CHILDPRO']));
  const spear = res.body.items.find((p: { code: string }) => p.code === 'SPEAR');
  expect(
    spear.outcomeStandards.map((s: { number: number; agreedPercent: number }) => [
      s.number,
      s.agreedPercent,
    ]),
  ).toEqual([
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
    spear.populations.map(
      (p: { code: string; requiredOutcomes: number[]; allowedOutcomes: number[] }) => [
        p.code,
        [p.requiredOutcomes, p.allowedOutcomes],
      ],
    ),
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
  expect(spear.areas.map((a: { code: string }) => a.code)).toEqual(['A', 'B', 'C', 'D', 'E']);
  const kinds = Object.fromEntries(
    spear.activityKinds.map((k: { code: string; populations: string[] }) => [
      k.code,
      k.populations,
    ]),
  );
  expect(kinds).toEqual({
    learning_programme_session: ['learning_programme'],
    children_programme_session: ['service_users'],
    support_activity: ['service_users'],
    education_activity: ['public_education'],
    promotion: [],
  });
  const childpro = res.body.items.find((p: { code: string }) => p.code === 'CHILDPRO');
  expect(childpro.illustrative).toBe(true);
  expect(childpro.areas).toHaveLength(6);
  expect(childpro.activityKinds.map((k: { code: string }) => k.code).sort()).toEqual([
    'clinical_psychology_nursing',
    'family_education',
    'group_individual_session',
    'home_visit',
    'standbyu',
  ]);
  expect(childpro.outcomeStandards.length).toBeGreaterThan(0);
  expect(
    childpro.outcomeStandards.every(
      (s: { agreedPercent: null; illustrative: boolean }) =>
        s.agreedPercent === null && s.illustrative,
    ),
  ).toBe(true);
});

test("the districts: SWD's 11, covering the 18 District Council districts once each", async () => {
  const res = await t.call('GET', '/districts');
  expect(res.status).toBe(200);
  expect(res.body.items).toHaveLength(11);
  const dc = res.body.items.flatMap((d: { dcDistricts: { code: string }[] }) =>
    d.dcDistricts.map((x) => x.code),
  );
  expect(dc).toHaveLength(18);
  expect(new Set(dc).size).toBe(18);
});

test('an agreed level set from a year applies from that year on, and is audited', async () => {
  const admin = await t.user('admin');
  const res = await t.call('PATCH', '/programmes/SPEAR/standards/2', {
    as: admin,
    body: { agreedPercent: 82, fromFiscalYear: 2027 },
  });
  expect(res.status).toBe(200);
  const standard = res.body.outcomeStandards.find((s: { number: number }) => s.number === 2);
  expect(standard.agreedLevels).toEqual([
    { fromFiscalYear: 0, agreedPercent: 80 },
    { fromFiscalYear: 2027, agreedPercent: 82 },
  ]);
  const audit = await t.call('GET', '/audit', { as: admin });
  expect(audit.body.items[0]).toMatchObject({ action: 'agreed_level_set', targetId: 'SPEAR/2' });
  const coordinator = await t.user('coordinator', await t.operator());
  expect(
    (
      await t.call('PATCH', '/programmes/SPEAR/standards/2', {
        as: coordinator,
        body: { agreedPercent: 1, fromFiscalYear: 2027 },
      })
    ).status,
  ).toBe(403);
  expect(
    (
      await t.call('PATCH', '/programmes/SPEAR/standards/9', {
        as: admin,
        body: { agreedPercent: 1, fromFiscalYear: 2027 },
      })
    ).status,
  ).toBe(404);
});

test('loading the reference data again changes nothing an admin set', async () => {
  const admin = await t.user('admin');
  await t.call('PATCH', '/programmes/SPEAR/standards/1', {
    as: admin,
    body: { agreedPercent: 70, fromFiscalYear: 0 + 2000 },
  });
  await loadReferenceData(t.db, await readReferenceData());
  const res = await t.call('GET', '/programmes');
  const spear = res.body.items.find((p: { code: string }) => p.code === 'SPEAR');
  expect(spear.outcomeStandards[0].agreedLevels).toContainEqual({
    fromFiscalYear: 2000,
    agreedPercent: 70,
  });
  expect(spear.outcomeStandards[0].agreedPercent).toBe(70);
});

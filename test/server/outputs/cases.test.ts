import { beforeAll, describe, expect, test } from 'vitest';
import { declaredRoutes } from '../../../server/http/routes.ts';
import { testApp, type Caller, type TestApp } from '../../support/app.ts';
import { activity } from '../../support/factories.ts';
import { CASES, CASE_REFERENCE, routeFixtures } from '../../support/route-cases.ts';

let t: TestApp;
let admin: Caller;
let swd: Caller;
let own: Caller;
let other: Caller;
let f: Record<string, string>;
let unit: string;

beforeAll(async () => {
  t = await testApp();
  ({ admin, swd, own, other, fixtures: f } = await routeFixtures(t));
  unit = `${f.operatorA}-S`;
});

const newCase = async (body: Record<string, unknown> = {}) => {
  const res = await t.call('POST', '/cases', {
    as: own,
    body: {
      unit,
      reference: `R-${Math.random().toString(36).slice(2, 8)}`,
      category: 'abuser',
      referredOn: '2025-05-02',
      referralSource: 'school',
      ...body,
    },
  });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
};
const count = async (
  table: 'cases' | 'case_contacts' | 'attendance' | 'case_referrals' | 'service_events',
) =>
  (
    await t.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;
const outputs = (query: string, as: Caller = own) =>
  t.call('GET', `/outputs?programme=SPEAR&fiscalYear=2025&${query}`, { as });
const standard = (body: any, n: number) => body.standards.find((s: any) => s.number === n);

describe('bad input is a 422 naming the rule, and nothing is stored', () => {
  test.each([
    ['A123456(7)', 'case_reference_hkid'],
    ['91234567', 'case_reference_phone'],
    ['someone@example.org', 'case_reference_email'],
  ])('a case reference %s', async (reference, rule) => {
    const before = await count('cases');
    const res = await t.call('POST', '/cases', {
      as: own,
      body: {
        unit,
        reference,
        category: 'abuser',
        referredOn: '2025-05-02',
        referralSource: 'self',
      },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details.map((d: any) => d.rule)).toContain(rule);
    expect(await count('cases')).toBe(before);
  });

  test('a contact before the referral', async () => {
    const id = await newCase();
    const before = await count('case_contacts');
    const res = await t.call('POST', `/cases/${id}/contacts`, {
      as: own,
      body: { date: '2025-05-01', means: 'letter' },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details[0].rule).toBe('contact_before_referral');
    expect(await count('case_contacts')).toBe(before);
  });

  test('attendance beyond the module’s hours', async () => {
    const id = await newCase();
    const e = await t.call('POST', `/cases/${id}/enrolments`, {
      as: own,
      body: { programme: 'learning_6h', module: 'basic' },
    });
    const session = (hours: number) =>
      t.call('POST', `/cases/${id}/enrolments/${e.body.id}/sessions`, {
        as: own,
        body: { date: '2025-06-01', hours },
      });
    expect((await session(4)).status).toBe(201);
    const before = await count('attendance');
    const res = await session(2.5);
    expect(res.status).toBe(422);
    expect(res.body.error.details[0].rule).toBe('beyond_module_hours');
    expect(await count('attendance')).toBe(before);
    expect((await session(1.25)).status).toBe(422); // not a half hour
    expect((await session(2)).status).toBe(201); // exactly 6
  });

  test('a session in another operator’s activity', async () => {
    const otherActivity = await activity(t, other, f.operatorB!, [], 'learning_programme_session');
    const id = await newCase();
    const e = await t.call('POST', `/cases/${id}/enrolments`, {
      as: own,
      body: { programme: 'learning_6h', module: 'basic' },
    });
    const before = await count('attendance');
    const res = await t.call('POST', `/cases/${id}/enrolments/${e.body.id}/sessions`, {
      as: own,
      body: { date: '2025-06-01', hours: 1, activity: otherActivity },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details[0].rule).toBe('activity_not_found');
    expect(await count('attendance')).toBe(before);
    // Its own activity of the right kind is fine.
    const ownActivity = await activity(t, own, f.operatorA!, [], 'learning_programme_session');
    const ok = await t.call('POST', `/cases/${id}/enrolments/${e.body.id}/sessions`, {
      as: own,
      body: { date: '2025-06-01', hours: 1, activity: ownActivity },
    });
    expect(ok.status, ok.text).toBe(201);
  });

  test('another operator’s coordinator cannot reach the case', async () => {
    const id = await newCase();
    expect((await t.call('GET', `/cases/${id}`, { as: other })).status).toBe(404);
    const res = await t.call('POST', `/cases/${id}/contacts`, {
      as: other,
      body: { date: '2025-05-05', means: 'letter' },
    });
    expect(res.status).toBe(404);
  });
});

test('SWD and admins get no case reference by any route', async () => {
  for (const [key, access] of declaredRoutes) {
    const [method] = key.split(' ');
    if (method !== 'GET' || access.roles === 'anyone') continue;
    for (const as of [swd, admin]) {
      if (!access.roles.includes(as === swd ? 'swd' : 'admin')) continue;
      const res = await t.app.request(`/api/v1${CASES[key]!(f).path}`, {
        headers: { cookie: as.cookie! },
      });
      const body = Buffer.from(await res.arrayBuffer()).toString('latin1');
      expect(body, key).not.toContain(CASE_REFERENCE);
      expect(body, key).not.toContain(f.caseId);
    }
  }
});

describe('a year of one unit', () => {
  test('from referral to completion, the figures move', async () => {
    const start = (await outputs(`unit=${unit}`)).body;
    expect(standard(start, 1)).toMatchObject({ actual: 0, agreedLevel: 45, adjustedLevel: 45 });
    const id = await newCase({ referredOn: '2025-05-02' });
    await t.call('POST', `/cases/${id}/contacts`, {
      as: own,
      body: { date: '2025-05-06', means: 'phone_call' },
    });
    const e = await t.call('POST', `/cases/${id}/enrolments`, {
      as: own,
      body: { programme: 'learning_6h', module: 'basic' },
    });
    await t.call('POST', `/cases/${id}/enrolments/${e.body.id}/sessions`, {
      as: own,
      body: { date: '2025-06-01', hours: 4.5 },
    });
    // Not yet ended: not yet counted.
    expect(standard((await outputs(`unit=${unit}`)).body, 1).actual).toBe(
      standard(start, 1).actual,
    );
    const end = await t.call('PATCH', `/cases/${id}/enrolments/${e.body.id}`, {
      as: own,
      body: { endedOn: '2025-06-02' },
    });
    expect(end.status, end.text).toBe(204);
    await t.call('POST', `/cases/${id}/referrals`, {
      as: own,
      body: { date: '2025-06-03', service: 'batterer_intervention', means: 'written' },
    });
    const after = (await outputs(`unit=${unit}`)).body;
    expect(standard(after, 1).actual).toBe(standard(start, 1).actual + 1);
    expect(standard(after, 6).actual).toBe(standard(start, 6).actual + 1);
    expect(after.firstContact.inTime).toBe(start.firstContact.inTime + 1);
    // SWD sees the same counts.
    expect((await outputs(`unit=${unit}`, swd)).body.standards).toEqual(after.standards);
  });

  test('the conversion: OS1 below its level raises OS3 only with the no-refusal declaration', async () => {
    // A fresh operator: 36 completers of 45 (80%): OS3 10 → 15 with the declaration.
    const code = await t.operator();
    const coordinator = await t.user('coordinator', code);
    for (let i = 0; i < 36; i++) {
      const res = await t.call('POST', '/cases', {
        as: coordinator,
        body: {
          unit: `${code}-S`,
          reference: `C-${i}`,
          category: 'abuser',
          referredOn: '2025-04-07',
          referralSource: 'self',
        },
      });
      await t.call('POST', `/cases/${res.body.id}/enrolments`, {
        as: coordinator,
        body: { programme: 'learning_6h', module: 'basic', endedOn: '2026-03-31' },
      });
    }
    // One ending on 1 April counts in the next year.
    const late = await t.call('POST', '/cases', {
      as: coordinator,
      body: {
        unit: `${code}-S`,
        reference: 'C-late',
        category: 'abuser',
        referredOn: '2025-04-07',
        referralSource: 'self',
      },
    });
    await t.call('POST', `/cases/${late.body.id}/enrolments`, {
      as: coordinator,
      body: { programme: 'learning_6h', module: 'advanced', endedOn: '2026-04-01' },
    });
    const before = (await outputs(`unit=${code}-S`, coordinator)).body;
    expect(standard(before, 1).actual).toBe(36);
    expect(before.conversions[0]).toMatchObject({
      actual: 36,
      adjustedLevel: 10,
      upwardWithheld: true,
    });
    expect(standard(before, 3)).toMatchObject({ agreedLevel: 10, adjustedLevel: 10 });
    const declared = await t.call('PUT', `/units/${code}-S/no-refusal/2025`, {
      as: coordinator,
      body: { declared: true },
    });
    expect(declared.status, declared.text).toBe(200);
    const after = (await outputs(`unit=${code}-S`, coordinator)).body;
    expect(after.noRefusalDeclared).toBe(true);
    expect(after.conversions[0]).toMatchObject({
      adjustedLevel: 15,
      adjustPercent: 50,
      upwardWithheld: false,
    });
    expect(standard(after, 3)).toMatchObject({ agreedLevel: 10, adjustedLevel: 15, met: false });
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'no_refusal_declared')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
    // CSV and xlsx carry the same figures.
    const csv = await t.call('GET', `/outputs.csv?programme=SPEAR&fiscalYear=2025&unit=${code}-S`, {
      as: coordinator,
    });
    expect(csv.status).toBe(200);
    expect(csv.text).toContain(',OS3,count,0,,,10,15,false,0,1');
    const xlsx = await t.call(
      'GET',
      `/outputs.xlsx?programme=SPEAR&fiscalYear=2025&unit=${code}-S`,
      { as: coordinator },
    );
    expect(xlsx.status).toBe(200);
  });

  test('a declared typhoon day moves a first-contact deadline, audited', async () => {
    const id = await newCase({ referredOn: '2025-09-01' }); // due 2025-09-15 without closures
    expect((await t.call('GET', `/cases/${id}`, { as: own })).body.contactDueOn).toBe('2025-09-15');
    const put = await t.call('PUT', '/closure-days/2025-09-02', {
      as: admin,
      body: { reason: 'typhoon_8' },
    });
    expect(put.status, put.text).toBe(200);
    expect((await t.call('GET', `/cases/${id}`, { as: own })).body.contactDueOn).toBe('2025-09-16');
    await t.call('POST', `/cases/${id}/contacts`, {
      as: own,
      body: { date: '2025-09-16', means: 'home_visit' },
    });
    expect((await t.call('GET', `/cases/${id}`, { as: own })).body.firstContact).toBe('in_time');
    expect((await t.call('DELETE', '/closure-days/2025-09-02', { as: admin })).status).toBe(204);
    expect((await t.call('GET', `/cases/${id}`, { as: own })).body.firstContact).toBe('late');
    const late = await t.call('GET', '/cases?fiscalYear=2025&firstContact=late', { as: own });
    expect(late.body.items.map((c: any) => c.id)).toContain(id);
  });

  test('an admin sets an output level from a year on, audited', async () => {
    const res = await t.call('PATCH', '/programmes/SPEAR/output-standards/7', {
      as: admin,
      body: { agreedLevel: 6, fromFiscalYear: 2030 },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.items.find((s: any) => s.number === 7).agreedLevels).toEqual([
      { fromFiscalYear: 0, agreedLevel: 4 },
      { fromFiscalYear: 2030, agreedLevel: 6 },
    ]);
    const listed = await t.call('GET', '/programmes/CHILDPRO/output-standards');
    expect(listed.body.items).toHaveLength(5);
    expect(
      listed.body.items.every((s: any) => s.illustrative && s.agreedLevels[0].agreedLevel === null),
    ).toBe(true);
  });
});

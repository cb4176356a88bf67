import { beforeAll, describe, expect, test } from 'vitest';
import { declaredRoutes } from '../../../server/http/routes.ts';
import { answered, testApp, type Caller, type TestApp } from '../../support/app.ts';
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

type Api = ReturnType<TestApp['api']>;
type NewCase = Parameters<Api['cases']['$post']>[0]['json'];
type OutputsQuery = Parameters<Api['outputs']['$get']>[0]['query'];
const createCase = (json: NewCase, as = own) => t.api(as).cases.$post({ json });
const newCase = async (json: Partial<NewCase> = {}) => {
  const created = await answered(
    createCase({
      unit,
      reference: `R-${Math.random().toString(36).slice(2, 8)}`,
      category: 'abuser',
      referredOn: '2025-05-02',
      referralSource: 'school',
      ...json,
    }),
    201,
  );
  return created.id;
};
const caseOf = (as: Caller) => t.api(as).cases[':id'];
const getCase = (id: string) => answered(caseOf(own).$get({ param: { id } }), 200);
const enrol = async (
  id: string,
  json: Parameters<Api['cases'][':id']['enrolments']['$post']>[0]['json'],
  as = own,
) => (await answered(caseOf(as).enrolments.$post({ param: { id }, json }), 201)).id;
const sessions = (as: Caller) => caseOf(as).enrolments[':enrolmentId'].sessions;
const count = async (
  table: 'cases' | 'case_contacts' | 'attendance' | 'case_referrals' | 'service_events',
) =>
  (
    await t.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;
const outputs = (query: Partial<OutputsQuery>, as: Caller = own) =>
  answered(
    t.api(as).outputs.$get({ query: { programme: 'SPEAR', fiscalYear: '2025', ...query } }),
    200,
  );
const standard = (body: Awaited<ReturnType<typeof outputs>>, n: number) =>
  body.standards.find((s) => s.number === n)!;

describe('bad input is a 422 naming the rule, and nothing is stored', () => {
  test.each([
    ['A123456(7)', 'case_reference_hkid'],
    ['91234567', 'case_reference_phone'],
    ['someone@example.org', 'case_reference_email'],
  ])('a case reference %s', async (reference, rule) => {
    const before = await count('cases');
    const refused = await answered(
      createCase({
        unit,
        reference,
        category: 'abuser',
        referredOn: '2025-05-02',
        referralSource: 'self',
      }),
      422,
    );
    expect(refused.error.details!.map((d) => d.rule)).toContain(rule);
    expect(await count('cases')).toBe(before);
  });

  test('a contact before the referral', async () => {
    const id = await newCase();
    const before = await count('case_contacts');
    const refused = await answered(
      caseOf(own).contacts.$post({ param: { id }, json: { date: '2025-05-01', means: 'letter' } }),
      422,
    );
    expect(refused.error.details![0]!.rule).toBe('contact_before_referral');
    expect(await count('case_contacts')).toBe(before);
  });

  test('attendance beyond the module’s hours', async () => {
    const id = await newCase();
    const enrolmentId = await enrol(id, { programme: 'learning_6h', module: 'basic' });
    const session = (hours: number) =>
      sessions(own).$post({
        param: { id, enrolmentId },
        json: { date: '2025-06-01', hours },
      });
    await answered(session(4), 201);
    const before = await count('attendance');
    const refused = await answered(session(2.5), 422);
    expect(refused.error.details![0]!.rule).toBe('beyond_module_hours');
    expect(await count('attendance')).toBe(before);
    await answered(session(1.25), 422); // not a half hour
    await answered(session(2), 201); // exactly 6
  });

  test('a session in another operator’s activity', async () => {
    const otherActivity = await activity(t, other, f.operatorB!, [], 'learning_programme_session');
    const id = await newCase();
    const enrolmentId = await enrol(id, { programme: 'learning_6h', module: 'basic' });
    const attend = (activityId: string) =>
      sessions(own).$post({
        param: { id, enrolmentId },
        json: { date: '2025-06-01', hours: 1, activity: activityId },
      });
    const before = await count('attendance');
    const refused = await answered(attend(otherActivity), 422);
    expect(refused.error.details![0]!.rule).toBe('activity_not_found');
    expect(await count('attendance')).toBe(before);
    // Its own activity of the right kind is fine.
    const ownActivity = await activity(t, own, f.operatorA!, [], 'learning_programme_session');
    await answered(attend(ownActivity), 201);
  });

  test('a session in another unit’s activity, or in an activity of another kind', async () => {
    // A second SPeaR unit of the same operator, with a learning session of its own.
    const second = `${f.operatorA}-S2`;
    await answered(
      t.api(admin).operators[':code'].$patch({
        param: { code: f.operatorA! },
        json: { addUnits: [{ code: second, programme: 'SPEAR', region: 'A' }] },
      }),
      200,
    );
    const elsewhere = await answered(
      t.api(own).activities.$post({
        json: {
          unit: second,
          kind: 'learning_programme_session',
          title: 'Session in the other unit',
          date: '2025-06-01',
          questionnaires: [],
        },
      }),
      201,
    );
    const supportGroup = await activity(t, own, f.operatorA!, [], 'support_activity');
    const id = await newCase();
    const enrolmentId = await enrol(id, { programme: 'learning_6h', module: 'basic' });
    const before = await count('attendance');
    for (const [activityId, rule] of [
      [elsewhere.id, 'activity_other_unit'],
      [supportGroup, 'activity_kind_mismatch'],
    ] as const) {
      const refused = await answered(
        sessions(own).$post({
          param: { id, enrolmentId },
          json: { date: '2025-06-01', hours: 1, activity: activityId },
        }),
        422,
      );
      expect(refused.error.details!.map((d) => d.rule)).toEqual([rule]);
    }
    expect(await count('attendance')).toBe(before);
  });

  test('another operator’s coordinator cannot reach the case', async () => {
    const id = await newCase();
    await answered(caseOf(other).$get({ param: { id } }), 404);
    await answered(
      caseOf(other).contacts.$post({
        param: { id },
        json: { date: '2025-05-05', means: 'letter' },
      }),
      404,
    );
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
    const start = await outputs({ unit });
    expect(standard(start, 1)).toMatchObject({ actual: 0, agreedLevel: 45, adjustedLevel: 45 });
    const id = await newCase({ referredOn: '2025-05-02' });
    await answered(
      caseOf(own).contacts.$post({
        param: { id },
        json: { date: '2025-05-06', means: 'phone_call' },
      }),
      201,
    );
    const enrolmentId = await enrol(id, { programme: 'learning_6h', module: 'basic' });
    await answered(
      sessions(own).$post({ param: { id, enrolmentId }, json: { date: '2025-06-01', hours: 4.5 } }),
      201,
    );
    // Not yet ended: not yet counted.
    expect(standard(await outputs({ unit }), 1).actual).toBe(standard(start, 1).actual);
    await answered(
      caseOf(own).enrolments[':enrolmentId'].$patch({
        param: { id, enrolmentId },
        json: { endedOn: '2025-06-02' },
      }),
      204,
    );
    await answered(
      caseOf(own).referrals.$post({
        param: { id },
        json: { date: '2025-06-03', service: 'batterer_intervention', means: 'written' },
      }),
      201,
    );
    const after = await outputs({ unit });
    expect(standard(after, 1).actual).toBe(standard(start, 1).actual + 1);
    expect(standard(after, 6).actual).toBe(standard(start, 6).actual + 1);
    expect(after.firstContact.inTime).toBe(start.firstContact.inTime + 1);
    // SWD sees the same counts.
    expect((await outputs({ unit }, swd)).standards).toEqual(after.standards);
  });

  test('the conversion: OS1 below its level raises OS3 only with the no-refusal declaration', async () => {
    // A fresh operator: 36 completers of 45 (80%): OS3 10 → 15 with the declaration.
    const code = await t.operator();
    const coordinator = await t.user('coordinator', code);
    const completer = async (reference: string, module: 'basic' | 'advanced', endedOn: string) => {
      const created = await answered(
        createCase(
          {
            unit: `${code}-S`,
            reference,
            category: 'abuser',
            referredOn: '2025-04-07',
            referralSource: 'self',
          },
          coordinator,
        ),
        201,
      );
      await enrol(created.id, { programme: 'learning_6h', module, endedOn }, coordinator);
    };
    for (let i = 0; i < 36; i++) await completer(`C-${i}`, 'basic', '2026-03-31');
    // One ending on 1 April counts in the next year.
    await completer('C-late', 'advanced', '2026-04-01');
    const before = await outputs({ unit: `${code}-S` }, coordinator);
    expect(standard(before, 1).actual).toBe(36);
    expect(before.conversions[0]).toMatchObject({
      actual: 36,
      adjustedLevel: 10,
      upwardWithheld: true,
    });
    expect(standard(before, 3)).toMatchObject({ agreedLevel: 10, adjustedLevel: 10 });
    await answered(
      t.api(coordinator).units[':code']['no-refusal'][':fiscalYear'].$put({
        param: { code: `${code}-S`, fiscalYear: '2025' },
        json: { declared: true },
      }),
      200,
    );
    const after = await outputs({ unit: `${code}-S` }, coordinator);
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
    // CSV and xlsx carry the same figures (file downloads, read as text).
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
    expect((await getCase(id)).contactDueOn).toBe('2025-09-15');
    const closure = t.api(admin)['closure-days'][':date'];
    const param = { date: '2025-09-02' };
    await answered(closure.$put({ param, json: { reason: 'typhoon_8' } }), 200);
    expect((await getCase(id)).contactDueOn).toBe('2025-09-16');
    await answered(
      caseOf(own).contacts.$post({
        param: { id },
        json: { date: '2025-09-16', means: 'home_visit' },
      }),
      201,
    );
    expect((await getCase(id)).firstContact).toBe('in_time');
    await answered(closure.$delete({ param }), 204);
    expect((await getCase(id)).firstContact).toBe('late');
    const late = await answered(
      t.api(own).cases.$get({ query: { fiscalYear: '2025', firstContact: 'late' } }),
      200,
    );
    expect(late.items.map((c) => c.id)).toContain(id);
  });

  test('an admin sets an output level from a year on, audited', async () => {
    const set = await answered(
      t.api(admin).programmes[':code']['output-standards'][':number'].$patch({
        param: { code: 'SPEAR', number: '7' },
        json: { agreedLevel: 6, fromFiscalYear: 2030 },
      }),
      200,
    );
    expect(set.items.find((s) => s.number === 7)!.agreedLevels).toEqual([
      { fromFiscalYear: 0, agreedLevel: 4 },
      { fromFiscalYear: 2030, agreedLevel: 6 },
    ]);
    const listed = await answered(
      t.api().programmes[':code']['output-standards'].$get({ param: { code: 'CHILDPRO' } }),
      200,
    );
    expect(listed.items).toHaveLength(5);
    expect(
      listed.items.every((s) => s.illustrative && s.agreedLevels[0]!.agreedLevel === null),
    ).toBe(true);
  });
});

import fc from 'fast-check';
import { beforeAll, expect, test } from 'vitest';
import { fiscalYearDates } from '../../../server/domain/fiscal-year.ts';
import {
  countRule,
  type CountRule,
  type EventRecord,
  type UnitRecords,
} from '../../../server/domain/service-records.ts';
import {
  addDays,
  addWorkingDays,
  firstContactStatus,
  hongKongDate,
} from '../../../server/domain/working-days.ts';
import { readOutputReference, workingCalendar } from '../../../server/outputs/reference.ts';
import { quarterDates } from '../../../server/outputs/service.ts';
import { answered, testApp, type Caller, type TestApp } from '../../support/app.ts';

// Random records through the API, on whichever database this run uses; GET /outputs must equal
// a plain reading of the notes (countRule, the domain's reference) and of note 22, for the year
// and each of its quarters (both read from the kept counts).

let t: TestApp;
let admin: Caller;
const spear = (await readOutputReference()).find((p) => p.code === 'SPEAR')!;
const year = fiscalYearDates(2025);

beforeAll(async () => {
  t = await testApp();
  admin = await t.user('admin');
});

const day = fc.integer({ min: 0, max: 480 }).map((n) => addDays('2025-02-01', n)); // to late May 2026
const caseArb = fc.record({
  category: fc.constantFrom('abuser', 'child'),
  referredOn: day,
  contacts: fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 2 }),
  enrolments: fc.array(
    fc.record({
      module: fc.constantFrom('basic', 'advanced'),
      sessions: fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 3 }),
      endsAfter: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
    }),
    { maxLength: 2 },
  ),
  referrals: fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 2 }),
});
const eventArb = fc.record({
  kind: fc.constantFrom(
    'promotion',
    'support_activity',
    'education_activity',
    'learning_programme_session',
  ),
  date: day,
  sessions: fc.integer({ min: 1, max: 4 }),
  participants: fc.option(fc.integer({ min: 0, max: 12 }), { nil: null }),
  form: fc.constantFrom('group' as const, 'individual' as const),
  openEvent: fc.boolean(),
});

test('output counts and first contact equal the reference on random records', async () => {
  let run = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(caseArb, { minLength: 1, maxLength: 8 }),
      fc.array(eventArb, { maxLength: 8 }),
      fc.boolean(),
      async (cases, events, declared) => {
        const code = await t.operator(`PROP${run++}X${Date.now() % 100000}`);
        const me = await t.user('coordinator', code);
        const unit = `${code}-S`;
        const records: UnitRecords = { enrolments: [], events: [], referrals: [], contacts: [] };
        const firstContacts: {
          dueOn: string;
          firstContactOn: string | null;
          referredOn: string;
        }[] = [];
        const today = hongKongDate(new Date());
        for (const [i, c] of cases.entries()) {
          const api = t.api(me);
          const { id } = await answered(
            api.cases.$post({
              json: {
                unit,
                reference: `P-${i}`,
                category: c.category,
                referredOn: c.referredOn,
                referralSource: 'self',
              },
            }),
            201,
          );
          const theCase = api.cases[':id'];
          const contactDates = c.contacts.map((d) => addDays(c.referredOn, d));
          for (const date of contactDates) {
            await answered(
              theCase.contacts.$post({ param: { id }, json: { date, means: 'letter' } }),
              201,
            );
            records.contacts.push({ caseId: id, date });
          }
          firstContacts.push({
            referredOn: c.referredOn,
            dueOn: addWorkingDays(c.referredOn, 10, workingCalendar([])),
            firstContactOn: contactDates.length ? contactDates.sort()[0]! : null,
          });
          const programme = c.category === 'abuser' ? 'learning_6h' : 'children_4h';
          const max = programme === 'learning_6h' ? 12 : 8;
          for (const e of c.enrolments) {
            const endedOn = e.endsAfter === null ? null : addDays(c.referredOn, e.endsAfter);
            const enrolment = await answered(
              theCase.enrolments.$post({
                param: { id },
                json: { programme, module: e.module, endedOn },
              }),
              201,
            );
            let halfHours = 0;
            for (const s of e.sessions) {
              const ok = halfHours + s <= max;
              await answered(
                theCase.enrolments[':enrolmentId'].sessions.$post({
                  param: { id, enrolmentId: enrolment.id },
                  json: { date: c.referredOn, hours: s / 2 },
                }),
                ok ? 201 : 422,
              );
              if (ok) halfHours += s;
            }
            records.enrolments.push({ programme, endedOn, halfHours });
          }
          for (const d of c.referrals) {
            const date = addDays(c.referredOn, d);
            await answered(
              theCase.referrals.$post({
                param: { id },
                json: { date, service: 'crisis_intervention', means: 'oral' },
              }),
              201,
            );
            records.referrals.push({ date });
          }
        }
        for (const e of events) {
          const event: EventRecord = { ...e, participants: e.openEvent ? null : e.participants };
          await answered(t.api(me)['service-events'].$post({ json: { unit, ...event } }), 201);
          records.events.push(event);
        }
        if (declared)
          await answered(
            t.api(admin).units[':code']['no-refusal'][':fiscalYear'].$put({
              param: { code: unit, fiscalYear: '2025' },
              json: { declared: true },
            }),
            200,
          );

        const outputs = (quarter?: number) =>
          answered(
            t.api(me).outputs.$get({
              query: {
                programme: 'SPEAR',
                fiscalYear: '2025',
                unit,
                ...(quarter ? { quarter: String(quarter) } : {}),
              },
            }),
            200,
          );
        const body = await outputs();
        for (const s of spear.outputStandards) {
          const expected = countRule(s.rule as CountRule, records, year);
          const got = body.standards.find((x) => x.number === s.number)!;
          expect(got.actual, `OS${s.number}`).toBe(expected.count);
          if (expected.of !== null) expect(got.of, `OS${s.number}`).toBe(expected.of);
        }
        const inYear = firstContacts.filter(
          (c) => c.referredOn >= year.from && c.referredOn <= year.to,
        );
        const statuses = inYear.map((c) => firstContactStatus(c, today));
        expect(body.firstContact).toMatchObject({
          cases: inYear.length,
          inTime: statuses.filter((s) => s === 'in_time').length,
          late: statuses.filter((s) => s === 'late').length,
          overdue: statuses.filter((s) => s === 'overdue').length,
          waiting: statuses.filter((s) => s === 'waiting').length,
        });
        expect(body.noRefusalDeclared).toBe(declared);
        // Each quarter's figures, which the kept counts hold apart from the year's.
        for (const quarter of [1, 2, 3, 4]) {
          const period = quarterDates(2025, quarter);
          const inPeriod = await outputs(quarter);
          for (const s of spear.outputStandards) {
            const expected = countRule(s.rule as CountRule, records, period);
            const got = inPeriod.standards.find((x) => x.number === s.number)!;
            expect(got.actual, `Q${quarter} OS${s.number}`).toBe(expected.count);
            if (expected.of !== null) expect(got.of, `Q${quarter} OS${s.number}`).toBe(expected.of);
          }
          const referred = firstContacts.filter(
            (c) => c.referredOn >= period.from && c.referredOn <= period.to,
          );
          const inQuarter = referred.map((c) => firstContactStatus(c, today));
          expect(inPeriod.firstContact, `Q${quarter}`).toMatchObject({
            cases: referred.length,
            inTime: inQuarter.filter((s) => s === 'in_time').length,
            late: inQuarter.filter((s) => s === 'late').length,
            overdue: inQuarter.filter((s) => s === 'overdue').length,
            waiting: inQuarter.filter((s) => s === 'waiting').length,
          });
        }
      },
    ),
    { numRuns: 6 },
  );
});

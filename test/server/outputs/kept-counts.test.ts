import fc from 'fast-check';
import { sql } from 'kysely';
import { beforeAll, expect, test } from 'vitest';
import { addDays } from '../../../server/domain/working-days.ts';
import { testApp, type TestApp } from '../../support/app.ts';

// The kept output counts (migrations/2026_12_04_0910_kept_output_counts.ts) against a recount
// from the raw rows, after random multi-row inserts, updates and deletes straight in SQL, as
// the import, the demo and a bulk load write them: every trigger path, on both databases.
// (test/server/outputs/property.test.ts checks the figures read from them against countRule.)

let t: TestApp;
let units: { spear: string; childpro: string; operator: string };

beforeAll(async () => {
  t = await testApp();
  const code = await t.operator();
  const rows = await t.db
    .selectFrom('units')
    .innerJoin('operators', 'operators.id', 'units.operator_id')
    .select(['units.id', 'units.code', 'units.operator_id'])
    .where('operators.code', '=', code)
    .execute();
  units = {
    spear: rows.find((r) => r.code.endsWith('-S'))!.id,
    childpro: rows.find((r) => r.code.endsWith('-C'))!.id,
    operator: rows[0]!.operator_id,
  };
});

/** Kept rows equal to the recount (rows that are all zero are no figure). */
async function expectKeptEqualsRecount() {
  const ids = [units.spear, units.childpro];
  const norm = (rows: Record<string, unknown>[]) =>
    rows.map((r) => JSON.stringify(r)).sort((a, b) => a.localeCompare(b));
  const kept = await sql<Record<string, unknown>>`
    select unit_id, fiscal_year, quarter::int, standard, counted, out_of from output_counts
    where unit_id in (${sql.join(ids)}) and (counted <> 0 or out_of <> 0)`.execute(t.db);
  const recounted = await sql<Record<string, unknown>>`
    select unit_id, fiscal_year, quarter::int, standard, counted, out_of from output_counts_recounted(null, null)
    where unit_id in (${sql.join(ids)}) and (counted <> 0 or out_of <> 0)`.execute(t.db);
  expect(norm(kept.rows)).toEqual(norm(recounted.rows));
  const keptContacts = await sql<Record<string, unknown>>`
    select unit_id, fiscal_year, quarter::int, cases, in_time, late, uncontacted from first_contact_counts
    where unit_id in (${sql.join(ids)}) and cases <> 0`.execute(t.db);
  const recountedContacts = await sql<Record<string, unknown>>`
    select unit_id, fiscal_year, quarter::int, cases, in_time, late, uncontacted from first_contact_counts_recounted()
    where unit_id in (${sql.join(ids)})`.execute(t.db);
  expect(norm(keptContacts.rows)).toEqual(norm(recountedContacts.rows));
  return { figures: recounted.rows.length, cases: recountedContacts.rows.length };
}

const day = fc.integer({ min: 0, max: 800 }).map((n) => addDays('2024-12-01', n));
const caseArb = fc.record({
  childpro: fc.boolean(),
  referredOn: day,
  contactAfter: fc.option(fc.integer({ min: 0, max: 25 }), { nil: null }),
  contacts: fc.array(fc.integer({ min: 0, max: 120 }), { maxLength: 3 }),
  enrolments: fc.array(
    fc.record({
      programme: fc.constantFrom('learning_6h', 'children_4h'),
      endsAfter: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
      halfHours: fc.integer({ min: 0, max: 12 }),
    }),
    { maxLength: 2 },
  ),
  referrals: fc.array(fc.integer({ min: 0, max: 90 }), { maxLength: 2 }),
});
const eventArb = fc.record({
  childpro: fc.boolean(),
  kind: fc.constantFrom(
    'promotion',
    'support_activity',
    'education_activity',
    'home_visit',
    'group_individual_session',
    'family_education',
    'standbyu',
  ),
  date: day,
  sessions: fc.integer({ min: 1, max: 4 }),
  participants: fc.option(fc.integer({ min: 0, max: 12 }), { nil: null }),
  form: fc.constantFrom('group', 'individual'),
  openEvent: fc.boolean(),
});
/** What to do to the rows afterwards: move dates, change hours and contacts, delete some. */
const changeArb = fc.record({
  moveDays: fc.integer({ min: -200, max: 200 }),
  every: fc.integer({ min: 1, max: 3 }),
  halfHours: fc.integer({ min: 0, max: 12 }),
});

let run = 0;
test('kept output and first-contact counts equal a recount after inserts, updates and deletes', async () => {
  let seen = { figures: 0, cases: 0 };
  await fc.assert(
    fc.asyncProperty(
      fc.array(caseArb, { minLength: 1, maxLength: 10 }),
      fc.array(eventArb, { maxLength: 10 }),
      fc.array(changeArb, { minLength: 1, maxLength: 3 }),
      async (cases, events, changes) => {
        const prefix = `K${run++}-`;
        // One multi-row statement a table, as a bulk load writes them.
        const inserted = await t.db
          .insertInto('cases')
          .values(
            cases.map((c, i) => ({
              operator_id: units.operator,
              unit_id: c.childpro ? units.childpro : units.spear,
              reference: `${prefix}${i}`,
              category: c.childpro ? 'child' : 'abuser',
              referred_on: c.referredOn,
              referral_source: 'self',
              contact_due_on: addDays(c.referredOn, 14),
              first_contact_on:
                c.contactAfter === null ? null : addDays(c.referredOn, c.contactAfter),
            })),
          )
          .returning(['id', 'unit_id'])
          .execute();
        const contacts = cases.flatMap((c, i) =>
          c.contacts.map((d) => ({
            case_id: inserted[i]!.id,
            unit_id: inserted[i]!.unit_id,
            date: addDays(c.referredOn, d),
            means: 'letter',
          })),
        );
        if (contacts.length) await t.db.insertInto('case_contacts').values(contacts).execute();
        const enrolments = cases.flatMap((c, i) =>
          c.enrolments.map((e) => ({
            case_id: inserted[i]!.id,
            unit_id: inserted[i]!.unit_id,
            programme: e.programme,
            module: 'basic' as const,
            ended_on: e.endsAfter === null ? null : addDays(c.referredOn, e.endsAfter),
            half_hours: e.halfHours,
          })),
        );
        if (enrolments.length) await t.db.insertInto('enrolments').values(enrolments).execute();
        const referrals = cases.flatMap((c, i) =>
          c.referrals.map((d) => ({
            case_id: inserted[i]!.id,
            unit_id: inserted[i]!.unit_id,
            date: addDays(c.referredOn, d),
            service: 'crisis_intervention',
            means: 'oral' as const,
          })),
        );
        if (referrals.length) await t.db.insertInto('case_referrals').values(referrals).execute();
        if (events.length)
          await t.db
            .insertInto('service_events')
            .values(
              events.map((e) => ({
                operator_id: units.operator,
                unit_id: e.childpro ? units.childpro : units.spear,
                kind: e.kind,
                date: e.date,
                sessions: e.sessions,
                participants: e.participants,
                form: e.form,
                open_event: e.openEvent,
              })),
            )
            .execute();
        const counted = await expectKeptEqualsRecount();
        seen = { figures: seen.figures + counted.figures, cases: seen.cases + counted.cases };

        const ids = inserted.map((c) => c.id);
        for (const change of changes) {
          // Every `every`-th row of this run moved, changed or deleted, one statement each.
          const some = (column: string) =>
            sql<boolean>`abs(hashtext(${sql.ref(column)}::text)) % ${change.every} = 0`;
          const move = sql<string>`(${sql.ref('date')} + ${change.moveDays}::int)`;
          await t.db
            .updateTable('case_contacts')
            .set({ date: move })
            .where('case_id', 'in', ids)
            .where(some('id'))
            .execute();
          await t.db
            .updateTable('enrolments')
            .set({
              half_hours: change.halfHours,
              ended_on: sql`ended_on + ${change.moveDays}::int`,
            })
            .where('case_id', 'in', ids)
            .where(some('id'))
            .execute();
          await t.db
            .updateTable('service_events')
            .set({ date: move, sessions: sql`1 + (sessions % 3)` })
            .where('unit_id', 'in', [units.spear, units.childpro])
            .where(some('id'))
            .execute();
          await t.db
            .updateTable('cases')
            .set({
              referred_on: sql`referred_on + ${change.moveDays}::int`,
              first_contact_on: sql`case when first_contact_on is null then contact_due_on else null end`,
            })
            .where('id', 'in', ids)
            .where(some('id'))
            .execute();
          await t.db
            .deleteFrom('case_contacts')
            .where('case_id', 'in', ids)
            .where(some('case_id'))
            .execute();
          await t.db
            .deleteFrom('case_referrals')
            .where('case_id', 'in', ids)
            .where(some('id'))
            .execute();
          await t.db
            .deleteFrom('service_events')
            .where('unit_id', 'in', [units.spear, units.childpro])
            .where(some('id'))
            .execute();
          await expectKeptEqualsRecount();
        }
      },
    ),
    { numRuns: 12 },
  );
  // The property compared real figures, not two empty tables.
  expect(seen.figures).toBeGreaterThan(0);
  expect(seen.cases).toBeGreaterThan(0);
});

test('a standard added to a programme is counted from the records already kept', async () => {
  const { id } = await t.db
    .insertInto('cases')
    .values({
      operator_id: units.operator,
      unit_id: units.childpro,
      reference: 'ADDED-1',
      category: 'child',
      referred_on: '2025-05-02',
      referral_source: 'school',
      contact_due_on: '2025-05-16',
      first_contact_on: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('case_referrals')
    .values([
      { case_id: id, unit_id: units.childpro, date: '2025-05-09', service: 'x', means: 'oral' },
      { case_id: id, unit_id: units.childpro, date: '2025-07-09', service: 'x', means: 'written' },
    ])
    .execute();
  const before = await expectKeptEqualsRecount();
  await t.db
    .insertInto('output_standards')
    .values({
      programme_code: 'CHILDPRO',
      number: 99,
      name: JSON.stringify({ en: 'Referrals', 'zh-HK': '轉介' }),
      counts: JSON.stringify({ en: 'Referrals', 'zh-HK': '轉介' }),
      rule: JSON.stringify({ rule: 'referrals' }),
      measure: 'count',
      illustrative: true,
    })
    .execute();
  const [{ n }] = (
    await sql<{ n: number }>`
      select coalesce(sum(counted), 0)::int as n from output_counts
      where standard = 99 and quarter = 0 and unit_id = ${units.childpro}`.execute(t.db)
  ).rows as [{ n: number }];
  const [{ raw }] = (
    await sql<{ raw: number }>`
      select count(*)::int as raw from case_referrals where unit_id = ${units.childpro}`.execute(
      t.db,
    )
  ).rows as [{ raw: number }];
  expect(n).toBe(raw);
  expect(raw).toBeGreaterThan(0);
  await t.db
    .deleteFrom('output_standards')
    .where('programme_code', '=', 'CHILDPRO')
    .where('number', '=', 99)
    .execute();
  expect((await expectKeptEqualsRecount()).figures).toBe(before.figures);
});

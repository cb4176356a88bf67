// The demo's service records (issue 15): cases, first contacts, module enrolments and attendance,
// referrals on and the events the output standards count, for last financial year and this one
// so far, so the year at a glance has something real to show. Pseudonymous like every case:
// references are made-up case codes. Each unit follows a profile that meets some standards and
// misses others; the current year's records are squeezed into the days already past. Every draw
// comes from a seeded generator, and the rows go in a few multi-row inserts (npm start stays fast).
import type { Db } from '../db/open.ts';
import { closureDates } from '../cases/repository.ts';
import { fiscalYearDates, fiscalYearOf } from '../domain/fiscal-year.ts';
import { addDays, addWorkingDays, hongKongDate } from '../domain/working-days.ts';
import { holidayData, workingCalendar } from '../outputs/reference.ts';
import { seededRandom } from './year.ts';

type Random = () => number;

/** What a SPeaR unit's year holds, as the counts the output standards will show. */
interface SpearProfile {
  unit: string;
  prefix: string;
  /** OS1: learning modules ended in the year; OS2: how many of them attended 4.5 hours or more. */
  learning: { ended: number; enough: number };
  /** Children's modules ended in the year; OS4 counts those who attended 3 hours or more. */
  children: { ended: number; enough: number };
  /** OS3. */
  promotions: number;
  /** OS5: activities that count, and a few that do not (2+ sessions with fewer than 6). */
  support: { counted: number; small: number };
  /** OS7: education activities that count, and open events (carnivals) that do not. */
  education: { counted: number; open: number };
  /** OS6. */
  referrals: number;
  /** First contacts after the 10th working day, and cases never contacted. */
  late: number;
  overdue: number;
  /** The unit's no-refusal declaration (an upward conversion applies only with it). */
  declared: boolean;
}

/**
 * DEMO-SPEAR meets OS1, OS2, OS5 and OS7 and misses OS3 (its level moved down to 7 by 47
 * completers, with 6 promotions), OS4 (27 of 32; the +50% move of OS7 withheld, no declaration)
 * and OS6. HARBOUR-SPEAR-A declared no refusal, so its 42 completers move OS3 up to 12.
 */
const SPEAR_PROFILES: SpearProfile[] = [
  {
    unit: 'DEMO-SPEAR',
    prefix: 'DS',
    learning: { ended: 47, enough: 40 },
    children: { ended: 30, enough: 27 },
    promotions: 6,
    support: { counted: 5, small: 1 },
    education: { counted: 5, open: 1 },
    referrals: 8,
    late: 4,
    overdue: 2,
    declared: false,
  },
  {
    unit: 'HARBOUR-SPEAR-A',
    prefix: 'HA',
    learning: { ended: 42, enough: 36 },
    children: { ended: 33, enough: 33 },
    promotions: 12,
    support: { counted: 4, small: 0 },
    education: { counted: 3, open: 2 },
    referrals: 11,
    late: 1,
    overdue: 0,
    declared: true,
  },
];

/** A ChildPRO unit's year: cases contacted and the events its illustrative standards count. */
const CHILDPRO_PROFILES = [{ unit: 'DEMO-CHILDPRO', prefix: 'DC', cases: 24, late: 2 }];

const CONTACT_MEANS = ['home_visit', 'interview', 'phone_call', 'letter'] as const;
const SOURCES = ['self', 'social_worker', 'school', 'other_department', 'other_professional'];
const SPEAR_SERVICES = [
  'fcpsu_ifsc_isc',
  'crisis_intervention',
  'clinical_psychology',
  'financial_assistance',
  'mutual_help_group',
  'casework_3_months',
  'batterer_intervention',
];

const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)]!;
const between = (random: Random, low: number, high: number) =>
  low + Math.floor(random() * (high - low + 1));

interface NewCase {
  reference: string;
  category: string;
  referredOn: string;
  source: string;
  /** When the first contact happened: in time, late, or never (null). */
  contact: 'in_time' | 'late' | null;
  enrolment?: {
    programme: 'learning_6h' | 'children_4h';
    module: 'basic' | 'advanced';
    endedOn: string | null;
    halfHours: number;
  };
  referral?: { date: string; service: string; means: 'oral' | 'written' };
}

interface NewEvent {
  kind: string;
  date: string;
  sessions: number;
  participants: number | null;
  form: 'group' | 'individual';
  openEvent: boolean;
}

/** One financial year's window for records: from 1 April to the last day they may fall on. */
interface Window {
  fiscalYear: number;
  from: string;
  /** The last day a record may carry (yesterday for the current year). */
  last: string;
  days: number;
}

const dayOf = (w: Window, n: number) => addDays(w.from, Math.min(Math.max(n, 0), w.days - 1));

/** Half hours attended: enough (at least 75% of the module) or not. */
function attended(random: Random, moduleHalfHours: number, enough: boolean) {
  const least = Math.ceil(moduleHalfHours * 0.75);
  return enough ? between(random, least, moduleHalfHours) : between(random, 1, least - 1);
}

function spearYear(random: Random, p: SpearProfile, w: Window) {
  const cases: NewCase[] = [];
  const events: NewEvent[] = [];
  let n = 0;
  const reference = () => `${p.prefix}-${w.fiscalYear}-${String(++n).padStart(4, '0')}`;
  // A module that ended on day `end` of the window: referred some weeks before (maybe last year).
  const moduleCase = (
    programme: 'learning_6h' | 'children_4h',
    enough: boolean,
    ended: boolean,
  ): NewCase => {
    const end = Math.floor(random() * w.days);
    const endedOn = dayOf(w, end);
    return {
      reference: reference(),
      category: programme === 'learning_6h' ? 'abuser' : 'child',
      referredOn: addDays(endedOn, -between(random, 25, 70)),
      source: pick(random, SOURCES),
      contact: 'in_time',
      enrolment: {
        programme,
        module: random() < 0.7 ? 'basic' : 'advanced',
        endedOn: ended ? endedOn : null,
        halfHours: attended(random, programme === 'learning_6h' ? 12 : 8, enough),
      },
    };
  };
  for (let i = 0; i < p.learning.ended; i++)
    cases.push(moduleCase('learning_6h', i < p.learning.enough, true));
  for (let i = 0; i < p.children.ended; i++)
    cases.push(moduleCase('children_4h', i < p.children.enough, true));
  // A few modules still running: they count when they end.
  for (let i = 0; i < 3; i++)
    cases.push(moduleCase(i % 2 ? 'children_4h' : 'learning_6h', true, false));
  // Victims referred on to community support services (OS6).
  for (let i = 0; i < p.referrals; i++) {
    const referredOn = dayOf(w, Math.floor(random() * w.days) - 30);
    const referredOnwards = dayOf(w, Math.floor(random() * w.days));
    cases.push({
      reference: reference(),
      category: 'victim',
      referredOn,
      source: pick(random, SOURCES),
      contact: 'in_time',
      referral: {
        date: referredOnwards < referredOn ? referredOn : referredOnwards,
        service: pick(random, SPEAR_SERVICES),
        means: random() < 0.5 ? 'oral' : 'written',
      },
    });
  }
  // Cases referred in the year with a late first contact, and some never contacted.
  for (let i = 0; i < p.late + p.overdue; i++) {
    cases.push({
      reference: reference(),
      category: pick(random, ['abuser', 'victim', 'child']),
      referredOn: dayOf(w, Math.floor(random() * (w.days - 20))),
      source: pick(random, SOURCES),
      contact: i < p.late ? 'late' : null,
    });
  }
  const date = () => dayOf(w, Math.floor(random() * w.days));
  for (let i = 0; i < p.promotions; i++)
    events.push({
      kind: 'promotion',
      date: date(),
      sessions: 1,
      participants: i % 3 === 0 ? null : between(random, 20, 120),
      form: 'group',
      openEvent: i % 3 === 0,
    });
  for (let i = 0; i < p.support.counted; i++)
    events.push({
      kind: 'support_activity',
      date: date(),
      sessions: i % 2 ? 1 : between(random, 2, 6),
      participants: between(random, 6, 14),
      form: 'group',
      openEvent: false,
    });
  for (let i = 0; i < p.support.small; i++)
    events.push({
      kind: 'support_activity',
      date: date(),
      sessions: 3,
      participants: 4,
      form: 'group',
      openEvent: false,
    });
  for (let i = 0; i < p.education.counted; i++)
    events.push({
      kind: 'education_activity',
      date: date(),
      sessions: 1,
      participants: between(random, 15, 60),
      form: 'group',
      openEvent: false,
    });
  for (let i = 0; i < p.education.open; i++)
    events.push({
      kind: 'education_activity',
      date: date(),
      sessions: 1,
      participants: null,
      form: 'group',
      openEvent: true,
    });
  return { cases, events };
}

function childproYear(random: Random, p: (typeof CHILDPRO_PROFILES)[number], w: Window) {
  const cases: NewCase[] = [];
  for (let i = 0; i < p.cases; i++)
    cases.push({
      reference: `${p.prefix}-${w.fiscalYear}-${String(i + 1).padStart(4, '0')}`,
      category: random() < 0.6 ? 'child' : 'parent_carer',
      referredOn: dayOf(w, Math.floor(random() * (w.days - 20))),
      source: pick(random, SOURCES),
      contact: i < p.late ? 'late' : 'in_time',
    });
  const events: NewEvent[] = [];
  const date = () => dayOf(w, Math.floor(random() * w.days));
  for (let i = 0; i < 14; i++)
    events.push({
      kind: 'home_visit',
      date: date(),
      sessions: between(random, 1, 3),
      participants: 1,
      form: 'individual',
      openEvent: false,
    });
  for (let i = 0; i < 6; i++)
    events.push({
      kind: 'group_individual_session',
      date: date(),
      sessions: between(random, 2, 6),
      participants: between(random, 4, 10),
      form: i % 3 ? 'group' : 'individual',
      openEvent: false,
    });
  for (let i = 0; i < 4; i++)
    events.push({
      kind: 'family_education',
      date: date(),
      sessions: 1,
      participants: between(random, 8, 30),
      form: 'group',
      openEvent: false,
    });
  for (let i = 0; i < 5; i++)
    events.push({
      kind: 'standbyu',
      date: date(),
      sessions: between(random, 1, 2),
      participants: 1,
      form: 'individual',
      openEvent: false,
    });
  return { cases, events };
}

/**
 * Loads the service records of last financial year and this one so far for the demo units that
 * exist. `createdBy` is the user the rows name (the demo's admin). Returns how many cases.
 */
export async function seedServiceRecords(db: Db, createdBy: string, now: Date): Promise<number> {
  const random = seededRandom(20260315);
  const current = fiscalYearOf(now);
  const yesterday = addDays(hongKongDate(now), -1);
  const calendar = workingCalendar(await closureDates(db));
  const within = holidayData().workingDays.firstContactWithin;
  const units = new Map(
    (await db.selectFrom('units').select(['id', 'code', 'operator_id']).execute()).map((u) => [
      u.code,
      u,
    ]),
  );
  const windows: Window[] = [current - 1, current].flatMap((fiscalYear) => {
    const { from, to } = fiscalYearDates(fiscalYear);
    const last = to < yesterday ? to : yesterday;
    if (last < from) return [];
    const days = Math.round((Date.parse(last) - Date.parse(from)) / 86_400_000) + 1;
    return [{ fiscalYear, from, last, days }];
  });

  let total = 0;
  const store = async (
    unitCode: string,
    records: { cases: NewCase[]; events: NewEvent[] },
    lastDay: string,
  ) => {
    const unit = units.get(unitCode);
    if (!unit) return;
    const rows = records.cases.map((c) => {
      const due = addWorkingDays(c.referredOn, within, calendar);
      const contactOn =
        c.contact === 'in_time'
          ? addWorkingDays(c.referredOn, between(random, 1, within - 2), calendar)
          : c.contact === 'late'
            ? addDays(due, between(random, 1, 8))
            : null;
      return { c, due, contactOn: contactOn && contactOn > lastDay ? null : contactOn };
    });
    if (!rows.length) return;
    const ids = await db
      .insertInto('cases')
      .values(
        rows.map(({ c, due, contactOn }) => ({
          operator_id: unit.operator_id,
          unit_id: unit.id,
          reference: c.reference,
          category: c.category,
          referred_on: c.referredOn,
          referral_source: c.source,
          contact_due_on: due,
          first_contact_on: contactOn,
          created_by: createdBy,
        })),
      )
      .returning(['id', 'reference'])
      .execute();
    const idOf = new Map(ids.map((r) => [r.reference, r.id]));
    const contacts = rows.flatMap(({ c, contactOn }) =>
      contactOn
        ? [
            {
              case_id: idOf.get(c.reference)!,
              unit_id: unit.id,
              date: contactOn,
              means: pick(random, CONTACT_MEANS),
              created_by: createdBy,
            },
          ]
        : [],
    );
    if (contacts.length) await db.insertInto('case_contacts').values(contacts).execute();
    const withModule = rows.filter(({ c }) => c.enrolment);
    if (withModule.length) {
      const enrolments = await db
        .insertInto('enrolments')
        .values(
          withModule.map(({ c }) => ({
            case_id: idOf.get(c.reference)!,
            unit_id: unit.id,
            programme: c.enrolment!.programme,
            module: c.enrolment!.module,
            ended_on: c.enrolment!.endedOn,
            half_hours: c.enrolment!.halfHours,
            created_by: createdBy,
          })),
        )
        .returning(['id', 'case_id'])
        .execute();
      const enrolmentOf = new Map(enrolments.map((e) => [e.case_id, e.id]));
      // The hours in sessions of up to 1.5 hours, a week apart, up to the module's end.
      const sessions = withModule.flatMap(({ c, contactOn }) => {
        const e = c.enrolment!;
        const end = e.endedOn ?? lastDay;
        const start = contactOn ?? c.referredOn;
        const parts: number[] = [];
        for (let left = e.halfHours; left > 0; left -= 3) parts.push(Math.min(3, left));
        return parts.map((halfHours, i) => {
          const day = addDays(end, -7 * (parts.length - 1 - i));
          return {
            enrolment_id: enrolmentOf.get(idOf.get(c.reference)!)!,
            date: day < start ? start : day,
            half_hours: halfHours,
            created_by: createdBy,
          };
        });
      });
      await db.insertInto('attendance').values(sessions).execute();
    }
    const referrals = rows.flatMap(({ c }) =>
      c.referral
        ? [
            {
              case_id: idOf.get(c.reference)!,
              unit_id: unit.id,
              date: c.referral.date,
              service: c.referral.service,
              means: c.referral.means,
              created_by: createdBy,
            },
          ]
        : [],
    );
    if (referrals.length) await db.insertInto('case_referrals').values(referrals).execute();
    if (records.events.length)
      await db
        .insertInto('service_events')
        .values(
          records.events.map((e) => ({
            operator_id: unit.operator_id,
            unit_id: unit.id,
            kind: e.kind,
            date: e.date,
            sessions: e.sessions,
            participants: e.participants,
            form: e.form,
            open_event: e.openEvent,
            created_by: createdBy,
          })),
        )
        .execute();
    total += rows.length;
  };

  for (const w of windows) {
    for (const p of SPEAR_PROFILES) {
      await store(p.unit, spearYear(random, p, w), w.last);
      const unit = units.get(p.unit);
      if (unit && p.declared)
        await db
          .insertInto('no_refusal_declarations')
          .values({
            unit_id: unit.id,
            fiscal_year: w.fiscalYear,
            declared: true,
            declared_by: createdBy,
          })
          .execute();
    }
    for (const p of CHILDPRO_PROFILES) await store(p.unit, childproYear(random, p, w), w.last);
  }
  return total;
}

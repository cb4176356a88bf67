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

/**
 * The other operators' SPeaR units, each drawn from its own seeded generator so that DEMO's and
 * Harbour A's figures above stay as they are. `lastYear` changes a few counts for 2025-26, so a
 * standard missed this year is not always missed last year too. Harbour B meets every standard
 * this year (it missed OS6 last year); Ridgeview sits just under OS1, OS2, OS4 and OS5 without a
 * declaration, so no level moves up; Westbay, the outcome outlier, has many completers (OS3's
 * level halves to 5) but misses OS2, OS3, OS4, OS6 and OS7; Lantern's small unit meets OS2, OS3,
 * OS5 and OS7 and misses the counts of people, OS1, OS4 and OS6.
 */
const OTHER_SPEAR_PROFILES: (SpearProfile & { lastYear: Partial<SpearProfile> })[] = [
  {
    unit: 'HARBOUR-SPEAR-B',
    prefix: 'HB',
    learning: { ended: 46, enough: 40 },
    children: { ended: 34, enough: 33 },
    promotions: 10,
    support: { counted: 4, small: 1 },
    education: { counted: 5, open: 1 },
    referrals: 10,
    late: 1,
    overdue: 0,
    declared: true,
    lastYear: { referrals: 8 },
  },
  {
    unit: 'RIDGEVIEW-SPEAR-D',
    prefix: 'RD',
    learning: { ended: 43, enough: 33 },
    children: { ended: 33, enough: 29 },
    promotions: 11,
    support: { counted: 3, small: 2 },
    education: { counted: 4, open: 1 },
    referrals: 12,
    late: 3,
    overdue: 1,
    declared: false,
    lastYear: { learning: { ended: 45, enough: 37 }, support: { counted: 4, small: 1 } },
  },
  {
    unit: 'WESTBAY-SPEAR-E',
    prefix: 'WE',
    learning: { ended: 58, enough: 38 },
    children: { ended: 40, enough: 26 },
    promotions: 4,
    support: { counted: 6, small: 2 },
    education: { counted: 3, open: 3 },
    referrals: 6,
    late: 9,
    overdue: 4,
    declared: false,
    lastYear: { promotions: 6, education: { counted: 5, open: 2 } },
  },
  {
    unit: 'LANTERN-SPEAR-C',
    prefix: 'LC',
    learning: { ended: 18, enough: 15 },
    children: { ended: 12, enough: 10 },
    promotions: 10,
    support: { counted: 4, small: 0 },
    education: { counted: 4, open: 0 },
    referrals: 5,
    late: 0,
    overdue: 1,
    declared: true,
    lastYear: { referrals: 11 },
  },
];

/** A ChildPRO unit's year: cases contacted and the events its illustrative standards count. */
interface ChildproProfile {
  unit: string;
  prefix: string;
  cases: number;
  late: number;
  /** How many events of each kind, against DEMO-CHILDPRO's (1). */
  scale?: number;
}
const CHILDPRO_PROFILES: ChildproProfile[] = [
  { unit: 'DEMO-CHILDPRO', prefix: 'DC', cases: 24, late: 2 },
];
/** The other operators' ChildPRO teams, each from its own generator like the SPeaR units. */
const OTHER_CHILDPRO_PROFILES: ChildproProfile[] = [
  { unit: 'HARBOUR-CP1', prefix: 'H1', cases: 26, late: 1, scale: 1 },
  { unit: 'HARBOUR-CP2', prefix: 'H2', cases: 19, late: 1, scale: 0.8 },
  { unit: 'RIDGEVIEW-CP5', prefix: 'R5', cases: 22, late: 3, scale: 1 },
  { unit: 'WESTBAY-CP6', prefix: 'W6', cases: 30, late: 7, scale: 1.2 },
  { unit: 'LANTERN-CP4', prefix: 'L4', cases: 12, late: 1, scale: 0.6 },
];

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

function childproYear(random: Random, p: ChildproProfile, w: Window) {
  const times = (n: number) => Math.round(n * (p.scale ?? 1));
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
  for (let i = 0; i < times(14); i++)
    events.push({
      kind: 'home_visit',
      date: date(),
      sessions: between(random, 1, 3),
      participants: 1,
      form: 'individual',
      openEvent: false,
    });
  for (let i = 0; i < times(6); i++)
    events.push({
      kind: 'group_individual_session',
      date: date(),
      sessions: between(random, 2, 6),
      participants: between(random, 4, 10),
      form: i % 3 ? 'group' : 'individual',
      openEvent: false,
    });
  for (let i = 0; i < times(4); i++)
    events.push({
      kind: 'family_education',
      date: date(),
      sessions: 1,
      participants: between(random, 8, 30),
      form: 'group',
      openEvent: false,
    });
  for (let i = 0; i < times(5); i++)
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

/** The seed of a unit's own generator: a hash of its code, so each unit's draws are its own. */
function seedOf(code: string) {
  let h = 2166136261;
  for (const ch of code) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

type UnitRow = { id: string; code: string; operator_id: string };

/** One unit's year, its random draws taken, waiting to be inserted with everyone else's. */
interface Prepared {
  unit: UnitRow;
  rows: { c: NewCase; due: string; contactOn: string | null }[];
  contacts: { reference: string; date: string; means: string }[];
  events: NewEvent[];
  lastDay: string;
}

/** Inserts rows in chunks (a multi-row insert's parameters stay well under PostgreSQL's limit). */
async function inChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, size = 500) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
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

  // Every draw happens here, in the same order as ever for the units of the shared generator;
  // the rows of all units then go in a few multi-row inserts.
  const prepared: Prepared[] = [];
  const declarations: { unit_id: string; fiscal_year: number }[] = [];
  const prepare = (
    unitCode: string,
    records: { cases: NewCase[]; events: NewEvent[] },
    lastDay: string,
    random: Random,
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
    const contacts = rows.flatMap(({ c, contactOn }) =>
      contactOn
        ? [{ reference: c.reference, date: contactOn, means: pick(random, CONTACT_MEANS) }]
        : [],
    );
    prepared.push({ unit, rows, contacts, events: records.events, lastDay });
  };
  const declare = (unitCode: string, fiscalYear: number) => {
    const unit = units.get(unitCode);
    if (unit) declarations.push({ unit_id: unit.id, fiscal_year: fiscalYear });
  };

  for (const w of windows) {
    for (const p of SPEAR_PROFILES) {
      prepare(p.unit, spearYear(random, p, w), w.last, random);
      if (p.declared) declare(p.unit, w.fiscalYear);
    }
    for (const p of CHILDPRO_PROFILES) prepare(p.unit, childproYear(random, p, w), w.last, random);
  }
  for (const { lastYear, ...p } of OTHER_SPEAR_PROFILES) {
    const own = seededRandom(seedOf(p.unit));
    for (const w of windows) {
      const profile = w.fiscalYear === current ? p : { ...p, ...lastYear };
      prepare(p.unit, spearYear(own, profile, w), w.last, own);
      if (profile.declared) declare(p.unit, w.fiscalYear);
    }
  }
  for (const p of OTHER_CHILDPRO_PROFILES) {
    const own = seededRandom(seedOf(p.unit));
    for (const w of windows) prepare(p.unit, childproYear(own, p, w), w.last, own);
  }
  if (!prepared.length) return 0;

  const key = (unitId: string, reference: string) => `${unitId} ${reference}`;
  const idOf = new Map<string, string>();
  await inChunks(
    prepared.flatMap(({ unit, rows }) => rows.map((row) => ({ unit, ...row }))),
    async (chunk) => {
      const ids = await db
        .insertInto('cases')
        .values(
          chunk.map(({ unit, c, due, contactOn }) => ({
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
        .returning(['id', 'unit_id', 'reference'])
        .execute();
      for (const r of ids) idOf.set(key(r.unit_id, r.reference), r.id);
    },
  );
  const caseId = (unit: UnitRow, reference: string) => idOf.get(key(unit.id, reference))!;

  await inChunks(
    prepared.flatMap(({ unit, contacts }) =>
      contacts.map((c) => ({
        case_id: caseId(unit, c.reference),
        unit_id: unit.id,
        date: c.date,
        means: c.means,
        created_by: createdBy,
      })),
    ),
    (chunk) => db.insertInto('case_contacts').values(chunk).execute(),
  );

  const withModule = prepared.flatMap(({ unit, rows, lastDay }) =>
    rows.filter(({ c }) => c.enrolment).map((row) => ({ unit, lastDay, ...row })),
  );
  const enrolmentOf = new Map<string, string>();
  await inChunks(withModule, async (chunk) => {
    const enrolments = await db
      .insertInto('enrolments')
      .values(
        chunk.map(({ unit, c }) => ({
          case_id: caseId(unit, c.reference),
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
    for (const e of enrolments) enrolmentOf.set(e.case_id, e.id);
  });
  // The hours in sessions of up to 1.5 hours, a week apart, up to the module's end.
  const sessions = withModule.flatMap(({ unit, c, contactOn, lastDay }) => {
    const e = c.enrolment!;
    const end = e.endedOn ?? lastDay;
    const start = contactOn ?? c.referredOn;
    const parts: number[] = [];
    for (let left = e.halfHours; left > 0; left -= 3) parts.push(Math.min(3, left));
    return parts.map((halfHours, i) => {
      const day = addDays(end, -7 * (parts.length - 1 - i));
      return {
        enrolment_id: enrolmentOf.get(caseId(unit, c.reference))!,
        date: day < start ? start : day,
        half_hours: halfHours,
        created_by: createdBy,
      };
    });
  });
  await inChunks(sessions, (chunk) => db.insertInto('attendance').values(chunk).execute());

  await inChunks(
    prepared.flatMap(({ unit, rows }) =>
      rows.flatMap(({ c }) =>
        c.referral
          ? [
              {
                case_id: caseId(unit, c.reference),
                unit_id: unit.id,
                date: c.referral.date,
                service: c.referral.service,
                means: c.referral.means,
                created_by: createdBy,
              },
            ]
          : [],
      ),
    ),
    (chunk) => db.insertInto('case_referrals').values(chunk).execute(),
  );
  await inChunks(
    prepared.flatMap(({ unit, events }) =>
      events.map((e) => ({
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
    ),
    (chunk) => db.insertInto('service_events').values(chunk).execute(),
  );
  if (declarations.length)
    await db
      .insertInto('no_refusal_declarations')
      .values(declarations.map((d) => ({ ...d, declared: true, declared_by: createdBy })))
      .execute();
  return prepared.reduce((n, p) => n + p.rows.length, 0);
}

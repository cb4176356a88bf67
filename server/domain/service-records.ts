// What the output standards count (SPeaR notes 4, 6-8, 10, 12-14): each standard names a
// counting rule as programme data, and these functions say which records it counts. The database
// keeps the same counts by triggers (the SQL functions of migrations/2026_12_04_0910_kept_output_
// counts.ts); test/server/outputs/property.test.ts and kept-counts.test.ts pin the two together.

/** The two modules whose attendance the standards count, and their length in hours. */
export const MODULE_HOURS = { learning_6h: 6, children_4h: 4 } as const;
export type ModuleProgramme = keyof typeof MODULE_HOURS;
export const MODULE_PROGRAMMES = Object.keys(MODULE_HOURS) as ModuleProgramme[];
export const MODULE_LEVELS = ['basic', 'advanced'] as const;

/** Hours are kept in half hours, the unit attendance is recorded in. */
export const moduleHalfHours = (programme: ModuleProgramme) => MODULE_HOURS[programme] * 2;

/** How a first contact was attempted (note 22); an acknowledgement to the referrer is none of them. */
export const CONTACT_MEANS = ['home_visit', 'interview', 'phone_call', 'letter'] as const;
/** Who referred (service definition, paragraph 7). */
export const REFERRAL_SOURCES = [
  'self',
  'social_worker',
  'school',
  'other_department',
  'other_professional',
] as const;
/** How a case was referred to a community support service (note 12). */
export const REFERRAL_MEANS = ['oral', 'written'] as const;
export const EVENT_FORMS = ['group', 'individual'] as const;

/** A counting rule, as written in surveys/programmes/*.json. */
export type CountRule =
  | {
      /** Enrolments in a module that ended in the period (notes 4, 6, 8). */
      rule: 'enrolments';
      programme: ModuleProgramme;
      /** Only those who attended at least this share of the module's hours. */
      minPercentOfModule?: number;
      /** `share`: the percentage of the period's enrolments that meet minPercentOfModule. */
      measure?: 'count' | 'share';
    }
  | {
      /** Events dated in the period (notes 7, 10, 14). */
      rule: 'events';
      kinds: readonly string[];
      /** Note 10: one-off, or at least 2 sessions in group form with at least this many participants. */
      oneOffOrGroupOf?: number;
      /** Note 14: not an open event with no set number of participants (carnival, exhibition). */
      excludeOpen?: boolean;
      form?: (typeof EVENT_FORMS)[number];
      /** Count sessions rather than events. */
      countSessions?: boolean;
    }
  | { rule: 'referrals' /** Referrals dated in the period (notes 12, 13). */ }
  | { rule: 'cases_contacted' /** Cases with a contact attempt in the period. */ };

/** One enrolment as the rules see it. */
export interface EnrolmentRecord {
  programme: ModuleProgramme;
  endedOn: string | null;
  halfHours: number;
}

/** One event as the rules see it. */
export interface EventRecord {
  kind: string;
  date: string;
  sessions: number;
  participants: number | null;
  form: (typeof EVENT_FORMS)[number];
  openEvent: boolean;
}

/** Attended at least `percent` of the module: 4.5 of 6 hours, 3 of 4 hours at 75%. */
export function attendedEnough(
  e: Pick<EnrolmentRecord, 'programme' | 'halfHours'>,
  percent: number,
) {
  return e.halfHours * 100 >= percent * moduleHalfHours(e.programme);
}

const within = (date: string | null, period: { from: string; to: string }) =>
  date !== null && date >= period.from && date <= period.to;

/** Whether an event counts under a rule (ignoring its date). */
export function eventQualifies(rule: Extract<CountRule, { rule: 'events' }>, e: EventRecord) {
  if (!rule.kinds.includes(e.kind)) return false;
  if (rule.excludeOpen && e.openEvent) return false;
  if (rule.form && e.form !== rule.form) return false;
  if (rule.oneOffOrGroupOf !== undefined) {
    const oneOff = e.sessions === 1;
    const group =
      e.sessions >= 2 && e.form === 'group' && (e.participants ?? 0) >= rule.oneOffOrGroupOf;
    if (!oneOff && !group) return false;
  }
  return true;
}

/** The records one unit holds for a period, as plain data. */
export interface UnitRecords {
  enrolments: EnrolmentRecord[];
  events: EventRecord[];
  referrals: { date: string }[];
  contacts: { caseId: string; date: string }[];
}

/** A rule's figure: a count, or for a share its numerator and denominator. */
export interface RuleFigure {
  count: number;
  of: number | null;
}

/**
 * A rule's figure over a unit's records in a period: the plain statement of notes 4-14, used as
 * the reference the SQL aggregates are tested against.
 */
export function countRule(
  rule: CountRule,
  records: UnitRecords,
  period: { from: string; to: string },
): RuleFigure {
  switch (rule.rule) {
    case 'enrolments': {
      const ended = records.enrolments.filter(
        (e) => e.programme === rule.programme && within(e.endedOn, period),
      );
      const enough =
        rule.minPercentOfModule === undefined
          ? ended
          : ended.filter((e) => attendedEnough(e, rule.minPercentOfModule!));
      return rule.measure === 'share'
        ? { count: enough.length, of: ended.length }
        : { count: enough.length, of: null };
    }
    case 'events': {
      const counted = records.events.filter(
        (e) => within(e.date, period) && eventQualifies(rule, e),
      );
      return {
        count: counted.reduce((n, e) => n + (rule.countSessions ? e.sessions : 1), 0),
        of: null,
      };
    }
    case 'referrals':
      return { count: records.referrals.filter((r) => within(r.date, period)).length, of: null };
    case 'cases_contacted':
      return {
        count: new Set(records.contacts.filter((c) => within(c.date, period)).map((c) => c.caseId))
          .size,
        of: null,
      };
  }
}

/** A share as a percentage to one decimal, half up; null with nothing to share. */
export function sharePercent(count: number, of: number): number | null {
  if (of === 0) return null;
  return Math.round((count * 1000) / of) / 10;
}

// Working days for the essential service requirement of a first contact within 10 working days
// of an application or referral (SPeaR note 22). The FSA does not define a working day; the
// product takes Monday to Friday except Hong Kong's general holidays (surveys/holidays.json) and
// days an admin declares the office closed (typhoon signal No. 8, black rainstorm). Pure.

/** The days that are not working days besides weekends, as 'YYYY-MM-DD' strings. */
export interface WorkingCalendar {
  holidays: ReadonlySet<string>;
  closures: ReadonlySet<string>;
  /** Weekdays that are working days, 0 = Sunday: Monday to Friday unless the data says otherwise. */
  weekdays?: readonly number[];
}

const DAY_MS = 86_400_000;
const toTime = (date: string) => Date.parse(`${date}T00:00:00Z`);
const toDate = (time: number) => new Date(time).toISOString().slice(0, 10);

/** The date `days` calendar days after `date`. */
export const addDays = (date: string, days: number) => toDate(toTime(date) + days * DAY_MS);

/** Today in Hong Kong (UTC+8, no daylight saving), as a date. */
export const hongKongDate = (now: Date) => toDate(now.getTime() + 8 * 3600_000);

export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  const weekday = new Date(toTime(date)).getUTCDay();
  const weekdays = calendar.weekdays ?? [1, 2, 3, 4, 5];
  return weekdays.includes(weekday) && !calendar.holidays.has(date) && !calendar.closures.has(date);
}

/** The `n`th working day after `date` (the day itself never counts). */
export function addWorkingDays(date: string, n: number, calendar: WorkingCalendar): string {
  let day = date;
  for (let counted = 0; counted < n;) {
    day = addDays(day, 1);
    if (isWorkingDay(day, calendar)) counted++;
  }
  return day;
}

export type FirstContactStatus = 'in_time' | 'late' | 'overdue' | 'waiting';

/**
 * Where a case stands on the first-contact requirement: contacted by the deadline (in time) or
 * after it (late); not contacted and the deadline passed (overdue) or not yet (waiting).
 */
export function firstContactStatus(
  c: { dueOn: string; firstContactOn: string | null },
  today: string,
): FirstContactStatus {
  if (c.firstContactOn !== null) return c.firstContactOn <= c.dueOn ? 'in_time' : 'late';
  return today > c.dueOn ? 'overdue' : 'waiting';
}

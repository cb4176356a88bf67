import { describe, expect, test } from 'vitest';
import {
  addWorkingDays,
  firstContactStatus,
  hongKongDate,
  isWorkingDay,
} from '../../../server/domain/working-days.ts';
import { holidayData, workingCalendar } from '../../../server/outputs/reference.ts';

const calendar = workingCalendar([]);

describe('the gazetted general holidays', () => {
  test.each([2025, 2026, 2027])('%i has 17 general holidays besides Sundays', (year) => {
    expect(holidayData().years[String(year)]).toHaveLength(17);
  });

  test.each([
    // Lunar New Year, Easter and Christmas, 2025-2027, with the substitute days.
    [
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-04-18',
      '2025-04-21',
      '2025-12-25',
      '2025-12-26',
    ],
    [
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-04-03',
      '2026-04-06',
      '2026-04-07',
      '2026-12-25',
    ],
    ['2027-02-08', '2027-02-09', '2027-03-26', '2027-03-29', '2027-12-27'],
  ])('weekday holidays are not working days: %s …', (...dates) => {
    for (const date of dates) expect(isWorkingDay(date, calendar), date).toBe(false);
  });

  test('an ordinary weekday is a working day; a weekend is not', () => {
    expect(isWorkingDay('2026-03-02', calendar)).toBe(true);
    expect(isWorkingDay('2026-03-07', calendar)).toBe(false);
    expect(isWorkingDay('2026-03-08', calendar)).toBe(false);
  });
});

describe('the 10th working day after a referral', () => {
  test.each([
    ['2025-01-28', '2025-02-14', 'Lunar New Year 2025 (29-31 January)'],
    ['2026-02-13', '2026-03-04', 'Lunar New Year 2026 (17-19 February)'],
    ['2027-02-05', '2027-02-23', 'Lunar New Year 2027 (8-9 February)'],
    ['2025-04-17', '2025-05-07', 'Easter 2025, then Labour Day and the Birthday of the Buddha'],
    ['2026-04-02', '2026-04-21', 'Easter 2026 (3, 6, 7 April)'],
    ['2025-12-24', '2026-01-12', 'Christmas 2025 and New Year 2026'],
    ['2027-12-24', '2028-01-10', 'Christmas 2027 (the 27th in substitution)'],
    ['2026-03-06', '2026-03-20', 'no holiday: two weeks'],
    ['2026-03-07', '2026-03-20', 'a Saturday referral counts from Monday'],
  ])('referred %s: due %s (%s)', (referred, due) => {
    expect(addWorkingDays(referred, 10, calendar)).toBe(due);
  });

  test('a declared typhoon day moves the deadline a working day on', () => {
    expect(addWorkingDays('2026-09-14', 10, calendar)).toBe('2026-09-28');
    expect(addWorkingDays('2026-09-14', 10, workingCalendar(['2026-09-15']))).toBe('2026-09-29');
    // A closure on a Saturday changes nothing.
    expect(addWorkingDays('2026-09-14', 10, workingCalendar(['2026-09-19']))).toBe('2026-09-28');
  });
});

describe('first contact', () => {
  const due = '2026-03-04';
  test.each([
    ['2026-02-13', '2026-03-10', 'in_time'], // on the referral day itself
    ['2026-03-04', '2026-03-10', 'in_time'], // on the 10th working day
    ['2026-03-05', '2026-03-10', 'late'],
    [null, '2026-03-05', 'overdue'],
    [null, '2026-03-04', 'waiting'],
  ] as const)('first contact %s, today %s: %s', (first, today, status) => {
    expect(firstContactStatus({ dueOn: due, firstContactOn: first }, today)).toBe(status);
  });

  test('today is Hong Kong’s date', () => {
    expect(hongKongDate(new Date('2026-03-31T15:59:59Z'))).toBe('2026-03-31');
    expect(hongKongDate(new Date('2026-03-31T16:00:00Z'))).toBe('2026-04-01');
  });
});

import { describe, expect, test } from 'vitest';
import { caseReferenceProblems } from '../../../server/domain/case-reference.ts';
import {
  attendedEnough,
  countRule,
  eventQualifies,
  sharePercent,
  type CountRule,
  type EventRecord,
  type UnitRecords,
} from '../../../server/domain/service-records.ts';
import { fiscalYearDates } from '../../../server/domain/fiscal-year.ts';

const none: UnitRecords = { enrolments: [], events: [], referrals: [], contacts: [] };
const year2025 = fiscalYearDates(2025);

describe('completers (notes 4, 6, 8)', () => {
  test.each([
    // programme, half hours, attended at least 75%
    ['learning_6h', 0, false],
    ['learning_6h', 8, false], // 4 hours
    ['learning_6h', 9, true], // 4.5 hours of 6: OS2's threshold
    ['learning_6h', 12, true],
    ['children_4h', 5, false], // 2.5 hours
    ['children_4h', 6, true], // 3 hours of 4: 75%, OS4's threshold
    ['children_4h', 8, true],
  ] as const)('%s, %i half hours: %s', (programme, halfHours, expected) => {
    expect(attendedEnough({ programme, halfHours }, 75)).toBe(expected);
  });

  const os1: CountRule = { rule: 'enrolments', programme: 'learning_6h' };
  const os2: CountRule = { ...os1, minPercentOfModule: 75, measure: 'share' };
  const os4: CountRule = { rule: 'enrolments', programme: 'children_4h', minPercentOfModule: 75 };

  test('a module counts in the financial year it ended in, Hong Kong dates', () => {
    const records = {
      ...none,
      enrolments: [
        { programme: 'learning_6h' as const, endedOn: '2026-03-31', halfHours: 0 },
        { programme: 'learning_6h' as const, endedOn: '2026-04-01', halfHours: 12 },
        { programme: 'learning_6h' as const, endedOn: null, halfHours: 12 },
        { programme: 'children_4h' as const, endedOn: '2026-03-31', halfHours: 6 },
        { programme: 'children_4h' as const, endedOn: '2026-04-01', halfHours: 8 },
      ],
    };
    // 31 March 2026 closes 2025-26; 1 April opens 2026-27; a running module counts nowhere yet.
    expect(countRule(os1, records, year2025)).toEqual({ count: 1, of: null });
    expect(countRule(os1, records, fiscalYearDates(2026))).toEqual({ count: 1, of: null });
    // Regardless of attendance for OS1; OS2 shares those with 4.5 hours.
    expect(countRule(os2, records, year2025)).toEqual({ count: 0, of: 1 });
    expect(countRule(os2, records, fiscalYearDates(2026))).toEqual({ count: 1, of: 1 });
    expect(countRule(os4, records, year2025)).toEqual({ count: 1, of: null });
    expect(countRule(os4, records, fiscalYearDates(2026))).toEqual({ count: 1, of: null });
  });

  test('shares to one decimal, none of nothing', () => {
    expect(sharePercent(4, 5)).toBe(80);
    expect(sharePercent(2, 3)).toBe(66.7);
    expect(sharePercent(0, 0)).toBeNull();
  });
});

describe('events (notes 7, 10, 14)', () => {
  const event = (e: Partial<EventRecord>): EventRecord => ({
    kind: 'support_activity',
    date: '2025-06-01',
    sessions: 1,
    participants: null,
    form: 'group',
    openEvent: false,
    ...e,
  });
  const os5 = { rule: 'events', kinds: ['support_activity'], oneOffOrGroupOf: 6 } as const;
  const os7 = { rule: 'events', kinds: ['education_activity'], excludeOpen: true } as const;
  const os3 = { rule: 'events', kinds: ['promotion'] } as const;

  test.each([
    [{ sessions: 1 }, true], // one-off
    [{ sessions: 2, participants: 6 }, true],
    [{ sessions: 2, participants: 5 }, false],
    [{ sessions: 3, participants: 8, form: 'individual' as const }, false],
    [{ sessions: 2, participants: null }, false],
    [{ kind: 'education_activity', sessions: 1 }, false],
  ])('OS5: %j → %s', (e, expected) => {
    expect(eventQualifies(os5, event(e))).toBe(expected);
  });

  test('OS7 leaves out open events; OS3 counts them; an education activity is not a promotion', () => {
    expect(eventQualifies(os7, event({ kind: 'education_activity' }))).toBe(true);
    expect(eventQualifies(os7, event({ kind: 'education_activity', openEvent: true }))).toBe(false);
    expect(eventQualifies(os3, event({ kind: 'promotion', openEvent: true }))).toBe(true);
    expect(eventQualifies(os3, event({ kind: 'education_activity' }))).toBe(false);
  });

  test('sessions are counted where the rule says so', () => {
    const records = {
      ...none,
      events: [
        event({ kind: 'home_visit', sessions: 3 }),
        event({ kind: 'home_visit', sessions: 2 }),
      ],
    };
    expect(
      countRule({ rule: 'events', kinds: ['home_visit'], countSessions: true }, records, year2025),
    ).toEqual({ count: 5, of: null });
    expect(countRule({ rule: 'events', kinds: ['home_visit'] }, records, year2025).count).toBe(2);
  });
});

describe('case references are pseudonymous', () => {
  test.each([
    ['SP-2026-0001', []],
    ['CASE2026001', []],
    ['A/26/017', []],
    ['A123456(7)', ['case_reference_shape', 'case_reference_hkid']],
    ['a1234567', ['case_reference_hkid']],
    ['AB9876543', ['case_reference_hkid']],
    ['Z 123456 A', ['case_reference_hkid']],
    ['91234567', ['case_reference_phone']],
    ['9123 4567', ['case_reference_phone']],
    ['+852 9123 4567', ['case_reference_shape', 'case_reference_phone']],
    ['someone@example.org', ['case_reference_shape', 'case_reference_email']],
    ['', ['case_reference_shape']],
  ])('%j → %j', (reference, rules) => {
    expect(caseReferenceProblems(reference).map((p) => p.rule)).toEqual(rules);
  });
});

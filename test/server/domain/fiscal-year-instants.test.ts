import { expect, test } from 'vitest';
import { fiscalYearInstants, fiscalYearOf } from '../../../server/domain/fiscal-year.ts';

test('a financial year as instants starts and ends at midnight in Hong Kong', () => {
  const { from, until } = fiscalYearInstants(2026);
  expect(from.toISOString()).toBe('2026-03-31T16:00:00.000Z');
  expect(until.toISOString()).toBe('2027-03-31T16:00:00.000Z');
  expect(fiscalYearOf(from)).toBe(2026);
  expect(fiscalYearOf(new Date(until.getTime() - 1))).toBe(2026);
  expect(fiscalYearOf(until)).toBe(2027);
});

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fiscalQuarterOf, met, percent, verdict } from '../../../server/domain/compute.ts';
import { fiscalYearLabel, fiscalYearOf } from '../../../server/domain/fiscal-year.ts';

describe('verdict: one person, one standard', () => {
  const items = ['a', 'b', 'c'];
  test.each([
    // answers, all, majority, mean
    [{ a: 'agree', b: 'agree', c: 'agree' }, 'agreed', 'agreed', 'agreed'],
    [{ a: 'agree', b: 'agree', c: 'disagree' }, 'not_agreed', 'agreed', 'not_agreed'], // mean (4+4+2)/3 = 3.33
    [{ a: 'strongly_agree', b: 'strongly_agree', c: 'disagree' }, 'not_agreed', 'agreed', 'agreed'], // mean 4
    [{ a: 'agree', b: 'no_opinion' }, 'not_agreed', 'not_agreed', 'not_agreed'], // majority needs more than half; mean 3.5
    [{ a: 'strongly_agree', b: 'no_opinion' }, 'not_agreed', 'not_agreed', 'agreed'], // mean 4
    [{ a: 'agree' }, 'agreed', 'agreed', 'agreed'], // blanks are left out
    [{ a: 'no_opinion' }, 'not_agreed', 'not_agreed', 'not_agreed'], // no opinion answers, does not agree
    [{}, 'no_answer', 'no_answer', 'no_answer'],
    [{ a: null, b: '', other: 'agree' }, 'no_answer', 'no_answer', 'no_answer'],
  ] as const)('%j → all %s, majority %s, mean %s', (answers, all, majority, mean) => {
    expect(verdict(answers, items, 'all')).toBe(all);
    expect(verdict(answers, items, 'majority')).toBe(majority);
    expect(verdict(answers, items, 'mean')).toBe(mean);
  });

  test('with one item the three rules coincide', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          'strongly_agree',
          'agree',
          'no_opinion',
          'disagree',
          'strongly_disagree',
          null,
        ),
        (answer) => {
          const answers = { only: answer };
          const all = verdict(answers, ['only'], 'all');
          expect(verdict(answers, ['only'], 'majority')).toBe(all);
          expect(verdict(answers, ['only'], 'mean')).toBe(all);
        },
      ),
    );
  });
});

describe('percent and met', () => {
  test.each([
    [17, 20, 85.0],
    [2, 3, 66.7],
    [1, 3, 33.3],
    [1, 8, 12.5], // exactly half up: 12.5
    [1, 16, 6.3], // 6.25 → 6.3 (half up)
    [0, 5, 0],
    [5, 5, 100],
  ])('%i of %i is %f%%', (agreed, respondents, expected) => {
    expect(percent(agreed, respondents)).toBe(expected);
  });

  test('no respondents: percent and met are null', () => {
    expect(percent(0, 0)).toBeNull();
    expect(met(0, 0, 85)).toBeNull();
  });

  test.each([
    [17, 20, 85, true], // exactly at the agreed level
    [16, 20, 85, false],
    [2, 3, 66, true], // 66.7% ≥ 66%
    [2, 3, 67, false], // compared in integers: 200 < 201
    [3, 4, 75, true],
    [5, 5, null, null], // no agreed level (ChildPRO)
  ])('%i of %i against %s%% → %s', (agreed, respondents, level, expected) => {
    expect(met(agreed, respondents, level)).toBe(expected);
  });
});

describe('the financial year, in Hong Kong time', () => {
  test.each([
    ['2027-03-31T23:59:59+08:00', 2026, 4],
    ['2027-04-01T00:00:00+08:00', 2027, 1],
    ['2027-03-31T16:00:00Z', 2027, 1], // = 1 April 00:00 in Hong Kong
    ['2027-03-31T15:59:59Z', 2026, 4],
    ['2026-06-30T23:59:59+08:00', 2026, 1],
    ['2026-07-01T00:00:00+08:00', 2026, 2],
    ['2026-12-31T23:59:59+08:00', 2026, 3],
    ['2027-01-01T00:00:00+08:00', 2026, 4],
  ])('%s is in %i, quarter %i', (instant, year, quarter) => {
    expect(fiscalYearOf(new Date(instant))).toBe(year);
    expect(fiscalQuarterOf(new Date(instant))).toBe(quarter);
  });

  test('labels', () => {
    expect(fiscalYearLabel(2026)).toBe('2026-27');
    expect(fiscalYearLabel(2099)).toBe('2099-00');
  });
});

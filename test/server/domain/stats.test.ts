import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { met, percent } from '../../../server/domain/compute.ts';
import {
  coverage,
  evidenceVerdict,
  funnelGrid,
  funnelLimits,
  funnelPosition,
  normalFunnelLimits,
  wilson,
  wilsonPercent,
} from '../../../server/domain/stats.ts';

describe('the Wilson score interval', () => {
  // Newcombe RG (1998). Two-sided confidence intervals for the single proportion: comparison of
  // seven methods. Statistics in Medicine 17:857-872, Table I, method 3 (Wilson's score method
  // without continuity correction; Wilson EB 1927, JASA 22:209), to four decimals.
  test.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0.0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('Newcombe 1998, table I: %i of %i is %f to %f', (x, n, low, high) => {
    const interval = wilson(x, n)!;
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  // Brown, Cai & DasGupta (2001), Interval estimation for a binomial proportion, Statistical
  // Science 16:101, eq. (4): the same closed form; at x = n the upper bound is exactly 1 and the
  // lower n / (n + z²), at x = 0 the mirror image.
  test.each([1, 5, 20, 263])(
    '0 of n and n of n (n = %i): the bounds touch 0 and 1 exactly',
    (n) => {
      const z2 = 1.959963984540054 ** 2;
      expect(wilson(0, n)).toEqual({ low: 0, high: expect.closeTo(z2 / (n + z2), 12) });
      expect(wilson(n, n)).toEqual({ low: expect.closeTo(n / (n + z2), 12), high: 1 });
    },
  );

  test('one respondent: 20.7-100 when agreeing, 0-79.3 when not', () => {
    expect(wilsonPercent(1, 1)).toEqual({ low: 20.7, high: 100 });
    expect(wilsonPercent(0, 1)).toEqual({ low: 0, high: 79.3 });
    expect(evidenceVerdict(wilsonPercent(1, 1), 85)).toBe('too_few_to_tell');
    expect(evidenceVerdict(wilsonPercent(0, 1), 75)).toBe('too_few_to_tell');
    // Wilson's interval is short at n = 1 (Brown, Cai & DasGupta 2001 on its coverage near 0
    // and 1): one disagreeing person is below 80% and 85%. The funnel's exact test says
    // "within" for the same unit (below), and the README says so.
    expect(evidenceVerdict(wilsonPercent(0, 1), 85)).toBe('not_met');
  });

  test('no respondents: no interval and no verdict', () => {
    expect(wilson(0, 0)).toBeNull();
    expect(wilsonPercent(0, 0)).toBeNull();
    expect(evidenceVerdict(null, 85)).toBeNull();
  });

  test('in percent, one decimal: 17 of 20 is 64.0-94.8', () => {
    expect(wilsonPercent(17, 20)).toEqual({ low: 64.0, high: 94.8 });
    expect(wilsonPercent(81, 263)).toEqual({ low: 25.5, high: 36.6 });
  });

  test('the interval holds the percent, stays in 0-100 and narrows as n grows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, share) => {
          const x = Math.round(share * n);
          const i = wilsonPercent(x, n)!;
          const p = percent(x, n)!;
          expect(i.low).toBeGreaterThanOrEqual(0);
          expect(i.high).toBeLessThanOrEqual(100);
          expect(i.low).toBeLessThanOrEqual(p);
          expect(i.high).toBeGreaterThanOrEqual(p);
          const wider = wilson(x, n)!;
          const narrower = wilson(x * 4, n * 4)!;
          expect(narrower.high - narrower.low).toBeLessThan(wider.high - wider.low);
        },
      ),
    );
  });
});

describe('the verdict', () => {
  test.each([
    // agreed, respondents, level, verdict
    [17, 20, 85, 'too_few_to_tell'], // met, but 64.0-94.8 holds 85
    [4, 5, 80, 'too_few_to_tell'], // the example: 80% of 5 says almost nothing
    [190, 200, 85, 'met'], // 91.0-97.3
    [100, 200, 85, 'not_met'], // 43.1-56.9
    [0, 30, 75, 'not_met'], // 0-11.4
    [30, 30, 75, 'met'], // 88.6-100
    [5, 5, 100, 'too_few_to_tell'], // 100 is inside 56.6-100
  ])('%i of %i against a level of %i: %s', (agreed, respondents, level, expected) => {
    expect(evidenceVerdict(wilsonPercent(agreed, respondents), level)).toBe(expected);
  });

  test('no agreed level: no verdict, though the interval is there', () => {
    expect(evidenceVerdict(wilsonPercent(3, 4), null)).toBeNull();
  });

  test('never contradicts `met`: met and not_met agree with it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 100 }),
        (n, share, level) => {
          const x = Math.round(share * n);
          const v = evidenceVerdict(wilsonPercent(x, n), level);
          if (v === 'met') expect(met(x, n, level)).toBe(true);
          if (v === 'not_met') expect(met(x, n, level)).toBe(false);
        },
      ),
    );
  });
});

describe('coverage (the hook for output standard 1)', () => {
  test('20 of 45 completers answered: 44.4%; unknown completers: null', () => {
    expect(coverage(20, 45)).toEqual({ respondents: 20, population: 45, percent: 44.4 });
    expect(coverage(20, null)).toBeNull();
    expect(coverage(0, 0)).toEqual({ respondents: 0, population: 0, percent: null });
  });
});

describe('funnel limits (Spiegelhalter 2005, Stat Med 24:1185, appendix A.1.1)', () => {
  // Worked by hand from the appendix's rule with Bin(10, 0.5), whose distribution is exact in
  // 1024ths: F(1) = 11/1024, F(2) = 56/1024. The 2.5% point: r = 2 (the first F(r) >= 0.025),
  // α = (56/1024 − 0.025) / (45/1024) = 0.67556, limit = (2 − α) / 10 = 0.132444.
  // The 0.1% point: F(0) = 1/1024 >= 0.001, r = 0, α = (1/1024 − 0.001)/(1/1024) = −0.024,
  // limit = 0.0024 / 10 = 0.00024. At 50% the upper limits mirror the lower ones.
  test('Bin(10, 0.5), worked by hand', () => {
    const limits = funnelLimits(0.5, 10);
    expect(limits.low95).toBeCloseTo((2 - (56 / 1024 - 0.025) / (45 / 1024)) / 10, 12);
    expect(limits.low95).toBeCloseTo(0.132444, 6);
    expect(limits.high95).toBeCloseTo(1 - 0.132444, 6);
    expect(limits.low998).toBeCloseTo(0.00024, 8);
    expect(limits.high998).toBeCloseTo(1 - 0.00024, 8);
  });

  // Spiegelhalter 2005 section 3.1: for large n the exact limits approach
  // target ± z √(target (1 − target) / n), with z = 1.96 and 3.09.
  test.each([1000, 6000, 50000])(
    '%i respondents: within a step of the normal approximation',
    (n) => {
      const exact = funnelLimits(0.85, n);
      const normal = normalFunnelLimits(0.85, n);
      for (const key of ['low95', 'high95', 'low998', 'high998'] as const)
        expect(Math.abs(exact[key] - normal[key])).toBeLessThan(1.5 / n + 1e-9);
    },
  );

  test('a small unit is not flagged for chance: 1 of 1, 0 of 1 and 3 of 5 against 85%', () => {
    expect(funnelPosition(1, 1, 0.85)).toBe('within');
    expect(funnelPosition(0, 1, 0.85)).toBe('within');
    expect(funnelPosition(3, 5, 0.85)).toBe('within'); // P(Y <= 3) = 0.165
    expect(funnelPosition(0, 0, 0.85)).toBeNull();
  });

  test('a large unit far below is flagged beyond 99.8%; one just below 95%', () => {
    expect(funnelPosition(110, 200, 0.85)).toBe('below_998'); // 55% of 200
    // Bin(100, 0.85): F(78) = 0.0393, F(77) = 0.0221, F(73) = 0.00138, F(72) = 0.00061.
    expect(funnelPosition(78, 100, 0.85)).toBe('within');
    expect(funnelPosition(77, 100, 0.85)).toBe('below_95');
    expect(funnelPosition(73, 100, 0.85)).toBe('below_95');
    expect(funnelPosition(72, 100, 0.85)).toBe('below_998');
  });

  test('a point lies outside a drawn limit exactly when its position says so', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 5, max: 95 }),
        (n, share, level) => {
          const y = Math.round(share * n);
          const target = level / 100;
          const limits = funnelLimits(target, n);
          const p = y / n;
          const position = funnelPosition(y, n, target);
          expect(p < limits.low998).toBe(position === 'below_998');
          expect(p < limits.low95).toBe(position === 'below_95' || position === 'below_998');
          expect(p > limits.high998).toBe(position === 'above_998');
          expect(p > limits.high95).toBe(position === 'above_95' || position === 'above_998');
          expect(limits.low998).toBeLessThanOrEqual(limits.low95);
          expect(limits.low95).toBeLessThanOrEqual(target + 1e-12);
          expect(limits.high95).toBeGreaterThanOrEqual(target - 1e-12);
          expect(limits.high95).toBeLessThanOrEqual(limits.high998);
        },
      ),
    );
  });

  test('a target of 0% or 100% has no spread', () => {
    expect(funnelLimits(1, 20)).toEqual({
      respondents: 20,
      low95: 1,
      high95: 1,
      low998: 1,
      high998: 1,
    });
  });

  test('the grid: every n while few, about 120 log-spaced points beyond, ending at the largest', () => {
    expect(funnelGrid(5)).toEqual([1, 2, 3, 4, 5]);
    const grid = funnelGrid(6000);
    expect(grid[0]).toBe(1);
    expect(grid.at(-1)).toBe(6000);
    expect(grid.length).toBeLessThanOrEqual(121);
    expect(funnelGrid(0)).toEqual([]);
  });
});

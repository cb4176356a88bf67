// The evidence behind a ratio (issue 16): how sure a figure is, and whether a unit differs from
// the agreed level by more than chance. Pure functions over counts, safe in the browser.
//
// - The 95% Wilson score interval (Wilson 1927, JASA 22:209; Newcombe 1998, Stat Med 17:857,
//   method 3; recommended for small n by Brown, Cai & DasGupta 2001, Stat Sci 16:101).
// - Funnel-plot control limits around a target proportion (Spiegelhalter 2005, "Funnel plots for
//   comparing institutional performance", Stat Med 24:1185, appendix A.1.1): the exact binomial
//   quantile with the paper's interpolation between the discrete steps.

/** The standard normal quantile for a two-sided 95% interval (Φ⁻¹(0.975)). */
export const Z95 = 1.959963984540054;

/** An interval in percent, one decimal (what the API, the downloads and the screens show). */
export interface PercentInterval {
  low: number;
  high: number;
}

/**
 * The Wilson score interval for `successes` of `n`, as proportions (0-1), unrounded; null when
 * n is 0. Unlike the Wald interval it never leaves [0, 1] and is not empty at 0 of n or n of n.
 */
export function wilson(
  successes: number,
  n: number,
  z = Z95,
): { low: number; high: number } | null {
  if (n <= 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At 0 of n and n of n the bound is 0 or 1 exactly; floating point would give 1e-17 off.
  return {
    low: successes === 0 ? 0 : Math.max(0, centre - half),
    high: successes === n ? 1 : Math.min(1, centre + half),
  };
}

/** A proportion as a percent, rounded half up to one decimal (as `percent` is). */
const toPercent = (proportion: number) => Math.round(proportion * 1000 + 1e-9) / 10;

/** The 95% Wilson interval in percent, one decimal; null with no respondents. */
export function wilsonPercent(agreed: number, respondents: number): PercentInterval | null {
  const interval = wilson(agreed, respondents);
  return interval && { low: toPercent(interval.low), high: toPercent(interval.high) };
}

/**
 * What a person reads at a glance: `met` or `not_met` when the whole 95% interval lies on one
 * side of the agreed level, `too_few_to_tell` when the interval contains it (the respondents
 * are too few to tell a shortfall from chance); null without respondents or agreed level.
 * Decided on the interval as shown (one decimal, closed), so a reader can check it by eye; it
 * never contradicts `met` (a rounded bound past the level puts the exact percent past it too).
 */
export type Evidence = 'met' | 'not_met' | 'too_few_to_tell';

export function evidenceVerdict(
  interval: PercentInterval | null,
  agreedPercent: number | null,
): Evidence | null {
  if (!interval || agreedPercent === null) return null;
  if (interval.low > agreedPercent) return 'met';
  if (interval.high < agreedPercent) return 'not_met';
  return 'too_few_to_tell';
}

/**
 * Coverage: how many of the people a standard should ask answered it (for outcomes 1 and 2,
 * the year's learning-programme completers, output standard 1). A hook: the completers come
 * from the output standards, which are built elsewhere; null until they are known.
 */
export function coverage(
  respondents: number,
  population: number | null,
): { respondents: number; population: number; percent: number | null } | null {
  if (population === null) return null;
  return {
    respondents,
    population,
    percent:
      population === 0
        ? null
        : Math.floor((respondents * 2000 + population) / (2 * population)) / 10,
  };
}

// --- Funnel plots -------------------------------------------------------------------------------

/** The two-sided levels a funnel draws: 95% (about 2 SD) and 99.8% (about 3 SD). */
export const FUNNEL_LEVELS = [0.95, 0.998] as const;

/**
 * The binomial distribution Bin(n, p) as its two tails, lower[k] = P(Y ≤ k) and
 * upper[k] = P(Y ≥ k), summed from the probabilities computed from the mode outwards with
 * ratios of successive terms, so large n does not underflow ((1 − p)^n is 0 in floating point
 * for n in the thousands) and neither tail is 1 minus the other (no cancellation).
 */
function binomialTails(n: number, p: number) {
  const pmf = new Float64Array(n + 1);
  const mode = Math.min(n, Math.floor((n + 1) * p));
  pmf[mode] = 1;
  const odds = p / (1 - p);
  for (let k = mode; k < n && pmf[k]! > 1e-300; k++)
    pmf[k + 1] = pmf[k]! * ((n - k) / (k + 1)) * odds;
  for (let k = mode; k > 0 && pmf[k]! > 1e-300; k--)
    pmf[k - 1] = (pmf[k]! * k) / ((n - k + 1) * odds);
  let total = 0;
  for (let k = 0; k <= n; k++) total += pmf[k]!;
  const lower = new Float64Array(n + 1);
  const upper = new Float64Array(n + 2);
  for (let k = 0, sum = 0; k <= n; k++) lower[k] = sum += pmf[k]! / total;
  for (let k = n, sum = 0; k >= 0; k--) upper[k] = sum += pmf[k]! / total;
  return { lower, upper };
}

/**
 * Spiegelhalter's exact lower limit at probability `q` (appendix A.1.1), from F(k) = `cdf(k)`:
 * r is the smallest count with F(r) ≥ q, α = (F(r) − q) / (F(r) − F(r − 1)), and the limit is
 * (r − α) / n, clamped at 0. A count y lies below it exactly when F(y) < q: the one-sided exact
 * binomial test, so a small unit is never flagged for chance.
 */
function lowerLimit(cdf: (k: number) => number, n: number, q: number): number {
  let r = 0;
  while (r < n && cdf(r) < q) r++;
  const below = r === 0 ? 0 : cdf(r - 1);
  const alpha = (cdf(r) - q) / (cdf(r) - below);
  return Math.max(0, (r - alpha) / n);
}

/** The control limits at one number of respondents, as proportions (0-1). */
export interface FunnelLimits {
  respondents: number;
  low95: number;
  high95: number;
  low998: number;
  high998: number;
}

/**
 * The 95% and 99.8% control limits around `target` (a proportion) for `n` respondents: exact
 * binomial with Spiegelhalter's interpolation. The upper limit is the same rule applied to the
 * count that did not agree (n − Y ~ Bin(n, 1 − target)), so the limits are symmetric about a
 * target of 50% and a point lies above the upper limit exactly when P(Y ≥ y) < (1 − level)/2.
 * A target of 0 or 1 has no spread: the limits are the target.
 */
export function funnelLimits(target: number, n: number): FunnelLimits {
  const key = `${target}:${n}`;
  let limits = limitsCache.get(key);
  if (!limits) {
    // A pure function of its two numbers, and a funnel reads the same ones many times: the
    // curve's grid, and every point with the same number of respondents.
    if (limitsCache.size >= LIMITS_CACHED) limitsCache.clear();
    limitsCache.set(key, (limits = Object.freeze(exactFunnelLimits(target, n))));
  }
  return limits;
}
const LIMITS_CACHED = 20_000;
const limitsCache = new Map<string, Readonly<FunnelLimits>>();

function exactFunnelLimits(target: number, n: number): FunnelLimits {
  if (n <= 0 || target <= 0 || target >= 1) {
    const t = Math.min(1, Math.max(0, target));
    return { respondents: n, low95: t, high95: t, low998: t, high998: t };
  }
  const { lower, upper } = binomialTails(n, target);
  const low = (q: number) => lowerLimit((k) => lower[k]!, n, q);
  // P(n − Y ≤ k) = P(Y ≥ n − k).
  const high = (q: number) => 1 - lowerLimit((k) => upper[n - k]!, n, q);
  return {
    respondents: n,
    low95: low(0.025),
    high95: high(0.025),
    low998: low(0.001),
    high998: high(0.001),
  };
}

/**
 * The same limits by the normal approximation, target ± z·√(target(1 − target)/n): what the
 * exact limits approach as n grows (Spiegelhalter 2005, section 3.1).
 */
export function normalFunnelLimits(target: number, n: number): FunnelLimits {
  const sd = Math.sqrt((target * (1 - target)) / n);
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  const z998 = 3.090232306167813; // Φ⁻¹(0.999)
  return {
    respondents: n,
    low95: clamp(target - Z95 * sd),
    high95: clamp(target + Z95 * sd),
    low998: clamp(target - z998 * sd),
    high998: clamp(target + z998 * sd),
  };
}

/** Where a point falls against the limits at its own number of respondents. */
export type FunnelPosition = 'above_998' | 'above_95' | 'within' | 'below_95' | 'below_998';

/**
 * The position of `agreed` of `respondents` in the funnel around `target` (a proportion), by
 * the exact one-sided tail probabilities, which is where the point lies against the drawn
 * limits; null with no respondents.
 */
export function funnelPosition(
  agreed: number,
  respondents: number,
  target: number,
): FunnelPosition | null {
  if (respondents === 0) return null;
  if (target <= 0 || target >= 1) {
    const p = agreed / respondents;
    return p > target ? 'above_998' : p < target ? 'below_998' : 'within';
  }
  // Read against the drawn limits themselves, so a point and the curves never disagree (a tail
  // probability a rounding error away from 0.001 would otherwise fall on either side).
  const limits = funnelLimits(target, respondents);
  const p = agreed / respondents;
  if (p < limits.low998) return 'below_998';
  if (p < limits.low95) return 'below_95';
  if (p > limits.high998) return 'above_998';
  if (p > limits.high95) return 'above_95';
  return 'within';
}

/**
 * The numbers of respondents at which to draw the funnel's curves, from 1 to `max`: every
 * integer while few (the exact limits step there), then about `points` spaced evenly on a log
 * scale, always including `max`.
 */
export function funnelGrid(max: number, points = 120): number[] {
  if (max <= 0) return [];
  if (max <= points) return Array.from({ length: max }, (_, i) => i + 1);
  const out = new Set<number>();
  for (let i = 0; i < points; i++)
    out.add(Math.round(Math.exp((Math.log(max) * i) / (points - 1))));
  out.add(max);
  return [...out].sort((a, b) => a - b);
}

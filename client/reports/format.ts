// Pure helpers of the reports: verdicts, percentages, financial years, bar segments.
import { fiscalYearLabel, fiscalYearOf } from '../../server/domain/fiscal-year.ts';
import { LIKERT_VALUES, type LikertValue } from '../../server/domain/likert.ts';
import type { ItemCounts, StandardFigures } from './api.ts';

export { fiscalYearLabel };

/** What a cell says about the agreed level: met, not met, too few to tell, or why it cannot say. */
export type Verdict = 'met' | 'notMet' | 'tooFewToTell' | 'noRespondents' | 'noAgreedLevel';

/**
 * The verdict of a standard's figures: the API's evidence verdict (issue 16: too few to tell
 * when the 95% interval holds the agreed level), else its `met`, with the reason when null.
 */
export function verdictOf(
  figures: Pick<StandardFigures, 'met' | 'respondents'> & Partial<Pick<StandardFigures, 'verdict'>>,
): Verdict {
  if (figures.verdict === 'too_few_to_tell') return 'tooFewToTell';
  if (figures.met === true) return 'met';
  if (figures.met === false) return 'notMet';
  return figures.respondents === 0 ? 'noRespondents' : 'noAgreedLevel';
}

/** The icon beside a verdict's word (hidden from screen readers: the word says it). */
export const VERDICT_ICONS: Record<Verdict, string> = {
  met: '✓',
  notMet: '✗',
  tooFewToTell: '?',
  noRespondents: '–',
  noAgreedLevel: '–',
};

/** "85.0%" (the API rounds to one decimal), or null for no percent. */
export function percentText(percent: number | null | undefined): string | null {
  return percent === null || percent === undefined ? null : `${percent.toFixed(1)}%`;
}

/** "64.0–94.8%", the 95% interval, or null without one. */
export function intervalText(interval: StandardFigures['interval'] | undefined): string | null {
  return interval ? `${interval.low.toFixed(1)}–${interval.high.toFixed(1)}%` : null;
}

/** The current financial year in Hong Kong time and the four before it, newest first. */
export function recentFiscalYears(now = new Date()): number[] {
  const current = fiscalYearOf(now);
  return [0, 1, 2, 3, 4].map((back) => current - back);
}

/** The current financial year in Hong Kong time: 2026 for 2026-27. */
export const currentFiscalYear = (now = new Date()) => fiscalYearOf(now);

/** The parts of an item's bar, in reading order: the five answers, then blanks. */
export type Segment = LikertValue | 'blank';
export const SEGMENTS: readonly Segment[] = [...LIKERT_VALUES, 'blank'];

/** Each segment's count and its share of the item's responses (0-100), and the total. */
export function segmentsOf(item: ItemCounts) {
  const counts = SEGMENTS.map((segment) => ({
    segment,
    count: segment === 'blank' ? item.blank : (item.answers[segment] ?? 0),
  }));
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  return {
    total,
    segments: counts.map((c) => ({ ...c, share: total ? (c.count / total) * 100 : 0 })),
  };
}

/** One standard's figures out of a list (undefined when the list lacks it). */
export const figuresFor = (standards: StandardFigures[], number: number) =>
  standards.find((s) => s.number === number);

/** The first day of a quarter of a financial year (Q1 = April-June): `2026-04-01` for 2026 Q1. */
export function quarterStart(fiscalYear: number, quarter: number): string {
  const month = 4 + (quarter - 1) * 3; // 4, 7, 10, 13
  const year = month > 12 ? fiscalYear + 1 : fiscalYear;
  return `${year}-${String(((month - 1) % 12) + 1).padStart(2, '0')}-01`;
}

/** True once the quarter has begun in Hong Kong time (UTC+8). */
export function quarterStarted(fiscalYear: number, quarter: number, now = new Date()): boolean {
  const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  return today >= quarterStart(fiscalYear, quarter);
}

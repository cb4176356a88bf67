// The arithmetic behind every outcome figure (DOMAIN.md, API.md "Outcome standards"): pure
// functions over plain data, so they carry the product's correctness and most of its tests.
import { outcomeItems, type QuestionnaireDefinition, type ScoringRule } from './definition.ts';
import { LIKERT_SCORES, type LikertValue } from './likert.ts';
import { evidenceVerdict, wilsonPercent } from './stats.ts';

export type Verdict = 'agreed' | 'not_agreed' | 'no_answer';

/** What one version measures: for each standard, its item names and scoring rule. */
export interface Measure {
  standard: number;
  items: string[];
  rule: ScoringRule;
}

/** The standards a version measures, with their items and rules (`all` when one item). */
export function measuresOf(definition: QuestionnaireDefinition): Measure[] {
  return [...outcomeItems(definition)].map(([standard, refs]) => ({
    standard,
    items: refs.map((r) => r.element.name!).filter(Boolean),
    rule: definition.scoring?.[String(standard)] ?? 'all',
  }));
}

const isLikert = (value: unknown): value is LikertValue =>
  typeof value === 'string' && Object.hasOwn(LIKERT_SCORES, value);
const agrees = (value: LikertValue) => value === 'agree' || value === 'strongly_agree';

/**
 * One person's verdict on one standard: `no_answer` when none of its items was answered (a
 * non-respondent, in no denominator); otherwise agreed or not under the version's rule.
 * "No opinion" is an answer that does not agree.
 */
export function verdict(
  answers: Record<string, unknown>,
  items: string[],
  rule: ScoringRule,
): Verdict {
  const answered = items.map((name) => answers[name]).filter(isLikert);
  if (answered.length === 0) return 'no_answer';
  const agreeing = answered.filter(agrees).length;
  const ok =
    rule === 'all'
      ? agreeing === answered.length
      : rule === 'majority'
        ? agreeing * 2 > answered.length
        : answered.reduce((sum, v) => sum + LIKERT_SCORES[v], 0) >= 4 * answered.length;
  return ok ? 'agreed' : 'not_agreed';
}

/** The three running counts of a standard. */
export type CountColumn = 'agreed' | 'respondents' | 'non_respondents';

/**
 * How one verdict adds to the counts: the one statement of the rule. A non-respondent is in no
 * denominator; "no opinion" is a respondent who did not agree. The SQL that keeps
 * outcome_counts (server/responses/counting-repository.ts) is made from this table.
 */
export const COUNTS_OF_VERDICT: Readonly<Record<Verdict, Readonly<Record<CountColumn, 0 | 1>>>> = {
  agreed: { agreed: 1, respondents: 1, non_respondents: 0 },
  not_agreed: { agreed: 0, respondents: 1, non_respondents: 0 },
  no_answer: { agreed: 0, respondents: 0, non_respondents: 1 },
};

/** agreed / respondents x 100, rounded half up to one decimal, in integers; null with none. */
export function percent(agreed: number, respondents: number): number | null {
  if (respondents === 0) return null;
  return Math.floor((agreed * 2000 + respondents) / (2 * respondents)) / 10;
}

/** Whether the agreed level is met: agreed x 100 >= level x respondents, in integers. */
export function met(
  agreed: number,
  respondents: number,
  agreedPercent: number | null,
): boolean | null {
  if (respondents === 0 || agreedPercent === null) return null;
  return agreed * 100 >= agreedPercent * respondents;
}

const HONG_KONG_OFFSET_MS = 8 * 3600_000;

/** The quarter (1-4) of the financial year an instant falls in, Hong Kong time (Q1 = Apr-Jun). */
export function fiscalQuarterOf(instant: Date): 1 | 2 | 3 | 4 {
  const month = new Date(instant.getTime() + HONG_KONG_OFFSET_MS).getUTCMonth(); // 0 = January
  return (Math.floor(((month + 9) % 12) / 3) + 1) as 1 | 2 | 3 | 4;
}

/**
 * The figures of one standard, as the contract lists them, then the evidence beside them
 * (issue 16; server/domain/stats.ts): the 95% Wilson interval and the verdict it supports.
 */
export function standardFigures(
  counts: { agreed: number; respondents: number; nonRespondents: number },
  agreedPercent: number | null,
) {
  const interval = wilsonPercent(counts.agreed, counts.respondents);
  return {
    agreedPercent,
    agreed: counts.agreed,
    respondents: counts.respondents,
    nonRespondents: counts.nonRespondents,
    percent: percent(counts.agreed, counts.respondents),
    met: met(counts.agreed, counts.respondents, agreedPercent),
    interval,
    verdict: evidenceVerdict(interval, agreedPercent),
  };
}

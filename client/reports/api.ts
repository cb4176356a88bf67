// The endpoints of the outcome reports (API.md, "Outcome standards"), typed.
import { request } from '../app/api.ts';
import type { List, LocalisedText } from '../app/types.ts';
import type { LikertValue } from '../../server/domain/likert.ts';

/** One outcome standard of a programme, as GET /programmes gives it. */
export interface OutcomeStandard {
  number: number;
  name: LocalisedText;
  /** The level in force this financial year; null where none is agreed (ChildPRO). */
  agreedPercent: number | null;
}

/** A programme with its outcome standards. */
export interface ReportProgramme {
  code: string;
  name: LocalisedText;
  areaKind: 'region' | 'team';
  outcomeStandards: OutcomeStandard[];
}

/** One standard's figures for a scope and year, in the contract's words. */
export interface StandardFigures {
  number: number;
  agreedPercent: number | null;
  agreed: number;
  respondents: number;
  nonRespondents: number;
  /** agreed / respondents x 100 to one decimal; null with no respondents. */
  percent: number | null;
  /** Null with no respondents or no agreed level. */
  met: boolean | null;
  /** The 95% Wilson interval in percent, one decimal; null with no respondents (issue 16). */
  interval: { low: number; high: number } | null;
  /** What the interval says against the agreed level; null with no respondents or level. */
  verdict: 'met' | 'not_met' | 'too_few_to_tell' | null;
}

/** Where a funnel point lies against the control limits at its own respondents. */
export type FunnelPosition = 'above_998' | 'above_95' | 'within' | 'below_95' | 'below_998';

/** One operator or unit in a funnel. */
export interface FunnelPoint extends Omit<StandardFigures, 'number'> {
  code: string;
  operator: string;
  name: LocalisedText;
  region: string | null;
  position: FunnelPosition | null;
}

/** GET /outcomes/funnel: one standard's points and control limits (in percent). */
export interface Funnel {
  programme: string;
  fiscalYear: string;
  standard: { number: number; name: LocalisedText; agreedPercent: number | null };
  by: 'operator' | 'unit';
  operator: string | null;
  region: string | null;
  target: { percent: number; source: 'agreed' | 'pooled' } | null;
  points: FunnelPoint[];
  limits: { respondents: number; low95: number; high95: number; low998: number; high998: number }[];
}

/** A row of the table: an operator or a region, with every standard. */
export interface TableRow {
  code: string;
  name: LocalisedText;
  standards: StandardFigures[];
}

/** GET /outcomes/table: operators down, standards across, with region and territory totals. */
export interface OutcomeTable {
  programme: string;
  fiscalYear: string;
  operators: TableRow[];
  regions: TableRow[];
  territory: StandardFigures[];
}

/** GET /outcomes: the contract's figures for one scope. */
export interface Outcomes {
  programme: string;
  fiscalYear: string;
  from: string;
  to: string;
  operator: string | null;
  unit: string | null;
  region: string | null;
  standards: StandardFigures[];
}

/** One quarter's own figures and the year's cumulative figures to its end (Q1 = April-June). */
export interface QuarterFigures {
  quarter: number;
  standards: StandardFigures[];
  cumulative: StandardFigures[];
}

/** The counts of one item: how many gave each answer, and how many left it blank. */
export interface ItemCounts {
  answers: Partial<Record<LikertValue, number>>;
  blank: number;
}

/**
 * One item measuring a standard, with its counts, or `suppressed` (null counts) where showing
 * them to SWD could single out a person.
 */
export type ItemBreakdown = {
  questionnaire: { id: string; version: number };
  name: string;
  title: LocalisedText;
} & (({ suppressed: false } & ItemCounts) | { suppressed: true; answers: null; blank: null });

/** How SWD's breakdown was cut (null for a coordinator, who gets every count). */
export interface BreakdownCut {
  from: string;
  /** The end of the last quarter that has ended; null when none has. */
  through: string | null;
  minRespondents: number;
}

/** GET /outcomes/breakdown. */
export interface Breakdown {
  items: ItemBreakdown[];
  cut: BreakdownCut | null;
}

/** What a report is about: a programme's financial year, maybe one operator. */
export interface ReportScope {
  programme: string;
  fiscalYear: number;
  operator?: string | undefined;
}

/** The query string of a scope (also the download links' query). */
export function scopeQuery(scope: ReportScope, extra: Record<string, string | number> = {}) {
  const query = new URLSearchParams({
    programme: scope.programme,
    fiscalYear: String(scope.fiscalYear),
  });
  if (scope.operator) query.set('operator', scope.operator);
  for (const [key, value] of Object.entries(extra)) query.set(key, String(value));
  return query.toString();
}

/** The outcome endpoints the reports use. */
export const reportsApi = {
  programmes: () => request<List<ReportProgramme>>('GET', '/programmes'),
  table: (scope: ReportScope) =>
    request<OutcomeTable>('GET', `/outcomes/table?${scopeQuery(scope)}`),
  outcomes: (scope: ReportScope) => request<Outcomes>('GET', `/outcomes?${scopeQuery(scope)}`),
  quarters: (scope: ReportScope) =>
    request<List<QuarterFigures>>('GET', `/outcomes/quarters?${scopeQuery(scope)}`),
  funnel: (scope: ReportScope, standard: number, by: Funnel['by']) =>
    request<Funnel>('GET', `/outcomes/funnel?${scopeQuery(scope, { standard, by })}`),
  breakdown: (scope: ReportScope, standard: number) =>
    request<Breakdown>('GET', `/outcomes/breakdown?${scopeQuery(scope, { standard })}`),
};

/** The address of a download of the scope's figures (`csv` or `xlsx`). */
export const downloadUrl = (scope: ReportScope, format: 'csv' | 'xlsx') =>
  `/api/v1/outcomes.${format}?${scopeQuery(scope)}`;

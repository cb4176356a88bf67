// The endpoints of the outcome reports (API.md, "Outcome standards"), from the server's routes
// through the typed client.
import { client, ok, type Answer, type Item } from '../app/api.ts';

/** A programme with its outcome standards, as GET /programmes gives it. */
export type ReportProgramme = Item<Answer<typeof client.programmes.$get>>;

/** One outcome standard of a programme, with the level in force this financial year. */
export type OutcomeStandard = ReportProgramme['outcomeStandards'][number];

/** GET /outcomes: the contract's figures for one scope. */
export type Outcomes = Answer<typeof client.outcomes.$get>;

/** One standard's figures for a scope and year, in the contract's words. */
export type StandardFigures = Outcomes['standards'][number];

/** GET /outcomes/funnel: one standard's points and control limits (in percent). */
export type Funnel = Answer<typeof client.outcomes.funnel.$get>;

/** One operator or unit in a funnel. */
export type FunnelPoint = Funnel['points'][number];

/** GET /outcomes/table: operators down, standards across, with region and territory totals. */
export type OutcomeTable = Answer<typeof client.outcomes.table.$get>;

/** A row of the table: an operator or a region, with every standard. */
export type TableRow = OutcomeTable['operators'][number];

/** One quarter's own figures and the year's cumulative figures to its end (Q1 = April-June). */
export type QuarterFigures = Item<Answer<typeof client.outcomes.quarters.$get>>;

/** GET /outcomes/breakdown. */
export type Breakdown = Answer<typeof client.outcomes.breakdown.$get>;

type ServerItem = Breakdown['items'][number];

/** The counts of one item: how many gave each answer, and how many left it blank. */
export type ItemCounts = {
  answers: NonNullable<ServerItem['answers']>;
  blank: NonNullable<ServerItem['blank']>;
};

/**
 * One item measuring a standard, with its counts, or `suppressed` (null counts) where showing
 * them to SWD could single out a person. The route's schema keeps the three fields apart; this
 * reads them as the contract ties them (suppressed exactly when the counts are null).
 */
export type ItemBreakdown = Omit<ServerItem, 'suppressed' | 'answers' | 'blank'> &
  (({ suppressed: false } & ItemCounts) | { suppressed: true; answers: null; blank: null });

/** How SWD's breakdown was cut (null for a coordinator, who gets every count). */
export type BreakdownCut = NonNullable<Breakdown['cut']>;

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

/** The query of a scope, as the outcome routes take it. */
const query = (scope: ReportScope) => ({
  programme: scope.programme,
  fiscalYear: String(scope.fiscalYear),
  ...(scope.operator ? { operator: scope.operator } : {}),
});

/** The outcome endpoints the reports use. */
export const reportsApi = {
  programmes: () => ok(client.programmes.$get()),
  table: (scope: ReportScope) => ok(client.outcomes.table.$get({ query: query(scope) })),
  outcomes: (scope: ReportScope) => ok(client.outcomes.$get({ query: query(scope) })),
  quarters: (scope: ReportScope) => ok(client.outcomes.quarters.$get({ query: query(scope) })),
  funnel: (scope: ReportScope, standard: number, by: Funnel['by']) =>
    ok(
      client.outcomes.funnel.$get({
        query: { ...query(scope), standard: String(standard), by },
      }),
    ),
  breakdown: (scope: ReportScope, standard: number) =>
    ok(
      client.outcomes.breakdown.$get({ query: { ...query(scope), standard: String(standard) } }),
    ) as Promise<Omit<Breakdown, 'items'> & { items: ItemBreakdown[] }>,
};

/** The address of a download of the scope's figures (`csv` or `xlsx`). */
export const downloadUrl = (scope: ReportScope, format: 'csv' | 'xlsx') =>
  `/api/v1/outcomes.${format}?${scopeQuery(scope)}`;

// The endpoints of the territory table and the trends (issue 16), through the typed client.
import { client, ok, type Answer } from '../app/api.ts';

/** GET /outcomes/territory: operators and their units against every standard. */
export type Territory = Answer<typeof client.outcomes.territory.$get>;
export type TerritoryOperator = Territory['operators'][number];
export type TerritoryUnit = TerritoryOperator['units'][number];
export type OutcomeCell = TerritoryUnit['outcomes'][number];
export type OutputCell = TerritoryUnit['outputs'][number];

/** GET /outcomes/trends. */
export type Trends = Answer<typeof client.outcomes.trends.$get>;
export type MissedTwice = Trends['missedTwice']['units'][number];

/** What the territory table and the trends are about. */
export interface TerritoryScope {
  programme: string;
  fiscalYear: number;
  operator?: string | undefined;
  region?: string | undefined;
  /** The territory table: list every operator's units (default: only for one operator). */
  units?: 'include' | 'omit' | undefined;
}

const query = (scope: TerritoryScope) => ({
  programme: scope.programme,
  fiscalYear: String(scope.fiscalYear),
  ...(scope.operator ? { operator: scope.operator } : {}),
  ...(scope.region ? { region: scope.region } : {}),
});

export const territoryApi = {
  table: (scope: TerritoryScope) =>
    ok(
      client.outcomes.territory.$get({
        query: { ...query(scope), ...(scope.units ? { units: scope.units } : {}) },
      }),
    ),
  trends: (scope: TerritoryScope) => ok(client.outcomes.trends.$get({ query: query(scope) })),
};

/** The address of the table as a download (`csv` or `xlsx`). */
export const territoryDownload = (scope: TerritoryScope, format: 'csv' | 'xlsx') =>
  `/api/v1/outcomes/territory.${format}?${new URLSearchParams(query(scope)).toString()}`;

/** The client path of a unit's annual performance pack (built by client/pack/). */
export const packPath = (unit: string, fiscalYear: number) =>
  `/pack/${encodeURIComponent(unit)}/${fiscalYear}`;

// The annual performance pack's endpoints (issue 16), through the typed client.
import { client, enc, ok, type Answer } from '../app/api.ts';

/** GET /units/{code}/pack/{fiscalYear}. */
export type Pack = Answer<(typeof client.units)[':code']['pack'][':fiscalYear']['$get']>;
/** An explanation and action plan, or null. */
export type Explanation = Pack['firstContact']['explanation'];

const param = (unit: string, fiscalYear: number) => ({
  code: unit,
  fiscalYear: String(fiscalYear),
});

export const packApi = {
  get: (unit: string, fiscalYear: number) =>
    ok(client.units[':code'].pack[':fiscalYear'].$get({ param: param(unit, fiscalYear) })),
  explain: (
    unit: string,
    fiscalYear: number,
    standard: string,
    body: { explanation: string; actionPlan: string },
  ) =>
    ok(
      client.units[':code'].pack[':fiscalYear'].explanations[':standard'].$put({
        param: { ...param(unit, fiscalYear), standard },
        json: body,
      }),
    ),
};

/** The workbook of the same pack. */
export const packXlsxUrl = (unit: string, fiscalYear: number) =>
  `/api/v1/units/${enc(unit)}/pack/${fiscalYear}/pack.xlsx`;

/**
 * The financial year of the page's address: `2026`, or the label `2026-27` (a link may carry
 * either); null when it is neither.
 */
export function fiscalYearParam(text: string): number | null {
  const match = /^(\d{4})(?:-(\d{2}))?$/.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  if (match[2] !== undefined && Number(match[2]) !== (year + 1) % 100) return null;
  return year >= 2000 && year <= 2100 ? year : null;
}

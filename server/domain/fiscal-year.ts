/** Hong Kong is UTC+8 all year (no daylight saving since 1979). */
const HONG_KONG_OFFSET_MS = 8 * 3600_000;

/** The financial year (April to March) an instant falls in, in Hong Kong time: 2026 for 2026-27. */
export function fiscalYearOf(instant: Date): number {
  const local = new Date(instant.getTime() + HONG_KONG_OFFSET_MS);
  const year = local.getUTCFullYear();
  return local.getUTCMonth() >= 3 ? year : year - 1;
}

/** "2026-27" for 2026. */
export function fiscalYearLabel(year: number): string {
  return `${year}-${String((year + 1) % 100).padStart(2, '0')}`;
}

/** The first and last day of a financial year, as dates. */
export function fiscalYearDates(year: number): { from: string; to: string } {
  return { from: `${year}-04-01`, to: `${year + 1}-03-31` };
}

/** A financial year as instants: from its first moment up to, not including, the next year's. */
export function fiscalYearInstants(year: number): { from: Date; until: Date } {
  return {
    from: new Date(Date.UTC(year, 3, 1) - HONG_KONG_OFFSET_MS),
    until: new Date(Date.UTC(year + 1, 3, 1) - HONG_KONG_OFFSET_MS),
  };
}

/**
 * How many quarters (0-4) of a financial year had ended at `now`, in Hong Kong time: on
 * 2026-10-01 00:00 Hong Kong, Q1 and Q2 of 2026-27 have ended (2).
 */
export function quartersEnded(year: number, now: Date): number {
  // Quarter q ends where quarter q + 1 begins: 1 July, 1 October, 1 January, 1 April.
  const ends = [
    [year, 6],
    [year, 9],
    [year + 1, 0],
    [year + 1, 3],
  ].map(([y, month]) => Date.UTC(y!, month!, 1) - HONG_KONG_OFFSET_MS);
  return ends.filter((end) => now.getTime() >= end).length;
}

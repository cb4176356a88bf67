import type { Db } from '../db/open.ts';
import { fiscalYearOf } from '../domain/fiscal-year.ts';
import { earliestResponseBefore, purgeQuarantine, purgeYear } from './counting-repository.ts';

/**
 * Purges the responses of every financial year older than the retention period. Each year's
 * outcome counts stay, frozen, so its reports keep their figures (and no later response or
 * recompute changes them); its verdicts, responses and quarantined submissions go. One
 * transaction per year.
 */
export async function purgeResponses(db: Db, retentionYears: number, now = new Date()) {
  const oldestKept = fiscalYearOf(now) - retentionYears + 1;
  const cutoff = new Date(`${oldestKept}-04-01T00:00:00+08:00`);
  const earliest = await earliestResponseBefore(db, cutoff);
  const first = earliest ? fiscalYearOf(earliest) : oldestKept;
  const purged: { fiscalYear: number; responses: number }[] = [];
  for (let year = first; year < oldestKept; year++) {
    const responses = await db.transaction().execute((trx) => purgeYear(trx, year));
    purged.push({ fiscalYear: year, responses });
  }
  await purgeQuarantine(db, cutoff);
  return { oldestKept, purged };
}

import { sql } from 'kysely';
import type { Db } from '../db/open.ts';
import { fiscalYearOf } from '../domain/fiscal-year.ts';

/**
 * Purges the responses of every financial year older than the retention period. Each year's
 * outcome counts stay, frozen, so its reports keep their figures; its verdicts, responses and
 * quarantined submissions go. One transaction per year.
 */
export async function purgeResponses(db: Db, retentionYears: number, now = new Date()) {
  const oldestKept = fiscalYearOf(now) - retentionYears + 1;
  const cutoff = new Date(`${oldestKept}-04-01T00:00:00+08:00`);
  const oldest = await db
    .selectFrom('responses')
    .select((eb) => eb.fn.min('completed_at').as('first'))
    .where('completed_at', '<', cutoff)
    .executeTakeFirst();
  const first = oldest?.first
    ? fiscalYearOf(new Date(oldest.first as unknown as string))
    : oldestKept;
  const years = {
    rows: Array.from({ length: oldestKept - first }, (_, i) => ({ fiscal_year: first + i })),
  };
  const purged: { fiscalYear: number; responses: number }[] = [];
  for (const { fiscal_year: year } of years.rows) {
    const from = new Date(`${year}-04-01T00:00:00+08:00`);
    const to = new Date(`${year + 1}-04-01T00:00:00+08:00`);
    const responses = await db.transaction().execute(async (trx) => {
      const ids = trx
        .selectFrom('responses')
        .select('id')
        .where('completed_at', '>=', from)
        .where('completed_at', '<', to);
      await trx.deleteFrom('outcome_verdicts').where('response_id', 'in', ids).execute();
      const deleted = await trx
        .deleteFrom('responses')
        .where('completed_at', '>=', from)
        .where('completed_at', '<', to)
        .executeTakeFirst();
      await trx
        .insertInto('frozen_years')
        .values({ fiscal_year: year, responses_purged: Number(deleted.numDeletedRows) })
        .onConflict((oc) =>
          oc.column('fiscal_year').doUpdateSet({
            responses_purged: sql`frozen_years.responses_purged + excluded.responses_purged`,
          }),
        )
        .execute();
      return Number(deleted.numDeletedRows);
    });
    purged.push({ fiscalYear: year, responses });
  }
  await db.deleteFrom('quarantine').where('received_at', '<', cutoff).execute();
  return { oldestKept, purged };
}

import type { Db } from '../db/open.ts';
import { measuresOf } from '../domain/compute.ts';
import {
  rebuildOutcomes,
  versionsWithResponses,
  type ScoredVersion,
} from './counting-repository.ts';

/**
 * Rebuilds every verdict from the stored answers and every count from the verdicts, in one
 * transaction: what `npm run admin -- recompute-outcomes` runs after a scoring fix. Frozen years
 * keep the figures they had when their responses were purged.
 */
export function recomputeOutcomes(db: Db): Promise<{ responses: number; verdicts: number }> {
  return db.transaction().execute(async (trx) => {
    const versions = new Map<string, ScoredVersion>();
    for (const v of await versionsWithResponses(trx)) {
      versions.set(`${v.questionnaire_id}/${v.version}`, {
        programme: v.programme_code,
        measures: measuresOf(v.definition),
      });
    }
    return rebuildOutcomes(trx, (id, version) => versions.get(`${id}/${version}`));
  });
}

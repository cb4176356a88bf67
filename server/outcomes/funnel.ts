// The funnel plot's data (issue 16; Spiegelhalter 2005): each operator or unit of a scope as a
// point, percent against respondents, with control limits around the agreed level.
import type { Db } from '../db/open.ts';
import { ruleBroken } from '../errors.ts';
import { agreedPercentFor } from '../programmes/repository.ts';
import { standardFigures } from '../domain/compute.ts';
import { fiscalYearLabel } from '../domain/fiscal-year.ts';
import { funnelGrid, funnelLimits, funnelPosition, type FunnelLimits } from '../domain/stats.ts';
import * as repo from './repository.ts';
import { scopeFor, type ResolvedQuery } from './service.ts';

/** What a point stands for. */
export type FunnelBy = 'operator' | 'unit';

type Counts = { agreed: number; respondents: number; nonRespondents: number };

const add = (a: Counts, b: Counts): Counts => ({
  agreed: a.agreed + b.agreed,
  respondents: a.respondents + b.respondents,
  nonRespondents: a.nonRespondents + b.nonRespondents,
});
const ZERO: Counts = { agreed: 0, respondents: 0, nonRespondents: 0 };

/** Limits in percent, to two decimals: enough for a smooth curve, small on the wire. */
const inPercent = (l: FunnelLimits) => ({
  respondents: l.respondents,
  low95: Math.round(l.low95 * 10000) / 100,
  high95: Math.round(l.high95 * 10000) / 100,
  low998: Math.round(l.low998 * 10000) / 100,
  high998: Math.round(l.high998 * 10000) / 100,
});

/**
 * One standard's funnel for a resolved query: every operator (or unit) of the scope as a point,
 * with its figures (as GET /outcomes gives them for it), where it lies against the limits, and
 * the limits drawn from 1 to the largest number of respondents. The target is the agreed level;
 * where none is agreed (ChildPRO), the scope's pooled percent, and `target.source` says so.
 * Points without respondents are listed (the table shows them) but have no position.
 */
export async function funnel(db: Db, q: ResolvedQuery, standard: number, by: FunnelBy) {
  const definition = q.programme.outcomeStandards.find((s) => s.number === standard);
  if (!definition)
    throw ruleBroken('There is no such standard.', [
      { path: 'standard', message: `${q.programme.code} has no outcome standard ${standard}.` },
    ]);
  const [units, byUnit] = await Promise.all([
    repo.unitsInScope(db, scopeFor(q)),
    repo.countsByUnit(db, scopeFor(q), standard),
  ]);
  const countsOf = new Map(byUnit.map((r) => [r.unit_id, r as Counts]));

  const groups = new Map<
    string,
    {
      code: string;
      operator: string;
      name: (typeof units)[number]['name'];
      region: string | null;
      units: string[];
      counts: Counts;
    }
  >();
  for (const u of units) {
    const key = by === 'operator' ? u.operatorId : u.id;
    const before = groups.get(key);
    const counts = add(before?.counts ?? ZERO, countsOf.get(u.id) ?? ZERO);
    groups.set(key, {
      code: by === 'operator' ? u.operatorCode : u.code,
      operator: u.operatorCode,
      name: u.name,
      // An operator's units may span regions; its point has one only when they all agree.
      region: before && before.region !== u.region ? null : u.region,
      units: [...(before?.units ?? []), u.code],
      counts,
    });
  }

  const agreedPercent = agreedPercentFor(definition, q.fiscalYear);
  const pooled = [...groups.values()].reduce((sum, g) => add(sum, g.counts), ZERO);
  const target =
    agreedPercent !== null
      ? { percent: agreedPercent, source: 'agreed' as const }
      : pooled.respondents > 0
        ? {
            percent: Math.round((pooled.agreed / pooled.respondents) * 1000) / 10,
            source: 'pooled' as const,
          }
        : null;
  const targetShare = target && target.percent / 100;
  const largest = Math.max(0, ...[...groups.values()].map((g) => g.counts.respondents));

  return {
    programme: q.programme.code,
    fiscalYear: fiscalYearLabel(q.fiscalYear),
    standard: { number: definition.number, name: definition.name, agreedPercent },
    by,
    operator: q.operator?.code ?? null,
    region: q.region,
    target,
    points: [...groups.values()].map((g) => ({
      code: g.code,
      operator: g.operator,
      name: g.name,
      region: g.region,
      units: g.units,
      ...standardFigures(g.counts, agreedPercent),
      position:
        targetShare === null
          ? null
          : funnelPosition(g.counts.agreed, g.counts.respondents, targetShare),
    })),
    limits:
      targetShare === null
        ? []
        : funnelGrid(Math.ceil(largest * 1.1)).map((n) => inPercent(funnelLimits(targetShare, n))),
  };
}

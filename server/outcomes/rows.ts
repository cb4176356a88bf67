import type { Db } from '../db/open.ts';
import type { LocalisedText } from '../db/schema.ts';
import * as repo from './repository.ts';
import { scopeFor, standardsFrom, type ResolvedQuery } from './service.ts';

type Counts = { standard: number; agreed: number; respondents: number; nonRespondents: number };

/** What a row of the downloads is about: the asked scope, or a region, operator or unit in it. */
export type RowLevel = 'scope' | 'region' | 'operator' | 'unit';

/**
 * One row of outcomes.csv and outcomes.xlsx: the figures GET /outcomes gives for exactly these
 * filters (an empty filter is no filter), with the names the xlsx labels them by.
 */
export interface OutcomeRow {
  level: RowLevel;
  operator: { code: string; name: LocalisedText } | null;
  unit: string | null;
  region: { code: string; name: LocalisedText } | null;
  standards: ReturnType<typeof standardsFrom>;
}

function sum(rows: Counts[]): Counts[] {
  const out = new Map<number, Counts>();
  for (const r of rows) {
    const b = out.get(r.standard);
    out.set(r.standard, {
      standard: r.standard,
      agreed: (b?.agreed ?? 0) + r.agreed,
      respondents: (b?.respondents ?? 0) + r.respondents,
      nonRespondents: (b?.nonRespondents ?? 0) + r.nonRespondents,
    });
  }
  return [...out.values()];
}

/**
 * Every row the reports screen shows for a query, as the downloads carry them: the asked scope
 * first (the figures of GET /outcomes), then each region, each operator and each unit within it.
 * Territory-wide that is the territory, every region, operator and unit of the programme; a
 * coordinator's query (always its own operator) gives its operator, then its units. Rows with
 * no responses are listed too, with zeros, as on the screen.
 */
export async function outcomeRows(db: Db, q: ResolvedQuery): Promise<OutcomeRow[]> {
  const [units, byUnit, asked] = await Promise.all([
    repo.unitsInScope(db, scopeFor(q)),
    repo.countsByUnit(db, scopeFor(q)),
    q.operator ? repo.operatorNamed(db, q.operator.id) : null,
  ]);
  const figures = (unitIds: Set<string>) =>
    standardsFrom(q.programme, q.fiscalYear, sum(byUnit.filter((r) => unitIds.has(r.unit_id))));
  const ids = (keep: (u: (typeof units)[number]) => boolean) =>
    new Set(units.filter(keep).map((u) => u.id));
  const area = (code: string | null) => {
    const found = q.programme.areas.find((a) => a.code === code);
    return found ? { code: found.code, name: found.name } : null;
  };
  const named = (u: (typeof units)[number]) => ({ code: u.operatorCode, name: u.name });

  const rows: OutcomeRow[] = [
    {
      level: 'scope',
      operator: asked,
      unit: q.unit?.code ?? null,
      region: q.region ? area(q.region) : null,
      standards: figures(ids(() => true)),
    },
  ];
  if (q.unit) return rows;
  if (!q.operator && !q.region) {
    for (const a of q.programme.areas) {
      rows.push({
        level: 'region',
        operator: null,
        unit: null,
        region: { code: a.code, name: a.name },
        standards: figures(ids((u) => u.region === a.code)),
      });
    }
  }
  if (!q.operator) {
    const operators = [...new Map(units.map((u) => [u.operatorId, u])).values()];
    for (const o of operators) {
      rows.push({
        level: 'operator',
        operator: named(o),
        unit: null,
        region: q.region ? area(q.region) : null,
        standards: figures(ids((u) => u.operatorId === o.operatorId)),
      });
    }
  }
  for (const u of units) {
    rows.push({
      level: 'unit',
      operator: named(u),
      unit: u.code,
      region: area(u.region),
      standards: figures(new Set([u.id])),
    });
  }
  return rows;
}

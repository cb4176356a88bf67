// SWD's territory table (issue 16): for a programme and financial year, every operator of the
// scope and each of its units against every standard of the programme, outcome standards with
// their evidence verdict and output standards with their converted level and met.
import type { Db } from '../db/open.ts';
import type { LocalisedText } from '../db/schema.ts';
import { standardFigures } from '../domain/compute.ts';
import { convert } from '../domain/conversion.ts';
import { fiscalYearLabel } from '../domain/fiscal-year.ts';
import { sharePercent } from '../domain/service-records.ts';
import * as outputRepo from '../outputs/repository.ts';
import { agreedPercentFor } from '../programmes/repository.ts';
import * as repo from './repository.ts';
import { scopeFor, type ResolvedQuery } from './service.ts';

type Counts = { agreed: number; respondents: number; nonRespondents: number };
const ZERO: Counts = { agreed: 0, respondents: 0, nonRespondents: 0 };
const add = (a: Counts, b: Counts): Counts => ({
  agreed: a.agreed + b.agreed,
  respondents: a.respondents + b.respondents,
  nonRespondents: a.nonRespondents + b.nonRespondents,
});

/** One output standard's figures for a unit or an operator (the sum of its units). */
export interface OutputCell {
  number: number;
  actual: number;
  of: number | null;
  percent: number | null;
  level: number | null;
  met: boolean | null;
}

/**
 * One output standard's cell: its figures, and whether they meet the level (a count reaches it,
 * a share with a denominator reaches it in percent; null without a level). The rule GET /outputs
 * applies (server/outputs/service.ts); test/server/outcomes/territory.test.ts compares the two.
 */
export function outputCell(
  standard: { number: number; measure: 'count' | 'percent' },
  actual: number,
  of: number | null,
  level: number | null,
): OutputCell {
  const percent = of === null ? null : sharePercent(actual, of);
  const met =
    level === null
      ? null
      : standard.measure === 'count'
        ? actual >= level
        : of
          ? (percent ?? 0) >= level
          : null;
  return { number: standard.number, actual, of, percent, level, met };
}

/** What the output figures of a year need from the database: standards, counts, declarations. */
export async function outputData(db: Db, q: ResolvedQuery, fiscalYear = q.fiscalYear) {
  const scope: outputRepo.UnitScope = {
    programme: q.programme.code,
    operatorId: q.operator?.id ?? null,
    unitId: q.unit?.id ?? null,
    region: q.region,
  };
  const { standards, conversions } = await outputRepo.outputStandardsOf(db, q.programme.code);
  const [counts, declared] = await Promise.all([
    outputRepo.countsByUnit(db, scope, standards, fiscalYear),
    outputRepo.noRefusalUnits(db, scope, fiscalYear),
  ]);
  const levelOf = new Map(
    standards.map((s) => [s.number, outputRepo.agreedLevelFor(s, fiscalYear)]),
  );
  return { standards, conversions, counts, declared, levelOf };
}

/** The output figures of each unit in `units`: actual, level after conversion, met. */
export function unitOutputCells(
  { standards, conversions, counts, declared, levelOf }: Awaited<ReturnType<typeof outputData>>,
  units: { id: string }[],
) {
  const figure = (unitId: string, n: number) =>
    counts.get(unitId)?.get(n) ?? { count: 0, of: null };
  const byUnit = new Map<string, OutputCell[]>();
  for (const unit of units) {
    const moved = conversions.map((c) =>
      convert(
        c,
        { fromLevel: levelOf.get(c.from) ?? null, movedLevel: levelOf.get(c.moves) ?? null },
        figure(unit.id, c.from).count,
        declared.has(unit.id),
      ),
    );
    byUnit.set(
      unit.id,
      standards.map((s) => {
        const f = figure(unit.id, s.number);
        const level =
          moved.find((c) => c.moves === s.number)?.adjustedLevel ?? levelOf.get(s.number) ?? null;
        const of = s.measure === 'percent' ? (f.of ?? 0) : null;
        return outputCell(s, f.count, of, level);
      }),
    );
  }
  return { standards, levelOf, byUnit };
}

/** The output figures of each unit in `units` for a year. */
export async function unitOutputs(
  db: Db,
  q: ResolvedQuery,
  units: { id: string }[],
  fiscalYear = q.fiscalYear,
) {
  return unitOutputCells(await outputData(db, q, fiscalYear), units);
}

/** An operator's output figures: its units' counts and levels summed (a share's level as is). */
export function sumOutputs(
  standards: outputRepo.OutputStandard[],
  levelOf: Map<number, number | null>,
  cells: OutputCell[][],
): OutputCell[] {
  return standards.map((s, i) => {
    const own = cells.map((c) => c[i]!);
    const actual = own.reduce((sum, c) => sum + c.actual, 0);
    const of = s.measure === 'percent' ? own.reduce((sum, c) => sum + (c.of ?? 0), 0) : null;
    const level =
      s.measure === 'percent'
        ? (levelOf.get(s.number) ?? null)
        : levelOf.get(s.number) === null || own.length === 0
          ? null
          : own.reduce((sum, c) => sum + (c.level ?? 0), 0);
    return outputCell(s, actual, of, level);
  });
}

/**
 * The body of GET /outcomes/territory; each operator's units listed when `withUnits` (the
 * territory-wide table without them is a few hundred rows rather than thousands).
 */
export async function territoryTable(db: Db, q: ResolvedQuery, withUnits = true) {
  const scope = scopeFor(q);
  // Every query at once: on PostgreSQL each goes on its own connection of the pool. Without
  // the units listed, the outcome counts come summed per operator (a few hundred rows rather
  // than every unit's).
  const [units, byUnit, byOperator, data] = await Promise.all([
    repo.unitsInScope(db, scope),
    withUnits ? repo.countsByUnit(db, scope) : [],
    withUnits ? [] : repo.countsByOperator(db, scope),
    outputData(db, q),
  ]);
  const outputs = unitOutputCells(data, units);
  const countsOf = new Map<string, Map<number, Counts>>();
  for (const r of [
    ...byUnit.map((r) => ({ ...r, key: r.unit_id })),
    ...byOperator.map((r) => ({ ...r, key: r.operator_id })),
  ]) {
    let unit = countsOf.get(r.key);
    if (!unit) countsOf.set(r.key, (unit = new Map()));
    unit.set(r.standard, r);
  }
  const agreedPercents = q.programme.outcomeStandards.map((s) => agreedPercentFor(s, q.fiscalYear));
  const outcomeFigures = (counts: (n: number) => Counts) =>
    q.programme.outcomeStandards.map((s, i) => ({
      number: s.number,
      ...standardFigures(counts(s.number), agreedPercents[i]!),
    }));

  const operators: {
    id: string;
    code: string;
    name: LocalisedText;
    regions: string[];
    unitRows: (typeof units)[number][];
  }[] = [];
  for (const u of units) {
    const last = operators.at(-1);
    if (last?.code === u.operatorCode) {
      last.unitRows.push(u);
      if (u.region && !last.regions.includes(u.region)) last.regions.push(u.region);
    } else
      operators.push({
        id: u.operatorId,
        code: u.operatorCode,
        name: u.name,
        regions: u.region ? [u.region] : [],
        unitRows: [u],
      });
  }

  return {
    programme: q.programme.code,
    fiscalYear: fiscalYearLabel(q.fiscalYear),
    operator: q.operator?.code ?? null,
    region: q.region,
    outcomeStandards: q.programme.outcomeStandards.map((s, i) => ({
      number: s.number,
      name: s.name,
      agreedPercent: agreedPercents[i]!,
    })),
    outputStandards: outputs.standards.map((s) => ({
      number: s.number,
      name: s.name,
      measure: s.measure,
      illustrative: s.illustrative,
      agreedLevel: outputs.levelOf.get(s.number) ?? null,
    })),
    operators: operators.map((o) => ({
      code: o.code,
      name: o.name,
      regions: o.regions.sort(),
      unitCount: o.unitRows.length,
      outcomes: outcomeFigures((n) =>
        withUnits
          ? o.unitRows.reduce((sum, u) => add(sum, countsOf.get(u.id)?.get(n) ?? ZERO), ZERO)
          : (countsOf.get(o.id)?.get(n) ?? ZERO),
      ),
      outputs: sumOutputs(
        outputs.standards,
        outputs.levelOf,
        o.unitRows.map((u) => outputs.byUnit.get(u.id)!),
      ),
      units: (withUnits ? o.unitRows : []).map((u) => ({
        code: u.code,
        region: u.region,
        outcomes: outcomeFigures((n) => countsOf.get(u.id)?.get(n) ?? ZERO),
        outputs: outputs.byUnit.get(u.id)!,
      })),
    })),
  };
}
export type TerritoryBody = Awaited<ReturnType<typeof territoryTable>>;

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

type OutputData = Awaited<ReturnType<typeof outputData>>;

/**
 * Each standard's level for a unit after the conversion, in `standards` order. The conversion
 * depends only on the unit's actuals of the standards that move others and its declaration
 * (the agreed levels are the programme's), so each distinct case is worked out once a call:
 * territory-wide, a few dozen rather than 3,000.
 */
function levelsAfterConversion({ standards, conversions, counts, declared, levelOf }: OutputData) {
  const seen = new Map<string, (number | null)[]>();
  return (unitId: string) => {
    const actuals = conversions.map((c) => counts.get(unitId)?.get(c.from)?.count ?? 0);
    const noRefusal = declared.has(unitId);
    const key = `${noRefusal}:${actuals.join(',')}`;
    let levels = seen.get(key);
    if (!levels) {
      const moved = conversions.map((c, i) =>
        convert(
          c,
          { fromLevel: levelOf.get(c.from) ?? null, movedLevel: levelOf.get(c.moves) ?? null },
          actuals[i]!,
          noRefusal,
        ),
      );
      levels = standards.map(
        (s) =>
          moved.find((c) => c.moves === s.number)?.adjustedLevel ?? levelOf.get(s.number) ?? null,
      );
      seen.set(key, levels);
    }
    return levels;
  };
}

/** A unit's figure for a standard: its count, and for a share its denominator (0 when none). */
const figureOf = (data: OutputData, unitId: string, s: outputRepo.OutputStandard) => {
  const f = data.counts.get(unitId)?.get(s.number);
  return { actual: f?.count ?? 0, of: s.measure === 'percent' ? (f?.of ?? 0) : null };
};

/** The output figures of each unit in `units`: actual, level after conversion, met. */
export function unitOutputCells(data: OutputData, units: { id: string }[]) {
  const { standards, levelOf } = data;
  const levelsOf = levelsAfterConversion(data);
  const byUnit = new Map<string, OutputCell[]>();
  for (const unit of units) {
    const levels = levelsOf(unit.id);
    byUnit.set(
      unit.id,
      standards.map((s, i) => {
        const { actual, of } = figureOf(data, unit.id, s);
        return outputCell(s, actual, of, levels[i]!);
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

/**
 * Output figures summed over groups of units (an operator's): counts, denominators and the
 * units' levels after conversion added; a share's level is the agreed percent as it is; no level
 * for a count when none is agreed or the group has no unit. Read without building each unit's
 * cells, for the territory-wide table.
 */
export function groupOutputCells(data: OutputData, groups: { id: string }[][]) {
  const { standards, levelOf } = data;
  const levelsOf = levelsAfterConversion(data);
  return groups.map((units) => {
    const actual = standards.map(() => 0);
    const of = standards.map(() => 0);
    const level = standards.map(() => 0);
    for (const unit of units) {
      const levels = levelsOf(unit.id);
      standards.forEach((s, i) => {
        const f = figureOf(data, unit.id, s);
        actual[i]! += f.actual;
        of[i]! += f.of ?? 0;
        level[i]! += levels[i] ?? 0;
      });
    }
    return standards.map((s, i) =>
      outputCell(
        s,
        actual[i]!,
        s.measure === 'percent' ? of[i]! : null,
        s.measure === 'percent'
          ? (levelOf.get(s.number) ?? null)
          : levelOf.get(s.number) === null || units.length === 0
            ? null
            : level[i]!,
      ),
    );
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
  const outputs = withUnits
    ? unitOutputCells(data, units)
    : { standards: data.standards, levelOf: data.levelOf, byUnit: new Map<string, OutputCell[]>() };
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

  const operatorOutputs = groupOutputCells(
    data,
    operators.map((o) => o.unitRows),
  );

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
    operators: operators.map((o, i) => ({
      code: o.code,
      name: o.name,
      regions: o.regions.sort(),
      unitCount: o.unitRows.length,
      outcomes: outcomeFigures((n) =>
        withUnits
          ? o.unitRows.reduce((sum, u) => add(sum, countsOf.get(u.id)?.get(n) ?? ZERO), ZERO)
          : (countsOf.get(o.id)?.get(n) ?? ZERO),
      ),
      outputs: operatorOutputs[i]!,
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

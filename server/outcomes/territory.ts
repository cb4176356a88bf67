// SWD's territory table (issue 16): for a programme and financial year, every operator of the
// scope and each of its units against every standard of the programme, outcome standards with
// their evidence verdict and output standards with their converted level and met.
import type { Db } from '../db/open.ts';
import type { LocalisedText } from '../db/schema.ts';
import { standardFigures } from '../domain/compute.ts';
import { yearConverter } from '../domain/conversion.ts';
import { fiscalYearLabel } from '../domain/fiscal-year.ts';
import { sharePercent } from '../domain/service-records.ts';
import * as outputRepo from '../outputs/repository.ts';
import { agreedPercentFor } from '../programmes/repository.ts';
import * as repo from './repository.ts';
import * as territoryRepo from './territory-repository.ts';
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

/** A programme's output standards, conversions and agreed levels for a year. */
async function outputLevels(db: Db, programme: string, fiscalYear: number) {
  const { standards, conversions } = await outputRepo.outputStandardsOf(db, programme);
  const levelOf = new Map(
    standards.map((s) => [s.number, outputRepo.agreedLevelFor(s, fiscalYear)]),
  );
  return { standards, conversions, levelOf };
}

type OutputLevels = Awaited<ReturnType<typeof outputLevels>>;

/**
 * What the output figures of the query's year need from the database: the standards and levels
 * (`outputLevels`, already asked for), each unit's counts and the declarations.
 */
async function outputData(db: Db, q: ResolvedQuery, outputLevels: Promise<OutputLevels>) {
  const scope: outputRepo.UnitScope = {
    programme: q.programme.code,
    operatorId: q.operator?.id ?? null,
    unitId: q.unit?.id ?? null,
    region: q.region,
  };
  const levels = await outputLevels;
  const [counts, declared] = await Promise.all([
    outputRepo.countsByUnit(db, scope, levels.standards, q.fiscalYear),
    outputRepo.noRefusalUnits(db, scope, q.fiscalYear),
  ]);
  return { ...levels, counts, declared };
}

type OutputData = Awaited<ReturnType<typeof outputData>>;

/**
 * Each standard's level for a unit after the conversion, in `standards` order: the moved ones
 * from the unit's own actual and declaration (the first conversion of a standard moves it).
 */
function levelsAfterConversion({ standards, conversions, counts, declared, levelOf }: OutputData) {
  const convert = yearConverter((n) => levelOf.get(n) ?? null);
  return (unitId: string) => {
    const moved = conversions.map((c) =>
      convert(c, counts.get(unitId)?.get(c.from)?.count ?? 0, declared.has(unitId)),
    );
    return standards.map(
      (s) =>
        moved.find((c) => c.moves === s.number)?.adjustedLevel ?? levelOf.get(s.number) ?? null,
    );
  };
}

/** What the conversions read of a group's units: how many had each actual of `standard`. */
export interface ConversionCase {
  standard: number;
  actual: number;
  declared: boolean;
  units: number;
}

/**
 * A group's output figures (an operator's, a region's) from its sums, without each unit's
 * cells: counts and a share's denominator as summed, a count's level its units' agreed levels
 * added, those a conversion moves each moved from its unit's own actual (`cases`, counted per
 * actual and declaration; the first conversion of a standard moves it); a share's level is the
 * agreed percent; no level for a count when none is agreed or the group has no unit. A test
 * compares it with the units' own cells (unitOutputCells) added up.
 */
export function summedOutputCells(
  { standards, conversions, levelOf }: Pick<OutputData, 'standards' | 'conversions' | 'levelOf'>,
  unitCount: number,
  sums: (standard: number) => { count: number; of: number } | undefined,
  cases: ConversionCase[],
) {
  const convert = yearConverter((n) => levelOf.get(n) ?? null);
  const movedLevels = new Map<number, number>();
  for (const c of conversions) {
    if (movedLevels.has(c.moves)) continue;
    let total = 0;
    for (const k of cases)
      if (k.standard === c.from)
        total += (convert(c, k.actual, k.declared).adjustedLevel ?? 0) * k.units;
    movedLevels.set(c.moves, total);
  }
  return standards.map((s) => {
    const sum = sums(s.number);
    const agreed = levelOf.get(s.number) ?? null;
    if (s.measure === 'percent') return outputCell(s, sum?.count ?? 0, sum?.of ?? 0, agreed);
    const level =
      agreed === null || unitCount === 0 ? null : (movedLevels.get(s.number) ?? agreed * unitCount);
    return outputCell(s, sum?.count ?? 0, null, level);
  });
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

/** What the conversions read of each of `units`: its own actual of each standard that moves another. */
export function unitConversionCases(
  { conversions, counts, declared }: Pick<OutputData, 'conversions' | 'counts' | 'declared'>,
  units: { id: string }[],
): ConversionCase[] {
  return units.flatMap((u) =>
    conversions.map((c) => ({
      standard: c.from,
      actual: counts.get(u.id)?.get(c.from)?.count ?? 0,
      declared: declared.has(u.id),
      units: 1,
    })),
  );
}

/** An operator's row of the table before its figures are read out. */
interface OperatorRow {
  code: string;
  name: LocalisedText;
  regions: string[];
  unitCount: number;
  outcomes: (n: number) => Counts;
  outputs: OutputCell[];
  units: {
    code: string;
    region: string | null;
    outcomes: (n: number) => Counts;
    outputs: OutputCell[];
  }[];
}

/** Counts by key (a unit or an operator) and standard, from rows of either. */
function countsBy<R extends Counts & { standard: number }>(rows: R[], key: (r: R) => string) {
  const byKey = new Map<string, Map<number, Counts>>();
  for (const r of rows) {
    let own = byKey.get(key(r));
    if (!own) byKey.set(key(r), (own = new Map()));
    own.set(r.standard, r);
  }
  return (k: string) => (n: number) => byKey.get(k)?.get(n) ?? ZERO;
}

/** Each operator of the scope with its units, each unit's figures read and the operator's added up. */
async function operatorsWithUnits(
  db: Db,
  q: ResolvedQuery,
  outputLevels: Promise<OutputLevels>,
): Promise<OperatorRow[]> {
  const scope = scopeFor(q);
  // Every query at once: on PostgreSQL each goes on its own connection of the pool.
  const [units, byUnit, data] = await Promise.all([
    repo.unitsInScope(db, scope),
    repo.countsByUnit(db, scope),
    outputData(db, q, outputLevels),
  ]);
  const outputs = unitOutputCells(data, units);
  const countsOf = countsBy(byUnit, (r) => r.unit_id);
  const operators: (Omit<OperatorRow, 'outputs' | 'unitCount'> & { ids: { id: string }[] })[] = [];
  for (const u of units) {
    let last = operators.at(-1);
    if (last?.code !== u.operatorCode)
      operators.push(
        (last = {
          code: u.operatorCode,
          name: u.name,
          regions: [],
          ids: [],
          units: [],
          outcomes: () => ZERO,
        }),
      );
    if (u.region && !last.regions.includes(u.region)) last.regions.push(u.region);
    last.ids.push(u);
    last.units.push({
      code: u.code,
      region: u.region,
      outcomes: countsOf(u.id),
      outputs: outputs.byUnit.get(u.id)!,
    });
  }
  return operators.map(({ ids, ...o }) => ({
    ...o,
    regions: o.regions.sort(),
    unitCount: ids.length,
    outcomes: (n) => o.units.reduce((sum, u) => add(sum, u.outcomes(n)), ZERO),
    outputs: summedOutputCells(
      data,
      ids.length,
      (n) =>
        ids.reduce(
          (sum, u) => {
            const f = data.counts.get(u.id)?.get(n);
            return { count: sum.count + (f?.count ?? 0), of: sum.of + (f?.of ?? 0) };
          },
          { count: 0, of: 0 },
        ),
      unitConversionCases(data, ids),
    ),
  }));
}

/**
 * Each operator of the scope without its units, every figure summed per operator by the
 * database (territory-wide, a few hundred rows rather than thousands). The conversion works on
 * each unit's own actual, so it is read as how many units share each actual and declaration;
 * the test compares this with the operators' rows built from their units.
 */
async function operatorsOnly(
  db: Db,
  q: ResolvedQuery,
  outputLevels: Promise<OutputLevels>,
): Promise<OperatorRow[]> {
  const scope = scopeFor(q);
  const [levels, operators, byOperator, sums, cases] = await Promise.all([
    outputLevels,
    territoryRepo.operatorsInScope(db, scope),
    repo.countsByOperator(db, scope),
    territoryRepo.outputSumsByOperator(db, scope),
    outputLevels.then(({ conversions }) =>
      territoryRepo.conversionCases(
        db,
        scope,
        conversions.map((c) => c.from),
      ),
    ),
  ]);
  const countsOf = countsBy(byOperator, (r) => r.operator_id);
  const sumOf = new Map(sums.map((r) => [`${r.operator_id}:${r.standard}`, r]));
  const casesOf = new Map<string, ConversionCase[]>();
  for (const r of cases) {
    const own = casesOf.get(r.operator_id);
    if (own) own.push(r);
    else casesOf.set(r.operator_id, [r]);
  }
  return operators.map((o) => ({
    code: o.code,
    name: o.name,
    regions: o.regions.sort(),
    unitCount: o.unitCount,
    outcomes: countsOf(o.id),
    units: [],
    outputs: summedOutputCells(
      levels,
      o.unitCount,
      (n) => sumOf.get(`${o.id}:${n}`),
      casesOf.get(o.id) ?? [],
    ),
  }));
}

/**
 * The body of GET /outcomes/territory; each operator's units listed when `withUnits` (the
 * territory-wide table without them is a few hundred rows rather than thousands).
 */
export async function territoryTable(db: Db, q: ResolvedQuery, withUnits = true) {
  const levels = outputLevels(db, q.programme.code, q.fiscalYear);
  const [operators, { standards, levelOf }] = await Promise.all([
    withUnits ? operatorsWithUnits(db, q, levels) : operatorsOnly(db, q, levels),
    levels,
  ]);
  const agreedPercents = q.programme.outcomeStandards.map((s) => agreedPercentFor(s, q.fiscalYear));
  const outcomeFigures = (counts: (n: number) => Counts) =>
    q.programme.outcomeStandards.map((s, i) => ({
      number: s.number,
      ...standardFigures(counts(s.number), agreedPercents[i]!),
    }));

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
    outputStandards: standards.map((s) => ({
      number: s.number,
      name: s.name,
      measure: s.measure,
      illustrative: s.illustrative,
      agreedLevel: levelOf.get(s.number) ?? null,
    })),
    operators: operators.map((o) => ({
      code: o.code,
      name: o.name,
      regions: o.regions,
      unitCount: o.unitCount,
      outcomes: outcomeFigures(o.outcomes),
      outputs: o.outputs,
      units: o.units.map((u) => ({
        code: u.code,
        region: u.region,
        outcomes: outcomeFigures(u.outcomes),
        outputs: u.outputs,
      })),
    })),
  };
}
export type TerritoryBody = Awaited<ReturnType<typeof territoryTable>>;

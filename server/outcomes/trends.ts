// Trends (issue 16): each standard of a programme over financial years and their quarters, for
// the territory, a region or one operator, outcome and output standards alike; and the units
// that missed a standard in both of the last two years shown.
import type { Db } from '../db/open.ts';
import { standardFigures } from '../domain/compute.ts';
import { fiscalYearLabel } from '../domain/fiscal-year.ts';
import * as outputRepo from '../outputs/repository.ts';
import { agreedPercentFor } from '../programmes/repository.ts';
import * as repo from './repository.ts';
import { scopeFor, type ResolvedQuery } from './service.ts';
import { summedOutputCells, unitConversionCases, unitOutputCells } from './territory.ts';
import { countsByYearAndQuarter, missedBothYears } from './trends-repository.ts';

/** How many financial years a trend covers, the asked one last. */
export const TREND_YEARS = 5;

type Counts = { agreed: number; respondents: number; nonRespondents: number };
const ZERO: Counts = { agreed: 0, respondents: 0, nonRespondents: 0 };
const add = (a: Counts, b: Counts): Counts => ({
  agreed: a.agreed + b.agreed,
  respondents: a.respondents + b.respondents,
  nonRespondents: a.nonRespondents + b.nonRespondents,
});

/** The figures of every outcome standard of a year from per-standard counts. */
function outcomeFigures(q: ResolvedQuery, fiscalYear: number, counts: (n: number) => Counts) {
  return q.programme.outcomeStandards.map((s) => ({
    number: s.number,
    ...standardFigures(counts(s.number), agreedPercentFor(s, fiscalYear)),
  }));
}

/**
 * The scope's output figures for each year (met as GET /outputs has it) and each quarter's
 * counts, from the kept counts summed by the database; each unit's figures only where they
 * are needed: the last two years' (the units that missed a standard twice) and, for the
 * others, the counts that the conversions read.
 */
async function outputsOfYears(db: Db, q: ResolvedQuery, units: { id: string }[], years: number[]) {
  const scope: outputRepo.UnitScope = {
    programme: q.programme.code,
    operatorId: q.operator?.id ?? null,
    unitId: null,
    region: q.region,
  };
  const { standards, conversions } = await outputRepo.outputStandardsOf(db, q.programme.code);
  const [lastTwo, earlier, sums, declared] = await Promise.all([
    outputRepo.countsByUnitAndYear(db, scope, standards, years.slice(-2)),
    outputRepo.countsByUnitAndYear(
      db,
      scope,
      standards,
      years.slice(0, -2),
      0,
      conversions.map((c) => c.from),
    ),
    outputRepo.countsByYearAndQuarter(db, scope, years[0]!, years.at(-1)!),
    Promise.all(years.map((year) => outputRepo.noRefusalUnits(db, scope, year))),
  ]);
  const summed = new Map(sums.map((r) => [`${r.fiscal_year}:${r.quarter}:${r.standard}`, r]));
  const sumOf = (year: number, quarter: number) => (n: number) => {
    const r = summed.get(`${year}:${quarter}:${n}`);
    return { count: r?.count ?? 0, of: r?.of ?? 0 };
  };
  return years.map((year, i) => {
    const levelOf = new Map(standards.map((s) => [s.number, outputRepo.agreedLevelFor(s, year)]));
    const counts = (lastTwo.get(year) ?? earlier.get(year))!;
    const data = { standards, conversions, counts, declared: declared[i]!, levelOf };
    const quarters = [1, 2, 3, 4].map((quarter) => ({
      quarter,
      outputs: standards.map((s) => {
        const { count, of } = sumOf(year, quarter)(s.number);
        return { number: s.number, actual: count, of: s.measure === 'percent' ? of : null };
      }),
    }));
    return {
      standards,
      byUnit: lastTwo.has(year) ? unitOutputCells(data, units).byUnit : null,
      // Each unit's actual of a standard that moves another, as the conversion reads it.
      year: summedOutputCells(data, units.length, sumOf(year, 0), unitConversionCases(data, units)),
      quarters,
    };
  });
}

/** The body of GET /outcomes/trends: the TREND_YEARS years up to `q.fiscalYear`. */
export async function trends(db: Db, q: ResolvedQuery) {
  const to = q.fiscalYear;
  const from = to - TREND_YEARS + 1;
  const years = Array.from({ length: TREND_YEARS }, (_, i) => from + i);
  const scope = scopeFor(q);
  const [units, rows, missedRows] = await Promise.all([
    repo.unitsInScope(db, scope),
    countsByYearAndQuarter(db, {
      programme: q.programme.code,
      from,
      to,
      operatorId: q.operator?.id ?? null,
      region: q.region,
    }),
    missedBothYears(
      db,
      {
        programme: q.programme.code,
        years: [to - 1, to],
        operatorId: q.operator?.id ?? null,
        region: q.region,
      },
      q.programme.outcomeStandards.map((s) => ({
        standard: s.number,
        percents: [agreedPercentFor(s, to - 1), agreedPercentFor(s, to)],
      })),
    ),
  ]);
  const outputYears = await outputsOfYears(db, q, units, years);
  // Each year's and quarter's counts per standard, keyed `year:quarter:standard` (0: the year).
  const summed = new Map<string, Counts>();
  for (const r of rows)
    for (const key of [
      `${r.fiscal_year}:0:${r.standard}`,
      `${r.fiscal_year}:${r.quarter}:${r.standard}`,
    ])
      summed.set(key, add(summed.get(key) ?? ZERO, r));
  const counts = (year: number, quarter: number | null) => (n: number) =>
    summed.get(`${year}:${quarter ?? 0}:${n}`) ?? ZERO;

  // A unit missed a standard two years running when `met` is false in both of the last two.
  // The database names the few unit-standards that did (missedBothYears); each unit's figures
  // are then made, and met tested again, as for every other figure.
  const missedCounts = new Map(
    missedRows.map((r) => [`${r.fiscal_year}:${r.unit_id}:${r.standard}`, r as Counts]),
  );
  const missedUnits = new Set(missedRows.map((r) => r.unit_id));
  const unitCounts = (year: number, unitId: string) => (n: number) =>
    missedCounts.get(`${year}:${unitId}:${n}`) ?? ZERO;
  const outputStandards = outputYears.at(-1)!.standards;
  const missedTwice = units.flatMap((u) => {
    const missedOutcome = missedUnits.has(u.id);
    const now = missedOutcome ? outcomeFigures(q, to, unitCounts(to, u.id)) : [];
    const before = missedOutcome ? outcomeFigures(q, to - 1, unitCounts(to - 1, u.id)) : [];
    const outputsNow = outputYears.at(-1)!.byUnit!.get(u.id)!;
    const outputsBefore = outputYears.at(-2)!.byUnit!.get(u.id)!;
    const unit = { unit: u.code, operator: u.operatorCode, name: u.name, region: u.region };
    return [
      ...now
        .map((current, i) => ({ current, previous: before[i]! }))
        .filter(({ current, previous }) => current.met === false && previous.met === false)
        .map(({ current, previous }) => ({
          ...unit,
          kind: 'outcome' as const,
          number: current.number,
          previous: {
            percent: previous.percent,
            level: previous.agreedPercent,
            n: previous.respondents,
          },
          current: {
            percent: current.percent,
            level: current.agreedPercent,
            n: current.respondents,
          },
        })),
      ...outputsNow
        .map((current, i) => ({ current, previous: outputsBefore[i]! }))
        .filter(({ current, previous }) => current.met === false && previous.met === false)
        .map(({ current, previous }) => ({
          ...unit,
          kind: 'output' as const,
          number: current.number,
          previous: { percent: previous.percent, level: previous.level, n: previous.actual },
          current: { percent: current.percent, level: current.level, n: current.actual },
        })),
    ];
  });

  return {
    programme: q.programme.code,
    operator: q.operator?.code ?? null,
    region: q.region,
    outcomeStandards: q.programme.outcomeStandards.map((s) => ({ number: s.number, name: s.name })),
    outputStandards: outputStandards.map((s) => ({
      number: s.number,
      name: s.name,
      measure: s.measure,
      illustrative: s.illustrative,
    })),
    years: years.map((year, i) => ({
      fiscalYear: year,
      label: fiscalYearLabel(year),
      outcomes: outcomeFigures(q, year, counts(year, null)),
      outputs: outputYears[i]!.year,
      quarters: [1, 2, 3, 4].map((quarter) => ({
        quarter,
        outcomes: outcomeFigures(q, year, counts(year, quarter)),
        outputs: outputYears[i]!.quarters[quarter - 1]!.outputs,
      })),
    })),
    missedTwice: {
      years: [fiscalYearLabel(to - 1), fiscalYearLabel(to)],
      units: missedTwice,
    },
  };
}

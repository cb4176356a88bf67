// Trends (issue 16): each standard of a programme over financial years and their quarters, for
// the territory, a region or one operator, outcome and output standards alike; and the units
// that missed a standard in both of the last two years shown.
import type { Db } from '../db/open.ts';
import { standardFigures } from '../domain/compute.ts';
import { fiscalYearLabel } from '../domain/fiscal-year.ts';
import * as outputRepo from '../outputs/repository.ts';
import { quarterDates } from '../outputs/service.ts';
import { agreedPercentFor } from '../programmes/repository.ts';
import * as repo from './repository.ts';
import { scopeFor, type ResolvedQuery } from './service.ts';
import { sumOutputs, unitOutputs } from './territory.ts';
import { countsByYearAndQuarter } from './trends-repository.ts';

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

/** The scope's output figures for a year (met as GET /outputs has it) and each quarter's counts. */
async function outputsOfYear(db: Db, q: ResolvedQuery, units: { id: string }[], year: number) {
  const { standards, levelOf, byUnit } = await unitOutputs(db, q, units, year);
  const cells = units.map((u) => byUnit.get(u.id)!);
  const scope: outputRepo.UnitScope = {
    programme: q.programme.code,
    operatorId: q.operator?.id ?? null,
    unitId: null,
    region: q.region,
  };
  const summed = (unitCounts: outputRepo.UnitCounts) =>
    standards.map((s) => {
      let actual = 0;
      let of = 0;
      for (const u of units) {
        const f = unitCounts.get(u.id)?.get(s.number);
        actual += f?.count ?? 0;
        of += f?.of ?? 0;
      }
      return { number: s.number, actual, of: s.measure === 'percent' ? of : null };
    });
  const quarters = await Promise.all(
    [1, 2, 3, 4].map(async (quarter) => ({
      quarter,
      outputs: summed(
        await outputRepo.countsByUnit(db, scope, standards, quarterDates(year, quarter)),
      ),
    })),
  );
  const yearCells = sumOutputs(standards, levelOf, cells);
  return { standards, byUnit, year: yearCells, quarters };
}

/** The body of GET /outcomes/trends: the TREND_YEARS years up to `q.fiscalYear`. */
export async function trends(db: Db, q: ResolvedQuery) {
  const to = q.fiscalYear;
  const from = to - TREND_YEARS + 1;
  const years = Array.from({ length: TREND_YEARS }, (_, i) => from + i);
  const scope = scopeFor(q);
  const [units, rows, lastUnitCounts, previousUnitCounts] = await Promise.all([
    repo.unitsInScope(db, scope),
    countsByYearAndQuarter(db, {
      programme: q.programme.code,
      from,
      to,
      operatorId: q.operator?.id ?? null,
      region: q.region,
    }),
    repo.countsByUnit(db, scope),
    repo.countsByUnit(db, { ...scope, fiscalYear: to - 1 }),
  ]);
  const outputYears = await Promise.all(years.map((y) => outputsOfYear(db, q, units, y)));
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
  const byUnit = (list: typeof lastUnitCounts) =>
    new Map(list.map((r) => [`${r.unit_id}:${r.standard}`, r as Counts]));
  const [lastByUnit, previousByUnit] = [byUnit(lastUnitCounts), byUnit(previousUnitCounts)];
  const unitCounts = (list: Map<string, Counts>, unitId: string) => (n: number) =>
    list.get(`${unitId}:${n}`) ?? ZERO;
  const outputStandards = outputYears.at(-1)!.standards;
  const missedTwice = units.flatMap((u) => {
    const now = outcomeFigures(q, to, unitCounts(lastByUnit, u.id));
    const before = outcomeFigures(q, to - 1, unitCounts(previousByUnit, u.id));
    const outputsNow = outputYears.at(-1)!.byUnit.get(u.id)!;
    const outputsBefore = outputYears.at(-2)!.byUnit.get(u.id)!;
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

// The year's output figures (issue 15): each output standard's actual, its agreed level as the
// conversion mechanism adjusts it, and whether it is met, for a unit, operator, region or the
// territory; the first-contact figures beside them. Counts only: no case reference.
import { audited } from '../audit/repository.ts';
import { recomputeContactDeadlines } from '../cases/service.ts';
import { unitInScope } from '../cases/repository.ts';
import type { Db } from '../db/open.ts';
import type { ClosureDaysTable } from '../db/schema.ts';
import { forbidden, notFound } from '../errors.ts';
import { scopeOf as scopeOfActor, type Actor } from '../http/context.ts';
import { yearConverter, type ConversionResult } from '../domain/conversion.ts';
import { fiscalYearDates, fiscalYearLabel } from '../domain/fiscal-year.ts';
import { sharePercent } from '../domain/service-records.ts';
import { hongKongDate } from '../domain/working-days.ts';
import type { ResolvedQuery } from '../outcomes/service.ts';
import { holidayData } from './reference.ts';
import * as repo from './repository.ts';

/** The dates of a quarter (1: April-June … 4: January-March) of a financial year. */
export function quarterDates(fiscalYear: number, quarter: number) {
  const months = [
    [fiscalYear, 4, 6, 30],
    [fiscalYear, 7, 9, 30],
    [fiscalYear, 10, 12, 31],
    [fiscalYear + 1, 1, 3, 31],
  ][quarter - 1]!;
  const [year, first, last, day] = months as [number, number, number, number];
  const pad = (n: number) => String(n).padStart(2, '0');
  return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(last)}-${pad(day)}` };
}

export interface OutputQuery extends ResolvedQuery {
  quarter: number | null;
}

const scopeOf = (q: ResolvedQuery): repo.UnitScope => ({
  programme: q.programme.code,
  operatorId: q.operator?.id ?? null,
  unitId: q.unit?.id ?? null,
  region: q.region,
});

/** The body of GET /outputs. */
export async function outputs(db: Db, q: OutputQuery, now = new Date()) {
  const today = hongKongDate(now);
  const year = fiscalYearDates(q.fiscalYear);
  const period = q.quarter ? quarterDates(q.fiscalYear, q.quarter) : year;
  const scope = scopeOf(q);
  const { standards, conversions } = await repo.outputStandardsOf(db, q.programme.code);
  const [units, yearCounts, periodCounts, declared, firstContact] = await Promise.all([
    repo.unitsIn(db, scope),
    repo.countsByUnit(db, scope, standards, q.fiscalYear),
    q.quarter ? repo.countsByUnit(db, scope, standards, q.fiscalYear, q.quarter) : null,
    repo.noRefusalUnits(db, scope, q.fiscalYear),
    repo.firstContactCounts(db, scope, q.fiscalYear, q.quarter ?? 0, period, today),
  ]);
  const levelOf = new Map(standards.map((s) => [s.number, repo.agreedLevelFor(s, q.fiscalYear)]));
  const figure = (counts: repo.UnitCounts, unitId: string, n: number) =>
    counts.get(unitId)?.get(n) ?? { count: 0, of: null };

  // Each unit's conversions, on the year's figures (as at 31 March, or today's until then).
  const convert = yearConverter((n) => levelOf.get(n) ?? null);
  const unitConversions = new Map<string, ConversionResult[]>();
  for (const unit of units) {
    unitConversions.set(
      unit.id,
      conversions.map((c) =>
        convert(c, figure(yearCounts, unit.id, c.from).count, declared.has(unit.id)),
      ),
    );
  }
  const adjusted = (unitId: string, n: number) => {
    const moved = unitConversions.get(unitId)!.find((c) => c.moves === n);
    return moved ? moved.adjustedLevel : (levelOf.get(n) ?? null);
  };

  const counted = periodCounts ?? yearCounts;
  const items = standards.map((s) => {
    const level = levelOf.get(s.number) ?? null;
    let count = 0;
    let of = 0;
    let unitsMet = 0;
    let adjustedSum: number | null = level === null ? null : 0;
    for (const unit of units) {
      const f = figure(counted, unit.id, s.number);
      count += f.count;
      of += f.of ?? 0;
      const unitLevel = adjusted(unit.id, s.number);
      if (adjustedSum !== null && unitLevel !== null) adjustedSum += unitLevel;
      const yf = figure(yearCounts, unit.id, s.number);
      const unitMet =
        unitLevel === null
          ? null
          : s.measure === 'percent'
            ? yf.of
              ? (sharePercent(yf.count, yf.of) ?? 0) >= unitLevel
              : null
            : yf.count >= unitLevel;
      if (unitMet) unitsMet++;
    }
    const percent = s.measure === 'percent' ? sharePercent(count, of) : null;
    const agreedLevel =
      level === null ? null : s.measure === 'percent' ? level : level * units.length;
    const adjustedLevel = s.measure === 'percent' ? level : adjustedSum;
    const met =
      q.quarter !== null || adjustedLevel === null || units.length === 0
        ? null
        : s.measure === 'percent'
          ? percent === null
            ? null
            : percent >= adjustedLevel
          : count >= adjustedLevel;
    return {
      number: s.number,
      name: s.name,
      measure: s.measure,
      illustrative: s.illustrative,
      actual: count,
      of: s.measure === 'percent' ? of : null,
      percent,
      agreedLevel,
      adjustedLevel,
      met,
      unitsMet,
    };
  });
  const single = units.length === 1 ? units[0]! : null;
  return {
    programme: q.programme.code,
    fiscalYear: fiscalYearLabel(q.fiscalYear),
    quarter: q.quarter,
    from: period.from,
    to: period.to,
    asAt: today < year.to ? today : year.to,
    final: today > year.to,
    operator: q.operator?.code ?? null,
    unit: q.unit?.code ?? null,
    region: q.region,
    units: units.length,
    noRefusalDeclared: single ? declared.has(single.id) : null,
    standards: items,
    conversions: single
      ? unitConversions.get(single.id)!.map((c) => ({
          from: c.from,
          moves: c.moves,
          actual: figure(yearCounts, single.id, c.from).count,
          agreedLevel: c.agreedLevel,
          adjustedLevel: c.adjustedLevel,
          adjustPercent: c.adjustPercent,
          band: c.band,
          upwardWithheld: c.upwardWithheld,
        }))
      : [],
    firstContact: {
      withinWorkingDays: holidayData().workingDays.firstContactWithin,
      ...firstContact,
    },
  };
}
export type OutputsBody = Awaited<ReturnType<typeof outputs>>;

/** Declares a closure day (audited); the first-contact deadlines around it move. */
export async function declareClosureDay(
  db: Db,
  actor: Actor,
  date: string,
  reason: ClosureDaysTable['reason'],
) {
  await audited(db, actor, async (trx) => {
    await repo.putClosureDay(trx, { date, reason, declaredBy: actor.userId });
    return {
      result: null,
      event: {
        action: 'closure_day_declared',
        targetType: 'closure_day',
        targetId: date,
        details: { reason },
      },
    };
  });
  await recomputeContactDeadlines(db, date);
}

/** Withdraws a closure day (audited); the first-contact deadlines around it move back. */
export async function withdrawClosureDay(db: Db, actor: Actor, date: string) {
  await audited(db, actor, async (trx) => {
    if (!(await repo.deleteClosureDay(trx, date))) throw notFound('The closure day');
    return {
      result: null,
      event: { action: 'closure_day_withdrawn', targetType: 'closure_day', targetId: date },
    };
  });
  await recomputeContactDeadlines(db, date);
}

/** Records whether a unit turned no case away in a year (audited); returns the unit's code. */
export async function declareNoRefusal(
  db: Db,
  actor: Actor,
  code: string,
  fiscalYear: number,
  declared: boolean,
) {
  const unit = await unitInScope(db, scopeOfActor(actor), code);
  if (!unit)
    throw actor.role === 'coordinator' ? forbidden('You have no such unit.') : notFound('The unit');
  await audited(db, actor, async (trx) => {
    await repo.setNoRefusal(trx, {
      unitId: unit.id,
      fiscalYear,
      declared,
      declaredBy: actor.userId,
    });
    return {
      result: null,
      event: {
        action: 'no_refusal_declared',
        targetType: 'unit',
        targetId: unit.code,
        operatorId: unit.operator_id,
        details: { fiscalYear, declared },
      },
    };
  });
  return unit.code;
}

import type { Db } from '../db/open.ts';
import { forbidden, ruleBroken, type ErrorDetail } from '../errors.ts';
import type { Actor } from '../http/context.ts';
import { agreedPercentFor, findProgramme, type Programme } from '../programmes/repository.ts';
import { standardFigures } from '../domain/compute.ts';
import { fiscalYearDates, fiscalYearLabel } from '../domain/fiscal-year.ts';
import * as repo from './repository.ts';

export interface OutcomeQuery {
  programme: string;
  fiscalYear: number;
  operator?: string | undefined;
  unit?: string | undefined;
  region?: string | undefined;
}

/** A checked query: the programme, and the ids behind the codes. */
export interface ResolvedQuery {
  programme: Programme;
  fiscalYear: number;
  operator: { id: string; code: string } | null;
  unit: { id: string; code: string } | null;
  region: string | null;
}

/**
 * Checks the filters (unknown values → 422, every one listed) and keeps a coordinator to its
 * own operator (another operator's, or its unit → 403): a coordinator's query always resolves to
 * its own operator. Empty and repeated values never get here (422 in `defineRoute`).
 */
export async function resolveQuery(
  db: Db,
  actor: Actor,
  query: OutcomeQuery,
): Promise<ResolvedQuery> {
  const details: ErrorDetail[] = [];
  const programme = await findProgramme(db, query.programme);
  if (!programme)
    details.push({ path: 'programme', message: `There is no programme ${query.programme}.` });
  // A coordinator's scope is its own operator, whatever the query says: naming any other code
  // (another operator's, one that does not exist, its own in another case) is 403, never a
  // lookup, and the scope is taken from the account, not from the query.
  if (
    actor.role === 'coordinator' &&
    query.operator !== undefined &&
    query.operator !== actor.operatorCode
  )
    throw forbidden('Coordinators see their own operator’s outcomes only.');
  const operatorCode = actor.role === 'coordinator' ? actor.operatorCode! : query.operator;
  const operator = operatorCode ? await repo.operatorByCode(db, operatorCode) : undefined;
  if (operatorCode && !operator)
    details.push({ path: 'operator', message: `There is no operator ${operatorCode}.` });
  const unit = query.unit ? await repo.unitByCode(db, query.unit) : undefined;
  if (query.unit && !unit)
    details.push({ path: 'unit', message: `There is no unit ${query.unit}.` });
  if (unit && programme && unit.programme_code !== programme.code) {
    details.push({
      path: 'unit',
      message: `Unit ${unit.code} runs ${unit.programme_code}, not ${programme.code}.`,
    });
  }
  if (query.region && programme && !programme.areas.some((a) => a.code === query.region)) {
    details.push({
      path: 'region',
      message: `${programme.code} has no ${programme.areaKind} ${query.region}.`,
    });
  }
  if (actor.role === 'coordinator') {
    if (
      !operator ||
      operator.id !== actor.operatorId ||
      (unit && unit.operator_id !== actor.operatorId)
    ) {
      throw forbidden('Coordinators see their own operator’s outcomes only.');
    }
  }
  if (details.length)
    throw ruleBroken('Some filters name nothing that exists.', details, 'unknown_filter');
  if (unit && operator && unit.operator_id !== operator.id) {
    throw ruleBroken('The unit is not the operator’s.', [
      { path: 'unit', message: `Unit ${unit.code} does not belong to ${operator.code}.` },
    ]);
  }
  return {
    programme: programme!,
    fiscalYear: query.fiscalYear,
    operator: operator ?? null,
    unit: unit ? { id: unit.id, code: unit.code } : null,
    region: query.region ?? null,
  };
}

export const scopeFor = (q: ResolvedQuery): repo.OutcomeScope => ({
  programme: q.programme.code,
  fiscalYear: q.fiscalYear,
  operatorId: q.operator?.id ?? null,
  unitId: q.unit?.id ?? null,
  region: q.region,
});

type Counts = { standard: number; agreed: number; respondents: number; nonRespondents: number };

/** Every standard of the programme with its figures from `rows` (zeros where none). */
export function standardsFrom(programme: Programme, fiscalYear: number, rows: Counts[]) {
  return programme.outcomeStandards.map((s) => {
    const row = rows.find((r) => r.standard === s.number) ?? {
      agreed: 0,
      respondents: 0,
      nonRespondents: 0,
    };
    return { number: s.number, ...standardFigures(row, agreedPercentFor(s, fiscalYear)) };
  });
}

/** The body of GET /outcomes, exactly as the contract gives it. */
export async function outcomes(db: Db, q: ResolvedQuery) {
  const rows = await repo.countsByStandard(db, scopeFor(q));
  const { from, to } = fiscalYearDates(q.fiscalYear);
  return {
    programme: q.programme.code,
    fiscalYear: fiscalYearLabel(q.fiscalYear),
    from,
    to,
    operator: q.operator?.code ?? null,
    unit: q.unit?.code ?? null,
    region: q.region,
    standards: standardsFrom(q.programme, q.fiscalYear, rows),
  };
}

/** The quarter-by-quarter view: each quarter's own figures and the year's cumulative ones. */
export async function quarters(db: Db, q: ResolvedQuery) {
  const rows = await repo.countsByQuarter(db, scopeFor(q));
  const running = new Map<number, Counts>();
  return ([1, 2, 3, 4] as const).map((quarter) => {
    const own = rows.filter((r) => r.quarter === quarter);
    for (const r of own) {
      const before = running.get(r.standard) ?? {
        standard: r.standard,
        agreed: 0,
        respondents: 0,
        nonRespondents: 0,
      };
      running.set(r.standard, {
        standard: r.standard,
        agreed: before.agreed + r.agreed,
        respondents: before.respondents + r.respondents,
        nonRespondents: before.nonRespondents + r.nonRespondents,
      });
    }
    return {
      quarter,
      standards: standardsFrom(q.programme, q.fiscalYear, own),
      cumulative: standardsFrom(q.programme, q.fiscalYear, [...running.values()]),
    };
  });
}

/** SWD's table: every operator of the programme down, standards across, with region and territory totals. */
export async function operatorTable(db: Db, q: ResolvedQuery) {
  const scope = scopeFor(q);
  const [byOperator, byUnit, totals, operators, units] = await Promise.all([
    repo.countsByOperator(db, scope),
    repo.countsByUnit(db, scope),
    repo.countsByStandard(db, scope),
    repo.operatorsOfProgramme(db, q.programme.code),
    repo.unitsOfProgramme(db, q.programme.code),
  ]);
  const regionOf = new Map(units.map((u) => [u.id, u.region]));
  const sum = (rows: Counts[]) => {
    const out = new Map<number, Counts>();
    for (const r of rows) {
      const b = out.get(r.standard) ?? {
        standard: r.standard,
        agreed: 0,
        respondents: 0,
        nonRespondents: 0,
      };
      out.set(r.standard, {
        standard: r.standard,
        agreed: b.agreed + r.agreed,
        respondents: b.respondents + r.respondents,
        nonRespondents: b.nonRespondents + r.nonRespondents,
      });
    }
    return [...out.values()];
  };
  const visible = q.operator ? operators.filter((o) => o.id === q.operator!.id) : operators;
  return {
    programme: q.programme.code,
    fiscalYear: fiscalYearLabel(q.fiscalYear),
    operators: visible.map((o) => ({
      code: o.code,
      name: o.name,
      standards: standardsFrom(
        q.programme,
        q.fiscalYear,
        byOperator.filter((r) => r.operator_id === o.id),
      ),
    })),
    regions: q.programme.areas.map((area) => ({
      code: area.code,
      name: area.name,
      standards: standardsFrom(
        q.programme,
        q.fiscalYear,
        sum(byUnit.filter((r) => regionOf.get(r.unit_id) === area.code)),
      ),
    })),
    territory: standardsFrom(q.programme, q.fiscalYear, totals),
  };
}

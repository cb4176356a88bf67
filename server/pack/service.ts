// The annual performance pack (issue 16): one unit's financial year as the NGO sends it with its
// self-assessment. Every output standard (from the outputs service), every outcome standard
// (from the outcomes service) with its evidence and coverage, first contact, and for each
// standard the coordinator's explanation and action plan. Aggregates and the coordinator's own
// words only: never a response, a case reference or a participant's free text.
import type { Db } from '../db/open.ts';
import { coverage } from '../domain/stats.ts';
import { fiscalYearLabel } from '../domain/fiscal-year.ts';
import { forbidden, notFound } from '../errors.ts';
import type { Actor } from '../http/context.ts';
import { outcomes, resolveQuery } from '../outcomes/service.ts';
import { outputStandardsOf, type OutputStandard } from '../outputs/repository.ts';
import { outputs } from '../outputs/service.ts';
import * as repo from './repository.ts';

/** The key of a standard in the pack: `output-3`, `outcome-2`, `first-contact`. */
export const outputKey = (n: number) => `output-${n}`;
export const outcomeKey = (n: number) => `outcome-${n}`;
export const FIRST_CONTACT = 'first-contact';

/** The population asked by the outcome standards of the learning programme. */
const LEARNING_PROGRAMME = 'learning_programme';

/**
 * The output standard that counts the learning programme's completers (each 6-hour enrolment,
 * regardless of attendance: SPeaR's OS1), read from the rules rather than a number.
 */
export function completersStandard(standards: OutputStandard[]): OutputStandard | null {
  return (
    standards.find(
      (s) =>
        s.rule.rule === 'enrolments' &&
        s.rule.programme === 'learning_6h' &&
        s.rule.minPercentOfModule === undefined &&
        (s.rule.measure ?? 'count') === 'count',
    ) ?? null
  );
}

/**
 * The unit a caller may open a pack of: SWD and admins any, a coordinator only its own
 * operator's (another's is 403, as for every coordinator route; a missing one is 404 to others).
 */
export async function unitForPack(db: Db, actor: Actor, code: string) {
  const unit = await repo.unitWithOperator(db, code);
  if (actor.role === 'coordinator' && (!unit || unit.operator_id !== actor.operatorId))
    throw forbidden('You have no such unit.');
  if (!unit) throw notFound('The unit');
  return unit;
}
export type PackUnit = Awaited<ReturnType<typeof unitForPack>>;

/** The body of GET /units/{code}/pack/{fiscalYear}. */
export async function pack(db: Db, actor: Actor, unit: PackUnit, fiscalYear: number) {
  const resolved = await resolveQuery(db, actor, {
    programme: unit.programme_code,
    fiscalYear,
    unit: unit.code,
  });
  const [outputFigures, outcomeFigures, { standards: outputDefinitions }, explanations] =
    await Promise.all([
      outputs(db, { ...resolved, quarter: null }),
      outcomes(db, resolved),
      outputStandardsOf(db, unit.programme_code),
      repo.explanationsOf(db, unit.id, fiscalYear),
    ]);
  const programme = resolved.programme;
  const completers = completersStandard(outputDefinitions);
  const completed = completers
    ? (outputFigures.standards.find((s) => s.number === completers.number)?.actual ?? 0)
    : null;
  const explanationOf = (key: string) => explanations.get(key) ?? null;

  const outcomeRows = outcomeFigures.standards.map((figures) => {
    const definition = programme.outcomeStandards.find((s) => s.number === figures.number)!;
    const learningOnly =
      definition.populations.length > 0 &&
      definition.populations.every((p) => p === LEARNING_PROGRAMME);
    return {
      key: outcomeKey(figures.number),
      name: definition.name,
      ...figures,
      coverage: learningOnly ? coverage(figures.respondents, completed) : null,
      explanation: explanationOf(outcomeKey(figures.number)),
    };
  });
  const outputRows = outputFigures.standards.map((s) => ({
    key: outputKey(s.number),
    number: s.number,
    name: s.name,
    measure: s.measure,
    illustrative: s.illustrative,
    actual: s.actual,
    of: s.of,
    percent: s.percent,
    agreedLevel: s.agreedLevel,
    adjustedLevel: s.adjustedLevel,
    met: s.met,
    explanation: explanationOf(outputKey(s.number)),
  }));
  const fc = outputFigures.firstContact;
  // Met when every case due so far was contacted in time; null with no case yet due.
  const due = fc.inTime + fc.late + fc.overdue;
  const firstContact = {
    key: FIRST_CONTACT,
    ...fc,
    met: due === 0 ? null : fc.late + fc.overdue === 0,
    explanation: explanationOf(FIRST_CONTACT),
  };
  const area = programme.areas.find((a) => a.code === unit.region);
  return {
    unit: {
      code: unit.code,
      region: unit.region,
      regionName: area?.name ?? null,
      operator: { code: unit.operator_code, name: unit.operator_name },
      programme: { code: programme.code, name: programme.name, areaKind: programme.areaKind },
    },
    fiscalYear: fiscalYearLabel(fiscalYear),
    fiscalYearStart: fiscalYear,
    from: outcomeFigures.from,
    to: outcomeFigures.to,
    asAt: outputFigures.asAt,
    final: outputFigures.final,
    noRefusalDeclared: outputFigures.noRefusalDeclared ?? false,
    outputs: outputRows,
    conversions: outputFigures.conversions,
    outcomes: outcomeRows,
    firstContact,
    notMet: [...outputRows, ...outcomeRows, firstContact].filter((s) => s.met === false).length,
  };
}
export type PackBody = Awaited<ReturnType<typeof pack>>;

/** Every standard key the unit's programme has: what an explanation may be written for. */
export async function standardKeys(db: Db, programmeCode: string, outcomeNumbers: number[]) {
  const { standards } = await outputStandardsOf(db, programmeCode);
  return new Set([
    ...standards.map((s) => outputKey(s.number)),
    ...outcomeNumbers.map(outcomeKey),
    FIRST_CONTACT,
  ]);
}

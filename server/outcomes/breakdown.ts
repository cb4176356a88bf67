import type { Db } from '../db/open.ts';
import { ruleBroken } from '../errors.ts';
import type { Actor } from '../http/context.ts';
import { allQuestions } from '../domain/definition.ts';
import { LIKERT_VALUES } from '../domain/likert.ts';
import { measuresOf } from '../domain/compute.ts';
import { fiscalYearDates, quartersEnded } from '../domain/fiscal-year.ts';
import { itemAnswerCounts, versionsAnswered, type OutcomeScope } from './repository.ts';
import { scopeFor, type ResolvedQuery } from './service.ts';

/** The fewest people who answered an item in one quarter for that quarter to be shown to SWD. */
export const MIN_ITEM_RESPONDENTS = 5;

/**
 * How a breakdown is cut for a reader who may not read responses (SWD, admin): only quarters
 * that have ended count (`quartersEnded`), and each item shows a quarter's counts only when at
 * least `minRespondents` answered it in that quarter; an item with no such quarter is suppressed.
 * A cell that is still open, or small, therefore never changes what is shown when one person
 * answers. Coordinators read their operator's responses anyway and get every count (no cut).
 */
export interface BreakdownCut {
  quartersEnded: number;
  minRespondents: number;
}

/**
 * For one standard in scope: every item mapped to it (per questionnaire version), with the count
 * of each of the five answers and of blanks among the responses that count towards the standard.
 * Only likert items, only counts: no free text ever leaves this way. With a `cut`, see
 * BreakdownCut: a suppressed item has `suppressed: true` and null counts.
 */
export async function itemBreakdown(
  db: Db,
  scope: OutcomeScope,
  standard: number,
  cut: BreakdownCut | null = null,
) {
  // Every version answered in the year is listed, also under a cut (its items then suppressed):
  // the outcome counts say as much already, and the reader sees why there are no counts.
  const versions = (await versionsAnswered(db, scope, standard)).flatMap((v) => {
    const measure = measuresOf(v.definition).find((m) => m.standard === standard);
    if (!measure) return [];
    const elements = new Map(
      allQuestions(v.definition).map(({ element }) => [element.name, element]),
    );
    return [{ id: v.questionnaire_id, version: v.version, items: measure.items, elements }];
  });
  const rows = await itemAnswerCounts(
    db,
    scope,
    standard,
    versions.flatMap((v) =>
      v.items.map((name) => ({ questionnaireId: v.id, version: v.version, name })),
    ),
    cut ? cut.quartersEnded : null,
  );
  const isLikert = (answer: string | null) => LIKERT_VALUES.some((v) => v === answer);
  const items = [];
  for (const v of versions) {
    for (const name of v.items) {
      const cells = rows.filter(
        (c) => c.questionnaire_id === v.id && c.version === v.version && c.name === name,
      );
      // Without a cut every quarter counts; with one, only quarters where enough answered.
      const shown = [1, 2, 3, 4].filter((quarter) => {
        const answered = cells
          .filter((c) => c.quarter === quarter && isLikert(c.answer))
          .reduce((n, c) => n + c.count, 0);
        return !cut || answered >= cut.minRespondents;
      });
      const counts = cells.filter((c) => shown.includes(c.quarter));
      const suppressed = counts.length === 0 && cut !== null;
      items.push({
        questionnaire: { id: v.id, version: v.version },
        name,
        title: (v.elements.get(name)?.title ?? {}) as Record<string, string>,
        suppressed,
        answers: suppressed
          ? null
          : Object.fromEntries(
              LIKERT_VALUES.map((value) => [
                value,
                counts.filter((c) => c.answer === value).reduce((n, c) => n + c.count, 0),
              ]),
            ),
        blank: suppressed
          ? null
          : counts.filter((c) => !isLikert(c.answer)).reduce((n, c) => n + c.count, 0),
      });
    }
  }
  return items;
}

/**
 * GET /outcomes/breakdown for this reader: a coordinator (its own operator, whose responses it
 * may read) gets every count; anyone else gets one operator's breakdown cut (BreakdownCut),
 * never a unit's or a region's, which would let one subtract a small group from a larger one.
 */
export async function breakdownFor(
  db: Db,
  actor: Actor,
  q: ResolvedQuery,
  standard: number,
  now = new Date(),
) {
  if (actor.role === 'coordinator')
    return { items: await itemBreakdown(db, scopeFor(q), standard), cut: null };
  const details = [
    ...(q.operator ? [] : [{ path: 'operator', message: 'Name one operator.' }]),
    ...(q.unit ? [{ path: 'unit', message: 'Per-item breakdowns are per operator.' }] : []),
    ...(q.region ? [{ path: 'region', message: 'Per-item breakdowns are per operator.' }] : []),
  ];
  if (details.length)
    throw ruleBroken('Per-item breakdowns are given for one operator at a time.', details);
  const cut = {
    quartersEnded: quartersEnded(q.fiscalYear, now),
    minRespondents: MIN_ITEM_RESPONDENTS,
  };
  const ends = ['06-30', '09-30', '12-31', '03-31'];
  const { from } = fiscalYearDates(q.fiscalYear);
  const through = cut.quartersEnded
    ? `${q.fiscalYear + (cut.quartersEnded === 4 ? 1 : 0)}-${ends[cut.quartersEnded - 1]}`
    : null;
  return {
    items: await itemBreakdown(db, scopeFor(q), standard, cut),
    cut: { from, through, minRespondents: cut.minRespondents },
  };
}

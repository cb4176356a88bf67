// The rules a case's records keep, each written once as the detail a refusal carries: the API's
// 422s (server/cases/service.ts) and the import's row problems (case-import.ts) say the same
// rule with the same code and sentence. Pure and browser-safe.
import { ruleDetail, type ErrorDetail } from './error-detail.ts';
import { moduleHalfHours, type ModuleProgramme } from './service-records.ts';

/** Which modules a unit's programme runs, and for whom (service definition, paragraph 5). */
export const MODULES: Record<
  string,
  Partial<Record<ModuleProgramme, { category: string; activityKind: string }>>
> = {
  SPEAR: {
    learning_6h: { category: 'abuser', activityKind: 'learning_programme_session' },
    children_4h: { category: 'child', activityKind: 'children_programme_session' },
  },
};

/** A date after today in Hong Kong is refused: a record says what happened. */
export const notInFuture = (date: string, path: string, today: string): ErrorDetail[] =>
  date > today ? [ruleDetail(path, `${date} is after today in Hong Kong.`, 'date_in_future')] : [];

export const unitUnknown = (unit: string, path = 'unit') =>
  ruleDetail(path, `You have no unit ${unit}.`, 'unit_unknown');

export function categoryProblems(
  programme: string,
  categories: readonly string[],
  category: string,
  path = 'category',
): ErrorDetail[] {
  return categories.includes(category)
    ? []
    : [
        ruleDetail(
          path,
          `${programme} has no service-user category ${category}; choose one of ${categories.join(', ')}.`,
          'category_unknown',
        ),
      ];
}

export const referenceTaken = (reference: string, path = 'reference') =>
  ruleDetail(path, `There is already a case ${reference}.`, 'case_reference_taken');

export function contactProblems(date: string, referredOn: string, path = 'date'): ErrorDetail[] {
  return date < referredOn
    ? [
        ruleDetail(
          path,
          `A first contact cannot come before the referral (${referredOn}).`,
          'contact_before_referral',
          { referredOn },
        ),
      ]
    : [];
}

/** Whether the case's programme runs the module, and for the case's category. */
export function moduleProblems(
  found: { programme: string; category: string },
  programme: ModuleProgramme,
  path = 'programme',
): ErrorDetail[] {
  const module = MODULES[found.programme]?.[programme];
  if (!module)
    return [
      ruleDetail(
        path,
        `${found.programme} runs no ${programme} module.`,
        'module_not_in_programme',
      ),
    ];
  if (module.category !== found.category)
    return [
      ruleDetail(
        path,
        `The ${programme} module is for the category ${module.category}, and the case is ${found.category}.`,
        'module_not_for_category',
      ),
    ];
  return [];
}

export function endProblems(
  referredOn: string,
  endedOn: string,
  today: string,
  path = 'endedOn',
): ErrorDetail[] {
  const details = notInFuture(endedOn, path, today);
  if (endedOn < referredOn)
    details.push(
      ruleDetail(
        path,
        `A module cannot end before the referral (${referredOn}).`,
        'ended_before_referral',
      ),
    );
  return details;
}

export function attendanceDateProblems(
  date: string,
  referredOn: string,
  today: string,
  path = 'date',
): ErrorDetail[] {
  const details = notInFuture(date, path, today);
  if (date < referredOn)
    details.push(
      ruleDetail(
        path,
        `Attendance cannot come before the referral (${referredOn}).`,
        'attended_before_referral',
      ),
    );
  return details;
}

/** Attendance that would take an enrolment past its module's hours. */
export function beyondModuleHours(
  programme: ModuleProgramme,
  recordedHalfHours: number,
  path = 'hours',
) {
  const max = moduleHalfHours(programme);
  return ruleDetail(
    path,
    `The module has ${max / 2} hours; ${recordedHalfHours / 2} are recorded already.`,
    'beyond_module_hours',
    { moduleHours: max / 2, recordedHours: recordedHalfHours / 2 },
  );
}

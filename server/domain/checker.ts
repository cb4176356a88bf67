import { ruleDetail, type ErrorDetail, type RuleParams } from './error-detail.ts';
import { allQuestions, type Choice, type QuestionnaireDefinition } from './definition.ts';
import { LIKERT_VALUES } from './likert.ts';

/** The longest free-text answer accepted. */
export const MAX_TEXT_ANSWER = 10_000;

/**
 * Every rule a response can break, as a problem's `rule` names it (here and in
 * responses/service.ts); the activity pages say each in the reader's language (activities.json,
 * quarantine.problems).
 */
export const RESPONSE_RULES = [
  'answersNotObject',
  'noSuchQuestion',
  'notOffered',
  'notAList',
  'answerTwice',
  'notText',
  'textTooLong',
  'notBoolean',
  'notWholeNumber',
  'localeNotOffered',
  'futureCompletion',
  'beforeKioskOpened',
  'questionnaireNotUsed',
  'versionClosed',
  'yearFrozen',
] as const;
export type ResponseRule = (typeof RESPONSE_RULES)[number];

/** A broken response rule as an error detail (ruleDetail, its code one of RESPONSE_RULES). */
export const responseProblem: (
  path: string,
  message: string,
  rule: ResponseRule,
  params?: RuleParams,
) => ErrorDetail = ruleDetail;

/** What is wrong with one answer: its rule, the English predicate and the values it names. */
interface Wrong {
  rule: ResponseRule;
  says: string;
  params?: RuleParams;
}
type Check = (value: unknown) => Wrong | null;

const choiceValue = (choice: Choice) =>
  typeof choice === 'object' && choice !== null ? choice.value : choice;
const key = (value: unknown) => JSON.stringify(value);

function oneOf(values: unknown[]): Check {
  const allowed = new Set(values.map(key));
  return (value) =>
    allowed.has(key(value))
      ? null
      : { rule: 'notOffered', says: 'is not one of the answers offered' };
}

function checkFor(element: Record<string, unknown>): Check | null {
  const choices = Array.isArray(element.choices)
    ? (element.choices as Choice[]).map(choiceValue)
    : [];
  switch (element.type) {
    case 'likert':
      return oneOf([...LIKERT_VALUES]);
    case 'radiogroup':
    case 'dropdown':
      return oneOf(choices);
    case 'checkbox': {
      const single = oneOf(choices);
      return (value) => {
        if (!Array.isArray(value))
          return { rule: 'notAList', says: 'must be a list of the answers offered' };
        if (new Set(value.map(key)).size !== value.length)
          return { rule: 'answerTwice', says: 'names an answer twice' };
        return value.map(single).find((problem) => problem) ?? null;
      };
    }
    case 'text':
    case 'comment':
      return (value) =>
        typeof value !== 'string'
          ? { rule: 'notText', says: 'must be text' }
          : value.length > MAX_TEXT_ANSWER
            ? {
                rule: 'textTooLong',
                says: `is longer than ${MAX_TEXT_ANSWER} characters`,
                params: { max: MAX_TEXT_ANSWER },
              }
            : null;
    case 'boolean':
      return (value) =>
        typeof value === 'boolean' ? null : { rule: 'notBoolean', says: 'must be true or false' };
    case 'rating': {
      const min = typeof element.rateMin === 'number' ? element.rateMin : 1;
      const max = typeof element.rateMax === 'number' ? element.rateMax : 5;
      const values = Array.isArray(element.rateValues)
        ? (element.rateValues as Choice[]).map(choiceValue)
        : null;
      if (values) return oneOf(values);
      return (value) =>
        Number.isInteger(value) && (value as number) >= min && (value as number) <= max
          ? null
          : {
              rule: 'notWholeNumber',
              says: `must be a whole number from ${min} to ${max}`,
              params: { min, max },
            };
    }
    default:
      return null; // html: nothing to answer
  }
}

/** A blank answer: anyone may skip any question. */
export const isBlank = (value: unknown) =>
  value === null ||
  value === undefined ||
  value === '' ||
  (Array.isArray(value) && value.length === 0);

/** Checks answers against one version; made once per approved version, then reused. */
export type AnswerChecker = (answers: unknown) => ErrorDetail[];

/** Compiles a definition into a plain answer checker (no SurveyJS model on the hot path). */
export function compileChecker(definition: QuestionnaireDefinition): AnswerChecker {
  const checks = new Map<string, Check>();
  for (const { element } of allQuestions(definition)) {
    const check = typeof element.name === 'string' ? checkFor(element) : null;
    if (check && element.name) checks.set(element.name, check);
  }
  return (answers) => {
    if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
      return [
        responseProblem(
          'answers',
          'The answers must be an object of question name to answer.',
          'answersNotObject',
        ),
      ];
    }
    const problems: ErrorDetail[] = [];
    for (const [name, value] of Object.entries(answers)) {
      const check = checks.get(name);
      if (!check) {
        problems.push(
          responseProblem(
            `answers.${name}`,
            `There is no question "${name}" to answer in this version.`,
            'noSuchQuestion',
            { question: name },
          ),
        );
      } else if (!isBlank(value)) {
        const wrong = check(value);
        if (wrong)
          problems.push(
            responseProblem(
              `answers.${name}`,
              `The answer to "${name}" ${wrong.says}.`,
              wrong.rule,
              {
                question: name,
                ...wrong.params,
              },
            ),
          );
      }
    }
    return problems;
  };
}

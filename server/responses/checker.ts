import type { ErrorDetail } from '../errors.ts';
import {
  allQuestions,
  type Choice,
  type QuestionnaireDefinition,
} from '../questionnaires/definition.ts';
import { LIKERT_VALUES } from '../questionnaires/likert.ts';

/** The longest free-text answer accepted. */
export const MAX_TEXT_ANSWER = 10_000;

type Check = (value: unknown) => string | null;

const choiceValue = (choice: Choice) =>
  typeof choice === 'object' && choice !== null ? choice.value : choice;
const key = (value: unknown) => JSON.stringify(value);

function oneOf(values: unknown[]): Check {
  const allowed = new Set(values.map(key));
  return (value) => (allowed.has(key(value)) ? null : 'is not one of the answers offered');
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
        if (!Array.isArray(value)) return 'must be a list of the answers offered';
        if (new Set(value.map(key)).size !== value.length) return 'names an answer twice';
        return value.map(single).find((problem) => problem) ?? null;
      };
    }
    case 'text':
    case 'comment':
      return (value) =>
        typeof value !== 'string'
          ? 'must be text'
          : value.length > MAX_TEXT_ANSWER
            ? `is longer than ${MAX_TEXT_ANSWER} characters`
            : null;
    case 'boolean':
      return (value) => (typeof value === 'boolean' ? null : 'must be true or false');
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
          : `must be a whole number from ${min} to ${max}`;
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
        { path: 'answers', message: 'The answers must be an object of question name to answer.' },
      ];
    }
    const problems: ErrorDetail[] = [];
    for (const [name, value] of Object.entries(answers)) {
      const check = checks.get(name);
      if (!check) {
        problems.push({
          path: `answers.${name}`,
          message: `There is no question "${name}" to answer in this version.`,
        });
      } else if (!isBlank(value)) {
        const problem = check(value);
        if (problem)
          problems.push({
            path: `answers.${name}`,
            message: `The answer to "${name}" ${problem}.`,
          });
      }
    }
    return problems;
  };
}

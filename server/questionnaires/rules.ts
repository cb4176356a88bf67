// The rules a questionnaire definition must meet before SWD sees it (API.md, "Questionnaire
// definition"; DOMAIN.md, SPeaR outcome rules). Every broken rule is listed, each with the JSON
// path a designer can point at and a sentence a coordinator understands.
import * as SurveyCore from 'survey-core';
import { ruleDetail, type ErrorDetail, type RuleParams } from '../errors.ts';
import { canonicalJson } from '../lib/canonical-json.ts';
import { RESERVED_KEYS } from '../lib/reserved-keys.ts';
import { sha256 } from '../lib/secrets.ts';
import type { Programme } from '../programmes/repository.ts';
import {
  allElements,
  elementLabel,
  localeList,
  outcomeItems,
  ELEMENT_TYPES,
  SCORING_RULES,
  SUPPORTED_LOCALES,
  type QuestionnaireDefinition,
  type SurveyElement,
  type LikertStyle,
  type Rule,
} from '../domain/definition.ts';
import { LIKERT_STYLES, surveyJsErrors } from '../domain/likert.ts';
import { untranslatedTexts } from './translations.ts';

/** Sane limits on what a definition may contain. */
export const LIMITS = {
  bytes: 256 * 1024,
  questions: 200,
  pages: 30,
  textLength: 2000,
  nameLength: 60,
  choices: 50,
} as const;

const TYPES = new Set<unknown>(ELEMENT_TYPES);
const CHOICE_TYPES = new Set(['radiogroup', 'checkbox', 'dropdown']);
const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const DEFINITION_FIELDS = new Set(['programme', 'population', 'locales', 'scoring', 'survey']);
/** Records a broken rule: where, the English sentence, and the rule's code and values. */
type Fail = (path: string, message: string, rule: Rule, params?: RuleParams) => void;
const collect =
  (errors: ErrorDetail[]): Fail =>
  (...problem) =>
    errors.push(ruleDetail(...problem));
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** SHA-256 (hex) of the definition as canonical JSON: the version's `contentHash`. */
export function contentHash(definition: unknown): string {
  return sha256(canonicalJson(definition));
}

/** The few rules a draft must meet: an object naming a programme and population, JSON-shaped. */
/**
 * Whether a definition may be saved as a draft (checkDraft finds nothing): then it is typed as a
 * definition, though a draft may be incomplete beyond what checkDraft asks.
 */
export function isDraft(definition: unknown): definition is QuestionnaireDefinition {
  return checkDraft(definition).length === 0;
}

export function checkDraft(definition: unknown): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const fail = collect(errors);
  if (!checkEnvelope(definition, fail)) return errors;
  for (const field of ['programme', 'population'] as const) {
    if (typeof definition[field] !== 'string' || !definition[field])
      fail(field, `The questionnaire must name its ${field}.`, 'required');
  }
  if (definition.locales !== undefined && !Array.isArray(definition.locales))
    fail('locales', 'The languages must be a list of language codes.', 'notLanguageList');
  if (definition.scoring !== undefined && !isObject(definition.scoring))
    fail('scoring', 'Scoring must map outcome standard numbers to a rule.', 'scoringNotMap');
  checkShape(definition, fail, false);
  return errors;
}

/** Every rule a definition breaks when submitted for approval; empty when it may be submitted. */
export function checkDefinition(definition: unknown, programmes: Programme[]): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const fail = collect(errors);
  if (!checkEnvelope(definition, fail)) return errors;
  for (const key of Object.keys(definition))
    if (!DEFINITION_FIELDS.has(key))
      fail(key, `The definition has an unknown field "${key}".`, 'unknownField', { field: key });

  const programme = programmes.find((p) => p.code === definition.programme);
  if (!programme)
    fail('programme', `There is no programme "${String(definition.programme)}".`, 'noProgramme', {
      programme: String(definition.programme),
    });
  const population = programme?.populations.find((p) => p.code === definition.population);
  if (programme && !population)
    fail(
      'population',
      `The ${programme.name.en} programme has no population "${String(definition.population)}".`,
      'noPopulation',
      { population: String(definition.population) },
    );

  const locales = checkLocales(definition.locales, fail);
  checkShape(definition, fail, true);
  checkElements(definition, programme, population, fail);
  checkOutcomes(definition, programme, population, fail);
  errors.push(...untranslatedTexts(definition, locales, LIMITS.textLength));
  // survey-core's own reading last, skipping what our rules already said about the same path. A
  // reserved name stops survey-core reading the survey at all, which would only repeat it.
  if (isObject(definition.survey) && !errors.some((e) => e.rule === 'nameReserved')) {
    const reported = new Set(errors.map((e) => e.path));
    for (const e of surveyJsErrors(SurveyCore, definition as unknown as QuestionnaireDefinition))
      if (!reported.has(e.path)) {
        reported.add(e.path);
        errors.push(e);
      }
  }
  return errors;
}

// An object within the size limit; anything else stops the check (a huge body is refused whole).
function checkEnvelope(definition: unknown, fail: Fail): definition is Record<string, unknown> {
  if (!isObject(definition)) {
    fail('', 'The definition must be a JSON object.', 'notObject');
    return false;
  }
  const bytes = new TextEncoder().encode(JSON.stringify(definition)).length;
  if (bytes > LIMITS.bytes) {
    const params = { kib: Math.ceil(bytes / 1024), max: LIMITS.bytes / 1024 };
    fail(
      '',
      `The definition is ${params.kib} KiB; at most ${params.max} KiB is allowed.`,
      'tooLarge',
      params,
    );
    return false;
  }
  return true;
}

// Returns the listed locales worth checking texts against (null when the list is unusable).
function checkLocales(locales: unknown, fail: Fail): string[] | null {
  if (!Array.isArray(locales)) {
    fail(
      'locales',
      'The questionnaire must list its languages, including zh-HK and en.',
      'noLanguages',
    );
    return null;
  }
  const seen = new Set<string>();
  locales.forEach((code, i) => {
    if (!(SUPPORTED_LOCALES as readonly unknown[]).includes(code))
      fail(
        `locales.${i}`,
        `"${String(code)}" is not a supported language; use ${SUPPORTED_LOCALES.join(', ')}.`,
        'unsupportedLanguage',
        { code: String(code) },
      );
    else if (seen.has(code))
      fail(`locales.${i}`, `${localeList([code])} is listed twice.`, 'languageTwice', {
        locale: code,
      });
    else seen.add(code);
  });
  for (const required of ['zh-HK', 'en'])
    if (!seen.has(required))
      fail(
        'locales',
        `Every questionnaire must be available in ${localeList([required])}.`,
        'languageRequired',
        { locale: required },
      );
  return [...seen];
}

// Pages and element lists are arrays of objects, within limits.
function checkShape(definition: Record<string, unknown>, fail: Fail, complete: boolean) {
  const survey = definition.survey;
  if (survey === undefined && !complete) return;
  if (!isObject(survey))
    return fail('survey', 'The survey must be an object with its pages.', 'surveyNotObject');
  if (
    survey.likertStyle !== undefined &&
    !LIKERT_STYLES.includes(survey.likertStyle as LikertStyle)
  )
    fail(
      'survey.likertStyle',
      `The five-point scale is shown as "words" or "faces", not "${String(survey.likertStyle)}".`,
      'likertStyleUnknown',
      { style: String(survey.likertStyle) },
    );
  if (survey.pages === undefined && !complete) return;
  if (!Array.isArray(survey.pages) || (complete && survey.pages.length === 0))
    return fail('survey.pages', 'The survey must have at least one page.', 'noPages');
  if (survey.pages.length > LIMITS.pages)
    fail(
      'survey.pages',
      `The survey has ${survey.pages.length} pages; at most ${LIMITS.pages} are allowed.`,
      'tooManyPages',
      { count: survey.pages.length, max: LIMITS.pages },
    );
  const checkList = (list: unknown, path: string) => {
    if (list === undefined && !complete) return;
    if (!Array.isArray(list))
      return fail(path, 'This must be a list of questions.', 'notQuestionList');
    list.forEach((element, i) => {
      if (!isObject(element)) fail(`${path}.${i}`, 'Each question must be an object.', 'notObject');
      else if (element.type === 'panel') checkList(element.elements, `${path}.${i}.elements`);
    });
  };
  survey.pages.forEach((page, i) => {
    if (!isObject(page)) fail(`survey.pages.${i}`, `Page ${i + 1} must be an object.`, 'notObject');
    else checkList(page.elements, `survey.pages.${i}.elements`);
  });
}

function checkElements(
  definition: Record<string, unknown>,
  programme: Programme | undefined,
  population: Programme['populations'][number] | undefined,
  fail: Fail,
) {
  const names = new Set<string>();
  let questions = 0;
  for (const { path, element } of allElements(definition)) {
    const what = capital(elementLabel(element, path));
    const isPanel = element.type === 'panel';
    if (!isPanel) questions++;
    if (typeof element.type !== 'string') fail(`${path}.type`, `${what} has no type.`, 'noType');
    else if (!TYPES.has(element.type))
      fail(
        `${path}.type`,
        `${what} has type "${element.type}", which questionnaires cannot use; use one of ${ELEMENT_TYPES.join(', ')}.`,
        'unknownType',
        { type: element.type },
      );

    const name = element.name;
    if (name === undefined && !isPanel)
      fail(`${path}.name`, `The question at ${path} needs a name.`, 'nameRequired');
    else if (name !== undefined) {
      if (typeof name !== 'string' || !NAME.test(name))
        fail(
          `${path}.name`,
          `The name "${String(name)}" at ${path} must start with a letter and use only letters, digits and _.`,
          'nameForm',
          { name: String(name) },
        );
      else if (RESERVED_KEYS.has(name))
        fail(
          `${path}.name`,
          `The name "${name}" is reserved: answers under it could not be sent. Choose another name.`,
          'nameReserved',
          { name },
        );
      else if (name.length > LIMITS.nameLength)
        fail(
          `${path}.name`,
          `The name "${name}" is longer than ${LIMITS.nameLength} characters.`,
          'nameTooLong',
          { name, max: LIMITS.nameLength },
        );
      else if (names.has(name))
        fail(`${path}.name`, `The name "${name}" is used by more than one question.`, 'nameTaken', {
          name,
        });
      else names.add(name);
    }

    if (element.outcomeStandard !== undefined)
      checkOutcomeStandard(element, `${path}.outcomeStandard`, programme, population, fail);

    const choices = element.choices;
    if (element.type === 'likert' && choices !== undefined)
      fail(
        `${path}.choices`,
        `${what} uses the product's fixed five-point scale; remove its own choices.`,
        'likertChoices',
      );
    else if (CHOICE_TYPES.has(String(element.type))) {
      if (!Array.isArray(choices) || choices.length === 0)
        fail(`${path}.choices`, `${what} has no choices to pick from.`, 'noChoices');
      else if (choices.length > LIMITS.choices)
        fail(
          `${path}.choices`,
          `${what} has ${choices.length} choices; at most ${LIMITS.choices} are allowed.`,
          'tooManyChoices',
          { count: choices.length, max: LIMITS.choices },
        );
      else {
        const values = new Set<string>();
        choices.forEach((choice, i) => {
          const value = isObject(choice) ? choice.value : choice;
          const key = JSON.stringify(value ?? null);
          if (value === undefined || value === null || value === '')
            fail(
              `${path}.choices.${i}.value`,
              `Choice ${i + 1} of ${elementLabel(element, path)} needs a value.`,
              'choiceValueRequired',
            );
          else if (values.has(key))
            fail(
              `${path}.choices.${i}.value`,
              `Choice ${i + 1} of ${elementLabel(element, path)} repeats the value ${key}.`,
              'choiceValueTaken',
              { value: key },
            );
          values.add(key);
        });
      }
    }
  }
  if (questions > LIMITS.questions)
    fail(
      'survey.pages',
      `The survey has ${questions} questions; at most ${LIMITS.questions} are allowed.`,
      'tooManyQuestions',
      { count: questions, max: LIMITS.questions },
    );
}

function checkOutcomeStandard(
  element: SurveyElement,
  path: string,
  programme: Programme | undefined,
  population: Programme['populations'][number] | undefined,
  fail: Fail,
) {
  const what = capital(elementLabel(element, path.replace(/\.outcomeStandard$/, '')));
  const n = element.outcomeStandard;
  if (element.type !== 'likert')
    return fail(
      path,
      `${what} measures an outcome but is not an agreement-scale (likert) question; only likert questions can measure outcomes.`,
      'outcomeNotLikert',
    );
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1)
    return fail(path, `${what} must name an outcome standard by its number.`, 'outcomeNumber');
  if (!programme) return;
  if (!programme.outcomeStandards.some((s) => s.number === n))
    return fail(
      path,
      `${what} measures outcome standard ${n}, which the ${programme.name.en} programme does not have.`,
      'outcomeUnknown',
      { number: n },
    );
  if (population && !population.allowedOutcomes.includes(n))
    fail(
      path,
      `${what} measures ${outcome(programme, n)}, which questionnaires for ${population.name.en.toLowerCase()} may not measure (only ${population.allowedOutcomes.join(', ')}).`,
      'outcomeNotAllowed',
      { number: n, allowed: population.allowedOutcomes.join(', ') },
    );
}

const outcome = (programme: Programme, n: number) => {
  const standard = programme.outcomeStandards.find((s) => s.number === n);
  return standard ? `outcome standard ${n} ("${standard.name.en}")` : `outcome standard ${n}`;
};

// Coverage of the population's required outcomes, and a scoring rule wherever it matters.
function checkOutcomes(
  definition: Record<string, unknown>,
  programme: Programme | undefined,
  population: Programme['populations'][number] | undefined,
  fail: Fail,
) {
  const items = outcomeItems(definition);
  if (programme && population) {
    for (const n of population.requiredOutcomes)
      if (!items.has(n))
        fail(
          'survey',
          `Questionnaires for ${population.name.en.toLowerCase()} must measure ${outcome(programme, n)}: add an agreement-scale question for it.`,
          'outcomeRequired',
          { number: n },
        );
  }
  const scoring = definition.scoring;
  if (scoring !== undefined && !isObject(scoring))
    return fail(
      'scoring',
      'Scoring must map outcome standard numbers to all, majority or mean.',
      'scoringNotMap',
    );
  for (const [n, refs] of items) {
    if (refs.length >= 2 && scoring?.[n] === undefined)
      fail(
        `scoring.${n}`,
        `Outcome standard ${n} is measured by ${refs.length} questions; choose how one person's answers combine: all, majority or mean.`,
        'scoringRequired',
        { number: n, count: refs.length },
      );
  }
  for (const [key, rule] of Object.entries(scoring ?? {})) {
    if (!items.has(Number(key)) || String(Number(key)) !== key)
      fail(
        `scoring.${key}`,
        `Scoring names outcome standard ${key}, which no question measures.`,
        'scoringUnused',
        { number: key },
      );
    else if (!SCORING_RULES.includes(rule as never))
      fail(
        `scoring.${key}`,
        `The scoring of outcome standard ${key} must be all, majority or mean, not "${String(rule)}".`,
        'scoringRule',
        { number: key, rule: String(rule) },
      );
  }
}

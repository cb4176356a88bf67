// The product's `likert` question type, defined once for the server (checking definitions) and
// the browser (kiosk, designer). It must stay free of node:* imports; survey-core is passed in
// so this module does not load it where it is not needed.
import type * as SurveyCore from 'survey-core';
import likert from '../../surveys/likert.json' with { type: 'json' };
import {
  ELEMENT_TYPES,
  SUPPORTED_LOCALES,
  type LikertStyle,
  type QuestionnaireDefinition,
  type Rule,
} from './definition.ts';

export type LikertValue =
  'strongly_agree' | 'agree' | 'no_opinion' | 'disagree' | 'strongly_disagree';

/** The five answer values, from strongly agree to strongly disagree. */
export const LIKERT_VALUES = likert.values as readonly LikertValue[];

/** The scale's styles (definition.ts, LikertStyle). */
export const LIKERT_STYLES: readonly LikertStyle[] = ['words', 'faces'];

/** The populations of children: a new questionnaire for them shows its scale as faces. */
export const CHILDREN_POPULATIONS: readonly string[] = ['children'];

/** The scale's style a new questionnaire for `population` starts with. */
export function defaultLikertStyle(population: string): LikertStyle {
  return CHILDREN_POPULATIONS.includes(population) ? 'faces' : 'words';
}

/** The scale's style a definition asks for (`words` unless it says `faces`). */
export function likertStyleOf(definition: unknown): LikertStyle {
  const survey =
    typeof definition === 'object' && definition !== null
      ? (definition as { survey?: unknown }).survey
      : undefined;
  return typeof survey === 'object' &&
    survey !== null &&
    'likertStyle' in survey &&
    survey.likertStyle === 'faces'
    ? 'faces'
    : 'words';
}

/** The score of each value (strongly agree 5 … strongly disagree 1), used by `mean` scoring. */
export const LIKERT_SCORES = likert.scores as Readonly<Record<LikertValue, number>>;

const LABELS = likert.labels as Record<string, Record<LikertValue, string>>;

/** The five labels in one of our locales (English for a locale we do not support). */
export function likertLabels(locale: string): Record<LikertValue, string> {
  return { ...(LABELS[locale] ?? LABELS.en!) };
}

/**
 * SurveyJS's code for one of our locales. Texts are keyed by it and `model.locale` must be set
 * to it: survey-core matches locale keys case-sensitively and does not map `zh-HK` to its
 * Traditional Chinese dictionary (`zh-tw`) nor `tl` to its Filipino one (`fil`), so with our
 * codes the built-in strings (Next, Complete, errors) would silently stay English. survey-core
 * has no `ne` or `pa` dictionary: ours are in client/survey/i18n/, registered under those codes.
 * English texts go under SurveyJS's `default` key (see `surveyTextKey`).
 */
export function surveyLocale(code: string): string {
  if (code === 'zh-HK') return 'zh-tw';
  if (code === 'tl') return 'fil';
  return code;
}

// English is the survey's default locale, so its text is SurveyJS's `default` value.
const surveyTextKey = (code: string) => (code === 'en' ? 'default' : surveyLocale(code));

const SUPPORTED = new Set<string>(SUPPORTED_LOCALES);

// An object is a localised text when every key is one of our locales and every value a string.
function isLocalisedText(value: unknown): value is Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return entries.length > 0 && entries.every(([k, v]) => SUPPORTED.has(k) && typeof v === 'string');
}

/** One localised text in SurveyJS's format: `default` (English) first, then SurveyJS codes. */
export function toSurveyText(text: Record<string, string>): Record<string, string> {
  const ordered = [...SUPPORTED_LOCALES].filter((code) => code in text);
  return Object.fromEntries(ordered.map((code) => [surveyTextKey(code), text[code]!]));
}

// Copies JSON, converting every localised text on the way.
function convert(value: unknown): unknown {
  if (isLocalisedText(value)) return toSurveyText(value);
  if (Array.isArray(value)) return value.map(convert);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v)]));
  return value;
}

/** The five choices with their labels in all ten locales, in SurveyJS's format. */
export function likertChoices(): { value: LikertValue; text: Record<string, string> }[] {
  return LIKERT_VALUES.map((value) => ({
    value,
    text: toSurveyText(
      Object.fromEntries(Object.keys(LABELS).map((code) => [code, LABELS[code]![value]])),
    ),
  }));
}

/**
 * The SurveyJS JSON for `new Model(...)`: texts keyed by SurveyJS codes, `likert` kept (call
 * `registerLikert` first), and `locale` set when one of our locale codes is given.
 */
export function toSurveyJson(
  definition: QuestionnaireDefinition,
  locale?: string,
): Record<string, unknown> {
  const survey = definition.survey as unknown;
  // A draft may have no survey yet: it converts to an empty one.
  const json = (
    typeof survey === 'object' && survey !== null && !Array.isArray(survey) ? convert(survey) : {}
  ) as Record<string, unknown>;
  return locale ? { ...json, locale: surveyLocale(locale) } : json;
}

/**
 * Plain SurveyJS JSON that stock SurveyJS loads without our registrations: each `likert`
 * becomes a `radiogroup` with the five choices, and `outcomeStandard` (ours) is dropped.
 */
export function toPlainSurveyJson(definition: QuestionnaireDefinition): Record<string, unknown> {
  const json = toSurveyJson(definition);
  const plain = (elements: unknown): unknown =>
    Array.isArray(elements)
      ? elements.map((element) => {
          if (typeof element !== 'object' || element === null) return element;
          const { outcomeStandard: _dropped, ...rest } = element as Record<string, unknown>;
          if (rest.type === 'likert')
            return { ...rest, type: 'radiogroup', choices: likertChoices() };
          if (rest.type === 'panel') return { ...rest, elements: plain(rest.elements) };
          return rest;
        })
      : elements;
  const pages = Array.isArray(json.pages)
    ? json.pages.map((page: Record<string, unknown>) => ({
        ...page,
        elements: plain(page.elements),
      }))
    : json.pages;
  return { ...json, pages };
}

/**
 * Registers `outcomeStandard` on every question and the `likert` type (a radiogroup with the
 * five choices) with the given survey-core; calling it again does nothing.
 */
export function registerLikert(surveyCore: typeof SurveyCore): void {
  const { Serializer, ComponentCollection } = surveyCore;
  if (!Serializer.findProperty('question', 'outcomeStandard')) {
    // On every question, not only likert, so a misplaced one is reported by our rules in the
    // coordinator's words instead of as SurveyJS's "unknown property".
    Serializer.addProperty('question', {
      name: 'outcomeStandard:number',
      category: 'general',
      minValue: 1,
      visibleIf: (obj: { getType?: () => string } | null) => obj?.getType?.() === 'likert',
    });
  }
  if (!Serializer.findProperty('survey', 'likertStyle')) {
    // Presentation only (definition.ts, LIKERT_STYLES): survey-core must read it, not refuse it.
    Serializer.addProperty('survey', {
      name: 'likertStyle',
      category: 'general',
      choices: [...LIKERT_STYLES],
      default: 'words',
    });
  }
  if (!ComponentCollection.Instance.getCustomQuestionByName('likert')) {
    ComponentCollection.Instance.add({
      name: 'likert',
      title: 'Agreement (five-point scale)',
      // "No opinion" is an ordinary choice, not SurveyJS's none/refuse item: it is an answer
      // and counts in the denominator (DOMAIN.md, outcome rules).
      questionJSON: { type: 'radiogroup', choices: likertChoices() },
      onCreated: exposeAsRadioGroup,
    });
  }
}

/** The accessibility properties survey-core reads when rendering a question. */
interface A11yQuestion {
  hasTitle: boolean;
  isRequired: boolean;
  ariaTitleId: string;
  ariaDescriptionId: string;
  renderedId: string;
  hasDescription: boolean;
  locTitle: { renderedHtml: string };
  hasCssError(): boolean;
  getDescriptionLocation(): string;
}

/**
 * A likert question is a radio group, and says so. survey-core gives a custom question's wrapper
 * `role="textbox"` (its default for question types without their own) around the radiogroup
 * inside, so screen readers announced an edit field. The wrapper gets no role (as survey-core's
 * own radiogroup question has none), and the group inside is named, described and marked
 * required or invalid by the likert question's title, description and errors.
 */
function exposeAsRadioGroup(question: unknown): void {
  const likert = question as A11yQuestion & { contentQuestion?: object };
  const scale = likert.contentQuestion;
  if (!scale) return;
  const getters = (props: Record<string, () => unknown>) =>
    Object.fromEntries(
      Object.entries(props).map(([name, get]) => [name, { get, configurable: true }]),
    );
  Object.defineProperties(likert, getters({ isNewA11yStructure: () => true }));
  Object.defineProperties(
    scale,
    getters({
      a11y_input_ariaRole: () => 'radiogroup',
      a11y_input_ariaLabel: () => (likert.hasTitle ? null : likert.locTitle.renderedHtml),
      a11y_input_ariaLabelledBy: () => (likert.hasTitle ? likert.ariaTitleId : null),
      a11y_input_ariaDescribedBy: () => {
        if (likert.hasCssError()) return `${likert.renderedId}_errors`;
        const described =
          likert.hasTitle && likert.hasDescription && likert.getDescriptionLocation() !== 'hidden';
        return described ? likert.ariaDescriptionId : null;
      },
      a11y_input_ariaRequired: () => (likert.isRequired ? 'true' : 'false'),
      a11y_input_ariaInvalid: () => (likert.hasCssError() ? 'true' : 'false'),
    }),
  );
}

/** A problem survey-core found, in the shape of the API's error details. */
interface SurveyJsProblem {
  path: string;
  message: string;
  rule: Rule;
  params: Record<string, string>;
}

/**
 * What survey-core could not read when loading the definition (after `registerLikert`), as
 * `{path, message}` with our JSON paths. Pages and elements that are not objects, or of a type
 * we do not allow, are swapped for placeholders first: the caller reports those in its own words.
 */
export function surveyJsErrors(
  surveyCore: typeof SurveyCore,
  definition: QuestionnaireDefinition,
): SurveyJsProblem[] {
  registerLikert(surveyCore);
  const json = toSurveyJson(definition);
  const allowed = new Set<unknown>(ELEMENT_TYPES);
  const placeholder = () => ({ type: 'html', name: 'not_loaded' });
  const swap = (elements: unknown) => {
    if (!Array.isArray(elements)) return;
    elements.forEach((element: { type?: unknown; elements?: unknown } | null, i) => {
      if (typeof element !== 'object' || element === null) elements[i] = placeholder();
      else if (!allowed.has(element.type)) elements[i] = placeholder();
      else if (element.type === 'panel') swap(element.elements);
    });
  };
  if (Array.isArray(json.pages)) {
    const pages = (json.pages as unknown[]).map((page) =>
      typeof page === 'object' && page !== null && !Array.isArray(page) ? page : {},
    ) as { elements?: unknown }[];
    for (const page of pages) swap(page.elements);
    json.pages = pages;
  }
  // survey-core names the JSON object at fault (`jsonObj`): map each object back to its path.
  const paths = new Map<unknown, string>();
  const index = (value: unknown, path: string) => {
    if (typeof value !== 'object' || value === null) return;
    paths.set(value, path);
    for (const [k, v] of Object.entries(value)) index(v, `${path}.${k}`);
  };
  index(json, 'survey');
  let model: SurveyCore.SurveyModel;
  try {
    model = new surveyCore.Model(json);
  } catch (err) {
    return [
      {
        path: 'survey',
        message: `The survey cannot be loaded: ${String(err)}`,
        rule: 'surveyUnreadable',
        params: { error: String(err) },
      },
    ];
  }
  return (model.jsonErrors ?? []).map((e): SurveyJsProblem => {
    const { jsonObj, propertyName } = e as { jsonObj?: unknown; propertyName?: string };
    const owner = paths.get(jsonObj) ?? 'survey';
    const path = propertyName ? `${owner}.${propertyName}` : owner;
    if (e.type === 'unknownproperty')
      return {
        path,
        message: `The setting "${propertyName}" at ${owner} is not one SurveyJS knows; remove it.`,
        rule: 'settingUnknown',
        params: { name: String(propertyName) },
      };
    if (e.type === 'requiredproperty')
      return {
        path,
        message: `The setting "${propertyName}" at ${owner} is required.`,
        rule: 'settingRequired',
        params: { name: String(propertyName) },
      };
    return {
      path,
      message: `The survey cannot be loaded at ${path}: ${e.message}`,
      rule: 'surveyUnreadable',
      params: { error: e.message },
    };
  });
}

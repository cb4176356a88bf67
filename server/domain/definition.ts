// The questionnaire definition as the API stores it, and walks over it. Pure and browser-safe:
// the designer uses the same helpers as the server.

/** The product's languages, in the order the interface lists them (API.md, Languages). */
export const SUPPORTED_LOCALES = [
  'zh-HK',
  'en',
  'id',
  'tl',
  'th',
  'hi',
  'ne',
  'pa',
  'ur',
  'vi',
] as const;
export type LocaleCode = (typeof SUPPORTED_LOCALES)[number];

/** Locales written right to left. */
export const RTL_LOCALES: readonly LocaleCode[] = ['ur'];

/** The language SWD approves in: every translation is made from it. */
export const SOURCE_LOCALE = 'zh-HK';

/** Each locale's name in English, for messages to staff. */
export const LOCALE_NAMES: Readonly<Record<LocaleCode, string>> = {
  'zh-HK': 'Traditional Chinese',
  en: 'English',
  id: 'Indonesian',
  tl: 'Tagalog',
  th: 'Thai',
  hi: 'Hindi',
  ne: 'Nepali',
  pa: 'Punjabi',
  ur: 'Urdu',
  vi: 'Vietnamese',
};

/** Names locales for a sentence: "Indonesian (id), Thai (th)". */
export function localeList(codes: string[]): string {
  return codes.map((c) => `${LOCALE_NAMES[c as LocaleCode] ?? c} (${c})`).join(', ');
}

/** Names an element inside a sentence: `question "name"`, or by its path when it has none. */
export function elementLabel(element: SurveyElement, path: string): string {
  return typeof element.name === 'string' && element.name
    ? `question "${element.name}"`
    : `the question at ${path}`;
}

/** The element types a questionnaire may use (SurveyJS's, plus our `likert`). */
export const ELEMENT_TYPES = [
  'likert',
  'radiogroup',
  'checkbox',
  'dropdown',
  'text',
  'comment',
  'html',
  'boolean',
  'rating',
  'panel',
] as const;

/** A participant-visible text, keyed by our locale codes. */
export type LocalisedText = Record<string, string>;

export type ScoringRule = 'all' | 'majority' | 'mean';
export const SCORING_RULES: readonly ScoringRule[] = ['all', 'majority', 'mean'];

/** A choice of a radiogroup, checkbox or dropdown (SurveyJS also allows a bare value). */
export type Choice =
  { value: unknown; text?: LocalisedText; [key: string]: unknown } | string | number;

/** A question or panel in SurveyJS's vocabulary, plus our `likert` type and `outcomeStandard`. */
export interface SurveyElement {
  type: string;
  name?: string;
  title?: LocalisedText;
  description?: LocalisedText;
  outcomeStandard?: number;
  choices?: Choice[];
  elements?: SurveyElement[];
  [key: string]: unknown;
}

export interface SurveyPage {
  name?: string;
  title?: LocalisedText;
  description?: LocalisedText;
  elements?: SurveyElement[];
  [key: string]: unknown;
}

export interface SurveyDefinition {
  title?: LocalisedText;
  description?: LocalisedText;
  /** How the `likert` items look (presentation only: values and scoring are the same). */
  likertStyle?: LikertStyle;
  pages?: SurveyPage[];
  [key: string]: unknown;
}

/**
 * How a questionnaire shows its five-point items: as five worded buttons, or as five faces from
 * very happy (strongly agree) to very sad (strongly disagree), the neutral face being "no
 * opinion", each still carrying its words for screen readers and on paper. Part of the approved
 * definition (`survey.likertStyle`), so SWD sees a change in the version's diff. The helpers
 * (LIKERT_STYLES, defaultLikertStyle, likertStyleOf) are in likert.ts, outside the kiosk's
 * first bundle.
 */
export type LikertStyle = 'words' | 'faces';

/** A questionnaire definition (API.md, "Questionnaire definition"). */
export interface QuestionnaireDefinition {
  programme: string;
  population: string;
  locales: string[];
  scoring?: Record<string, ScoringRule>;
  survey: SurveyDefinition;
}

/** An element found in a definition, with its JSON path such as `survey.pages.0.elements.2`. */
export interface ElementRef {
  path: string;
  element: SurveyElement;
}

// Walks tolerate malformed input (non-arrays, non-objects) because rules.ts runs them on
// whatever a client sent before it knows the shape is right.
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const arrayOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The pages of a definition's survey with their paths (objects only). */
export function allPages(definition: unknown): { path: string; page: SurveyPage }[] {
  const survey = isObject(definition) ? definition.survey : undefined;
  const pages = isObject(survey) ? arrayOf(survey.pages) : [];
  return pages.flatMap((page, i) =>
    isObject(page) ? [{ path: `survey.pages.${i}`, page: page as SurveyPage }] : [],
  );
}

/** Every element, panels included, depth first in the order a participant meets them. */
export function allElements(definition: unknown): ElementRef[] {
  const found: ElementRef[] = [];
  const walk = (elements: unknown, path: string) => {
    arrayOf(elements).forEach((element, i) => {
      if (!isObject(element)) return;
      const elementPath = `${path}.${i}`;
      found.push({ path: elementPath, element: element as SurveyElement });
      if (element.type === 'panel') walk(element.elements, `${elementPath}.elements`);
    });
  };
  for (const { path, page } of allPages(definition)) walk(page.elements, `${path}.elements`);
  return found;
}

/** Every question (every element but panels), through pages and nested panels. */
export function allQuestions(definition: unknown): ElementRef[] {
  return allElements(definition).filter(({ element }) => element.type !== 'panel');
}

/** The likert questions mapped to an outcome standard, by standard number (ascending). */
export function outcomeItems(definition: unknown): Map<number, ElementRef[]> {
  const byStandard = new Map<number, ElementRef[]>();
  for (const ref of allQuestions(definition)) {
    const standard = ref.element.outcomeStandard;
    if (ref.element.type !== 'likert' || typeof standard !== 'number') continue;
    byStandard.set(standard, [...(byStandard.get(standard) ?? []), ref]);
  }
  return new Map([...byStandard].sort(([a], [b]) => a - b));
}

/** The outcome standards a definition measures, ascending. */
export function measuredStandards(definition: unknown): number[] {
  return [...outcomeItems(definition).keys()];
}

// SurveyJS's localisable properties (from Serializer: `isLocalizable`) for the element types we
// allow, minus `logo` (a URL) and `dataList` (an array, not a text). A participant sees each.
const SURVEY_TEXTS = [
  'title',
  'description',
  'completedHtml',
  'completedBeforeHtml',
  'loadingHtml',
  'startSurveyText',
  'pagePrevText',
  'pageNextText',
  'completeText',
  'previewText',
  'editText',
];
const PAGE_TEXTS = ['title', 'description', 'navigationTitle', 'navigationDescription'];
const ELEMENT_TEXTS = [
  'title',
  'description',
  'html',
  'placeholder',
  'requiredErrorText',
  'commentText',
  'commentPlaceholder',
  'otherText',
  'otherPlaceholder',
  'otherErrorText',
  'noneText',
  'refuseText',
  'dontKnowText',
  'selectAllText',
  'createCustomChoiceText',
  'minErrorText',
  'maxErrorText',
  'stepErrorText',
  'labelTrue',
  'labelFalse',
  'minRateDescription',
  'maxRateDescription',
  'defaultDisplayValue',
];
// Arrays whose items carry a localisable `text`, and the item property that identifies one.
const ITEM_LISTS: [list: string, idKey: string][] = [
  ['choices', 'value'],
  ['rateValues', 'value'],
  ['validators', 'type'],
];

/**
 * A localisable value found in a definition: `path` is its JSON path; `key` names the same text
 * by element name and choice value, so it survives questions being moved or inserted.
 */
export interface LocalisableValue {
  path: string;
  key: string;
  value: unknown;
}

/** Every participant-visible localisable value present in a definition, whatever its shape. */
export function localisableValues(definition: unknown): LocalisableValue[] {
  const found: LocalisableValue[] = [];
  const collect = (owner: Record<string, unknown>, props: string[], path: string, key: string) => {
    for (const prop of props) {
      if (owner[prop] !== undefined)
        found.push({ path: `${path}.${prop}`, key: `${key}.${prop}`, value: owner[prop] });
    }
  };
  const survey = isObject(definition) ? definition.survey : undefined;
  if (!isObject(survey)) return found;
  collect(survey, SURVEY_TEXTS, 'survey', 'survey');
  arrayOf(survey.completedHtmlOnCondition).forEach((item, i) => {
    if (isObject(item))
      collect(
        item,
        ['html'],
        `survey.completedHtmlOnCondition.${i}`,
        `survey.completedHtmlOnCondition.${i}`,
      );
  });
  for (const { path, page } of allPages(definition)) {
    collect(page, PAGE_TEXTS, path, typeof page.name === 'string' ? `page:${page.name}` : path);
  }
  for (const { path, element } of allElements(definition)) {
    const key = typeof element.name === 'string' ? `element:${element.name}` : path;
    collect(element, ELEMENT_TEXTS, path, key);
    for (const [list, idKey] of ITEM_LISTS) {
      arrayOf(element[list]).forEach((item, i) => {
        if (!isObject(item)) {
          // A bare choice value is shown to participants as is: untranslated text.
          if (list === 'choices')
            found.push({
              path: `${path}.${list}.${i}`,
              key: `${key}.${list}[${String(item)}]`,
              value: item,
            });
          return;
        }
        const id = list === 'validators' ? i : String(item[idKey]);
        collect(item, ['text'], `${path}.${list}.${i}`, `${key}.${list}[${id}]`);
      });
    }
  }
  return found;
}

/**
 * Every rule a definition can break, as a problem's `rule` names it (questionnaires/rules.ts and
 * translations.ts, likert.ts). The designer says each in the reader's language (designer.json, rules.problem).
 */
export const RULES = [
  'required',
  'notLanguageList',
  'scoringNotMap',
  'unknownField',
  'noProgramme',
  'noPopulation',
  'notObject',
  'tooLarge',
  'noLanguages',
  'unsupportedLanguage',
  'languageTwice',
  'languageRequired',
  'surveyNotObject',
  'likertStyleUnknown',
  'noPages',
  'tooManyPages',
  'notQuestionList',
  'noType',
  'unknownType',
  'nameRequired',
  'nameForm',
  'nameReserved',
  'nameTooLong',
  'nameTaken',
  'likertChoices',
  'noChoices',
  'tooManyChoices',
  'choiceValueRequired',
  'choiceValueTaken',
  'tooManyQuestions',
  'outcomeNotLikert',
  'outcomeNumber',
  'outcomeUnknown',
  'outcomeNotAllowed',
  'outcomeRequired',
  'scoringRequired',
  'scoringUnused',
  'scoringRule',
  'textNotTranslated',
  'textMissing',
  'textExtra',
  'textTooLong',
  'surveyUnreadable',
  'settingUnknown',
  'settingRequired',
] as const;
export type Rule = (typeof RULES)[number];

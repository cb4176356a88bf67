// Pure edits of a questionnaire definition: each takes a definition and returns a new one,
// leaving the original untouched, so React sees every change and undo stays possible.
import {
  outcomeItems,
  SOURCE_LOCALE,
  type Choice,
  type QuestionnaireDefinition,
  type ScoringRule,
  type SurveyElement,
  type SurveyPage,
} from '../../server/domain/definition.ts';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The question types the designer offers (other types are kept as they are). */
export const EDITABLE_TYPES = ['likert', 'radiogroup', 'checkbox', 'text', 'comment'] as const;
export type EditableType = (typeof EDITABLE_TYPES)[number];
const CHOICE_TYPES = new Set(['radiogroup', 'checkbox', 'dropdown']);

/** True for question types that list their own choices. */
export const hasChoices = (type: string) => CHOICE_TYPES.has(type);

const segments = (path: string): string[] => (path ? path.split('.') : []);

/** The value at a dotted JSON path such as `survey.pages.0.elements.2.title`. */
export function getAt(root: unknown, path: string): unknown {
  let value = root;
  for (const key of segments(path)) {
    if (Array.isArray(value)) value = value[Number(key)];
    else if (isObject(value)) value = value[key];
    else return undefined;
  }
  return value;
}

// Copies the containers along `keys` and replaces the value at its end with `change(old)`.
function updateIn(value: unknown, keys: string[], change: (old: unknown) => unknown): unknown {
  if (!keys.length) return change(value);
  const [key, ...rest] = keys as [string, ...string[]];
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[Number(key)] = updateIn(copy[Number(key)], rest, change);
    return copy;
  }
  const copy: Json = isObject(value) ? { ...value } : {};
  const next = updateIn(copy[key], rest, change);
  if (next === undefined) delete copy[key];
  else copy[key] = next;
  return copy;
}

/** A copy with the value at `path` replaced by `change(old)` (undefined removes a property). */
export function updateAt<T>(root: T, path: string, change: (old: unknown) => unknown): T {
  return updateIn(root, segments(path), change) as T;
}

/** The path of a page's element: `survey.pages.{page}.elements.{index}`. */
export const elementPath = (page: number, index: number) =>
  `survey.pages.${page}.elements.${index}`;

/** The pages of a definition (none for an empty draft). */
export const pagesOf = (definition: QuestionnaireDefinition): SurveyPage[] =>
  Array.isArray(definition.survey?.pages) ? definition.survey.pages.filter(isObject) : [];

const elementsOf = (page: SurveyPage | undefined): SurveyElement[] =>
  Array.isArray(page?.elements) ? page.elements : [];

/** The listed locales, Traditional Chinese first (the source every translation comes from). */
export function orderedLocales(definition: QuestionnaireDefinition): string[] {
  const listed = Array.isArray(definition.locales)
    ? definition.locales.filter((l): l is string => typeof l === 'string')
    : [];
  const unique = [...new Set(listed)];
  return [SOURCE_LOCALE, ...unique.filter((l) => l !== SOURCE_LOCALE)];
}

/** A localised text's string in one locale ('' when there is none). */
export function textIn(value: unknown, locale: string): string {
  if (!isObject(value)) return '';
  const text = value[locale];
  return typeof text === 'string' ? text : '';
}

/** True when a localised text has no non-blank string in `locale`. */
export const isMissing = (value: unknown, locale: string) => !textIn(value, locale).trim();

/**
 * Sets one locale's text of the localisable value at `path` (a title, a choice's text…). A
 * bare choice value becomes `{value, text}`, and a plain string an object keyed by locale.
 */
export function setText(
  definition: QuestionnaireDefinition,
  path: string,
  locale: string,
  text: string,
): QuestionnaireDefinition {
  const bareChoice = /\.choices\.\d+$/.test(path) && !isObject(getAt(definition, path));
  if (bareChoice) {
    return updateAt(definition, path, (value) => ({ value, text: { [locale]: text } }));
  }
  return updateAt(definition, path, (old) => ({ ...(isObject(old) ? old : {}), [locale]: text }));
}

/** An empty text in each listed locale: shown as missing until someone writes it. */
const emptyText = (definition: QuestionnaireDefinition) =>
  Object.fromEntries(orderedLocales(definition).map((l) => [l, '']));

/** A name no element uses yet: `{base}_1`, `{base}_2`, … */
export function unusedName(definition: QuestionnaireDefinition, base: string): string {
  const used = new Set(pagesOf(definition).flatMap((p) => elementsOf(p).map((e) => e.name)));
  let n = 1;
  while (used.has(`${base}_${n}`)) n++;
  return `${base}_${n}`;
}

function newChoice(definition: QuestionnaireDefinition, existing: Choice[]): Choice {
  const used = new Set(existing.map((c) => String(isObject(c) ? c.value : c)));
  let n = existing.length + 1;
  while (used.has(`option_${n}`)) n++;
  return { value: `option_${n}`, text: emptyText(definition) };
}

/** Appends a new question of `type` to a page (the last one by default); returns its path. */
export function addItem(
  definition: QuestionnaireDefinition,
  type: EditableType,
  page = Math.max(pagesOf(definition).length - 1, 0),
): { definition: QuestionnaireDefinition; path: string } {
  const element: SurveyElement = {
    type,
    name: unusedName(definition, type === 'likert' ? 'agreement' : 'question'),
    title: emptyText(definition),
  };
  if (hasChoices(type)) {
    const first = newChoice(definition, []);
    element.choices = [first, newChoice(definition, [first])];
  }
  let next = definition;
  if (!pagesOf(definition).length) {
    next = updateAt(next, 'survey.pages', () => [{ name: 'page1', elements: [] }]);
  }
  const index = elementsOf(pagesOf(next)[page]).length;
  next = updateAt(next, `survey.pages.${page}.elements`, (list) => [
    ...(Array.isArray(list) ? list : []),
    element,
  ]);
  return { definition: next, path: elementPath(page, index) };
}

/** Removes a page's element (and a scoring rule left without questions). */
export function removeItem(
  definition: QuestionnaireDefinition,
  page: number,
  index: number,
): QuestionnaireDefinition {
  const next = updateAt(definition, `survey.pages.${page}.elements`, (list) =>
    (Array.isArray(list) ? list : []).filter((_, i) => i !== index),
  );
  return tidyScoring(next);
}

/**
 * Moves an element one place up (-1) or down (+1); past the start or end of its page it moves
 * to the end of the previous page or the start of the next. Returns its new place, or null.
 */
export function moveItem(
  definition: QuestionnaireDefinition,
  page: number,
  index: number,
  delta: -1 | 1,
): { definition: QuestionnaireDefinition; page: number; index: number } | null {
  const pages = pagesOf(definition);
  const elements = elementsOf(pages[page]);
  const element = elements[index];
  if (!element) return null;
  const target = index + delta;
  if (target >= 0 && target < elements.length) {
    const moved = [...elements];
    moved[index] = moved[target]!;
    moved[target] = element;
    return {
      definition: updateAt(definition, `survey.pages.${page}.elements`, () => moved),
      page,
      index: target,
    };
  }
  const toPage = page + delta;
  if (toPage < 0 || toPage >= pages.length) return null;
  let next = updateAt(definition, `survey.pages.${page}.elements`, () =>
    elements.filter((_, i) => i !== index),
  );
  const destination = elementsOf(pages[toPage]);
  next = updateAt(next, `survey.pages.${toPage}.elements`, () =>
    delta < 0 ? [...destination, element] : [element, ...destination],
  );
  return { definition: next, page: toPage, index: delta < 0 ? destination.length : 0 };
}

/** Sets a property of the element at `path` (undefined removes it). */
export function setElementProperty(
  definition: QuestionnaireDefinition,
  path: string,
  property: string,
  value: unknown,
): QuestionnaireDefinition {
  return updateAt(definition, `${path}.${property}`, () => value);
}

/**
 * Changes a question's type: only likert questions keep an outcome standard; choice questions
 * get two empty choices when they have none; others lose their choices.
 */
export function setElementType(
  definition: QuestionnaireDefinition,
  path: string,
  type: string,
): QuestionnaireDefinition {
  const next = updateAt(definition, path, (old) => {
    const element: Json = { ...(isObject(old) ? old : {}), type };
    if (type !== 'likert') delete element.outcomeStandard;
    if (hasChoices(type)) {
      if (!Array.isArray(element.choices) || !element.choices.length) {
        const first = newChoice(definition, []);
        element.choices = [first, newChoice(definition, [first])];
      }
    } else delete element.choices;
    return element;
  });
  return tidyScoring(next);
}

/** Maps a likert question to an outcome standard, or to none (a context question). */
export function setOutcome(
  definition: QuestionnaireDefinition,
  path: string,
  standard: number | null,
): QuestionnaireDefinition {
  return tidyScoring(
    setElementProperty(definition, path, 'outcomeStandard', standard ?? undefined),
  );
}

/** The scoring rules an edit dropped (their outcome standard is no longer measured by any question). */
export function droppedScoring(
  before: QuestionnaireDefinition,
  after: QuestionnaireDefinition,
): { standard: number; rule: string }[] {
  const was = isObject(before.scoring) ? before.scoring : {};
  const now = isObject(after.scoring) ? after.scoring : {};
  return Object.entries(was)
    .filter(([standard]) => !(standard in now))
    .map(([standard, rule]) => ({ standard: Number(standard), rule: String(rule) }));
}

/** Adds an empty choice to the question at `path`. */
export function addChoice(definition: QuestionnaireDefinition, path: string) {
  return updateAt(definition, `${path}.choices`, (list) => {
    const choices = Array.isArray(list) ? (list as Choice[]) : [];
    return [...choices, newChoice(definition, choices)];
  });
}

/** Removes choice `index` of the question at `path`. */
export function removeChoice(definition: QuestionnaireDefinition, path: string, index: number) {
  return updateAt(definition, `${path}.choices`, (list) =>
    (Array.isArray(list) ? list : []).filter((_, i) => i !== index),
  );
}

/** Sets the stored value of choice `index` (what an answer records). */
export function setChoiceValue(
  definition: QuestionnaireDefinition,
  path: string,
  index: number,
  value: string,
) {
  return updateAt(definition, `${path}.choices.${index}`, (old) =>
    isObject(old) ? { ...old, value } : { value },
  );
}

/** Sets how an outcome's items combine into one person's answer (null removes the rule). */
export function setScoring(
  definition: QuestionnaireDefinition,
  standard: number,
  rule: ScoringRule | null,
): QuestionnaireDefinition {
  const scoring = { ...(isObject(definition.scoring) ? definition.scoring : {}) };
  if (rule) scoring[String(standard)] = rule;
  else delete scoring[String(standard)];
  const { scoring: _old, ...rest } = definition;
  return Object.keys(scoring).length ? { ...rest, scoring } : rest;
}

/** Drops scoring rules for outcomes no question measures any more (a broken rule otherwise). */
export function tidyScoring(definition: QuestionnaireDefinition): QuestionnaireDefinition {
  if (!isObject(definition.scoring)) return definition;
  const measured = new Set([...outcomeItems(definition).keys()].map(String));
  const kept = Object.entries(definition.scoring).filter(([n]) => measured.has(n));
  if (kept.length === Object.keys(definition.scoring).length) return definition;
  const { scoring: _old, ...rest } = definition;
  return kept.length ? { ...rest, scoring: Object.fromEntries(kept) } : rest;
}

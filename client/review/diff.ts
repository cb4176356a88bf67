// The difference between two questionnaire definitions, as SWD reads it: questionnaire-level
// settings, then item by item (items matched by their `name`). Pure functions, no React.
import {
  allElements,
  allPages,
  SUPPORTED_LOCALES,
  type QuestionnaireDefinition,
  type SurveyElement,
} from '../../server/domain/definition.ts';

/** One compared property: `locale` is set for one language of a localised text. */
export interface FieldChange {
  field: string;
  locale?: string;
  /** The page a page-level property belongs to (its name, or its number from 1). */
  page?: string;
  before: unknown;
  after: unknown;
}

export type ItemChangeKind = 'added' | 'removed' | 'changed' | 'unchanged';

/** One item (question, panel or static text) in either version. */
export interface ItemDiff {
  name: string;
  kind: ItemChangeKind;
  /** The item as it is in the newer version (the older one for a removed item). */
  element: SurveyElement;
  /** Changed properties only; for an added or removed item, all of its properties. */
  fields: FieldChange[];
}

/** What differs between two versions of a questionnaire. */
export interface DefinitionDiff {
  /** Questionnaire-level changes: programme, population, locales, scoring, survey and page texts. */
  questionnaire: FieldChange[];
  /** Every item: the newer version's order, then the removed ones. */
  items: ItemDiff[];
  /** The order of the items both versions have, when it changed. */
  order: { before: string[]; after: string[] } | null;
}

type Fields = Map<string, Omit<FieldChange, 'before' | 'after'> & { value: unknown }>;

const LOCALES = new Set<string>(SUPPORTED_LOCALES);
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** True for `{"zh-HK": "…", "en": "…"}`: every key one of our locales, every value a string. */
export function isLocalisedText(value: unknown): value is Record<string, string> {
  if (!isObject(value)) return false;
  const entries = Object.entries(value);
  return entries.length > 0 && entries.every(([k, v]) => LOCALES.has(k) && typeof v === 'string');
}

/** JSON with object keys sorted: equal for equal content whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value))
    return `{${Object.keys(value)
      .sort()
      .filter((k) => value[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

const sameValue = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

// Properties first in this order, the rest alphabetically.
const FIELD_ORDER = ['type', 'outcomeStandard', 'title', 'description', 'html', 'choiceValues'];
const fieldRank = (field: string) => {
  const rank = FIELD_ORDER.indexOf(field);
  return rank < 0 ? FIELD_ORDER.length : rank;
};

/** A choice's value, and its text in one locale (a bare choice is its own text). */
function choiceParts(choice: unknown): { value: unknown; text: unknown } {
  return isObject(choice)
    ? { value: choice.value, text: choice.text }
    : { value: choice, text: choice };
}

/** The comparable properties of an object, localised texts split per locale. */
function fieldsOf(owner: Record<string, unknown>, skip: string[], page?: string): Fields {
  const fields: Fields = new Map();
  const add = (field: string, value: unknown, locale?: string) =>
    fields.set(locale ? `${field}:${locale}` : field, {
      field,
      value,
      ...(locale ? { locale } : {}),
      ...(page ? { page } : {}),
    });
  const keys = Object.keys(owner)
    .filter((k) => !skip.includes(k) && owner[k] !== undefined)
    .sort((a, b) => fieldRank(a) - fieldRank(b) || a.localeCompare(b));
  for (const key of keys) {
    const value = owner[key];
    if (key === 'choices' && Array.isArray(value)) {
      const parts = value.map(choiceParts);
      add(
        'choiceValues',
        parts.map((p) => String(p.value)),
      );
      for (const locale of SUPPORTED_LOCALES) {
        if (!parts.some((p) => isLocalisedText(p.text) && locale in p.text)) continue;
        const texts = parts.map((p) => (isLocalisedText(p.text) ? p.text[locale] : p.text));
        add(
          'choices',
          texts.map((text) => (text === undefined ? '' : String(text))),
          locale,
        );
      }
    } else if (isLocalisedText(value)) {
      for (const locale of SUPPORTED_LOCALES) if (locale in value) add(key, value[locale], locale);
    } else add(key, value);
  }
  return fields;
}

/** The properties whose values differ (present in one only, or unequal). */
export function compareFields(before: Fields, after: Fields): FieldChange[] {
  const keys = [...after.keys(), ...[...before.keys()].filter((k) => !after.has(k))];
  return keys.flatMap((key) => {
    const b = before.get(key);
    const a = after.get(key);
    if (b && a && sameValue(b.value, a.value)) return [];
    const { value: _b, ...where } = (a ?? b)!;
    return [{ ...where, before: b?.value, after: a?.value }];
  });
}

const allFields = (fields: Fields, side: 'before' | 'after'): FieldChange[] =>
  [...fields.values()].map(({ value, ...where }) => ({
    ...where,
    before: side === 'before' ? value : undefined,
    after: side === 'after' ? value : undefined,
  }));

/** Items by name (or by path when an item has none), in the order a participant meets them. */
export function itemsByName(definition: unknown): Map<string, SurveyElement> {
  return new Map(
    allElements(definition).map(({ path, element }) => [
      typeof element.name === 'string' && element.name ? element.name : path,
      element,
    ]),
  );
}

const ELEMENT_SKIP = ['name', 'elements'];

/** The item-by-item difference of two definitions (`before` the approved one). */
export function diffItems(before: unknown, after: unknown): ItemDiff[] {
  const old = itemsByName(before);
  const current = itemsByName(after);
  const items: ItemDiff[] = [...current].map(([name, element]) => {
    const previous = old.get(name);
    const now = fieldsOf(element, ELEMENT_SKIP);
    if (!previous) return { name, kind: 'added', element, fields: allFields(now, 'after') };
    const fields = compareFields(fieldsOf(previous, ELEMENT_SKIP), now);
    return { name, kind: fields.length ? 'changed' : 'unchanged', element, fields };
  });
  for (const [name, element] of old) {
    if (!current.has(name))
      items.push({
        name,
        kind: 'removed',
        element,
        fields: allFields(fieldsOf(element, ELEMENT_SKIP), 'before'),
      });
  }
  return items;
}

/** Questionnaire-level properties: the definition's settings, the survey's and each page's. */
function questionnaireFields(definition: unknown): Fields {
  const fields: Fields = new Map();
  if (!isObject(definition)) return fields;
  const merge = (more: Fields, prefix = '') =>
    more.forEach((value, key) => fields.set(`${prefix}${key}`, value));
  merge(fieldsOf(definition, ['survey']));
  const survey = isObject(definition.survey) ? definition.survey : {};
  merge(fieldsOf(survey, ['pages']), 'survey.');
  allPages(definition).forEach(({ page }, i) => {
    const name = typeof page.name === 'string' && page.name ? page.name : String(i + 1);
    merge(fieldsOf(page, ['name', 'elements'], name), `page:${name}.`);
  });
  return fields;
}

/** The names both versions have, in each version's order, when that order changed. */
export function orderChange(
  before: unknown,
  after: unknown,
): { before: string[]; after: string[] } | null {
  const oldNames = [...itemsByName(before).keys()];
  const newNames = [...itemsByName(after).keys()];
  const common = (names: string[], other: string[]) => names.filter((n) => other.includes(n));
  const b = common(oldNames, newNames);
  const a = common(newNames, oldNames);
  return sameValue(a, b) ? null : { before: b, after: a };
}

/** Everything that differs between the approved `before` and the submitted `after`. */
export function diffDefinitions(
  before: QuestionnaireDefinition,
  after: QuestionnaireDefinition,
): DefinitionDiff {
  return {
    questionnaire: compareFields(questionnaireFields(before), questionnaireFields(after)),
    items: diffItems(before, after),
    order: orderChange(before, after),
  };
}

/**
 * Which entries of one version's list (or scoring) differ from the other version's: by place in a
 * list, by outcome standard in the scoring. None when the other version has nothing to compare.
 */
export function changedEntries(value: unknown, other: unknown): boolean[] {
  if (Array.isArray(value))
    return value.map((entry, i) => Array.isArray(other) && !sameValue(entry, other[i]));
  if (isObject(value))
    return Object.entries(value).map(
      ([key, entry]) => isObject(other) && !sameValue(entry, other[key]),
    );
  return [];
}

/** True when the two versions differ in nothing SWD would see here. */
export const isEmptyDiff = (diff: DefinitionDiff) =>
  !diff.questionnaire.length && !diff.order && diff.items.every((i) => i.kind === 'unchanged');

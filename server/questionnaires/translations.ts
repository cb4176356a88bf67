// Translation bookkeeping (API.md, "Questionnaire versions"): for each locale a status, and for
// each translated string the hash of the Traditional Chinese text it was translated from. It
// lives beside the definition, outside its contentHash. Pure; server only (node:crypto).
import { createHash } from 'node:crypto';
import { ruleDetail, type ErrorDetail, type RuleParams } from '../errors.ts';
import {
  allElements,
  allPages,
  elementLabel,
  localeList,
  localisableValues,
  SOURCE_LOCALE,
  type LocalisedText,
  type QuestionnaireDefinition,
  type Rule,
} from '../domain/definition.ts';

export type LocaleStatus = 'draft' | 'reviewed';

export interface TranslationState {
  locales: Record<string, LocaleStatus>;
  /** string path → locale → sha256 hex of the zh-HK text the translation was made from. */
  sources: Record<string, Record<string, string>>;
  /**
   * While a locale is draft as a whole: the strings (by path) in it that a translator marked
   * reviewed, string by string (a translation file's status column). A reviewed locale needs none.
   */
  reviewed?: Record<string, string[]>;
}

/** A translatable string of a definition: its JSON path and its texts by locale. */
export interface TranslatableString {
  path: string;
  /** Identity by element name and choice value, stable when questions move. */
  key: string;
  texts: LocalisedText;
}

/** A translation that needs a translator's attention. */
export interface StaleString {
  path: string;
  locale: string;
}

/** The SHA-256 (hex) of a zh-HK text, as recorded in `sources`. */
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** One string's status in a locale: the locale's, unless a draft locale marks it reviewed. */
export function stringStatus(state: TranslationState, locale: string, path: string): LocaleStatus {
  return state.locales?.[locale] === 'reviewed' || state.reviewed?.[locale]?.includes(path)
    ? 'reviewed'
    : 'draft';
}

/** Every participant-visible localised text of a definition, in the order they appear. */
export function translatableStrings(definition: QuestionnaireDefinition): TranslatableString[] {
  return localisableValues(definition).flatMap(({ path, key, value }) => {
    // Plain strings and other shapes carry no translations; rules.ts reports them.
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
    const texts = Object.fromEntries(
      Object.entries(value).filter(([, text]) => typeof text === 'string' && text !== ''),
    ) as LocalisedText;
    return [{ path, key, texts }];
  });
}

// Drafts may lack `locales` or hold junk in it: bookkeeping must not throw on them.
const listedLocales = (definition: QuestionnaireDefinition): string[] =>
  Array.isArray(definition.locales)
    ? [...new Set(definition.locales.filter((l): l is string => typeof l === 'string'))]
    : [];
const translatedLocales = (definition: QuestionnaireDefinition) =>
  listedLocales(definition).filter((locale) => locale !== SOURCE_LOCALE);

/**
 * Bookkeeping for a definition taken as it is: every existing translation is recorded as made
 * from the current zh-HK text; each listed locale gets its status from `statuses`, else reviewed.
 */
export function freshState(
  definition: QuestionnaireDefinition,
  statuses: Partial<Record<string, LocaleStatus>> = {},
): TranslationState {
  const locales = Object.fromEntries(
    listedLocales(definition).map((locale) => [locale, statuses[locale] ?? 'reviewed']),
  );
  return confirmAll(definition, { locales, sources: {} }, translatedLocales(definition));
}

/** The translations whose recorded source is missing or is not the current zh-HK text. */
export function staleStrings(
  definition: QuestionnaireDefinition,
  state: TranslationState,
): StaleString[] {
  const stale: StaleString[] = [];
  for (const { path, texts } of translatableStrings(definition)) {
    const source = texts[SOURCE_LOCALE];
    if (source === undefined) continue; // nothing to translate from: a rule violation, not staleness
    const hash = sha256(source);
    for (const locale of translatedLocales(definition)) {
      if (state.sources?.[path]?.[locale] !== hash) stale.push({ path, locale });
    }
  }
  return stale;
}

/**
 * Marks the translations into `locale` (all, or those at `paths`) as made from the current
 * zh-HK text; strings without a translation in that locale are left alone.
 */
export function confirmTranslations(
  definition: QuestionnaireDefinition,
  state: TranslationState,
  { locale, paths }: { locale: string; paths?: string[] },
): TranslationState {
  if (locale === SOURCE_LOCALE) return state;
  return confirmAll(definition, state, [locale], paths && new Set(paths));
}

function confirmAll(
  definition: QuestionnaireDefinition,
  state: TranslationState,
  locales: string[],
  only?: Set<string>,
): TranslationState {
  const sources = { ...state.sources };
  for (const { path, texts } of translatableStrings(definition)) {
    const source = texts[SOURCE_LOCALE];
    if (source === undefined || (only && !only.has(path))) continue;
    for (const locale of locales) {
      if (texts[locale] === undefined) continue;
      sources[path] = { ...sources[path], [locale]: sha256(source) };
    }
  }
  return { locales: { ...state.locales }, sources };
}

/**
 * Carries bookkeeping across an edit. Strings are matched by element name and choice value, so
 * moving or inserting questions keeps records. Per string and locale: zh-HK unchanged → the
 * record stays, or is renewed when the translation itself changed (the translator updated it);
 * zh-HK changed → the old record stays, so the translation turns stale; a new string is
 * recorded only where it already has the translation. Newly listed locales start as draft.
 */
export function updateState(
  previousDefinition: QuestionnaireDefinition,
  previousState: TranslationState,
  nextDefinition: QuestionnaireDefinition,
): TranslationState {
  const previous = new Map(translatableStrings(previousDefinition).map((s) => [s.key, s]));
  const sources: TranslationState['sources'] = {};
  for (const { path, key, texts } of translatableStrings(nextDefinition)) {
    const source = texts[SOURCE_LOCALE];
    const before = previous.get(key);
    const record: Record<string, string> = {};
    for (const locale of translatedLocales(nextDefinition)) {
      const translation = texts[locale];
      if (source === undefined || translation === undefined) continue;
      const kept = before && previousState.sources?.[before.path]?.[locale];
      if (!before) record[locale] = sha256(source);
      else if (before.texts[SOURCE_LOCALE] !== source) {
        if (kept) record[locale] = kept;
      } else if (before.texts[locale] !== translation) record[locale] = sha256(source);
      else if (kept) record[locale] = kept;
    }
    if (Object.keys(record).length) sources[path] = record;
  }
  const locales = Object.fromEntries(
    listedLocales(nextDefinition).map((locale) => [
      locale,
      previousState.locales?.[locale] ?? 'draft',
    ]),
  );
  const reviewed = carryReviewed(previous, previousState, nextDefinition);
  return { locales, sources, ...(reviewed ? { reviewed } : {}) };
}

// A string marked reviewed stays so while neither its zh-HK text nor its translation changed.
function carryReviewed(
  previous: Map<string, TranslatableString>,
  previousState: TranslationState,
  nextDefinition: QuestionnaireDefinition,
): TranslationState['reviewed'] {
  if (!previousState.reviewed) return undefined;
  const previousPaths = new Map([...previous.values()].map((s) => [s.path, s]));
  const next = new Map(translatableStrings(nextDefinition).map((s) => [s.key, s]));
  const carried = Object.entries(previousState.reviewed).map(([locale, paths]) => [
    locale,
    paths.flatMap((path) => {
      const before = previousPaths.get(path);
      const after = before && next.get(before.key);
      return after &&
        after.texts[SOURCE_LOCALE] === before.texts[SOURCE_LOCALE] &&
        after.texts[locale] === before.texts[locale]
        ? [after.path]
        : [];
    }),
  ]);
  return Object.fromEntries(carried.filter(([, paths]) => paths!.length));
}

/**
 * Every participant-visible text that is not an object with a non-empty text, of at most
 * `maxLength` characters, in exactly `locales` (null: the list is unusable, check texts only).
 */
export function untranslatedTexts(
  definition: unknown,
  locales: string[] | null,
  maxLength: number,
): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const fail = (path: string, message: string, rule: Rule, params: RuleParams) =>
    problems.push(ruleDetail(path, message, rule, params));
  const elements = new Map(allElements(definition).map(({ path, element }) => [path, element]));
  const pages = new Set(allPages(definition).map(({ path }) => path));
  const describe = (path: string) => {
    const owner = path.slice(0, path.lastIndexOf('.'));
    const prop = path.slice(path.lastIndexOf('.') + 1);
    const choice = /^(.*)\.choices\.(\d+)(\.text)?$/.exec(path);
    const ownerElement = elements.get(choice ? choice[1]! : owner);
    if (choice && ownerElement)
      return `Choice ${Number(choice[2]) + 1} of ${elementLabel(ownerElement, choice[1]!)}`;
    if (ownerElement) return `The ${prop} of ${elementLabel(ownerElement, owner)}`;
    if (pages.has(owner)) return `The ${prop} of page ${Number(owner.split('.')[2]) + 1}`;
    return owner === 'survey' ? `The survey ${prop}` : `The text at ${path}`;
  };
  for (const { path, value } of localisableValues(definition)) {
    const what = describe(path);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      fail(
        path,
        `${what} must be translated: give a text for each of ${locales ? localeList(locales) : 'the languages'}.`,
        'textNotTranslated',
        { locales: locales ?? [] },
      );
      continue;
    }
    const text = value as Record<string, unknown>;
    const given = Object.keys(text);
    const missing = (locales ?? given).filter(
      (code) => typeof text[code] !== 'string' || !(text[code] as string).trim(),
    );
    const extra = locales ? given.filter((code) => !locales.includes(code)) : [];
    const long = given.filter(
      (code) => typeof text[code] === 'string' && (text[code] as string).length > maxLength,
    );
    if (missing.length)
      fail(path, `${what} has no text in ${localeList(missing)}.`, 'textMissing', {
        locales: missing,
      });
    if (extra.length)
      fail(
        path,
        `${what} has text in ${localeList(extra)}, which is not among the questionnaire's languages.`,
        'textExtra',
        { locales: extra },
      );
    if (long.length)
      fail(
        path,
        `${what} is longer than ${maxLength.toLocaleString('en')} characters in ${localeList(long)}.`,
        'textTooLong',
        { max: maxLength, locales: long },
      );
  }
  return problems;
}

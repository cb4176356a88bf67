// Pure edits of a questionnaire's languages.
import { SUPPORTED_LOCALES, type QuestionnaireDefinition } from '../../server/domain/definition.ts';
import { orderedLocales } from './definitionEdits.ts';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// Every localisable object in the definition, with `locale` removed.
function withoutLocale(value: unknown, locale: string): unknown {
  if (Array.isArray(value)) return value.map((v) => withoutLocale(v, locale));
  if (!isObject(value)) return value;
  const entries = Object.entries(value);
  const isText =
    entries.length > 0 &&
    entries.every(
      ([k, v]) => (SUPPORTED_LOCALES as readonly string[]).includes(k) && typeof v === 'string',
    );
  if (isText) return Object.fromEntries(entries.filter(([k]) => k !== locale));
  return Object.fromEntries(entries.map(([k, v]) => [k, withoutLocale(v, locale)]));
}

/**
 * Lists the questionnaire's languages (Traditional Chinese and English always, in the
 * product's order); texts in languages no longer listed are removed.
 */
export function setLocales(
  definition: QuestionnaireDefinition,
  locales: string[],
): QuestionnaireDefinition {
  const wanted = new Set([...locales, 'zh-HK', 'en']);
  const ordered = SUPPORTED_LOCALES.filter((l) => wanted.has(l));
  let survey: unknown = definition.survey;
  for (const locale of orderedLocales(definition))
    if (!wanted.has(locale)) survey = withoutLocale(survey, locale);
  return { ...definition, locales: ordered, survey: survey as QuestionnaireDefinition['survey'] };
}

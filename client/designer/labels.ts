// Human names for what the designer shows: languages, question types, statuses, and the JSON
// paths the server's problems point at ("how_joined: choice 2" rather than a path).
import type { TFunction } from 'i18next';
import {
  allElements,
  ELEMENT_TYPES,
  LOCALE_NAMES,
  SUPPORTED_LOCALES,
  type LocaleCode,
  type QuestionnaireDefinition,
} from '../../server/domain/definition.ts';
import { ruleValues, type ErrorDetail } from '../app/api.ts';
import designerEn from '../i18n/locales/en/designer.json';
import i18n from 'i18next';
import { getAt } from './definitionEdits.ts';

type T = TFunction<'designer'>;
type RuleKey = keyof typeof designerEn.rules.problem;
const isRuleKey = (rule: string): rule is RuleKey => Object.hasOwn(designerEn.rules.problem, rule);

const isSupported = (code: string): code is LocaleCode =>
  (SUPPORTED_LOCALES as readonly string[]).includes(code);

/** A language's name in the interface's language ("English", "英文"), else its code. */
export function languageName(t: T, code: string): string {
  return isSupported(code) ? t(`languages.${code}`) : (LOCALE_NAMES[code as LocaleCode] ?? code);
}

/**
 * What a rule problem says, in the interface's language when the designer knows the rule (its
 * language codes named); otherwise the server's English sentence, with `translated` false.
 */
export function ruleMessage(t: T, detail: ErrorDetail): { text: string; translated: boolean } {
  // Stale translations are bookkeeping rather than a rule of the definition: said as the panel does.
  if (detail.rule === 'translationStale' && typeof detail.params?.locale === 'string')
    return {
      text: t('rules.staleIn', { languages: languageName(t, detail.params.locale) }),
      translated: true,
    };
  if (!detail.rule || !isRuleKey(detail.rule)) return { text: detail.message, translated: false };
  const values = ruleValues(detail.params, (code) => languageName(t, code), t('listSeparator'));
  return { text: t(`rules.problem.${detail.rule}`, values), translated: true };
}

type ElementType = (typeof ELEMENT_TYPES)[number];
const isElementType = (type: unknown): type is ElementType =>
  (ELEMENT_TYPES as readonly unknown[]).includes(type);

/** A question type's name ("Single choice"), else the type as written. */
export function typeName(t: T, type: unknown): string {
  return isElementType(type) ? t(`types.${type}`) : String(type);
}

const PROPERTIES = [
  'title',
  'description',
  'name',
  'type',
  'outcomeStandard',
  'choices',
  'html',
  'placeholder',
] as const;
type Property = (typeof PROPERTIES)[number];

function propertyName(t: T, property: string): string {
  return (PROPERTIES as readonly string[]).includes(property)
    ? t(`properties.${property as Property}`)
    : property;
}

/** How the designer names a question: its name, else its number. */
export function questionName(t: T, name: unknown, number: number): string {
  return typeof name === 'string' && name.trim() ? name : t('items.unnamed', { number });
}

const SHORT = 60;

/**
 * How a problem names a question: its title in the interface's language (shortened), with its
 * name after it; the name alone when it has no title yet.
 */
export function questionTitle(
  t: T,
  element: { name?: unknown; title?: unknown },
  number: number,
): string {
  const name = questionName(t, element.name, number);
  const titles =
    typeof element.title === 'object' && element.title !== null
      ? (element.title as Record<string, unknown>)
      : {};
  const language = i18n.language === 'en' ? 'en' : 'zh-HK';
  const found = [titles[language], titles['zh-HK'], titles.en].find(
    (text): text is string => typeof text === 'string' && text.trim() !== '',
  );
  if (!found) return name;
  const text = found.trim();
  const short = text.length > SHORT ? `${text.slice(0, SHORT - 1).trimEnd()}…` : text;
  return t('paths.question', { title: short, name });
}

/**
 * A person's name for a JSON path of the definition, such as `survey.pages.0.elements.4.title`
 * ("how_joined: title") or `translations.en.survey.title` ("Survey title, English").
 */
export function describePath(t: T, definition: QuestionnaireDefinition, path: string): string {
  const translation = /^translations\.([^.]+)\.(.+)$/.exec(path);
  if (translation) {
    return t('paths.translation', {
      what: describePath(t, definition, translation[2]!),
      language: languageName(t, translation[1]!),
    });
  }
  if (path === '' || path === 'survey') return t('paths.survey');
  if (path === 'programme') return t('paths.programme');
  if (path === 'population') return t('paths.population');
  if (path === 'locales' || path.startsWith('locales.')) return t('paths.languages');
  if (path === 'scoring') return t('paths.scoring');
  const scoring = /^scoring\.(\d+)/.exec(path);
  if (scoring) return t('paths.scoringOf', { number: Number(scoring[1]) });

  // The deepest element the path is inside of, then what of it.
  const elements = allElements(definition);
  const owner = elements
    .filter(({ path: p }) => path === p || path.startsWith(`${p}.`))
    .sort((a, b) => b.path.length - a.path.length)[0];
  if (owner) {
    const number = elements.findIndex((e) => e.path === owner.path) + 1;
    const name = questionTitle(t, owner.element, number);
    const rest = path.slice(owner.path.length + 1);
    if (!rest) return name;
    const choice = /^choices\.(\d+)/.exec(rest);
    if (choice) {
      const value = getAt(definition, `${owner.path}.choices.${choice[1]}.value`);
      return t('paths.choice', {
        name,
        number: Number(choice[1]) + 1,
        value: typeof value === 'string' || typeof value === 'number' ? String(value) : '',
      });
    }
    return t('paths.ofQuestion', { name, property: propertyName(t, rest.split('.')[0]!) });
  }
  const page = /^survey\.pages\.(\d+)(?:\.(\w+))?/.exec(path);
  if (page) {
    const number = Number(page[1]) + 1;
    return page[2]
      ? t('paths.ofPage', { number, property: propertyName(t, page[2]) })
      : t('paths.page', { number });
  }
  if (path === 'survey.title') return t('paths.surveyTitle');
  const survey = /^survey\.(\w+)/.exec(path);
  if (survey) return t('paths.ofSurvey', { property: propertyName(t, survey[1]!) });
  return path;
}

/** The id of the designer's input for a JSON path, so a problem can move the focus to it. */
export const fieldIdFor = (path: string, locale?: string) =>
  `designer-${path}${locale ? `-${locale}` : ''}`.replace(/[^A-Za-z0-9_.-]/g, '_');

/** The id of a translation grid cell. */
export const gridCellId = (path: string, locale: string) => fieldIdFor(`grid.${path}`, locale);

/** The id of the field to move the focus to for a problem at `path` (the first one on screen). */
export function focusTargetFor(path: string): string {
  const translation = /^translations\.([^.]+)\.(.+)$/.exec(path);
  const candidates = translation
    ? [gridCellId(translation[2]!, translation[1]!)]
    : [
        fieldIdFor(path),
        fieldIdFor(path, 'zh-HK'),
        fieldIdFor(path, 'en'),
        gridCellId(path, 'zh-HK'),
        fieldIdFor(path.replace(/\.\w+$/, '')),
      ];
  return candidates.find((id) => document.getElementById(id)) ?? candidates[0]!;
}

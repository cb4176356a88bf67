// The kiosk's own i18next instance: the page around the form speaks the participant's language.
// Each language's strings are a separate chunk, fetched only when that language is chosen.
import i18next from 'i18next';
import { createContext, useContext } from 'react';
import type { LocaleCode } from '../../server/domain/definition.ts';
import { DEFAULT_LOCALE, directionOf } from './languages.ts';
import type source from './locales/en.json';
import type formSource from './form-locales/en.json';
import defaultStrings from './locales/zh-HK.json';

export {
  DEFAULT_LOCALE,
  directionOf,
  INVITATIONS,
  isLocale,
  NATIVE_NAMES,
  STAFF_LABEL,
} from './languages.ts';

type Messages = typeof source & typeof formSource;
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
/** A kiosk string's key, such as `thanks.title`; checked against the English source. */
export type KioskKey = Leaves<Messages>;
export type Translate = (key: KioskKey, values?: Record<string, string | number>) => string;

// Lazy: each JSON becomes its own chunk, so only the chosen language is downloaded. The default
// language's strings are in the first bundle: the chooser speaks it from its first paint.
const files = import.meta.glob<{ default: Messages }>([
  './locales/*.json',
  '!./locales/zh-HK.json',
]);

const instance = i18next.createInstance();
void instance.init({
  resources: { [DEFAULT_LOCALE]: { translation: defaultStrings } },
  fallbackLng: false, // a missing string is caught by the locales test, not papered over
  interpolation: { escapeValue: false }, // React escapes
  initAsync: false,
});

/** Loads a language's strings, once. */
export async function loadStrings(code: LocaleCode): Promise<void> {
  if (instance.hasResourceBundle(code, 'translation')) return;
  const load = files[`./locales/${code}.json`];
  if (!load) throw new Error(`No kiosk strings for ${code}`);
  instance.addResourceBundle(code, 'translation', (await load()).default);
}

/**
 * Adds strings that only the form needs (form-locales/, loaded with the form library so the
 * chooser's first bundle does not carry them).
 */
export function addStrings(code: LocaleCode, strings: object): void {
  instance.addResourceBundle(code, 'translation', strings, true, false);
}

/** Loads a language's strings (once) and makes it the document's language and direction. */
export async function switchLanguage(code: LocaleCode): Promise<Translate> {
  await loadStrings(code);
  await instance.changeLanguage(code);
  document.documentElement.lang = code;
  document.documentElement.dir = directionOf(code);
  return translator(code);
}

/** A language's translator (its strings loaded first). */
// i18next's own `t` is typed for the staff app's namespaces (client/i18n/i18next.d.ts); the
// kiosk's keys are checked by `KioskKey` instead.
export function translator(code: LocaleCode): Translate {
  const t = instance.getFixedT(code) as unknown as (
    key: string,
    values?: Record<string, unknown>,
  ) => string;
  return (key, values) => t(key, values);
}

/** The current language and its translator. */
export interface Language {
  code: LocaleCode;
  t: Translate;
}

export const LanguageContext = createContext<Language | null>(null);

/** The kiosk's translator for the language on screen. */
export function useT(): Translate {
  const language = useContext(LanguageContext);
  if (!language) throw new Error('useT outside the kiosk');
  return language.t;
}

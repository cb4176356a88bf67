// The kiosk's own i18next instance: the page around the form speaks the participant's language.
// Each language's strings are a separate chunk, fetched only when that language is chosen.
import i18next from 'i18next';
import { createContext, useContext } from 'react';
import { RTL_LOCALES, SUPPORTED_LOCALES, type LocaleCode } from '../../server/domain/definition.ts';
import type source from './locales/en.json';
import type formSource from './form-locales/en.json';
import defaultStrings from './locales/zh-HK.json';

/** The language the kiosk speaks before a participant chooses (SWD approves in it). */
export const DEFAULT_LOCALE: LocaleCode = 'zh-HK';

/** Each language's name in its own script, as the chooser shows it. */
export const NATIVE_NAMES: Readonly<Record<LocaleCode, string>> = {
  'zh-HK': '繁體中文',
  en: 'English',
  id: 'Bahasa Indonesia',
  tl: 'Tagalog',
  th: 'ไทย',
  hi: 'हिन्दी',
  ne: 'नेपाली',
  pa: 'ਪੰਜਾਬੀ',
  ur: 'اردو',
  vi: 'Tiếng Việt',
};

/**
 * Each language's invitation in its own language and script, under its name on the chooser: a
 * participant who reads only that language still knows the button is for them. The Chinese and
 * English are checked; the others were drafted without a native speaker (as were this file's
 * other strings added with them: the blank-form dialog in locales/*.json) and need checking by
 * one before a kiosk is used with that community.
 */
export const INVITATIONS: Readonly<Record<LocaleCode, string>> = {
  'zh-HK': '請按這裏用中文填寫',
  en: 'Tap here for English',
  id: 'Ketuk di sini untuk Bahasa Indonesia', // drafted, to be checked
  tl: 'Pindutin dito para sa Tagalog', // drafted, to be checked
  th: 'แตะที่นี่เพื่อใช้ภาษาไทย', // drafted, to be checked
  hi: 'हिन्दी के लिए यहाँ दबाएँ', // drafted, to be checked
  ne: 'नेपालीका लागि यहाँ थिच्नुहोस्', // drafted, to be checked
  pa: 'ਪੰਜਾਬੀ ਲਈ ਇੱਥੇ ਦਬਾਓ', // drafted, to be checked
  ur: 'اردو کے لیے یہاں دبائیں', // drafted, to be checked
  vi: 'Chạm vào đây để dùng tiếng Việt', // drafted, to be checked
};

/**
 * The staff button's label, in the staff's two languages whatever the participant chose: it is
 * for staff, and an Urdu-speaking helper or an English-speaking visitor must find it too.
 */
export const STAFF_LABEL: readonly { lang: LocaleCode; text: string }[] = [
  { lang: 'zh-HK', text: '職員' },
  { lang: 'en', text: 'Staff' },
];

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

export const isLocale = (code: string): code is LocaleCode =>
  (SUPPORTED_LOCALES as readonly string[]).includes(code);

/** 'rtl' for right-to-left languages (Urdu), else 'ltr'. */
export const directionOf = (code: string): 'rtl' | 'ltr' =>
  RTL_LOCALES.includes(code as LocaleCode) ? 'rtl' : 'ltr';

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

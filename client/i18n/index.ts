import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import enActivities from './locales/en/activities.json';
import enAdmin from './locales/en/admin.json';
import enClosures from './locales/en/closures.json';
import enDesigner from './locales/en/designer.json';
import enRecords from './locales/en/records.json';
import enPack from './locales/en/pack.json';
import enImport from './locales/en/import.json';
import enReports from './locales/en/reports.json';
import enReview from './locales/en/review.json';
import enTerritory from './locales/en/territory.json';
import en from './locales/en/staff.json';
import zhHKActivities from './locales/zh-HK/activities.json';
import zhHKAdmin from './locales/zh-HK/admin.json';
import zhHKClosures from './locales/zh-HK/closures.json';
import zhHKDesigner from './locales/zh-HK/designer.json';
import zhHKRecords from './locales/zh-HK/records.json';
import zhHKPack from './locales/zh-HK/pack.json';
import zhHKImport from './locales/zh-HK/import.json';
import zhHKReports from './locales/zh-HK/reports.json';
import zhHKReview from './locales/zh-HK/review.json';
import zhHKTerritory from './locales/zh-HK/territory.json';
import zhHK from './locales/zh-HK/staff.json';

/** The staff app's languages, the default first. */
export const LANGUAGES = ['zh-HK', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'fsa.language';

const isLanguage = (value: unknown): value is Language => LANGUAGES.includes(value as Language);

function rememberedLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // Storage can be blocked (private mode, policies): fall back to the default.
  }
  return LANGUAGES[0];
}

function applyLanguage(language: string) {
  if (typeof document === 'undefined') return; // imported by tests outside a browser
  document.documentElement.lang = language;
  document.documentElement.dir = i18n.dir(language);
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered this time; the language still changes.
  }
}

i18n.on('languageChanged', applyLanguage);

void i18n.use(initReactI18next).init({
  resources: {
    en: {
      staff: en,
      admin: enAdmin,
      designer: enDesigner,
      review: enReview,
      activities: enActivities,
      reports: enReports,
      records: enRecords,
      territory: enTerritory,
      pack: enPack,
      import: enImport,
      closures: enClosures,
    },
    'zh-HK': {
      staff: zhHK,
      admin: zhHKAdmin,
      designer: zhHKDesigner,
      review: zhHKReview,
      activities: zhHKActivities,
      reports: zhHKReports,
      records: zhHKRecords,
      territory: zhHKTerritory,
      pack: zhHKPack,
      import: zhHKImport,
      closures: zhHKClosures,
    },
  },
  lng: rememberedLanguage(),
  fallbackLng: LANGUAGES[0],
  supportedLngs: [...LANGUAGES],
  ns: [
    'staff',
    'admin',
    'designer',
    'review',
    'activities',
    'reports',
    'records',
    'territory',
    'pack',
    'import',
  ],
  defaultNS: 'staff',
  interpolation: { escapeValue: false }, // React escapes
  initAsync: false,
});
applyLanguage(i18n.language);

/** The current language, for picking names such as `{"zh-HK": …, "en": …}`. */
export function useLanguage(): Language {
  const { i18n: instance } = useTranslation();
  const current = instance.resolvedLanguage ?? instance.language;
  return isLanguage(current) ? current : LANGUAGES[0];
}

/** A name in the given language, else in the other, else the fallback (usually a code). */
export function localised(
  name: Partial<Record<string, string>> | null | undefined,
  language: Language,
  fallback = '',
): string {
  return name?.[language] || LANGUAGES.map((l) => name?.[l]).find(Boolean) || fallback;
}

export default i18n;

import { surveyLocalization } from 'survey-core';
import { RTL_LOCALES } from '../../server/questionnaires/definition.ts';
import { surveyLocale } from '../../server/questionnaires/likert.ts';

// SurveyJS's own dictionaries (Next, Complete, "Response required"), fetched only when a
// language is chosen. Nepali, Punjabi and Tagalog have none in survey-core: see ./dictionaries.
const DICTIONARIES: Record<string, () => Promise<unknown>> = {
  'zh-HK': () => import('survey-core/i18n/traditional-chinese'),
  id: () => import('survey-core/i18n/indonesian'),
  th: () => import('survey-core/i18n/thai'),
  hi: () => import('survey-core/i18n/hindi'),
  ur: () => import('survey-core/i18n/urdu'),
  vi: () => import('survey-core/i18n/vietnamese'),
};

const loaded = new Map<string, Promise<void>>();

/** Loads SurveyJS's built-in strings for one of our locales and sets its direction. */
export function loadSurveyLocale(code: string): Promise<void> {
  let done = loaded.get(code);
  if (!done) {
    done = (DICTIONARIES[code]?.() ?? Promise.resolve()).then(() => {
      if (RTL_LOCALES.includes(code as never))
        surveyLocalization.localeDirections[surveyLocale(code)] = 'rtl';
    });
    loaded.set(code, done);
  }
  return done;
}

/** 'rtl' for right-to-left languages (Urdu), else 'ltr'. */
export const directionOf = (code: string): 'rtl' | 'ltr' =>
  RTL_LOCALES.includes(code as never) ? 'rtl' : 'ltr';

import { surveyLocalization } from 'survey-core';
import { RTL_LOCALES } from '../../server/domain/definition.ts';
import { surveyLocale } from '../../server/domain/likert.ts';

// SurveyJS's own dictionaries (Next, Complete, "Response required"), fetched only when a
// language is chosen. Tagalog uses survey-core's Filipino (`fil`, see surveyLocale); Nepali and
// Punjabi have none in survey-core, so ours are in ./i18n. English is survey-core's default.
const DICTIONARIES: Record<string, () => Promise<unknown>> = {
  'zh-HK': () => import('survey-core/i18n/traditional-chinese'),
  id: () => import('survey-core/i18n/indonesian'),
  tl: () => import('survey-core/i18n/philippines'),
  ne: () => import('./i18n/nepali.ts'),
  pa: () => import('./i18n/punjabi.ts'),
  th: () => import('survey-core/i18n/thai'),
  hi: () => import('survey-core/i18n/hindi'),
  ur: () => import('survey-core/i18n/urdu'),
  vi: () => import('survey-core/i18n/vietnamese'),
};

/**
 * Strings survey-core's own dictionaries get wrong, read out by screen readers: its Urdu
 * progress bar is named in English and its Filipino one "Email Address *". Drafted without a
 * native speaker, to be checked like the kiosk's other drafted strings.
 */
const CORRECTIONS: Record<string, Record<string, string>> = {
  ur: { progressbar: 'پیش رفت کی پٹی' },
  tl: { progressbar: 'Bar ng pag-usad' },
};

const loaded = new Map<string, Promise<void>>();

/** Loads SurveyJS's built-in strings for one of our locales and sets its direction. */
export function loadSurveyLocale(code: string): Promise<void> {
  let done = loaded.get(code);
  if (!done) {
    done = (DICTIONARIES[code]?.() ?? Promise.resolve()).then(
      () => {
        const strings = surveyLocalization.locales[surveyLocale(code)] as
          Record<string, string> | undefined;
        if (strings) Object.assign(strings, CORRECTIONS[code]);
        if (RTL_LOCALES.includes(code as never))
          surveyLocalization.localeDirections[surveyLocale(code)] = 'rtl';
      },
      (error: unknown) => {
        loaded.delete(code); // a chunk that failed to arrive (offline) is fetched again next time
        throw error;
      },
    );
    loaded.set(code, done);
  }
  return done;
}

/** 'rtl' for right-to-left languages (Urdu), else 'ltr'. */
export const directionOf = (code: string): 'rtl' | 'ltr' =>
  RTL_LOCALES.includes(code as never) ? 'rtl' : 'ltr';

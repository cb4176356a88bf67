// Names for the codes a version carries (operator, programme, population, outcome standard,
// locale), in the staff language.
import { useTranslation } from 'react-i18next';
import type { LocaleCode } from '../../server/domain/definition.ts';
import { hongKongTime } from '../app/time.ts';
import { localised, useLanguage } from '../i18n/index.ts';
import type { References } from './api.ts';

/** A date and time as staff read it, in Hong Kong time ("3 May 2025, 14:05"). */
export const formatDateTime = hongKongTime;

/** Name lookups for one set of reference data, in the current staff language. */
export function useNames(references: References) {
  const { t } = useTranslation('review');
  const language = useLanguage();
  const programmeOf = (code: string) => references.programmes.find((p) => p.code === code);
  return {
    language,
    /** The operator's name with its code: "Demo Family Services (DEMO)". */
    operator: (code: string) => {
      const name = references.operators.find((o) => o.code === code)?.name;
      return name ? t('withCode', { name: localised(name, language, code), code }) : code;
    },
    programme: (code: string) => localised(programmeOf(code)?.name, language, code),
    population: (programme: string, code: string) =>
      localised(
        programmeOf(programme)?.populations.find((p) => p.code === code)?.name,
        language,
        code,
      ),
    standard: (programme: string, number: number) => {
      const name = programmeOf(programme)?.outcomeStandards.find((s) => s.number === number)?.name;
      return name ? t('standard', { number, name: localised(name, language) }) : String(number);
    },
    locale: (code: string) => localeName(t, code),
    /** A locale's name alone, for labels that already have brackets: "Title (Urdu)". */
    localeOnly: (code: string) => t(`locales.${code as LocaleCode}`, { defaultValue: code }),
    date: (iso: string | null) => formatDateTime(iso, language),
  };
}

export type Names = ReturnType<typeof useNames>;

type ReviewT = ReturnType<typeof useTranslation<'review'>>['t'];

/** A locale's name with its code, e.g. "Urdu (ur)"; the code alone for one we do not know. */
export function localeName(t: ReviewT, code: string): string {
  const known = t(`locales.${code as LocaleCode}`, { defaultValue: '' });
  return known ? t('withCode', { name: known, code }) : code;
}

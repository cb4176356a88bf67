// Every date and time the staff app shows is Hong Kong time, whatever the computer's own zone:
// SWD's and the operators' records, the financial year and the kiosks all run on it.
import { fiscalYearOf } from '../../server/domain/fiscal-year.ts';

/** The time zone of every date and time the staff app shows or takes. */
export const TIME_ZONE = 'Asia/Hong_Kong';

/** An instant as a date and time in Hong Kong, in the staff language ('' for none). */
export function hongKongTime(iso: string | null, language: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : language, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: TIME_ZONE,
  }).format(date);
}

/** The financial year (April to March, Hong Kong time) now, by its starting year. */
export const fiscalYearNow = (now = new Date()) => fiscalYearOf(now);

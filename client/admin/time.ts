import type { Language } from '../i18n/index.ts';

/** An instant as a date and time in Hong Kong, whatever the computer's own zone. */
export function hongKongTime(iso: string | null, language: Language): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(language, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Hong_Kong',
  }).format(new Date(iso));
}

/** The financial year (April to March) an instant falls in, by its starting year, in Hong Kong. */
export function fiscalYearNow(now = new Date()): number {
  const hk = new Date(now.getTime() + 8 * 3600_000);
  return hk.getUTCMonth() >= 3 ? hk.getUTCFullYear() : hk.getUTCFullYear() - 1;
}

/** "2026-27" for 2026. */
export const fiscalYearLabel = (year: number) =>
  `${year}-${String((year + 1) % 100).padStart(2, '0')}`;

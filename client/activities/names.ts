// What the activity pages call things: kinds, questionnaires, languages, days and times in Hong
// Kong, and the ids a coordinator's browser makes for paper forms.
import type { TFunction } from 'i18next';
import { SUPPORTED_LOCALES, type LocaleCode } from '../../server/domain/definition.ts';
import { localised, type Language } from '../i18n/index.ts';
import { ruleValues, type ErrorDetail } from '../app/api.ts';
import { hongKongTime, TIME_ZONE } from '../app/time.ts';
import activitiesEn from '../i18n/locales/en/activities.json';
import type { ActivityQuestionnaire, ProgrammeKinds } from './api.ts';

type T = TFunction<'activities'>;

/** Hong Kong's offset from UTC (no daylight saving time). */
export const HK_OFFSET = '+08:00';

/** Today's date in Hong Kong, `YYYY-MM-DD`. */
export function todayInHongKong(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(now);
}

/** The time of day in Hong Kong, `HH:MM`. */
export function timeInHongKong(now = new Date()): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(now);
}

/** An instant as a date and time in Hong Kong, in the staff language. */
export const formatInstant = (iso: string, language: Language) => hongKongTime(iso, language);

/** The name of an activity kind of a programme, else its code. */
export function kindName(
  programmes: ProgrammeKinds[],
  programme: string,
  kind: string,
  language: Language,
): string {
  const found = programmes
    .find((p) => p.code === programme)
    ?.activityKinds.find((k) => k.code === kind);
  return localised(found?.name, language, kind);
}

/** A questionnaire version as a coordinator names it: "Title (version 2)". */
export function questionnaireLabel(
  t: T,
  questionnaire: Pick<ActivityQuestionnaire, 'title' | 'version'>,
  language: Language,
): string {
  return t('questionnaire', {
    title: localised(questionnaire.title, language, t('untitled')),
    version: questionnaire.version,
  });
}

const isSupported = (code: string): code is LocaleCode =>
  (SUPPORTED_LOCALES as readonly string[]).includes(code);

/** A language's name in the staff language, else its code. */
export function languageName(t: T, code: string): string {
  return isSupported(code) ? t(`languages.${code}`) : code;
}

/**
 * What a refused response's problem says, in the interface's language when the page knows its
 * rule; otherwise the server's English sentence.
 */
export function responseProblem(t: T, detail: ErrorDetail): string {
  if (!detail.rule || !Object.hasOwn(activitiesEn.quarantine.problems, detail.rule))
    return detail.message;
  const rule = detail.rule as keyof typeof activitiesEn.quarantine.problems;
  return t(
    `quarantine.problems.${rule}`,
    ruleValues(detail.params, (code) => languageName(t, code)),
  );
}

/**
 * A random (version 4) UUID for a paper form. `crypto.randomUUID` exists only in secure
 * contexts; a staff app reached over plain HTTP on a local network still needs ids.
 */
export function newResponseId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** How many questions were answered (blanks, empty strings and empty lists do not count). */
export function answeredCount(answers: unknown): number {
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) return 0;
  return Object.values(answers).filter(
    (value) =>
      value !== null &&
      value !== undefined &&
      value !== '' &&
      !(Array.isArray(value) && value.length === 0),
  ).length;
}

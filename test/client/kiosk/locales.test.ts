// Every string of the kiosk exists in all ten languages, and SurveyJS speaks all ten too: our
// own dictionaries (Nepali, Punjabi) carry every string a participant can meet.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { surveyLocalization } from 'survey-core';
import { englishStrings } from 'survey-core/i18n/english';
import { expect, test } from 'vitest';
import { NATIVE_NAMES } from '../../../client/kiosk/i18n.ts';
import { PARTICIPANT_STRINGS } from '../../../client/survey/i18n/keys.ts';
import { nepaliStrings } from '../../../client/survey/i18n/nepali.ts';
import { punjabiStrings } from '../../../client/survey/i18n/punjabi.ts';
import { loadSurveyLocale } from '../../../client/survey/locales.ts';
import { SUPPORTED_LOCALES } from '../../../server/domain/definition.ts';
import { surveyLocale } from '../../../server/domain/likert.ts';

const DIR = 'client/kiosk/locales';
/** The strings only the form shows, loaded with it (not in the chooser's first bundle). */
const FORM_DIR = 'client/kiosk/form-locales';

/** Every key of a nested message object, as dotted paths, with its value. */
function flatten(messages: Record<string, unknown>, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(messages)) {
    const at = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object')
      for (const [k, v] of flatten(value as Record<string, unknown>, at)) out.set(k, v);
    else out.set(at, value);
  }
  return out;
}

const read = (locale: string) =>
  new Map([
    ...flatten(JSON.parse(readFileSync(path.join(DIR, `${locale}.json`), 'utf8'))),
    ...flatten(JSON.parse(readFileSync(path.join(FORM_DIR, `${locale}.json`), 'utf8'))),
  ]);

/** The placeholders in a string: {{count}} for i18next, {0} for SurveyJS. */
const placeholders = (text: unknown) =>
  [...String(text).matchAll(/\{\{?\w+\}\}?/g)].map((m) => m[0]).sort();

test('the kiosk has a strings file for each of the ten languages, and no other', () => {
  expect(readdirSync(DIR).sort()).toEqual(SUPPORTED_LOCALES.map((l) => `${l}.json`).sort());
  expect(readdirSync(FORM_DIR).sort()).toEqual(SUPPORTED_LOCALES.map((l) => `${l}.json`).sort());
  expect(Object.keys(NATIVE_NAMES).sort()).toEqual([...SUPPORTED_LOCALES].sort());
});

test.each(SUPPORTED_LOCALES.filter((l) => l !== 'en'))(
  'every kiosk string exists in %s, none empty, with the same placeholders',
  (locale) => {
    const source = read('en');
    const messages = read(locale);
    expect(
      [...source.keys()].filter((k) => !messages.has(k)),
      'missing',
    ).toEqual([]);
    expect(
      [...messages.keys()].filter((k) => !source.has(k)),
      'extra',
    ).toEqual([]);
    for (const [key, value] of messages) {
      expect(typeof value === 'string' && value.trim() !== '', `${key} empty`).toBe(true);
      expect(placeholders(value), key).toEqual(placeholders(source.get(key)));
    }
  },
);

test('the kiosk strings are translated, not English copies', () => {
  const source = read('en');
  for (const locale of SUPPORTED_LOCALES.filter((l) => l !== 'en')) {
    const messages = read(locale);
    const copied = [...source].filter(([key, value]) => messages.get(key) === value);
    // "PIN", "Staff" (Tagalog) and "Kiosk"-like loanwords may coincide; whole sentences may not.
    expect(
      copied.filter(([, value]) => String(value).includes(' ')).map(([k]) => k),
      locale,
    ).toEqual([]);
  }
});

test.each([
  ['ne', nepaliStrings],
  ['pa', punjabiStrings],
])(
  'our SurveyJS dictionary for %s has the participant strings, keyed as survey-core English',
  (_, strings) => {
    const english = englishStrings as Record<string, string>;
    expect(Object.keys(strings).sort()).toEqual([...PARTICIPANT_STRINGS].sort());
    for (const key of PARTICIPANT_STRINGS) {
      expect(english[key], `${key} is not a survey-core string`).toBeTypeOf('string');
      expect(strings[key].trim(), key).not.toBe('');
      expect(strings[key], `${key} left in English`).not.toBe(english[key]);
      expect(placeholders(strings[key]), key).toEqual(placeholders(english[key]));
    }
  },
);

test.each(SUPPORTED_LOCALES.filter((l) => l !== 'en'))(
  'SurveyJS has its built-in strings in %s once the language is chosen',
  async (locale) => {
    await loadSurveyLocale(locale);
    const strings = surveyLocalization.locales[surveyLocale(locale)] as Record<string, string>;
    expect(strings, `no SurveyJS dictionary for ${locale}`).toBeDefined();
    for (const key of ['pageNextText', 'completeText', 'requiredError', 'questionsProgressText'])
      expect(strings[key], `${locale} ${key}`).toBeTruthy();
    if (locale === 'ur') expect(surveyLocalization.localeDirections.ur).toBe('rtl');
  },
);

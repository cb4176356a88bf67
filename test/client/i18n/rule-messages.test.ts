import i18next from 'i18next';
import { beforeAll, expect, test } from 'vitest';
import type { TFunction } from 'i18next';
import activitiesEn from '../../../client/i18n/locales/en/activities.json';
import activitiesZhHK from '../../../client/i18n/locales/zh-HK/activities.json';
import designerEn from '../../../client/i18n/locales/en/designer.json';
import designerZhHK from '../../../client/i18n/locales/zh-HK/designer.json';
import { responseProblem } from '../../../client/activities/names.ts';
import { ApiError } from '../../../client/app/api.ts';
import { describeError } from '../../../client/app/forms.tsx';
import { ruleMessage } from '../../../client/designer/labels.ts';
import { RESPONSE_RULES } from '../../../server/domain/checker.ts';
import { RULES } from '../../../server/domain/definition.ts';

// The staff pages say each rule the server can name in the reader's language: the designer the
// questionnaire rules, the activity pages (quarantine, paper forms) the response rules.

let t: Record<'en' | 'zh-HK', TFunction<'designer'>>;
let ta: Record<'en' | 'zh-HK', TFunction<'activities'>>;
beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: {
      en: { designer: designerEn, activities: activitiesEn },
      'zh-HK': { designer: designerZhHK, activities: activitiesZhHK },
    },
    ns: ['designer', 'activities'],
    interpolation: { escapeValue: false },
  });
  t = {
    en: i18n.getFixedT('en', 'designer') as TFunction<'designer'>,
    'zh-HK': i18n.getFixedT('zh-HK', 'designer') as TFunction<'designer'>,
  };
  ta = {
    en: i18n.getFixedT('en', 'activities') as TFunction<'activities'>,
    'zh-HK': i18n.getFixedT('zh-HK', 'activities') as TFunction<'activities'>,
  };
});

test('the designer has a sentence for every rule the server names, and no other', () => {
  expect(Object.keys(designerEn.rules.problem).sort()).toEqual([...RULES].sort());
});

test('every rule is said in both languages with its values filled in', () => {
  const params = {
    field: 'extra',
    programme: 'NOPE',
    population: 'nobody',
    kib: 300,
    max: 256,
    code: 'xx',
    locale: 'en',
    locales: ['en', 'ur'],
    count: 3,
    type: 'matrix',
    name: 'q1',
    value: '"a"',
    number: 6,
    allowed: '1, 2',
    rule: 'sum',
    error: 'boom',
    style: 'emoji',
  };
  for (const language of ['en', 'zh-HK'] as const)
    for (const rule of RULES) {
      const said = ruleMessage(t[language], { path: 'x', message: 'SERVER', rule, params });
      expect(said.translated, rule).toBe(true);
      expect(said.text, `${language} ${rule}`).not.toMatch(/\{\{|rules\.problem|SERVER/);
    }
});

test('language codes become the reader’s names for the languages', () => {
  const detail = {
    path: 'survey.title',
    message: 'The survey title has no text in English, Urdu.',
    rule: 'textMissing',
    params: { locales: ['en', 'ur'] },
  };
  expect(ruleMessage(t['zh-HK'], detail).text).toBe('沒有英文、烏爾都文文字。');
  expect(ruleMessage(t.en, detail).text).toBe('has no text in English, Urdu.');
  const twice = { path: 'locales.2', message: '', rule: 'languageTwice', params: { locale: 'id' } };
  expect(ruleMessage(t['zh-HK'], twice).text).toBe('印尼文列出了兩次。');
});

test('a problem without a rule the designer knows keeps the server’s English sentence', () => {
  for (const detail of [
    { path: 'x', message: 'Something new.' },
    { path: 'x', message: 'Something newer.', rule: 'notYetKnown' },
  ])
    expect(ruleMessage(t['zh-HK'], detail)).toEqual({ text: detail.message, translated: false });
});

test('the activity pages have a sentence for every response rule, said with its values', () => {
  expect(Object.keys(activitiesEn.quarantine.problems).sort()).toEqual([...RESPONSE_RULES].sort());
  const params = { question: 'cope', max: 5, min: 1, version: 2, locale: 'ur' };
  for (const language of ['en', 'zh-HK'] as const)
    for (const rule of RESPONSE_RULES) {
      const said = responseProblem(ta[language], { path: 'x', message: 'SERVER', rule, params });
      expect(said, `${language} ${rule}`).not.toMatch(/\{\{|quarantine\.problems|SERVER/);
    }
  const locale = {
    path: 'locale',
    message: '',
    rule: 'localeNotOffered',
    params: { locale: 'ur' },
  };
  expect(responseProblem(ta['zh-HK'], locale)).toBe('問卷沒有烏爾都文版本。');
  expect(responseProblem(ta.en, locale)).toBe('The questionnaire is not offered in Urdu.');
  const unknown = { path: 'id', message: 'Must be a UUID made on the tablet.' };
  expect(responseProblem(ta['zh-HK'], unknown)).toBe(unknown.message);
});

test('a form lists a refusal’s problems in its own words, for each field too', () => {
  const error = new ApiError(422, 'answers_do_not_fit', 'The answers do not fit.', [
    {
      path: 'answers.cope',
      message: 'The answer to "cope" is not one of the answers offered.',
      rule: 'notOffered',
      params: { question: 'cope' },
    },
  ]);
  const said = (detail: Parameters<typeof responseProblem>[1]) =>
    responseProblem(ta['zh-HK'], detail);
  const { problem, fieldErrors } = describeError(ta['zh-HK'] as never, error, () => 'cope', said);
  expect(problem.items[0]!.message).toBe('「cope」的答案不是問卷提供的答案之一。');
  expect(fieldErrors['answers.cope']).toBe(problem.items[0]!.message);
});

import i18next from 'i18next';
import { beforeAll, expect, test } from 'vitest';
import type { TFunction } from 'i18next';
import designerEn from '../../../client/i18n/locales/en/designer.json';
import designerZhHK from '../../../client/i18n/locales/zh-HK/designer.json';
import { ruleMessage } from '../../../client/designer/labels.ts';
import { RULES } from '../../../server/questionnaires/definition.ts';

// The designer says each questionnaire rule the server can name in the reader's language.

let t: Record<'en' | 'zh-HK', TFunction<'designer'>>;
beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: { en: { designer: designerEn }, 'zh-HK': { designer: designerZhHK } },
    ns: ['designer'],
    interpolation: { escapeValue: false },
  });
  t = {
    en: i18n.getFixedT('en', 'designer') as TFunction<'designer'>,
    'zh-HK': i18n.getFixedT('zh-HK', 'designer') as TFunction<'designer'>,
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

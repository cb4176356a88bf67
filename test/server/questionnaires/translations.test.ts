import { describe, expect, test } from 'vitest';
import type { QuestionnaireDefinition } from '../../../server/domain/definition.ts';
import {
  confirmTranslations,
  freshState,
  staleStrings,
  translatableStrings,
  updateState,
  type TranslationState,
} from '../../../server/questionnaires/translations.ts';

const text = (zh: string, en: string, id: string) => ({ 'zh-HK': zh, en, id });

function base(): QuestionnaireDefinition {
  return {
    programme: 'SPEAR',
    population: 'public_education',
    locales: ['zh-HK', 'en', 'id'],
    survey: {
      title: text('問卷', 'Questionnaire', 'Kuesioner'),
      pages: [
        {
          name: 'page1',
          elements: [
            {
              type: 'likert',
              name: 'understanding',
              outcomeStandard: 5,
              title: text('我更明白', 'I understand better', 'Saya lebih paham'),
            },
            {
              type: 'radiogroup',
              name: 'role',
              title: text('你的身份', 'Your role', 'Peran Anda'),
              choices: [
                { value: 'public', text: text('公眾', 'Public', 'Publik') },
                { value: 'professional', text: text('專業人員', 'Professional', 'Profesional') },
              ],
            },
          ],
        },
      ],
    },
  };
}

const edit = (change: (d: QuestionnaireDefinition) => void) => {
  const next = structuredClone(base());
  change(next);
  return next;
};
const elements = (d: QuestionnaireDefinition) => d.survey.pages![0]!.elements!;
const Q1 = 'survey.pages.0.elements.0';
const Q2 = 'survey.pages.0.elements.1';

test('translatableStrings lists every participant-visible text with a stable path', () => {
  expect(translatableStrings(base()).map((s) => s.path)).toEqual([
    'survey.title',
    `${Q1}.title`,
    `${Q2}.title`,
    `${Q2}.choices.0.text`,
    `${Q2}.choices.1.text`,
  ]);
  const withMore = edit((d) => {
    d.survey.completedHtml = text('多謝', 'Thanks', 'Terima kasih');
    d.survey.pages![0]!.title = text('第一頁', 'Page one', 'Halaman satu');
    elements(d).push({
      type: 'text',
      name: 'age',
      title: text('年齡', 'Age', 'Usia'),
      placeholder: text('例如 30', 'e.g. 30', 'mis. 30'),
    });
    elements(d).push({
      type: 'panel',
      name: 'more',
      elements: [
        { type: 'html', name: 'note', html: text('<p>註</p>', '<p>Note</p>', '<p>Catatan</p>') },
      ],
    });
  });
  expect(translatableStrings(withMore).map((s) => s.path)).toEqual(
    expect.arrayContaining([
      'survey.completedHtml',
      'survey.pages.0.title',
      'survey.pages.0.elements.2.placeholder',
      'survey.pages.0.elements.3.elements.0.html',
    ]),
  );
});

test('a fresh state records every translation and takes statuses as given, else reviewed', () => {
  const state = freshState(base(), { id: 'draft' });
  expect(state.locales).toEqual({ 'zh-HK': 'reviewed', en: 'reviewed', id: 'draft' });
  expect(Object.keys(state.sources)).toHaveLength(5);
  expect(Object.keys(state.sources[`${Q1}.title`]!)).toEqual(['en', 'id']);
  expect(state.sources[`${Q1}.title`]!.en).toMatch(/^[0-9a-f]{64}$/);
  expect(staleStrings(base(), state)).toEqual([]);
});

// Each edit is carried from a fresh base; `stale` is what staleStrings reports afterwards.
const edits: [string, (d: QuestionnaireDefinition) => void, { path: string; locale: string }[]][] =
  [
    ['nothing changes', () => {}, []],
    [
      'a zh-HK title changes: its en and id translations turn stale',
      (d) => (elements(d)[0]!.title!['zh-HK'] = '我更加明白'),
      [
        { path: `${Q1}.title`, locale: 'en' },
        { path: `${Q1}.title`, locale: 'id' },
      ],
    ],
    [
      'a zh-HK choice text changes',
      (d) =>
        ((elements(d)[1]!.choices![1] as { text: Record<string, string> }).text['zh-HK'] = '專業'),
      [
        { path: `${Q2}.choices.1.text`, locale: 'en' },
        { path: `${Q2}.choices.1.text`, locale: 'id' },
      ],
    ],
    [
      'zh-HK and English change together: still stale until confirmed',
      (d) => (elements(d)[0]!.title = { ...elements(d)[0]!.title!, 'zh-HK': '新', en: 'New' }),
      [
        { path: `${Q1}.title`, locale: 'en' },
        { path: `${Q1}.title`, locale: 'id' },
      ],
    ],
    [
      'only the English changes: the translator updated it, stays fresh',
      (d) => (d.survey.title!.en = 'Our questionnaire'),
      [],
    ],
    [
      'a new question with all translations is inserted first: everything stays fresh',
      (d) =>
        elements(d).unshift({
          type: 'comment',
          name: 'comments',
          title: text('意見', 'Comments', 'Komentar'),
        }),
      [],
    ],
    [
      'a new question lacks its Indonesian text: that one is stale',
      (d) =>
        elements(d).push({
          type: 'comment',
          name: 'comments',
          title: { 'zh-HK': '意見', en: 'Comments' },
        }),
      [{ path: 'survey.pages.0.elements.2.title', locale: 'id' }],
    ],
    [
      'choices are reordered: records follow their values',
      (d) => elements(d)[1]!.choices!.reverse(),
      [],
    ],
    [
      'a question moves to a new page whose title is translated',
      (d) =>
        d.survey.pages!.push({
          name: 'page2',
          title: text('二', 'Two', 'Dua'),
          elements: [elements(d).pop()!],
        }),
      [],
    ],
  ];

describe.each(edits)('%s', (_, change, stale) => {
  test('stale strings after the edit', () => {
    const next = edit(change);
    const state = updateState(base(), freshState(base()), next);
    expect(staleStrings(next, state)).toEqual(stale);
  });
});

test('confirming a locale freshens it, the other locale stays stale', () => {
  const next = edit((d) => (elements(d)[0]!.title!['zh-HK'] = '我更加明白'));
  let state: TranslationState = updateState(base(), freshState(base()), next);
  state = confirmTranslations(next, state, { locale: 'en' });
  expect(staleStrings(next, state)).toEqual([{ path: `${Q1}.title`, locale: 'id' }]);
  state = confirmTranslations(next, state, { locale: 'id', paths: [`${Q1}.title`] });
  expect(staleStrings(next, state)).toEqual([]);
});

test('confirming only some paths leaves the others stale', () => {
  const next = edit((d) => {
    elements(d)[0]!.title!['zh-HK'] = '改';
    d.survey.title!['zh-HK'] = '改問卷';
  });
  const state = confirmTranslations(next, updateState(base(), freshState(base()), next), {
    locale: 'en',
    paths: ['survey.title'],
  });
  expect(staleStrings(next, state)).toEqual([
    { path: 'survey.title', locale: 'id' },
    { path: `${Q1}.title`, locale: 'en' },
    { path: `${Q1}.title`, locale: 'id' },
  ]);
});

test('after a zh-HK change, updating the English in a later edit freshens English only', () => {
  const first = edit((d) => (elements(d)[0]!.title!['zh-HK'] = '我更加明白'));
  const afterFirst = updateState(base(), freshState(base()), first);
  const second = structuredClone(first);
  elements(second)[0]!.title!.en = 'I understand much better';
  expect(staleStrings(second, updateState(first, afterFirst, second))).toEqual([
    { path: `${Q1}.title`, locale: 'id' },
  ]);
});

test('a locale added in an edit starts as draft; a removed one is forgotten', () => {
  const next = edit((d) => (d.locales = ['zh-HK', 'en', 'vi']));
  const state = updateState(base(), freshState(base()), next);
  expect(state.locales).toEqual({ 'zh-HK': 'reviewed', en: 'reviewed', vi: 'draft' });
  // No Vietnamese texts exist yet, so every string is stale in vi; nothing is recorded for id.
  expect(staleStrings(next, state).every((s) => s.locale === 'vi')).toBe(true);
  expect(JSON.stringify(state.sources)).not.toContain('"id"');
});

test('bookkeeping tolerates drafts without locales or survey', () => {
  const draft = { programme: 'SPEAR', population: 'public_education' } as QuestionnaireDefinition;
  expect(freshState(draft)).toEqual({ locales: {}, sources: {} });
  expect(staleStrings(draft, { locales: {}, sources: {} })).toEqual([]);
  expect(updateState(draft, { locales: {}, sources: {} }, base()).locales).toEqual({
    'zh-HK': 'draft',
    en: 'draft',
    id: 'draft',
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Programme } from '../../../server/programmes/repository.ts';
import { readReferenceData } from '../../../server/programmes/reference.ts';
import {
  allQuestions,
  measuredStandards,
  outcomeItems,
  RULES,
  type QuestionnaireDefinition,
  type SurveyElement,
} from '../../../server/domain/definition.ts';
import { checkDefinition, checkDraft, contentHash } from '../../../server/questionnaires/rules.ts';

const SURVEYS = new URL('../../../surveys/', import.meta.url);

// The programmes as the server hands them to the rules: the files' shape, with the single agreed
// level turned into a level history.
let programmes: Programme[];
beforeAll(async () => {
  const { programmes: files } = await readReferenceData();
  programmes = files.map(({ outcomeStandards, ...p }) => ({
    ...p,
    outcomeStandards: outcomeStandards.map(({ agreedPercent, ...s }) => ({
      ...s,
      levels: [{ fromFiscalYear: 0, agreedPercent }],
    })),
  }));
});

const text = (s: string) => ({ 'zh-HK': `${s}（中）`, en: s, id: `${s} (id)` });
const likert = (name: string, outcomeStandard?: number): SurveyElement => ({
  type: 'likert',
  name,
  ...(outcomeStandard ? { outcomeStandard } : {}),
  title: text(name),
});

/** A valid learning-programme questionnaire: outcome 1 twice, 2 and 3, 4 inside a panel. */
function valid(): QuestionnaireDefinition {
  return {
    programme: 'SPEAR',
    population: 'learning_programme',
    locales: ['zh-HK', 'en', 'id'],
    scoring: { '1': 'majority' },
    survey: {
      title: text('Learning programme'),
      description: text('Thank you'),
      pages: [
        {
          name: 'outcomes',
          elements: [
            likert('skills', 1),
            likert('anger', 1),
            likert('satisfied', 2),
            likert('stress', 3),
            {
              type: 'panel',
              name: 'family',
              title: text('Family'),
              elements: [likert('cohesion', 4)],
            },
          ],
        },
        {
          name: 'about',
          elements: [
            {
              type: 'radiogroup',
              name: 'format',
              title: text('Format'),
              choices: [
                { value: 'group', text: text('Group') },
                { value: 'individual', text: text('One to one') },
              ],
            },
            likert('context_only'),
            {
              type: 'comment',
              name: 'comments',
              title: text('Comments'),
              placeholder: text('Write here'),
            },
            { type: 'html', name: 'thanks', html: text('<p>Thanks</p>') },
          ],
        },
      ],
    },
  };
}

type Def = QuestionnaireDefinition;
const pageOne = (d: Def) => d.survey.pages![0]!.elements!;
const pageTwo = (d: Def) => d.survey.pages![1]!.elements!;
const P0 = 'survey.pages.0.elements';
const P1 = 'survey.pages.1.elements';
const dropLocale = (value: unknown, code: string): void => {
  if (typeof value !== 'object' || value === null) return;
  if (!Array.isArray(value) && 'zh-HK' in value) delete (value as Record<string, unknown>)[code];
  for (const v of Object.values(value)) dropLocale(v, code);
};
const comments = (n: number): SurveyElement[] =>
  Array.from({ length: n }, (_, i) => ({ type: 'comment', name: `c${i}`, title: text(`C${i}`) }));

/** The problems, each of which must name its rule for the designer to translate. */
const named = <T extends { rule?: string }>(problems: T[]) => {
  for (const problem of problems) expect(RULES).toContain(problem.rule);
  return problems;
};
const check = (definition: unknown) => named(checkDefinition(definition, programmes));
const pathsOf = (definition: unknown) =>
  check(definition)
    .map((e) => e.path)
    .sort();

test('the valid base definition breaks no rule', () => {
  expect(check(valid())).toEqual([]);
});

// One mutation per rule, and the paths it must be reported at (nothing else).
const cases: [string, (d: Def) => unknown, string[]][] = [
  ['not an object', () => ['a'], ['']],
  ['larger than 256 KiB', (d) => void (d.survey.description!.en = 'x'.repeat(270_000)), ['']],
  ['an unknown top-level field', (d) => Object.assign(d, { owner: 'me' }), ['owner']],
  ['an unknown programme', (d) => void (d.programme = 'NOPE'), ['programme']],
  ['a population the programme lacks', (d) => void (d.population = 'nobody'), ['population']],
  ['no locales', (d) => void delete (d as Partial<Def>).locales, ['locales']],
  [
    'English missing from locales',
    (d) => {
      d.locales = ['zh-HK', 'id'];
      dropLocale(d, 'en');
    },
    ['locales'],
  ],
  [
    'zh-HK missing from locales',
    (d) => {
      d.locales = ['en', 'id'];
      dropLocale(d, 'zh-HK');
    },
    ['locales'],
  ],
  ['an unsupported locale', (d) => void d.locales.push('fr'), ['locales.3']],
  ['a duplicated locale', (d) => void d.locales.push('id'), ['locales.3']],
  ['a required outcome without an item', (d) => void pageOne(d).splice(2, 1), ['survey']],
  [
    'an outcome the population may not measure',
    (d) => void (pageOne(d)[1]!.outcomeStandard = 5),
    [`${P0}.1.outcomeStandard`],
  ],
  [
    'an outcome that does not exist',
    (d) => void (pageOne(d)[1]!.outcomeStandard = 9),
    [`${P0}.1.outcomeStandard`],
  ],
  [
    'an outcome standard that is not a number',
    (d) => void (pageOne(d)[1]!.outcomeStandard = 'one' as never),
    [`${P0}.1.outcomeStandard`],
  ],
  [
    'an outcome on a radiogroup',
    (d) => void (pageTwo(d)[0]!.outcomeStandard = 4),
    [`${P1}.0.outcomeStandard`],
  ],
  [
    'an outcome item turned into a radiogroup',
    (d) =>
      void Object.assign(pageOne(d)[3]!, {
        type: 'radiogroup',
        choices: [{ value: 'y', text: text('Yes') }],
      }),
    [`${P0}.3.outcomeStandard`, 'survey'],
  ],
  [
    'a likert without outcome (context) is fine',
    (d) => void pageTwo(d).push(likert('more_context')),
    [],
  ],
  ['no scoring for an outcome with two items', (d) => void delete d.scoring, ['scoring.1']],
  ['an unknown scoring rule', (d) => void (d.scoring!['1'] = 'most' as never), ['scoring.1']],
  ['scoring for an outcome no item measures', (d) => void (d.scoring!['5'] = 'all'), ['scoring.5']],
  ['scoring that is not an object', (d) => void (d.scoring = 'majority' as never), ['scoring']],
  ['scoring for a one-item outcome is allowed', (d) => void (d.scoring!['2'] = 'mean'), []],
  [
    'a plain-string title',
    (d) => void (pageOne(d)[0]!.title = 'Skills' as never),
    [`${P0}.0.title`],
  ],
  ['a missing Indonesian title', (d) => void delete pageOne(d)[0]!.title!.id, [`${P0}.0.title`]],
  [
    'an empty English description',
    (d) => void (d.survey.description!.en = '  '),
    ['survey.description'],
  ],
  [
    'a text in a locale not listed',
    (d) => void (d.survey.title!.vi = 'Chương trình'),
    ['survey.title'],
  ],
  [
    'an untranslated nested title',
    (d) => void delete (pageOne(d)[4]!.elements![0]!.title as Record<string, string>)['zh-HK'],
    [`${P0}.4.elements.0.title`],
  ],
  [
    'a choice text missing a locale',
    (d) => void delete (pageTwo(d)[0]!.choices![1] as { text: Record<string, string> }).text.en,
    [`${P1}.0.choices.1.text`],
  ],
  [
    'a bare choice value',
    (d) => void (pageTwo(d)[0]!.choices![1] = 'individual'),
    [`${P1}.0.choices.1`],
  ],
  [
    'an untranslated placeholder',
    (d) => void (pageTwo(d)[2]!.placeholder = { en: 'Write here' }),
    [`${P1}.2.placeholder`],
  ],
  ['untranslated html', (d) => void (pageTwo(d)[3]!.html = '<p>Thanks</p>'), [`${P1}.3.html`]],
  [
    'a text over 2,000 characters',
    (d) => void (pageTwo(d)[2]!.title!.en = 'x'.repeat(2001)),
    [`${P1}.2.title`],
  ],
  [
    'a name used twice, once inside a panel',
    (d) => void (pageOne(d)[4]!.elements![0]!.name = 'skills'),
    [`${P0}.4.elements.0.name`],
  ],
  ['a name starting with a digit', (d) => void (pageTwo(d)[2]!.name = '1st'), [`${P1}.2.name`]],
  ['a question without a name', (d) => void delete pageTwo(d)[2]!.name, [`${P1}.2.name`]],
  ['an empty name', (d) => void (pageTwo(d)[2]!.name = ''), [`${P1}.2.name`]],
  [
    'a name over 60 characters',
    (d) => void (pageTwo(d)[2]!.name = `n${'a'.repeat(60)}`),
    [`${P1}.2.name`],
  ],
  ['a type we do not allow', (d) => void (pageTwo(d)[2]!.type = 'matrix'), [`${P1}.2.type`]],
  [
    'a question without a type',
    (d) => void delete (pageTwo(d)[2] as Partial<SurveyElement>).type,
    [`${P1}.2.type`],
  ],
  [
    'a setting SurveyJS does not know',
    (d) => void (pageTwo(d)[2]!.visibleIff = 'true'),
    [`${P1}.2.visibleIff`],
  ],
  [
    'a survey setting SurveyJS does not know',
    (d) => void (d.survey.colour = 'red'),
    ['survey.colour'],
  ],
  [
    'a likert with its own choices',
    (d) => void (pageOne(d)[0]!.choices = [{ value: 'x', text: text('X') }]),
    [`${P0}.0.choices`],
  ],
  ['a radiogroup without choices', (d) => void (pageTwo(d)[0]!.choices = []), [`${P1}.0.choices`]],
  [
    '51 choices',
    (d) =>
      void (pageTwo(d)[0]!.choices = Array.from({ length: 51 }, (_, i) => ({
        value: i,
        text: text(`${i}`),
      }))),
    [`${P1}.0.choices`],
  ],
  [
    'a repeated choice value',
    (d) => void ((pageTwo(d)[0]!.choices![1] as { value: string }).value = 'group'),
    [`${P1}.0.choices.1.value`],
  ],
  [
    '31 pages',
    (d) =>
      void d.survey.pages!.push(
        ...Array.from({ length: 29 }, (_, i) => ({
          name: `p${i}`,
          elements: comments(1).map((c) => ({ ...c, name: `p${i}c` })),
        })),
      ),
    ['survey.pages'],
  ],
  ['201 questions', (d) => void pageTwo(d).push(...comments(201 - 9)), ['survey.pages']],
  [
    'no pages (so no outcome is measured)',
    (d) => void (d.survey.pages = []),
    ['survey', 'survey', 'survey', 'survey.pages', 'scoring.1'],
  ],
  [
    'a question named constructor, which no answer may carry',
    (d) => void (pageTwo(d)[2]!.name = 'constructor'),
    [`${P1}.2.name`],
  ],
  [
    'a five-point style other than words or faces',
    (d) => void (d.survey.likertStyle = 'emoji' as never),
    ['survey.likertStyle'],
  ],
  [
    'a page that is not an object',
    (d) => void d.survey.pages!.push('page3' as never),
    ['survey.pages.2'],
  ],
];

describe.each(cases)('%s', (_, mutate, expected) => {
  test('is reported at exactly the expected paths, in plain sentences', () => {
    const definition: unknown = valid();
    const replaced = mutate(definition as Def);
    const errors = check(Array.isArray(replaced) ? replaced : definition);
    expect(errors.map((e) => e.path).sort()).toEqual([...expected].sort());
    for (const { message } of errors) {
      expect(message).toMatch(/^[A-Z"].*[.)]$/s);
      expect(message).not.toMatch(/undefined|\[object Object\]|NaN/);
    }
  });
});

test('faces and words are both valid five-point styles', () => {
  for (const likertStyle of ['faces', 'words'] as const) {
    const d = valid();
    d.survey.likertStyle = likertStyle;
    expect(check(d)).toEqual([]);
  }
});

test('a definition breaking several rules lists every one', () => {
  const d = valid();
  d.population = 'service_users'; // may measure only 3 and 4: outcomes 1, 1 and 2 are not allowed
  d.locales.push('xx');
  delete pageOne(d)[3]!.title!.id;
  pageTwo(d)[1]!.name = 'skills';
  pageTwo(d)[2]!.type = 'file';
  expect(pathsOf(d)).toEqual(
    [
      'locales.3',
      `${P0}.0.outcomeStandard`,
      `${P0}.1.outcomeStandard`,
      `${P0}.2.outcomeStandard`,
      `${P0}.3.title`,
      `${P1}.1.name`,
      `${P1}.2.type`,
    ].sort(),
  );
  const messages = check(d)
    .map((e) => e.message)
    .join('\n');
  expect(messages).toContain('Question "skills" measures outcome standard 1');
  expect(messages).toContain('Indonesian (id)');
});

describe('the templates in surveys/templates', () => {
  const dir = new URL('templates/', SURVEYS);
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  test('there are templates to check', () => expect(files.length).toBeGreaterThan(0));
  test.each(files)('%s breaks no rule', (file) => {
    const template = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as {
      definition: unknown;
    };
    expect(check(template.definition)).toEqual([]);
  });
});

describe('checkDraft', () => {
  const drafts: [string, unknown, string[]][] = [
    ['programme and population only', { programme: 'SPEAR', population: 'learning_programme' }, []],
    ['a whole valid definition', valid(), []],
    [
      'an invalid definition is still a fine draft',
      { ...valid(), locales: ['fr'], scoring: {} },
      [],
    ],
    ['no population', { programme: 'SPEAR' }, ['population']],
    ['a numeric programme', { programme: 1, population: 'x' }, ['programme']],
    ['not an object', 'draft', ['']],
    [
      'an unknown five-point style',
      { programme: 'A', population: 'b', survey: { likertStyle: 'big' } },
      ['survey.likertStyle'],
    ],
    ['locales not a list', { programme: 'A', population: 'b', locales: 'en' }, ['locales']],
    ['a survey that is a list', { programme: 'A', population: 'b', survey: [] }, ['survey']],
    [
      'pages not a list',
      { programme: 'A', population: 'b', survey: { pages: {} } },
      ['survey.pages'],
    ],
    [
      'an element that is not an object',
      { programme: 'A', population: 'b', survey: { pages: [{ elements: [1] }] } },
      ['survey.pages.0.elements.0'],
    ],
  ];
  test.each(drafts)('%s', (_, draft, expected) => {
    expect(named(checkDraft(draft)).map((e) => e.path)).toEqual(expected);
  });
});

test('contentHash is the SHA-256 of canonical JSON: key order does not matter, content does', () => {
  const d = valid();
  const reordered = Object.fromEntries(Object.entries(structuredClone(d)).reverse());
  expect(contentHash(d)).toMatch(/^[0-9a-f]{64}$/);
  expect(contentHash(reordered)).toBe(contentHash(d));
  d.survey.title!.en = 'Changed';
  expect(contentHash(d)).not.toBe(contentHash(reordered));
});

test('definition helpers find questions through panels and group outcome items', () => {
  const d = valid();
  expect(allQuestions(d).map((q) => q.path)).toContain(`${P0}.4.elements.0`);
  expect(allQuestions(d).some((q) => q.element.type === 'panel')).toBe(false);
  expect(measuredStandards(d)).toEqual([1, 2, 3, 4]);
  expect(
    outcomeItems(d)
      .get(1)!
      .map((q) => q.element.name),
  ).toEqual(['skills', 'anger']);
  expect(
    outcomeItems(d)
      .get(4)!
      .map((q) => q.path),
  ).toEqual([`${P0}.4.elements.0`]);
});

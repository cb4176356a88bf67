import { expect, test } from 'vitest';
import { changedEntries, diffDefinitions } from '../../../client/review/diff.ts';
import type { QuestionnaireDefinition } from '../../../server/domain/definition.ts';

// Which entries of a changed list SWD's review marks.

test('a list is compared entry by entry, by place; an entry the other list lacks is changed', () => {
  expect(
    changedEntries(['Referral', 'Self', 'Family'], ['Referral', 'On my own', 'Family']),
  ).toEqual([false, true, false]);
  expect(changedEntries(['zh-HK', 'en', 'ur'], ['zh-HK', 'en'])).toEqual([false, false, true]);
  expect(changedEntries(['b', 'a'], ['a', 'b'])).toEqual([true, true]);
});

test('the scoring is compared by outcome standard, whatever the order of its keys', () => {
  expect(changedEntries({ '1': 'all', '2': 'mean' }, { '2': 'mean', '1': 'majority' })).toEqual([
    true,
    false,
  ]);
  expect(changedEntries({ '1': 'all', '3': 'mean' }, { '1': 'all' })).toEqual([false, true]);
});

test('nothing is marked when the other version has nothing to compare with', () => {
  expect(changedEntries(['a', 'b'], undefined)).toEqual([false, false]);
  expect(changedEntries({ '1': 'all' }, undefined)).toEqual([false]);
  expect(changedEntries('a title', 'another title')).toEqual([]);
});

test("turning on the children's faces is a questionnaire-level change SWD sees", () => {
  const before = {
    programme: 'CHILDPRO',
    population: 'children',
    locales: ['zh-HK', 'en'],
    scoring: {},
    survey: { pages: [] },
  } as unknown as QuestionnaireDefinition;
  const after = { ...before, survey: { ...before.survey, likertStyle: 'faces' } };
  expect(diffDefinitions(before, after as QuestionnaireDefinition).questionnaire).toEqual([
    { field: 'likertStyle', before: undefined, after: 'faces' },
  ]);
});

// The children's faces are a presentation setting of the definition: survey-core reads it
// without complaint, it changes no answer value, and children's questionnaires start with it.
import * as SurveyCore from 'survey-core';
import { expect, test } from 'vitest';
import type { QuestionnaireDefinition } from '../../../server/domain/definition.ts';
import {
  defaultLikertStyle,
  likertStyleOf,
  LIKERT_VALUES,
  registerLikert,
  surveyJsErrors,
  toSurveyJson,
} from '../../../server/domain/likert.ts';

const definition = (survey: object): QuestionnaireDefinition => ({
  programme: 'CHILDPRO',
  population: 'children',
  locales: ['zh-HK', 'en'],
  survey: {
    pages: [
      {
        elements: [
          {
            type: 'likert',
            name: 'safe',
            outcomeStandard: 3,
            title: { 'zh-HK': '安全', en: 'Safe' },
          },
        ],
      },
    ],
    ...survey,
  },
});

test.each([
  [{}, 'words'],
  [{ likertStyle: 'words' }, 'words'],
  [{ likertStyle: 'faces' }, 'faces'],
  [{ likertStyle: 'emoji' }, 'words'],
  [{ likertStyle: 1 }, 'words'],
])('survey %j shows its scale as %s', (survey, style) => {
  expect(likertStyleOf(definition(survey))).toBe(style);
});

test.each([null, 'text', [], { survey: null }])('%j has the worded scale', (value) => {
  expect(likertStyleOf(value)).toBe('words');
});

test('children start with faces; every other population with words', () => {
  expect(defaultLikertStyle('children')).toBe('faces');
  for (const population of ['parents_carers', 'learning_programme', 'service_users'])
    expect(defaultLikertStyle(population)).toBe('words');
});

test('survey-core reads likertStyle as a known setting, and the answers keep their values', () => {
  expect(surveyJsErrors(SurveyCore, definition({ likertStyle: 'faces' }))).toEqual([]);
  registerLikert(SurveyCore);
  const model = new SurveyCore.Model(toSurveyJson(definition({ likertStyle: 'faces' }), 'en'));
  expect(model.getPropertyValue('likertStyle')).toBe('faces');
  const question = model.getQuestionByName('safe') as SurveyCore.QuestionCustomModel;
  const choices = (question.contentQuestion as SurveyCore.QuestionRadiogroupModel).choices;
  expect(choices.map((c) => c.value)).toEqual([...LIKERT_VALUES]);
  question.value = 'no_opinion';
  expect(model.data).toEqual({ safe: 'no_opinion' });
});

test('a likert question is exposed as a radio group named by its title, not a textbox', () => {
  registerLikert(SurveyCore);
  const model = new SurveyCore.Model(toSurveyJson(definition({}), 'en'));
  const question = model.getQuestionByName('safe') as SurveyCore.QuestionCustomModel;
  expect(question.ariaRole).toBeNull();
  const scale = question.contentQuestion as unknown as Record<string, unknown>;
  expect(scale.a11y_input_ariaRole).toBe('radiogroup');
  expect(scale.a11y_input_ariaLabelledBy).toBe(question.ariaTitleId);
});

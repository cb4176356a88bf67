import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  compileChecker,
  isBlank,
  MAX_TEXT_ANSWER,
  RESPONSE_RULES,
} from '../../../server/domain/checker.ts';
import type { QuestionnaireDefinition } from '../../../server/domain/definition.ts';

// The answer checker every response passes on the hot path (server/domain/checker.ts): each of
// its rules, what it accepts, and what it names when it refuses.

const title = { 'zh-HK': '題目', en: 'Question' };
const definition: QuestionnaireDefinition = {
  programme: 'SPEAR',
  population: 'service_users',
  locales: ['zh-HK', 'en'],
  survey: {
    title,
    pages: [
      {
        name: 'p1',
        elements: [
          { type: 'likert', name: 'cope', outcomeStandard: 3, title },
          {
            type: 'radiogroup',
            name: 'joined',
            title,
            choices: [{ value: 'referral', text: title }, 'self'],
          },
          { type: 'dropdown', name: 'age', title, choices: ['18-29', '30+'] },
          { type: 'checkbox', name: 'heard', title, choices: ['friend', 'poster', 'web'] },
          { type: 'text', name: 'name', title },
          { type: 'comment', name: 'comments', title },
          { type: 'boolean', name: 'again', title },
          { type: 'rating', name: 'stars', title, rateMin: 1, rateMax: 5 },
          { type: 'rating', name: 'grade', title, rateValues: ['A', 'B', { value: 'C' }] },
          { type: 'html', name: 'note', html: title },
        ],
      },
      // Questions inside a panel are questions too.
      {
        name: 'p2',
        elements: [
          {
            type: 'panel',
            name: 'more',
            elements: [{ type: 'likert', name: 'family', outcomeStandard: 4, title }],
          },
        ],
      },
    ],
  },
} as QuestionnaireDefinition;

const check = compileChecker(definition);
/** The rule each problem names, with its path. */
const rules = (answers: unknown) => check(answers).map((p) => [p.path, p.rule]);

describe('what fits', () => {
  test.each([
    ['a likert answer', { cope: 'strongly_agree' }],
    ['a likert answer inside a panel', { family: 'no_opinion' }],
    ['a choice given as an object', { joined: 'referral' }],
    ['a choice given as a plain value', { joined: 'self' }],
    ['a dropdown choice', { age: '30+' }],
    ['checkbox choices', { heard: ['friend', 'web'] }],
    ['text', { name: '陳大文' }],
    ['text of the longest length', { comments: 'x'.repeat(MAX_TEXT_ANSWER) }],
    ['a boolean', { again: false }],
    ['a rating in its range', { stars: 5 }],
    ['a rating from its values', { grade: 'C' }],
    ['nothing at all', {}],
  ])('%s', (_, answers) => {
    expect(check(answers)).toEqual([]);
  });

  test.each([null, undefined, '', []])('a blank answer (%j) to any question', (blank) => {
    const answers = Object.fromEntries(
      ['cope', 'joined', 'heard', 'name', 'again', 'stars', 'grade'].map((n) => [n, blank]),
    );
    expect(check(answers)).toEqual([]);
  });
});

describe('every rule', () => {
  test.each([
    ['answersNotObject', null, [['answers', 'answersNotObject']]],
    ['answersNotObject', ['agree'], [['answers', 'answersNotObject']]],
    ['answersNotObject', 'agree', [['answers', 'answersNotObject']]],
    ['noSuchQuestion', { other: 'agree' }, [['answers.other', 'noSuchQuestion']]],
    [
      'noSuchQuestion (an html element is no question)',
      { note: 'x' },
      [['answers.note', 'noSuchQuestion']],
    ],
    ['notOffered (likert)', { cope: 'maybe' }, [['answers.cope', 'notOffered']]],
    ['notOffered (likert, a score is no answer)', { cope: 4 }, [['answers.cope', 'notOffered']]],
    ['notOffered (radiogroup)', { joined: 'friend' }, [['answers.joined', 'notOffered']]],
    ['notOffered (dropdown)', { age: '17' }, [['answers.age', 'notOffered']]],
    [
      'notOffered (a checkbox value)',
      { heard: ['friend', 'tv'] },
      [['answers.heard', 'notOffered']],
    ],
    ['notOffered (rating values)', { grade: 'D' }, [['answers.grade', 'notOffered']]],
    ['notAList', { heard: 'friend' }, [['answers.heard', 'notAList']]],
    ['answerTwice', { heard: ['friend', 'friend'] }, [['answers.heard', 'answerTwice']]],
    ['notText', { name: 42 }, [['answers.name', 'notText']]],
    ['notText (comment)', { comments: ['a'] }, [['answers.comments', 'notText']]],
    [
      'textTooLong',
      { comments: 'x'.repeat(MAX_TEXT_ANSWER + 1) },
      [['answers.comments', 'textTooLong']],
    ],
    ['notBoolean', { again: 'yes' }, [['answers.again', 'notBoolean']]],
    ['notWholeNumber (too high)', { stars: 6 }, [['answers.stars', 'notWholeNumber']]],
    ['notWholeNumber (too low)', { stars: 0 }, [['answers.stars', 'notWholeNumber']]],
    ['notWholeNumber (a fraction)', { stars: 2.5 }, [['answers.stars', 'notWholeNumber']]],
    ['notWholeNumber (text)', { stars: '3' }, [['answers.stars', 'notWholeNumber']]],
  ])('%s', (_, answers, expected) => {
    expect(rules(answers)).toEqual(expected);
  });

  test('every problem in one pass, in the order of the answers', () => {
    expect(rules({ cope: 'maybe', other: 1, again: 'no', heard: 'poster' })).toEqual([
      ['answers.cope', 'notOffered'],
      ['answers.other', 'noSuchQuestion'],
      ['answers.again', 'notBoolean'],
      ['answers.heard', 'notAList'],
    ]);
  });

  test('a problem names its question and the values it needs', () => {
    expect(check({ stars: 9 })).toEqual([
      expect.objectContaining({
        path: 'answers.stars',
        rule: 'notWholeNumber',
        params: { question: 'stars', min: 1, max: 5 },
      }),
    ]);
    expect(check({ comments: 'x'.repeat(MAX_TEXT_ANSWER + 1) })[0]!.params).toEqual({
      question: 'comments',
      max: MAX_TEXT_ANSWER,
    });
  });

  test('the rules the checker uses are all listed (for the reader’s language)', () => {
    const used = new Set(
      [
        null,
        { x: 1 },
        { cope: 'x' },
        { heard: 'x' },
        { heard: ['friend', 'friend'] },
        { name: 1 },
        { comments: 'x'.repeat(MAX_TEXT_ANSWER + 1) },
        { again: 1 },
        { stars: 0 },
      ].flatMap((a) => check(a).map((p) => p.rule)),
    );
    for (const rule of used) expect(RESPONSE_RULES).toContain(rule);
  });
});

describe('properties', () => {
  test('blank answers are never a problem, whatever the question', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('cope', 'joined', 'age', 'heard', 'name', 'comments', 'again', 'stars'),
        fc.constantFrom(null, undefined, '', []),
        (name, blank) => {
          expect(isBlank(blank)).toBe(true);
          expect(check({ [name]: blank })).toEqual([]);
        },
      ),
    );
  });

  test('an answer to a question the version does not have is always refused', () => {
    fc.assert(
      fc.property(
        fc
          .string({ minLength: 1, maxLength: 20 })
          .filter(
            (n) => !/^(cope|joined|age|heard|name|comments|again|stars|grade|family)$/.test(n),
          ),
        fc.jsonValue(),
        (name, value) => {
          expect(rules({ [name]: value })).toEqual([[`answers.${name}`, 'noSuchQuestion']]);
        },
      ),
    );
  });

  test('a likert question takes exactly the five answers', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const fits = ['strongly_agree', 'agree', 'no_opinion', 'disagree', 'strongly_disagree'];
        expect(check({ cope: value }).length === 0).toBe(fits.includes(value) || value === '');
      }),
    );
  });
});

import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, expect, test } from 'vitest';
import { answered, testApp, type Caller, type TestApp } from '../../support/app.ts';
import { learningDefinition, questionnaireWithActivity } from '../../support/outcomes.ts';

let t: TestApp;
let swd: Caller;
beforeAll(async () => {
  t = await testApp();
  swd = await t.user('swd');
});

const VALUES = ['strongly_agree', 'agree', 'no_opinion', 'disagree', 'strongly_disagree'] as const;
type Rule = 'all' | 'majority' | 'mean';

// A deliberately plain reference, written apart from server/outcomes: floats and loops.
function reference(
  items: Record<number, string[]>,
  rule: Rule,
  responses: { answers: Record<string, string | null>; year: number }[],
  year: number,
) {
  const score: Record<string, number> = {
    strongly_agree: 5,
    agree: 4,
    no_opinion: 3,
    disagree: 2,
    strongly_disagree: 1,
  };
  const out: Record<
    number,
    { agreed: number; respondents: number; nonRespondents: number; percent: number | null }
  > = {};
  for (const [standard, names] of Object.entries(items)) {
    let agreed = 0;
    let respondents = 0;
    let nonRespondents = 0;
    for (const r of responses.filter((x) => x.year === year)) {
      const given = names
        .map((n) => r.answers[n])
        .filter((v): v is string => v !== null && v !== undefined);
      if (given.length === 0) {
        nonRespondents++;
        continue;
      }
      respondents++;
      const yes = given.filter((v) => v === 'agree' || v === 'strongly_agree').length;
      const effective = names.length === 1 ? 'all' : rule;
      const ok =
        effective === 'all'
          ? yes === given.length
          : effective === 'majority'
            ? yes > given.length / 2
            : given.reduce((s, v) => s + score[v]!, 0) / given.length >= 4;
      if (ok) agreed++;
    }
    out[Number(standard)] = {
      agreed,
      respondents,
      nonRespondents,
      percent: respondents ? Number(((agreed * 100) / respondents).toFixed(1)) : null,
    };
  }
  return out;
}

const questionnaireArb = fc.record({
  items: fc.record({
    1: fc.integer({ min: 1, max: 3 }),
    2: fc.integer({ min: 1, max: 2 }),
    3: fc.integer({ min: 1, max: 3 }),
    4: fc.integer({ min: 0, max: 2 }),
  }),
  rule: fc.constantFrom<Rule>('all', 'majority', 'mean'),
});

test('every figure equals a plain reference on random questionnaires and responses stored through the API', async () => {
  await fc.assert(
    fc.asyncProperty(
      questionnaireArb.chain(({ items, rule }) => {
        const names = Object.fromEntries(
          Object.entries(items)
            .filter(([, n]) => n > 0)
            .map(([standard, n]) => [
              Number(standard),
              Array.from({ length: n }, (_, i) => `s${standard}_${i}`),
            ]),
        ) as Record<number, string[]>;
        const allNames = Object.values(names).flat();
        const answerArb = fc.record(
          Object.fromEntries(
            allNames.map((n) => [n, fc.option(fc.constantFrom(...VALUES), { nil: null, freq: 3 })]),
          ),
        );
        // Months of the last financial year, and of this one up to last month (never the future).
        const when = fc.oneof(
          fc.record({ year: fc.constant(2025), month: fc.integer({ min: 1, max: 12 }) }),
          fc.record({ year: fc.constant(2026), month: fc.integer({ min: 4, max: 10 }) }),
        );
        const responseArb = fc.tuple(answerArb, when).map(([answers, w]) => ({ answers, ...w }));
        return fc.record({
          names: fc.constant(names),
          rule: fc.constant(rule),
          responses: fc.array(responseArb, { maxLength: 12 }),
        });
      }),
      async ({ names, rule, responses }) => {
        const operator = await t.operator();
        const coordinator = await t.user('coordinator', operator);
        const q = await questionnaireWithActivity(
          t,
          coordinator,
          swd,
          operator,
          learningDefinition(names, rule),
        );
        const stored = responses.map((r) => {
          // A month of the financial year `year`: April..December of year, January..March of year + 1.
          const calendarYear = r.month >= 4 ? r.year : r.year + 1;
          return {
            ...r,
            completedAt: `${calendarYear}-${String(r.month).padStart(2, '0')}-15T09:30:00+08:00`,
          };
        });
        for (const r of stored) {
          const answers = Object.fromEntries(
            Object.entries(r.answers).filter(([, v]) => v !== null),
          );
          await answered(
            t.api(coordinator).activities[':id'].responses.$post({
              param: { id: q.activityId },
              json: {
                id: randomUUID(),
                questionnaire: q.questionnaire,
                locale: 'en',
                answers,
                completedAt: r.completedAt,
              },
            }),
            201,
          );
        }
        for (const year of [2025, 2026]) {
          const figures = await answered(
            t.api(swd).outcomes.$get({
              query: { programme: 'SPEAR', fiscalYear: String(year), operator },
            }),
            200,
          );
          const expected = reference(names, rule, stored, year);
          for (const s of figures.standards) {
            const want = expected[s.number] ?? {
              agreed: 0,
              respondents: 0,
              nonRespondents: 0,
              percent: null,
            };
            expect(
              {
                agreed: s.agreed,
                respondents: s.respondents,
                nonRespondents: s.nonRespondents,
                percent: s.percent,
              },
              `standard ${s.number} in ${year}`,
            ).toEqual(want);
          }
        }
      },
    ),
    { numRuns: 12 },
  );
});

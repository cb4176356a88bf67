import { randomUUID } from 'node:crypto';
import { answered, type Caller, type TestApp } from './app.ts';
import { activity, approvedQuestionnaire } from './factories.ts';

const text = (zh: string, en: string) => ({ 'zh-HK': zh, en });
const likert = (name: string, standard: number) => ({
  type: 'likert',
  name,
  outcomeStandard: standard,
  title: text(`題目 ${name}`, `Item ${name}`),
});

/** A learning-programme questionnaire: items per standard as given (names), with a scoring rule. */
export function learningDefinition(
  items: Record<number, string[]>,
  rule: 'all' | 'majority' | 'mean' = 'majority',
  population = 'learning_programme',
) {
  const elements = Object.entries(items).flatMap(([standard, names]) =>
    names.map((n) => likert(n, Number(standard))),
  );
  const scoring = Object.fromEntries(
    Object.entries(items)
      .filter(([, names]) => names.length > 1)
      .map(([s]) => [s, rule]),
  );
  return {
    programme: 'SPEAR',
    population,
    locales: ['zh-HK', 'en'],
    ...(Object.keys(scoring).length ? { scoring } : {}),
    survey: {
      title: text('問卷', 'Questionnaire'),
      pages: [
        {
          name: 'p1',
          elements: [
            ...elements,
            { type: 'comment', name: 'comments', title: text('意見', 'Comments') },
          ],
        },
      ],
    },
  };
}

const KIND: Record<string, string> = {
  learning_programme: 'learning_programme_session',
  service_users: 'support_activity',
  public_education: 'education_activity',
};

/** An approved questionnaire with an activity that uses it; `answer` types in paper responses. */
export async function questionnaireWithActivity(
  t: TestApp,
  coordinator: Caller,
  swd: Caller,
  operator: string,
  definition: ReturnType<typeof learningDefinition>,
) {
  const questionnaire = await approvedQuestionnaire(t, coordinator, swd, definition);
  const activityId = await activity(
    t,
    coordinator,
    operator,
    [questionnaire],
    KIND[definition.population],
  );
  return {
    questionnaire,
    activityId,
    async answer(answers: Record<string, unknown>, completedAt = '2026-06-15T10:00:00+08:00') {
      const id = randomUUID();
      await answered(
        t.api(coordinator).activities[':id'].responses.$post({
          param: { id: activityId },
          json: { id, questionnaire, locale: 'zh-HK', answers, completedAt },
        }),
        201,
      );
      return id;
    },
  };
}

import { answered, type Caller, type TestApp } from './app.ts';

const text = (zh: string, en: string) => ({ 'zh-HK': zh, en });

/** A valid service-users questionnaire: two items for standard 3, one for 4, context and comment. */
export function serviceUsersDefinition() {
  return {
    programme: 'SPEAR',
    population: 'service_users',
    locales: ['zh-HK', 'en'],
    scoring: { '3': 'majority' },
    survey: {
      title: text('服務使用者問卷', 'Service users questionnaire'),
      pages: [
        {
          name: 'p1',
          elements: [
            {
              type: 'likert',
              name: 'cope',
              outcomeStandard: 3,
              title: text('服務幫助我處理壓力。', 'The service helped me handle stress.'),
            },
            {
              type: 'likert',
              name: 'cope_more',
              outcomeStandard: 3,
              title: text('我更能面對困難。', 'I cope better with difficulties.'),
            },
            {
              type: 'likert',
              name: 'family',
              outcomeStandard: 4,
              title: text('家庭關係改善了。', 'Family relationships improved.'),
            },
            {
              type: 'radiogroup',
              name: 'joined',
              title: text('你如何參加？', 'How did you join?'),
              choices: [
                { value: 'referral', text: text('轉介', 'Referral') },
                { value: 'self', text: text('自行申請', 'Myself') },
              ],
            },
            {
              type: 'checkbox',
              name: 'heard',
              title: text('從哪裏得知？', 'Where did you hear?'),
              choices: [
                { value: 'friend', text: text('朋友', 'Friend') },
                { value: 'poster', text: text('海報', 'Poster') },
              ],
            },
            { type: 'comment', name: 'comments', title: text('其他意見', 'Other comments') },
          ],
        },
      ],
    },
  };
}

/** Creates, submits and approves a questionnaire; returns its id and version 1. */
export async function approvedQuestionnaire(
  t: TestApp,
  coordinator: Caller,
  swd: Caller,
  definition: Record<string, unknown> = serviceUsersDefinition(),
) {
  const { id } = await answered(
    t.api(coordinator).questionnaires.$post({ json: { definition } }),
    201,
  );
  const version = (as: Caller) => t.api(as).questionnaires[':id'].versions[':v'];
  const param = { id, v: '1' };
  await answered(version(coordinator).submit.$post({ param }), 200);
  await answered(version(swd).approve.$post({ param, json: {} }), 200);
  return { id, version: 1 };
}

/** Records a support activity on the operator's SPeaR unit using the given versions. */
export async function activity(
  t: TestApp,
  coordinator: Caller,
  operator: string,
  questionnaires: { id: string; version: number }[],
  kind = 'support_activity',
) {
  const { id } = await answered(
    t.api(coordinator).activities.$post({
      json: {
        unit: `${operator}-S`,
        kind,
        title: 'Family support group',
        date: '2026-05-14',
        questionnaires,
      },
    }),
    201,
  );
  return id;
}

/** Opens a kiosk for the activity; returns its code. */
export async function kiosk(t: TestApp, coordinator: Caller, activityId: string, minutes?: number) {
  const { code } = await answered(
    t.api(coordinator).activities[':id'].kiosk.$post({
      param: { id: activityId },
      json: minutes ? { minutes } : {},
    }),
    201,
  );
  return code;
}

import { expect } from 'vitest';
import type { Caller, TestApp } from './app.ts';

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
  definition: object = serviceUsersDefinition(),
) {
  const created = await t.call('POST', '/questionnaires', {
    as: coordinator,
    body: { definition },
  });
  expect(created.status, created.text).toBe(201);
  const { id } = created.body;
  const submitted = await t.call('POST', `/questionnaires/${id}/versions/1/submit`, {
    as: coordinator,
  });
  expect(submitted.status, submitted.text).toBe(200);
  const approved = await t.call('POST', `/questionnaires/${id}/versions/1/approve`, {
    as: swd,
    body: {},
  });
  expect(approved.status, approved.text).toBe(200);
  return { id: id as string, version: 1 };
}

/** Records a support activity on the operator's SPeaR unit using the given versions. */
export async function activity(
  t: TestApp,
  coordinator: Caller,
  operator: string,
  questionnaires: { id: string; version: number }[],
  kind = 'support_activity',
) {
  const res = await t.call('POST', '/activities', {
    as: coordinator,
    body: {
      unit: `${operator}-S`,
      kind,
      title: 'Family support group',
      date: '2026-05-14',
      questionnaires,
    },
  });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}

/** Opens a kiosk for the activity; returns its code. */
export async function kiosk(t: TestApp, coordinator: Caller, activityId: string, minutes?: number) {
  const res = await t.call('POST', `/activities/${activityId}/kiosk`, {
    as: coordinator,
    body: minutes ? { minutes } : {},
  });
  expect(res.status, res.text).toBe(201);
  return res.body.code as string;
}

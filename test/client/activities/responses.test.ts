import { randomUUID } from 'node:crypto';
import { beforeAll, expect, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../../support/browser.ts';
import { startTestServer } from '../../support/server.ts';
import { apiAs } from '../../support/staff.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: BrowserContext;
let activityId: string;

/** Calls the API as `user`, failing the test on anything but success; gives the body. */
async function caller(user: { email: string; password: string }) {
  const call = await apiAs(server.url, user);
  return async (method: string, path: string, body?: unknown) => {
    const answer = await call(method, path, body);
    expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
    return answer.body;
  };
}

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const [, coordinator, swd] = server.demoUsers;
  const asCoordinator = await caller(coordinator);
  const created = await asCoordinator('POST', '/questionnaires', {
    template: 'spear-service-users',
  });
  const version = { id: created.id as string, version: 1 };
  await asCoordinator('POST', `/questionnaires/${version.id}/versions/1/submit`);
  await (
    await caller(swd)
  )('POST', `/questionnaires/${version.id}/versions/1/approve`, {});
  const activity = await asCoordinator('POST', '/activities', {
    unit: 'DEMO-SPEAR',
    kind: 'support_activity',
    title: 'Reading responses',
    date: '2026-05-14',
    questionnaires: [version],
  });
  activityId = activity.id;
  await asCoordinator('POST', `/activities/${activityId}/responses`, {
    id: randomUUID(),
    questionnaire: version,
    locale: 'zh-HK',
    answers: {
      cope_stress: 'strongly_agree',
      handle_feelings: 'no_opinion',
      comments: '導師很耐心，多謝！',
    },
    completedAt: '2026-05-14T11:02:00+08:00',
  });
});

async function activityPage(language: 'en' | 'zh-HK'): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${server.url}/sign-in`);
  await page.evaluate((l) => localStorage.setItem('fsa.language', l), language);
  await page.goto(`${server.url}/activities/${activityId}`);
  const heading = page.getByRole('heading', { name: 'Reading responses', level: 1 });
  await heading.or(page.locator('#email')).waitFor();
  if (!(await heading.isVisible())) {
    const coordinator = server.demoUsers[1];
    await page.locator('#email').fill(coordinator.email);
    await page.locator('#password').fill(coordinator.password);
    await page.locator('button[type=submit]').click();
    await heading.waitFor();
  }
  return page;
}

test('a coordinator reads a response: the questions and answers in the page’s language, and the comment', async () => {
  const page = await activityPage('en');
  await page.getByRole('columnheader', { name: 'Completed (Hong Kong time)' }).waitFor();
  await page.getByRole('button', { name: /^Read/ }).click();
  const answers = page
    .getByRole('group', { name: 'Answers' })
    .or(page.locator('.response-answers'));
  await answers.getByText('The service helped me cope with stress', { exact: false }).waitFor();
  await answers.getByText('Strongly agree', { exact: true }).waitFor();
  await answers.getByText('No opinion', { exact: true }).waitFor();
  await answers.getByText('導師很耐心，多謝！').waitFor();
  expect(await answers.getByText('Skipped', { exact: true }).count()).toBeGreaterThan(0);
  await page.screenshot({ path: '/tmp/coord-responses-en.png', fullPage: true });
  await page.close();

  const zh = await activityPage('zh-HK');
  await zh.getByRole('button', { name: /^查看/ }).click();
  const zhAnswers = zh.locator('.response-answers');
  await zhAnswers
    .getByText('這項服務有助我處理因伴侶之間的衝突或暴力而引起的壓力或困難。')
    .waitFor();
  await zhAnswers.getByText('十分同意', { exact: true }).waitFor();
  await zhAnswers.getByText('導師很耐心，多謝！').waitFor();
  await zh.getByRole('columnheader', { name: '完成時間（香港時間）' }).waitFor();
  await zh.screenshot({ path: '/tmp/coord-responses-zh.png', fullPage: true });
  await zh.close();
});

test('the activity’s and the year’s responses download as Excel and CSV from the page', async () => {
  const page = await activityPage('en');
  const links = page.locator('.response-downloads a');
  expect(await links.count()).toBe(4);
  const hrefs = await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
  expect(hrefs).toEqual([
    `${server.url}/api/v1/responses.xlsx?activity=${activityId}`,
    `${server.url}/api/v1/responses.csv?activity=${activityId}`,
    `${server.url}/api/v1/responses.xlsx?fiscalYear=2026`,
    `${server.url}/api/v1/responses.csv?fiscalYear=2026`,
  ]);
  await page.getByText('Every response of 2026-27', { exact: true }).waitFor();
  // With the page's own session, as the person's click would.
  const csv = await page.evaluate(async (href) => {
    const response = await fetch(href);
    return { status: response.status, text: await response.text() };
  }, hrefs[1]!);
  expect(csv.status).toBe(200);
  expect(csv.text).toContain('導師很耐心，多謝！');
  const download = page.waitForEvent('download');
  await links.first().click();
  expect((await download).suggestedFilename()).toMatch(
    /^responses-DEMO-2026-.*\.xlsx$|^responses-DEMO-.*\.xlsx$/,
  );
  await page.close();
});

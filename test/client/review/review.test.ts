import { beforeAll, expect, test } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { launchBrowser } from '../../support/browser.ts';
import { serviceUsersDefinition } from '../../support/factories.ts';
import { startTestServer } from '../../support/server.ts';
import { apiAs, signInAs } from '../../support/staff.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: BrowserContext;
beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

/** A first version, submitted by the demo coordinator: its id. */
async function submittedFirstVersion(scoring: 'majority' | 'mean') {
  const coordinator = await apiAs(server.url, server.demoUsers[1]);
  const definition = { ...serviceUsersDefinition(), scoring: { '3': scoring } };
  const created = await coordinator('POST', '/questionnaires', { definition });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const submitted = await coordinator(
    'POST',
    `/questionnaires/${created.body.id}/versions/1/submit`,
  );
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  return created.body.id as string;
}

test('a first version shows each standard’s scoring rule; approving asks first and is then in the history, in Hong Kong time', async () => {
  const id = await submittedFirstVersion('mean');
  const page = await browser.newPage();
  await signInAs(browser, page, server.url, server.demoUsers[2]);
  await page.goto(`${server.url}/reviews/${id}/versions/1`);
  const scoring = page.getByRole('region', { name: 'How each outcome standard is scored' });
  await scoring.waitFor();
  const rule3 = scoring.getByRole('row', { name: /^3\./ });
  await expect
    .poll(() => rule3.textContent())
    .toMatch(/2 item\(s\): cope, cope_more.*Mean: the mean of their answers is at least 4/);
  await expect
    .poll(() => scoring.getByRole('row', { name: /^4\./ }).textContent())
    .toContain('One item: the answer is agree or strongly agree.');
  // Items mapped to standards and the languages are on the same page.
  await page.getByRole('table', { name: 'Items of version 1' }).getByText('cope_more').waitFor();
  await page.getByRole('region', { name: 'Languages' }).getByText('English (en)').waitFor();

  // Approve is not one click: a dialog names what is approved, and cancelling changes nothing.
  await page.getByRole('button', { name: 'Approve', exact: true }).click();
  const dialog = page.getByRole('dialog', {
    name: 'Approve "Service users questionnaire", version 1?',
  });
  await dialog.waitFor();
  await dialog.getByText('Demo').first().waitFor();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
  const swd = await apiAs(server.url, server.demoUsers[2]);
  expect((await swd('GET', `/questionnaires/${id}`)).body.versions[0].status).toBe('submitted');

  await page.getByRole('button', { name: 'Approve', exact: true }).click();
  await dialog.getByRole('button', { name: 'Yes, approve' }).click();
  await page.getByText('Version 1 is approved.').waitFor();
  const history = page.getByRole('table', {
    name: /Submissions and decisions on this questionnaire/,
  });
  const approved = history.getByRole('row', { name: /Approved/ });
  await approved.waitFor();
  expect(await approved.textContent()).toContain('SWD officer (swd@demo.example.org)');
  // The time is Hong Kong's whatever the browser's zone.
  const { at } = (await swd('GET', `/questionnaires/${id}/decisions`)).body.items[1];
  const shown = await approved.locator('time').textContent();
  const inHongKong = await page.evaluate(
    (iso) =>
      new Intl.DateTimeFormat('en-GB', {
        dateStyle: 'medium',
        timeStyle: 'short',
        hourCycle: 'h23',
        timeZone: 'Asia/Hong_Kong',
      }).format(new Date(iso)),
    at,
  );
  expect(shown).toBe(inHongKong);
  await history
    .getByRole('row', { name: /Submitted/ })
    .getByText('Coordinator')
    .waitFor();
  await page.close();
});

test('rejecting names the reason in the confirmation, and the history shows it', async () => {
  const id = await submittedFirstVersion('majority');
  const page = await browser.newPage();
  await signInAs(browser, page, server.url, server.demoUsers[2], 'zh-HK');
  await page.goto(`${server.url}/reviews/${id}/versions/1`);
  await page.getByRole('region', { name: '各成效標準的計分方法' }).getByText('過半數').waitFor();
  await page.getByLabel('理由').fill('第 3 項標準的項目太少。');
  await page.getByRole('button', { name: '拒絕', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '拒絕「服務使用者問卷」第 1 版？' });
  await dialog.getByText('第 3 項標準的項目太少。').waitFor();
  await page.screenshot({ path: '/tmp/admin-review-confirm-zh.png', fullPage: false });
  await dialog.getByRole('button', { name: '確定拒絕' }).click();
  await page.getByText('第 1 版已被拒絕。').waitFor();
  const history = page.getByRole('table', { name: /此問卷的提交及決定/ });
  await history
    .getByRole('row', { name: /已拒絕|拒絕/ })
    .getByText('第 3 項標準的項目太少。')
    .waitFor();
  await page.screenshot({ path: '/tmp/admin-review-history-zh.png', fullPage: true });
  await page.close();
});

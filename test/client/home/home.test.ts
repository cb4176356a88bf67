import { randomUUID } from 'node:crypto';
import type { BrowserContext } from 'playwright-core';
import { beforeAll, expect, test } from 'vitest';
import { launchBrowser } from '../../support/browser.ts';
import { serviceUsersDefinition } from '../../support/factories.ts';
import { startTestServer } from '../../support/server.ts';
import { apiAs, signInAs } from '../../support/staff.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: BrowserContext;
let api: Record<'admin' | 'coordinator' | 'swd' | 'harbour', Awaited<ReturnType<typeof apiAs>>>;
const harbourUser = { email: 'harbour@test.example.org', password: 'harbour coordinator password' };
let waitingId: string;

/** A questionnaire titled `title`, created and submitted by `as`; its id. */
async function submitted(as: (typeof api)['admin'], title: string) {
  const definition = serviceUsersDefinition();
  definition.survey.title = { 'zh-HK': `${title}（中文）`, en: title };
  const created = await as('POST', '/questionnaires', { definition });
  expect(created.status).toBe(201);
  expect((await as('POST', `/questionnaires/${created.body.id}/versions/1/submit`)).status).toBe(
    200,
  );
  return created.body.id as string;
}

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const [admin, coordinator, swd] = server.demoUsers;
  const asAdmin = await apiAs(server.url, admin);
  const created = await asAdmin('POST', '/users', {
    ...harbourUser,
    role: 'coordinator',
    operator: 'HARBOUR',
  });
  expect(created.status).toBe(201);
  api = {
    admin: asAdmin,
    coordinator: await apiAs(server.url, coordinator),
    swd: await apiAs(server.url, swd),
    harbour: await apiAs(server.url, harbourUser),
  };

  // DEMO: one waiting, one rejected, one approved and in use by an activity with an open kiosk
  // and a refused submission. HARBOUR: one waiting, and a kiosk of its own.
  waitingId = await submitted(api.coordinator, 'Carers wellbeing survey');
  const rejected = await submitted(api.coordinator, 'Parenting group survey');
  expect(
    (
      await api.swd('POST', `/questionnaires/${rejected}/versions/1/reject`, {
        reason: 'Question 2 asks two things at once.',
      })
    ).status,
  ).toBe(200);
  const approved = await submitted(api.coordinator, 'Support group survey');
  expect((await api.swd('POST', `/questionnaires/${approved}/versions/1/approve`, {})).status).toBe(
    200,
  );
  const activity = await api.coordinator('POST', '/activities', {
    unit: 'DEMO-SPEAR',
    kind: 'support_activity',
    title: 'Tuesday support group',
    date: '2026-05-14',
    questionnaires: [{ id: approved, version: 1 }],
  });
  expect(activity.status).toBe(201);
  const kiosk = await api.coordinator('POST', `/activities/${activity.body.id}/kiosk`, {});
  expect(kiosk.status).toBe(201);
  const refused = await fetch(`${server.url}/api/v1/kiosk/${kiosk.body.code}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      id: randomUUID(),
      questionnaire: { id: approved, version: 1 },
      locale: 'zh-HK',
      answers: { cope: 'maybe' },
      completedAt: new Date().toISOString(),
    }),
  });
  expect(refused.status).toBe(422);

  const theirs = await submitted(api.harbour, 'Harbour intake form');
  expect((await api.swd('POST', `/questionnaires/${theirs}/versions/1/approve`, {})).status).toBe(
    200,
  );
  await submitted(api.harbour, 'Harbour follow-up form');
  const harbourActivity = await api.harbour('POST', '/activities', {
    unit: 'HARBOUR-SPEAR-A',
    kind: 'support_activity',
    title: 'Harbour drop-in',
    date: '2026-05-15',
    questionnaires: [{ id: theirs, version: 1 }],
  });
  expect(harbourActivity.status).toBe(201);
  expect(
    (await api.harbour('POST', `/activities/${harbourActivity.body.id}/kiosk`, {})).status,
  ).toBe(201);
});

test('SWD’s home lists every version waiting for review, linking to the review', async () => {
  const page = await browser.newPage();
  await signInAs(browser, page, server.url, server.demoUsers[2], 'zh-HK');
  await page.getByRole('heading', { name: '等候你審批的版本（2）' }).waitFor();
  const list = page.locator('.waiting-list');
  const items = await list.locator('li').allTextContents();
  expect(items).toHaveLength(2);
  expect(items[0]).toMatch(/^Carers wellbeing survey（中文）（第 1 版），示範家庭服務.*，.+ 提交$/);
  expect(items[1]).toMatch(/^Harbour follow-up form（中文）（第 1 版），港光家庭服務/);
  await page.screenshot({ path: '/tmp/home-swd-zh.png', fullPage: true });
  await page.getByRole('link', { name: 'Carers wellbeing survey（中文）（第 1 版）' }).click();
  await page.waitForURL(`**/reviews/${waitingId}/versions/1`);
  await page.close();
});

test('a coordinator’s home lists its own decisions, refused submissions and open kiosks only', async () => {
  const page = await browser.newPage();
  await signInAs(browser, page, server.url, server.demoUsers[1]);
  const waiting = page.getByRole('region', { name: 'Waiting for you' });
  await waiting.getByRole('heading', { name: 'SWD’s decisions in the last 30 days' }).waitFor();
  const decisions = waiting.locator('.waiting-group', {
    has: page.getByRole('heading', { name: 'SWD’s decisions in the last 30 days' }),
  });
  const rejected = decisions.locator('li', { hasText: 'Rejected' });
  await rejected.getByText('Reason: Question 2 asks two things at once.').waitFor();
  await rejected.getByRole('link', { name: 'Parenting group survey (version 1)' }).waitFor();
  await decisions
    .locator('li', { hasText: 'Approved' })
    .getByRole('link', { name: 'Support group survey (version 1)' })
    .waitFor();
  await waiting.getByRole('heading', { name: 'Refused kiosk submissions to review (1)' }).waitFor();
  await waiting.getByText('Tuesday support group (2026-05-14): 1 to review').waitFor();
  await waiting.getByRole('heading', { name: 'Kiosks still open (1)' }).waitFor();
  await waiting
    .getByText(/Tuesday support group \(2026-05-14\), closes .+ \(Hong Kong time\)/)
    .waitFor();
  const text = await waiting.textContent();
  expect(text).not.toContain('Harbour');
  await page.screenshot({ path: '/tmp/home-coordinator-en.png', fullPage: true });
  await waiting
    .locator('li', { hasText: 'closes' })
    .getByRole('link', { name: 'Tuesday support group (2026-05-14)' })
    .click();
  await page.getByRole('heading', { name: 'Tuesday support group' }).waitFor();
  await page.close();
});

test('an admin’s home lists pending password changes and the last audit check', async () => {
  const page = await browser.newPage();
  const users = (await api.admin('GET', '/users')).body.items as { id: string; email: string }[];
  const harbour = users.find((u) => u.email === harbourUser.email)!;
  expect(
    (await api.admin('POST', `/users/${harbour.id}/password`, { password: 'one-time password 1' }))
      .status,
  ).toBeLessThan(300);
  await signInAs(browser, page, server.url, server.demoUsers[0]);
  await page
    .getByRole('heading', { name: 'Users who must still change a reset password (1)' })
    .waitFor();
  await page.getByRole('link', { name: harbourUser.email }).waitFor();
  await page.getByText('The audit log has not been checked yet.').waitFor();
  expect(await page.getByText('Nothing is waiting for you.').count()).toBe(0);

  expect((await api.admin('POST', '/audit/verification')).status).toBe(200);
  await signInAs(browser, page, server.url, server.demoUsers[0], 'zh-HK');
  await page.getByText(/審計紀錄最近於 .+ 檢查：完整。/).waitFor();
  await page.screenshot({ path: '/tmp/home-admin-zh.png', fullPage: true });
  await page.close();
});

test('with nothing to do, the home page says so', async () => {
  const quiet = { email: 'quiet@test.example.org', password: 'quiet coordinator password' };
  expect(
    (await api.admin('POST', '/users', { ...quiet, role: 'coordinator', operator: 'LANTERN' }))
      .status,
  ).toBe(201);
  const page = await browser.newPage();
  await signInAs(browser, page, server.url, quiet, 'zh-HK');
  await page.getByText('沒有等候你處理的事項。').waitFor();
  await page.screenshot({ path: '/tmp/home-empty-zh.png', fullPage: true });
  await page.close();
});

// The staff screens that show a form (the designer's preview, the activity's paper entry, SWD's
// review) expose each five-point question as a radio group named by its question, never as an
// edit field (survey-core's default role for a question type without its own).
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, expect, test } from 'vitest';
import { launchBrowser } from '../../support/browser.ts';
import { startTestServer } from '../../support/server.ts';
import { openKiosk, TEXTS } from '../kiosk/fixtures.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: BrowserContext;
let kiosk: Awaited<ReturnType<typeof openKiosk>>;
beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  kiosk = await openKiosk(server.url, ['zh-HK', 'en']);
}, 300_000);

async function signedInPage(who: { email: string; password: string }): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${server.url}/sign-in`);
  await page.evaluate(() => localStorage.setItem('fsa.language', 'en'));
  await page.reload();
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  return page;
}

/** Both scale questions are radio groups of five; nothing on the page is a textbox but the comment. */
async function expectScalesAreRadioGroups(page: Page, where: string) {
  await page.locator('[data-name="stress"]').first().waitFor();
  for (const question of [TEXTS.en!.stress, TEXTS.en!.family]) {
    const group = page.getByRole('radiogroup', { name: question }).first();
    expect(await group.count(), `${where}: ${question}`).toBe(1);
    expect(await group.getByRole('radio').count(), where).toBe(5);
  }
  expect(await page.locator('[data-name="stress"][role], [data-name="family"][role]').count()).toBe(
    0,
  );
  const textboxes = await page
    .getByRole('textbox')
    .evaluateAll((fields) => fields.map((f) => f.tagName.toLowerCase()));
  expect(
    textboxes.filter((tag) => tag !== 'textarea' && tag !== 'input'),
    where,
  ).toEqual([]);
  const snapshot = await page.locator('[data-name="stress"]').first().ariaSnapshot();
  expect(snapshot, where).toContain(`radiogroup "${TEXTS.en!.stress}"`);
  expect(snapshot, where).not.toContain('textbox');
}

test('the designer preview and the paper entry (coordinator) and the review (SWD) show each scale as a radio group', async () => {
  const coordinator = await signedInPage(server.demoUsers[1]!);
  await coordinator.goto(`${server.url}/questionnaires/${kiosk.questionnaireId}/versions/1`);
  await coordinator.getByLabel('Preview language').selectOption('en');
  await expectScalesAreRadioGroups(coordinator, 'designer preview');

  await coordinator.goto(`${server.url}/activities/${kiosk.activityId}`);
  await coordinator.getByRole('group', { name: 'Paper form 1' }).waitFor();
  await expectScalesAreRadioGroups(coordinator, 'paper entry');
  await coordinator.close();
  await browser.clearCookies(); // the one browser profile: the coordinator's session goes

  const swd = await signedInPage(server.demoUsers[2]!);
  await swd.goto(`${server.url}/reviews/${kiosk.questionnaireId}/versions/1`);
  await swd.getByLabel('Preview language').selectOption('en');
  await expectScalesAreRadioGroups(swd, 'review');
  await swd.close();
}, 300_000);

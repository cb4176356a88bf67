// A participant cannot leave the kiosk, on a tablet where staff are signed in too: Back, a
// swipe or a script's history.go() stay inside it, Back on a half-filled form asks rather than
// dropping the answers, and the browser is signed out of the staff app.
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, expect, test } from 'vitest';
import { launchBrowser } from '../../support/browser.ts';
import { startTestServer } from '../../support/server.ts';
import { openKiosk } from './fixtures.ts';
import { choice, chooser, chooserReady, gotoKiosk } from './participant.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: BrowserContext;
let kiosk: Awaited<ReturnType<typeof openKiosk>>;
beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  kiosk = await openKiosk(server.url, ['zh-HK', 'en', 'ur']);
});

/** The coordinator, signed in (in English) on the tablet, on the activity's page. */
async function coordinatorOnActivityPage(): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 800, height: 1280 });
  await page.goto(`${server.url}/sign-in`);
  await page.evaluate(() => localStorage.setItem('fsa.language', 'en'));
  await page.reload();
  const coordinator = server.demoUsers[1];
  const signedIn = page.getByText('Operator: DEMO');
  // Another test's failure may have left this browser signed in.
  await page.getByLabel('Email').or(signedIn).first().waitFor();
  if (!(await signedIn.isVisible())) {
    await page.getByLabel('Email').fill(coordinator.email);
    await page.getByLabel('Password').fill(coordinator.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await signedIn.waitFor();
  }
  await page.goto(`${server.url}/activities/${kiosk.activityId}`);
  await page.getByRole('heading', { name: 'Family support group', level: 1 }).waitFor();
  return page;
}

/** Marks the kiosk's document, so a reload or a trip elsewhere and back is noticed. */
async function markKiosk(page: Page) {
  await page.evaluate(() => ((window as unknown as { kioskMark: boolean }).kioskMark = true));
}

/** Still the same kiosk page: not left, not reloaded, no staff page shown. */
async function expectStillInKiosk(page: Page) {
  await page.waitForTimeout(300); // a history traversal is asynchronous
  expect(new URL(page.url()).pathname).toMatch(/^\/kiosk\/.+/);
  expect(await page.evaluate(() => (window as unknown as { kioskMark?: boolean }).kioskMark)).toBe(
    true,
  );
  expect(await page.locator('.kiosk').count()).toBe(1);
}

/** Every way back a participant or a script has: the browser's Back, history.back(), go(-n). */
async function tryToLeave(page: Page) {
  await page.goBack({ timeout: 2000 }).catch(() => null);
  await expectStillInKiosk(page);
  await page.evaluate(() => history.back());
  await expectStillInKiosk(page);
  for (const steps of [1, 2, 5]) {
    await page.evaluate((n) => history.go(-n), steps);
    await expectStillInKiosk(page);
  }
}

/** Back on a form with an answer asks, and keeping on keeps the answer. */
async function backMidForm(page: Page, back: () => Promise<unknown>) {
  await back();
  const ask = page.getByRole('dialog', { name: 'Start again?' });
  await ask.waitFor();
  await expectStillInKiosk(page);
  expect(await choice(page, 'stress', 'agree').isChecked()).toBe(true);
  await ask.getByRole('button', { name: 'No, keep going' }).click();
  await ask.waitFor({ state: 'detached' });
  expect(await choice(page, 'stress', 'agree').isChecked()).toBe(true);
}

test('"open the kiosk on this device" from the activity page: Back and history never leave it, Back mid-form keeps the answers, and no staff session is left', async () => {
  const staff = await coordinatorOnActivityPage();
  await staff.getByRole('button', { name: 'Open a kiosk' }).click();
  const opening = browser.waitForEvent('page');
  await staff.getByRole('button', { name: 'Open the kiosk on this device' }).click();
  const tablet = await opening;
  await tablet.setViewportSize({ width: 800, height: 1280 });
  await chooser(tablet).waitFor();
  await markKiosk(tablet);

  // Nothing of the staff app is left on this device: its tab asks for a sign-in, and the
  // browser has no session (the kiosk's requests could not carry one anyway).
  await staff.getByRole('heading', { name: 'Sign in' }).waitFor();
  expect(await tablet.evaluate(() => fetch('/api/v1/auth/me').then((r) => r.status))).toBe(401);

  // On the language chooser, before anyone has touched the screen …
  await tryToLeave(tablet);
  await chooser(tablet).waitFor();

  // … and on a form with an answer: Back asks, the answer stays.
  await tablet.getByRole('button', { name: /English/ }).click();
  await tablet.locator('[data-name="stress"] label:has(input[value="agree"])').click();
  await backMidForm(tablet, () => tablet.goBack({ timeout: 2000 }).catch(() => null));
  await backMidForm(tablet, () => tablet.evaluate(() => history.back()));
  await backMidForm(tablet, () => tablet.evaluate(() => history.go(-1)));
  await tablet.evaluate(() => history.go(-4)); // beyond the kiosk's first page: nothing there
  await expectStillInKiosk(tablet);
  expect(await choice(tablet, 'stress', 'agree').isChecked()).toBe(true);

  // Back on a form with no answer means "change language".
  await tablet.getByRole('button', { name: 'Change language' }).click();
  await tablet
    .getByRole('dialog', { name: 'Start again?' })
    .getByRole('button', { name: 'Yes, start again' })
    .click();
  await tablet.getByRole('button', { name: /English/ }).click();
  await tablet.locator('[data-name="stress"]').waitFor();
  await tablet.evaluate(() => history.back());
  await chooser(tablet).waitFor();
  await expectStillInKiosk(tablet);
  await tablet.close();
  await staff.close();
});

test('the kiosk link opened in the signed-in tab itself: Back stays, the browser asks before a jump out, and what lies behind is signed out', async () => {
  const page = await coordinatorOnActivityPage();
  await gotoKiosk(page, `${server.url}${kiosk.kioskPath}`);
  await chooserReady(page);
  await markKiosk(page);
  // The kiosk ended the staff session of this browser when it started.
  expect(await page.evaluate(() => fetch('/api/v1/auth/me').then((r) => r.status))).toBe(401);

  await page.goBack({ timeout: 2000 }).catch(() => null);
  await expectStillInKiosk(page);
  await page.evaluate(() => history.back());
  await expectStillInKiosk(page);

  await page.getByRole('button', { name: /English/ }).click();
  await page.locator('[data-name="stress"] label:has(input[value="agree"])').click();
  await backMidForm(page, () => page.goBack({ timeout: 2000 }).catch(() => null));
  await backMidForm(page, () => page.evaluate(() => history.back()));

  // A jump past the kiosk, into the staff page's document: the browser asks first ("Leave
  // site?"); staying keeps the form.
  const prompts: string[] = [];
  page.once('dialog', (dialog) => {
    prompts.push(dialog.type());
    void dialog.dismiss();
  });
  await page.evaluate(() => history.go(-3));
  await expect.poll(() => prompts).toEqual(['beforeunload']);
  await expectStillInKiosk(page);
  expect(await choice(page, 'stress', 'agree').isChecked()).toBe(true);

  // Someone who insists on leaving finds the staff app signed out, not the activity's page.
  page.once('dialog', (dialog) => void dialog.accept());
  await page.evaluate(() => history.go(-3));
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  expect(await page.getByRole('heading', { name: 'Family support group' }).count()).toBe(0);
  expect(await page.getByRole('button', { name: /^Void/ }).count()).toBe(0);
  await page.close();
});

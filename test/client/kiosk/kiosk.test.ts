// The participant's kiosk in Chromium against the real server: answering in Traditional Chinese,
// Bahasa Indonesia and Urdu (right to left), nothing left behind for the next person, and the
// responses stored through the public API.
import { randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, expect, test } from 'vitest';
import { launchBrowser } from '../../support/browser.ts';
import { startTestServer } from '../../support/server.ts';
import { openKiosk } from './fixtures.ts';
import {
  answerForm,
  chooser,
  chooserReady,
  gotoKiosk,
  expectNoTrace,
  languageButton,
  NATIVE,
  WORDS,
} from './participant.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: BrowserContext;
let kiosk: Awaited<ReturnType<typeof openKiosk>>;
beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  kiosk = await openKiosk(server.url, ['zh-HK', 'en', 'id', 'ur']);
});

async function openTablet(): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await gotoKiosk(page, `${server.url}${kiosk.kioskPath}`);
  await chooserReady(page);
  return page;
}

/** The stored response with this comment, once the tablet has sent it. */
async function storedWith(comment: string) {
  let found: Awaited<ReturnType<typeof kiosk.responses>> = [];
  await expect
    .poll(
      async () =>
        (found = (await kiosk.responses()).filter((r) => r.answers.comments === comment)).length,
    )
    .toBe(1);
  return found[0]!;
}

test.each([
  { locale: 'zh-HK', stress: 'agree', family: 'strongly_agree' },
  { locale: 'id', stress: 'disagree', family: 'no_opinion' },
  { locale: 'ur', stress: 'strongly_agree', family: 'agree' },
])(
  'a participant answers in $locale; the next person gets a blank form and Back shows nothing',
  async ({ locale, stress, family }) => {
    const page = await openTablet();
    const historyLength = await page.evaluate(() => history.length);
    // The chooser names every offered language in its own script, with its `lang`.
    for (const code of Object.keys(NATIVE)) {
      const button = languageButton(page, code);
      expect(await button.getAttribute('lang')).toBe(code);
    }
    const secret = `comment ${randomUUID()}`;
    await answerForm(page, locale, { stress, family, comments: secret });
    expect(await page.getAttribute('html', 'lang')).toBe(locale);
    expect(await page.getAttribute('html', 'dir')).toBe(locale === 'ur' ? 'rtl' : 'ltr');

    // The thank-you screen, then the chooser again, in the default language.
    await page.getByRole('button', { name: WORDS[locale]!.done, exact: true }).click();
    await chooser(page).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('zh-HK');
    await expectNoTrace(page, secret);
    // No history entry was added per participant, and Back stays in the kiosk (leaving.test.ts)
    // without bringing the last form back.
    expect(await page.evaluate(() => history.length)).toBe(historyLength);
    await page.goBack();
    await expectNoTrace(page, secret);
    await page.goForward();
    await chooser(page).waitFor();
    await expectNoTrace(page, secret);

    const stored = await storedWith(secret);
    expect(stored.locale).toBe(locale);
    expect(stored.answers).toEqual({ stress, family, comments: secret });
    // Stamped with the (corrected) clock: within the last minute of the server's time.
    expect(Math.abs(Date.now() - Date.parse(stored.completedAt))).toBeLessThan(60_000);
    await page.close();
  },
);

test('in Urdu the page is right to left and the scale is mirrored, in landscape and portrait', async () => {
  const page = await openTablet();
  await languageButton(page, 'ur').click();
  await page.locator('[data-name="stress"]').waitFor();
  expect(await page.getAttribute('html', 'dir')).toBe('rtl');
  const box = (value: string) =>
    page.locator(`[data-name="stress"] label:has(input[value="${value}"])`).boundingBox();
  // Landscape: one row, "strongly agree" first from the right.
  let first = (await box('strongly_agree'))!;
  let last = (await box('strongly_disagree'))!;
  expect(Math.abs(first.y - last.y)).toBeLessThan(2);
  expect(first.x).toBeGreaterThan(last.x);
  // Portrait on a 10-inch tablet: one choice per line, in scale order, each a big target.
  await page.setViewportSize({ width: 800, height: 1280 });
  first = (await box('strongly_agree'))!;
  last = (await box('strongly_disagree'))!;
  expect(first.y).toBeLessThan(last.y);
  for (const value of ['strongly_agree', 'agree', 'no_opinion', 'disagree', 'strongly_disagree'])
    expect((await box(value))!.height).toBeGreaterThanOrEqual(48);
  await page.close();
});

test('every control a participant touches is at least 48 px, and progress is shown', async () => {
  const page = await openTablet();
  for (const button of await page.locator('button').all()) {
    const size = (await button.boundingBox())!;
    expect(Math.min(size.width, size.height), await button.innerText()).toBeGreaterThanOrEqual(48);
  }
  await languageButton(page, 'en').click();
  await page.locator('[data-name="stress"]').waitFor();
  for (const target of await page.locator('.kiosk-likert label, .sd-btn, .kiosk-button').all()) {
    const size = (await target.boundingBox())!;
    expect(Math.min(size.width, size.height)).toBeGreaterThanOrEqual(48);
  }
  const progress = page.locator('.sd-progress__text:not(.sd-hidden)');
  expect(await progress.innerText()).toBe('Answered 0/3 questions');
  await page.locator('[data-name="stress"] label:has(input[value="agree"])').click();
  await expect.poll(() => progress.innerText()).toBe('Answered 1/3 questions');
  await expect
    .poll(() => page.getByRole('progressbar').evaluate((bar) => bar.getBoundingClientRect().width))
    .toBeGreaterThan(0);
  await page.close();
});

test('a form left alone asks "are you still there?", then clears itself for the next person', async () => {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.clock.install();
  await gotoKiosk(page, `${server.url}${kiosk.kioskPath}`);
  await chooserReady(page);
  await languageButton(page, 'en').click();
  await page.locator('[data-name="stress"] label:has(input[value="agree"])').click();
  await page.clock.fastForward(91_000);
  const dialog = page.getByRole('dialog', { name: 'Are you still there?' });
  await dialog.waitFor();
  // Continue keeps the answers …
  await dialog.getByRole('button', { name: 'Continue' }).click();
  expect(await page.locator('input:checked').count()).toBe(1);
  // … silence clears them.
  await page.clock.fastForward(91_000);
  await dialog.waitFor();
  await page.clock.fastForward(31_000);
  await chooser(page).waitFor();
  expect(await page.locator('input:checked').count()).toBe(0);
  expect(await page.locator('[data-name]').count()).toBe(0);
  await page.close();
});

test('staff leave kiosk mode with the PIN, checked by the server (the tablet never gets its hash), seeing only a count', async () => {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  const kioskBodies: string[] = [];
  const checks: number[] = [];
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (path === `/api/v1${kiosk.kioskPath}`)
      void response.text().then(
        (text) => kioskBodies.push(text),
        () => undefined,
      );
    if (path.endsWith('/staff-check')) checks.push(response.status());
  });
  await gotoKiosk(page, `${server.url}${kiosk.kioskPath}`);
  await chooserReady(page);
  await page.getByRole('button', { name: '職員' }).click();
  const dialog = page.getByRole('dialog', { name: '只限職員' });
  await dialog.getByLabel('密碼（PIN）').fill('111111');
  await dialog.getByRole('button', { name: '解鎖' }).click();
  await dialog.getByText('密碼不正確。').waitFor();
  await dialog.getByLabel('密碼（PIN）').fill(kiosk.pin);
  await dialog.getByRole('button', { name: '解鎖' }).click();
  await dialog.getByText('所有回應已經傳送。').waitFor();
  // The server said no, then yes; what the tablet was sent says only that there is a PIN.
  expect(checks).toEqual([403, 204]);
  expect(kioskBodies.length).toBeGreaterThan(0);
  for (const body of kioskBodies) {
    expect(JSON.parse(body).hasPin).toBe(true);
    expect(body).not.toMatch(/salt|iterations|hash/i);
  }
  await dialog.getByRole('button', { name: '關閉填寫站模式' }).click();
  // Out of the kiosk, into the staff app (which asks for a sign-in).
  await expect.poll(() => new URL(page.url()).pathname.startsWith('/kiosk/')).toBe(false);
  await page.close();
});

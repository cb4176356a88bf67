// The kiosk for a keyboard or screen-reader user, beyond what a checker sees: a keyboard-only
// run from the language chooser to the thank-you screen in which focus lands on the new
// screen's heading after every change, a heading and a title in the chosen language on every
// screen, and the accessibility tree Chromium gives a screen reader (zh-HK and Urdu), in which
// each five-point question is a radio group named by its question, not an edit field.
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, expect, test } from 'vitest';
import { launchBrowser } from '../../support/browser.ts';
import { startTestServer } from '../../support/server.ts';
import { openKiosk, TEXTS, twoPageDefinition } from './fixtures.ts';
import { chooser, chooserReady, gotoKiosk, NATIVE, SCALE, WORDS } from './participant.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: BrowserContext;
let kiosk: Awaited<ReturnType<typeof openKiosk>>;
const LOCALES = ['zh-HK', 'en', 'ur'];
beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  kiosk = await openKiosk(server.url, LOCALES, '246813', [], twoPageDefinition(LOCALES));
}, 300_000);

/** "Page n of 2" in the form's heading (client/kiosk/form-locales). */
const PAGE: Record<string, (n: number) => string> = {
  'zh-HK': (n) => `第 ${n} 頁，共 2 頁`,
  en: (n) => `Page ${n} of 2`,
  ur: (n) => `صفحہ ${n} از 2`,
};
/** SurveyJS's Next and Previous in each language. */
const NAV: Record<string, { next: string; prev: string }> = {
  'zh-HK': { next: '下一頁', prev: '上一頁' },
  en: { next: 'Next', prev: 'Previous' },
  ur: { next: 'اگلا', prev: 'پچھلا' },
};

async function openTablet(): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 800, height: 1280 });
  await gotoKiosk(page, `${server.url}${kiosk.kioskPath}`);
  await chooserReady(page);
  return page;
}

/** What has focus: its tag, role, level and accessible text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      text: el?.textContent?.trim() ?? '',
      value: (el as HTMLInputElement | null)?.value ?? '',
    };
  });

/** Focus is on the screen's one level-1 heading, which reads `text`; the title says it too. */
async function expectHeadingFocused(page: Page, text: string, title: string) {
  await expect.poll(async () => (await focused(page)).tag).toBe('h1');
  expect((await focused(page)).text).toContain(text);
  expect(await page.locator('h1').count()).toBe(1);
  expect(await page.title()).toContain(title);
}

/** Presses Tab until the focused element passes `test` (at most 40 times). */
async function tabTo(page: Page, wanted: (f: Awaited<ReturnType<typeof focused>>) => boolean) {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if (wanted(await focused(page))) return;
  }
  throw new Error(`Tab never reached the element; last: ${JSON.stringify(await focused(page))}`);
}

test.each(LOCALES)(
  'in %s, keyboard only from the language chooser to thank-you, focus on the new heading after every screen change',
  async (locale) => {
    const page = await openTablet();
    const text = TEXTS[locale]!;
    await expectHeadingFocused(page, 'Family support group', 'Family support group');

    // Choose the language: the form opens with focus on its heading, page 1 of 2.
    await tabTo(page, (f) => f.tag === 'button' && f.text.startsWith(NATIVE[locale]!));
    await page.keyboard.press('Enter');
    await expectHeadingFocused(page, PAGE[locale]!(1), text.title);
    expect(await page.title()).toContain(PAGE[locale]!(1));
    expect(await page.getAttribute('html', 'lang')).toBe(locale);

    // Answer with the keyboard: into the scale, arrows to "agree" (the second choice).
    await tabTo(page, (f) => f.tag === 'input' && f.value === 'strongly_agree');
    await page.keyboard.press('ArrowDown');
    expect((await focused(page)).value).toBe('agree');
    expect(await page.locator('[data-name="stress"] input[value="agree"]').isChecked()).toBe(true);

    await tabTo(page, (f) => f.text === NAV[locale]!.next || f.value === NAV[locale]!.next);
    await page.keyboard.press('Enter');
    await expectHeadingFocused(page, PAGE[locale]!(2), PAGE[locale]!(2));

    // Previous, and focus is on page 1's heading again, the answer kept; then Next again.
    await tabTo(page, (f) => f.text === NAV[locale]!.prev || f.value === NAV[locale]!.prev);
    await page.keyboard.press('Enter');
    await expectHeadingFocused(page, PAGE[locale]!(1), PAGE[locale]!(1));
    expect(await page.locator('[data-name="stress"] input[value="agree"]').isChecked()).toBe(true);
    await tabTo(page, (f) => f.text === NAV[locale]!.next || f.value === NAV[locale]!.next);
    await page.keyboard.press('Enter');
    await expectHeadingFocused(page, PAGE[locale]!(2), PAGE[locale]!(2));

    await tabTo(page, (f) => f.tag === 'input' && f.value === 'strongly_agree');
    await page.keyboard.press('Space');
    await tabTo(page, (f) => f.tag === 'textarea');
    await page.keyboard.type('keyboard only');
    await tabTo(
      page,
      (f) => f.text === WORDS[locale]!.complete || f.value === WORDS[locale]!.complete,
    );
    await page.keyboard.press('Enter');
    await expectHeadingFocused(page, WORDS[locale]!.thanks, WORDS[locale]!.thanks);

    // Done: the chooser again, its heading focused, in the default language.
    await tabTo(page, (f) => f.text === WORDS[locale]!.done);
    await page.keyboard.press('Enter');
    await expectHeadingFocused(page, 'Family support group', 'Family support group');
    await expect
      .poll(async () => (await kiosk.responses()).filter((r) => r.locale === locale))
      .toHaveLength(1);
    const [stored] = (await kiosk.responses()).filter((r) => r.locale === locale);
    expect(stored!.answers).toEqual({
      stress: 'agree',
      family: 'strongly_agree',
      comments: 'keyboard only',
    });
    await page.close();
  },
);

test.each(['zh-HK', 'ur'])(
  'in %s, a screen reader meets each scale question as a radio group named by its question',
  async (locale) => {
    const page = await openTablet();
    await page.getByRole('button', { name: new RegExp(`^${NATIVE[locale]} `) }).click();
    await page.locator('[data-name="stress"]').waitFor();
    const text = TEXTS[locale]!;
    const snapshot = await page.locator('body').ariaSnapshot();
    console.log(`Accessibility tree of the kiosk's first page in ${locale}:\n${snapshot}`);

    expect(snapshot).toContain(`- heading "${text.title} ${PAGE[locale]!(1)}" [level=1]`);
    expect(snapshot).toContain(`- radiogroup "${text.stress}":`);
    // The progress bar is named in the form's language (survey-core's Urdu names it in English).
    expect(snapshot).toContain(`- progressbar "${locale === 'ur' ? 'پیش رفت کی پٹی' : '進度條'}"`);
    for (const label of Object.values(SCALE[locale]!))
      expect(snapshot).toContain(`- radio "${label}"`);
    // No question is an edit field: the one page holds no text box at all.
    expect(snapshot).not.toContain('textbox');
    expect(await page.locator('[role="textbox"]').count()).toBe(0);
    // The scale's group is named by the question (its title element) and is the only group.
    const group = page.getByRole('radiogroup', { name: text.stress });
    expect(await group.count()).toBe(1);
    expect(await group.getByRole('radio').count()).toBe(5);

    // Page two: the other scale and the comment, a text box named by its question.
    await page.getByRole('button', { name: NAV[locale]!.next }).click();
    await page.locator('[data-name="family"]').waitFor();
    const second = await page.locator('body').ariaSnapshot();
    console.log(`Accessibility tree of the kiosk's second page in ${locale}:\n${second}`);
    expect(second).toContain(`- radiogroup "${text.family}":`);
    expect(second).toContain(`- textbox "${text.comments}"`);
    expect(second.match(/textbox/g)).toHaveLength(1);
    await page.screenshot({ path: `/tmp/kiosk-a11y-page2-${locale}.png` });
    await page.close();
  },
);

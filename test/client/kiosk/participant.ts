// What a participant does on the kiosk, as Playwright steps shared by the kiosk's tests.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** The five-point scale's labels in the test languages (surveys/likert.json). */
export const SCALE: Record<string, { agree: string; stronglyAgree: string; disagree: string }> = {
  'zh-HK': { agree: '同意', stronglyAgree: '十分同意', disagree: '不同意' },
  en: { agree: 'Agree', stronglyAgree: 'Strongly agree', disagree: 'Disagree' },
  id: { agree: 'Setuju', stronglyAgree: 'Sangat setuju', disagree: 'Tidak setuju' },
  ur: { agree: 'متفق', stronglyAgree: 'مکمل طور پر متفق', disagree: 'غیر متفق' },
};

/** The kiosk's own words the tests look for (client/kiosk/locales). */
export const WORDS: Record<string, { complete: string; thanks: string; done: string }> = {
  'zh-HK': { complete: '提交問卷', thanks: '多謝你！', done: '完成' },
  en: { complete: 'Complete', thanks: 'Thank you!', done: 'Done' },
  id: { complete: 'Selesai', thanks: 'Terima kasih!', done: 'Selesai' },
  ur: { complete: 'مکمل', thanks: 'شکریہ!', done: 'ہو گیا' },
};

export const NATIVE: Record<string, string> = {
  'zh-HK': '繁體中文',
  en: 'English',
  id: 'Bahasa Indonesia',
  ur: 'اردو',
};

/** Opens a kiosk address; fails at once, and says why, when the server does not serve the kiosk. */
export async function gotoKiosk(page: Page, url: string) {
  const response = await page.goto(url);
  expect(
    (await response?.text()) ?? '',
    'GET /kiosk/{code} must answer with the built client/kiosk.html (server/app.ts)',
  ).toContain('/assets/kiosk-');
}

/** A language's button on the chooser: its name in its own script, then its invitation. */
export const languageButton = (page: Page, locale: string) =>
  page.getByRole('button', { name: new RegExp(`^${NATIVE[locale]} `) });

/** The language chooser between participants (its list named in the default language). */
export const chooser = (page: Page) => page.getByRole('list', { name: '語言', exact: true });

/**
 * Waits for the chooser with React in charge: the first script paints an inert copy before it
 * (client/kiosk/firstPaint.ts, its buttons aria-disabled), and React then sets up the page,
 * such as the history entry that keeps Back inside the kiosk.
 */
export async function chooserReady(page: Page) {
  await chooser(page).waitFor();
  await page.locator('#root [aria-disabled="true"]').first().waitFor({ state: 'detached' });
}

/** The radio for one choice of one question (by its value, whatever the language). */
export const choice = (page: Page, question: string, value: string) =>
  page.locator(`[data-name="${question}"] input[type=radio][value="${value}"]`);

/**
 * One participant: picks the language, answers both scale questions and the comment, and
 * completes; resolves on the thank-you screen.
 */
export async function answerForm(
  page: Page,
  locale: string,
  answers: { stress: string; family: string; comments: string },
) {
  await languageButton(page, locale).click();
  await page.locator('[data-name="stress"]').waitFor();
  expect(await page.getAttribute('html', 'lang')).toBe(locale);
  // Tap the visible button (the label); the radio itself is visually hidden.
  await page.locator(`[data-name="stress"] label:has(input[value="${answers.stress}"])`).click();
  await page.locator(`[data-name="family"] label:has(input[value="${answers.family}"])`).click();
  await page.locator('[data-name="comments"] textarea').fill(answers.comments);
  await page.getByRole('button', { name: WORDS[locale]!.complete, exact: true }).click();
  await page.getByRole('heading', { name: WORDS[locale]!.thanks }).waitFor();
}

/** Nothing of a participant's answers is left in the page: no text, no checked choice. */
export async function expectNoTrace(page: Page, secret: string) {
  expect(await page.content()).not.toContain(secret);
  expect(await page.locator('input:checked').count()).toBe(0);
  const values = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')]
      .filter((field) => field.type !== 'radio')
      .map((field) => field.value),
  );
  expect(values.filter(Boolean)).toEqual([]);
  expect(await page.locator('[data-name]').count()).toBe(0);
}

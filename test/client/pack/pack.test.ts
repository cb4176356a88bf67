import { mkdir, writeFile } from 'node:fs/promises';
import { beforeAll, expect, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_EXPLANATION } from '../../../server/demo/seed.ts';
import { fiscalYearLabel, fiscalYearOf } from '../../../server/domain/fiscal-year.ts';
import { launchBrowser } from '../../support/browser.ts';
import { startTestServer } from '../../support/server.ts';

// Issue 16's walk as SWD: the funnel plot shows the demo's outlier operator (WESTBAY), its row
// links to its unit's annual performance pack, and the pack prints to an A4 PDF in both
// languages. The PDFs and print-media screenshots are kept in OUT for a person to look at.

const OUT = '/tmp/pack-test';
let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: BrowserContext;
beforeAll(async () => {
  server = await startTestServer({ sampleYears: true });
  browser = await launchBrowser();
  await mkdir(OUT, { recursive: true });
}, 180_000);

const year = fiscalYearOf(new Date());

async function signIn(
  page: Page,
  language: 'en' | 'zh-HK',
  who: { email: string; password: string } = server.demoUsers[2],
) {
  const swd = who;
  await browser.clearCookies();
  await page.goto(`${server.url}/sign-in`);
  await page.evaluate((l) => localStorage.setItem('fsa.language', l), language);
  await page.reload();
  await page.locator('input[type=email]').fill(swd.email);
  await page.locator('input[type=password]').fill(swd.password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL(`${server.url}/`);
}

/** The PDF's page count, from its page objects. */
const pageCount = (pdf: Buffer) =>
  pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;

async function printPack(page: Page, name: string) {
  // Print media, as a person printing gets; an earlier emulateMedia would otherwise carry over.
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  await writeFile(`${OUT}/${name}.pdf`, pdf);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const pages = pageCount(pdf);
  expect(pages).toBeGreaterThanOrEqual(1);
  expect(pages).toBeLessThanOrEqual(3);
  // What the printer gets, as a picture (print media, A4 width): `pdftoppm -png` on the PDF too.
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.screenshot({ path: `${OUT}/${name}.png`, fullPage: true });
  // Nothing of the app's chrome or the editing forms is printed.
  expect(await page.locator('header.site-header').isVisible()).toBe(false);
  expect(await page.locator('.pack-controls').isVisible()).toBe(false);
  await page.emulateMedia({ media: null });
  await page.setViewportSize({ width: 1280, height: 900 });
  return pages;
}

test('SWD finds the outlier on the funnel, opens its unit’s pack and prints it in English and Chinese', async () => {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, 'en');
  await page.goto(`${server.url}/reports`);
  // Standard 3: WESTBAY far below, with many respondents.
  await page.getByLabel('Standard', { exact: true }).selectOption('3');
  const row = page.locator('.funnel-table tbody tr', { hasText: 'WESTBAY' });
  await expect.poll(() => row.locator('td').nth(4).textContent()).toBe('below the 99.8% limit');
  const outliers = page.locator('.funnel-table tbody tr', { hasText: 'below the 99.8% limit' });
  expect(await outliers.count()).toBe(1);
  await page.screenshot({ path: `${OUT}/funnel-en.png`, fullPage: true });

  await row.getByRole('link', { name: 'Pack of WESTBAY-SPEAR-E' }).click();
  await page
    .getByRole('heading', {
      name: `Annual performance pack: WESTBAY-SPEAR-E, ${fiscalYearLabel(year)}`,
    })
    .waitFor();
  const outcome3 = page.locator('.pack-table tbody tr', { hasText: 'Outcome 3' });
  await expect.poll(() => outcome3.locator('.pack-verdict').textContent()).toContain('not met');
  await expect
    .poll(() => page.locator('.pack-explained', { hasText: 'Outcome 3' }).textContent())
    .toContain(DEMO_EXPLANATION.actionPlan);
  // SWD reads the coordinator's words and cannot edit them.
  expect(await page.locator('.pack-form').count()).toBe(0);
  const english = await printPack(page, 'westbay-en');

  await page.evaluate(() => localStorage.setItem('fsa.language', 'zh-HK'));
  await page.reload();
  await page
    .getByRole('heading', { name: `年度表現資料：WESTBAY-SPEAR-E，${fiscalYearLabel(year)}` })
    .waitFor();
  await expect
    .poll(() => page.locator('.pack-table tbody tr', { hasText: '成效標準 3' }).textContent())
    .toContain('未達標');
  const chinese = await printPack(page, 'westbay-zh');
  expect(chinese).toBeGreaterThanOrEqual(1);
  expect(english).toBeGreaterThanOrEqual(1);
}, 120_000);

test('the small unit’s miss reads too few to tell in its pack', async () => {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, 'en');
  await page.goto(`${server.url}/pack/LANTERN-SPEAR-C/${year}`);
  const outcome3 = page.locator('.pack-table tbody tr', { hasText: 'Outcome 3' });
  await expect
    .poll(() => outcome3.locator('.pack-verdict').textContent())
    .toContain('too few to tell');
  await printPack(page, 'lantern-en');
}, 60_000);

test('the coordinator writes an explanation and action plan on the page; printing leaves the form out', async () => {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, 'en', server.demoUsers[1]);
  await page.goto(`${server.url}/pack/DEMO-SPEAR/${year}`);
  const form = page.getByRole('form', { name: /^Explanation and action plan for Outcome 4/ });
  await form.getByLabel('Explanation').fill('A new team started in the second quarter.');
  await form.getByLabel('Action plan').fill('Supervision every month from January.');
  await form.getByRole('button', { name: 'Save' }).click();
  await form.getByText('Saved.').waitFor();
  await page.screenshot({ path: `${OUT}/coordinator-en.png`, fullPage: true });
  await page.reload();
  const saved = page.getByRole('form', { name: /^Explanation and action plan for Outcome 4/ });
  await expect
    .poll(() => saved.getByLabel('Action plan').inputValue())
    .toBe('Supervision every month from January.');
  await printPack(page, 'demo-coordinator-en');
  await page.evaluate(() => localStorage.setItem('fsa.language', 'zh-HK'));
  await page.reload();
  await page.getByRole('form', { name: /成效標準 4/ }).waitFor();
  await page.screenshot({ path: `${OUT}/coordinator-zh.png`, fullPage: true });
}, 60_000);

import { beforeAll, expect, test } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { launchBrowser } from '../../support/browser.ts';
import { startTestServer } from '../../support/server.ts';
import { apiAs, signInAs } from '../../support/staff.ts';

// The admin's closure days (typhoon signal No. 8, black rainstorm): reached from the admin
// navigation, a day declared and withdrawn, the form's problems said in the reader's language;
// a coordinator has neither the link nor the page.

const SHOTS = '/tmp/recui/shots';
let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: BrowserContext;
beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

const DAY = '2026-09-15';

test('an admin declares a closure day and withdraws it; problems are said in the reader’s language', async () => {
  const admin = server.demoUsers[0];
  const asAdmin = await apiAs(server.url, admin);
  const page = await browser.newPage();
  await signInAs(browser, page, server.url, admin, 'zh-HK');
  await page.getByRole('navigation').getByRole('link', { name: '停止辦公日' }).click();
  await page.getByRole('heading', { name: '停止辦公日', level: 1 }).waitFor();
  await page.getByText('未有宣佈任何停止辦公日。').waitFor();

  // No reason, and a year the API does not take: both refused before anything is sent.
  await page.getByLabel('日期').fill('1999-12-31');
  await page.getByRole('button', { name: '宣佈停止辦公日' }).click();
  const summary = page.getByRole('alert');
  await expect.poll(() => summary.innerText()).toContain('請選擇停止辦公的原因。');
  expect(await summary.innerText()).toContain('請輸入 2000 至 2100 年間真實存在的日期');
  expect(await page.locator('#closure-date').getAttribute('aria-invalid')).toBe('true');
  await page.screenshot({ path: `${SHOTS}/closures-errors-zh.png`, fullPage: true });
  expect((await asAdmin('GET', '/closure-days')).body.items).toEqual([]);

  await page.getByLabel('日期').fill(DAY);
  await page.getByLabel('原因').selectOption('typhoon_8');
  await page.getByRole('button', { name: '宣佈停止辦公日' }).click();
  await page
    .getByRole('status')
    .getByText(`已宣佈 ${DAY} 停止辦公：八號或以上颱風信號。`)
    .waitFor();
  await page.getByRole('row', { name: new RegExp(`^${DAY} 八號或以上颱風信號`) }).waitFor();
  expect((await asAdmin('GET', '/closure-days')).body.items).toEqual([
    { date: DAY, reason: 'typhoon_8' },
  ]);
  await page.screenshot({ path: `${SHOTS}/closures-zh.png`, fullPage: true });

  // In English: declared again with another reason, then withdrawn after the confirmation.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Closure days', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Declare the closure day' }).click();
  await expect.poll(() => summary.innerText()).toContain('Choose why the offices were closed.');
  await page.getByLabel('Reason').selectOption('black_rainstorm');
  await page.getByRole('button', { name: 'Declare the closure day' }).click();
  await page
    .getByRole('status')
    .getByText(`The closure of ${DAY} now reads: Black rainstorm warning.`)
    .waitFor();
  await page.screenshot({ path: `${SHOTS}/closures-en.png`, fullPage: true });
  await page.getByRole('button', { name: `Withdraw the closure of ${DAY}` }).click();
  const confirm = page.getByRole('group', {
    name: new RegExp(`^Withdraw the closure of ${DAY}\\?`),
  });
  await confirm.waitFor();
  await page.screenshot({ path: `${SHOTS}/closures-withdraw-en.png`, fullPage: true });
  // The confirm button has the focus.
  await page.keyboard.press('Enter');
  await page.getByRole('status').getByText(`The closure of ${DAY} is withdrawn.`).waitFor();
  await page.getByText('No closure day is declared.').waitFor();
  expect((await asAdmin('GET', '/closure-days')).body.items).toEqual([]);
  await page.close();
});

test('a coordinator has no closure-days link and is refused the page', async () => {
  const page = await browser.newPage();
  await signInAs(browser, page, server.url, server.demoUsers[1], 'en');
  await page.getByRole('navigation').getByRole('link', { name: 'Cases' }).waitFor();
  expect(await page.getByRole('link', { name: 'Closure days' }).count()).toBe(0);
  await page.goto(`${server.url}/admin/closure-days`);
  await page.getByRole('heading', { name: 'Not allowed', level: 1 }).waitFor();
  expect(await page.getByRole('button', { name: 'Declare the closure day' }).count()).toBe(0);
  await page.close();
});

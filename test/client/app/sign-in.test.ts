import { beforeAll, expect, test } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { launchBrowser } from '../../support/browser.ts';
import { startTestServer } from '../../support/server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: BrowserContext;
beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

test('the demo admin signs in (in Traditional Chinese), sees the admin home, and switches to English', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/admin/users`);
  await expect.poll(() => new URL(page.url()).pathname).toBe('/sign-in');
  expect(await page.getAttribute('html', 'lang')).toBe('zh-HK');
  // Nothing filled in: the form's own checks name each field before anything is sent.
  await page.getByRole('button', { name: '登入' }).click();
  await expect.poll(() => page.getByRole('alert').textContent()).toContain('電郵地址');
  const admin = server.demoUsers[0];
  await page.getByLabel('電郵地址').fill(admin.email);
  await page.getByLabel('密碼').fill('a wrong password');
  await page.getByRole('button', { name: '登入' }).click();
  await expect.poll(() => page.getByRole('alert').textContent()).toBeTruthy();
  await page.getByLabel('密碼').fill(admin.password);
  await page.getByRole('button', { name: '登入' }).click();
  // Back to where the person was going, the users page, listing the demo accounts.
  await page.getByRole('cell', { name: server.demoUsers[1].email }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/admin/users');
  await page.getByRole('button', { name: 'English' }).click();
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  await page.getByRole('link', { name: 'Home' }).first().click();
  await page.getByRole('heading', { name: 'Home' }).waitFor();
  await page.getByRole('link', { name: 'Operators' }).first().waitFor();
  await page.getByText(`Welcome, ${admin.email}.`).waitFor();
  await page.close();
});

test('a coordinator sees its own home, with its operator', async () => {
  await browser.clearCookies();
  const page = await browser.newPage();
  await page.goto(`${server.url}/sign-in`);
  await page.evaluate(() => localStorage.setItem('fsa.language', 'en'));
  await page.reload();
  const coordinator = server.demoUsers[1];
  await page.getByLabel('Email').fill(coordinator.email);
  await page.getByLabel('Password').fill(coordinator.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Operator: DEMO').waitFor();
  await page.getByRole('link', { name: 'Questionnaires' }).first().waitFor();
  expect(await page.getByRole('link', { name: 'Users' }).count()).toBe(0);
  await page.close();
});

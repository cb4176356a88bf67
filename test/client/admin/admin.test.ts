import { beforeAll, expect, test } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { launchBrowser } from '../../support/browser.ts';
import { startTestServer } from '../../support/server.ts';
import { apiAs, signInAs } from '../../support/staff.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: BrowserContext;
beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

test('an admin resets a password on the users screen; the user must change it before anything else', async () => {
  const [admin, coordinator] = [server.demoUsers[0], server.demoUsers[1]];
  const page = await browser.newPage();
  await signInAs(browser, page, server.url, admin);
  await page.goto(`${server.url}/admin/users`);
  await page.getByRole('button', { name: `Reset password ${coordinator.email}` }).click();
  const oneTime = await page.getByLabel('One-time password').inputValue();
  expect(oneTime.length).toBeGreaterThanOrEqual(12);
  await page.getByRole('button', { name: 'Reset password', exact: true }).click();
  await page.getByText(`The password of ${coordinator.email} is reset.`).waitFor();
  await page.getByText('Must change password').waitFor();
  await page.screenshot({ path: '/tmp/admin-users-en.png', fullPage: true });

  await signInAs(browser, page, server.url, { email: coordinator.email, password: oneTime });
  await page.getByRole('heading', { name: 'Change password' }).waitFor();
  await page.getByText('An administrator reset your password.').waitFor();
  // Any other page leads back here until the password is changed.
  await page.goto(`${server.url}/activities`);
  await page.getByRole('heading', { name: 'Change password' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/account/password');
  await page.getByLabel('Current password').fill(oneTime);
  await page.getByLabel('New password', { exact: true }).fill('coordinator new password');
  await page.getByLabel('Confirm new password').fill('coordinator new password');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText('Your password has been changed.').waitFor();
  await page.goto(`${server.url}/activities`);
  await page.getByRole('heading', { name: 'Activities' }).waitFor();
  await page.close();
});

test('an admin sets an agreed level by year, checks the audit chain and revokes a token', async () => {
  const admin = server.demoUsers[0];
  const asSwd = await apiAs(server.url, server.demoUsers[2]);
  const page = await browser.newPage();
  await signInAs(browser, page, server.url, admin, 'zh-HK');
  await page.goto(`${server.url}/admin/agreed-levels`);
  const next = (await asSwd('GET', '/programmes')).body.items[0];
  const standard = next.outcomeStandards[0].number as number;
  await page.getByLabel(`標準 ${standard} 的水平（%）`).first().fill('91');
  const year = page.getByLabel('由財政年度').first();
  const options = await year.locator('option').allTextContents();
  await year.selectOption({ label: options[2]! });
  await page
    .getByRole('button', { name: `儲存 ${standard}` })
    .first()
    .click();
  await page.getByText(`由 ${options[2]} 年度起：91%`).first().waitFor();
  const levels = (await asSwd('GET', '/programmes')).body.items[0].outcomeStandards[0].agreedLevels;
  expect(levels).toContainEqual({
    fromFiscalYear: Number(options[2]!.slice(0, 4)),
    agreedPercent: 91,
  });
  await page.screenshot({ path: '/tmp/admin-levels-zh.png', fullPage: true });

  await page.goto(`${server.url}/admin/audit`);
  await page.getByRole('button', { name: '立即檢查審計紀錄' }).click();
  await page.getByText(/鏈條完整：已檢查 \d+ 項紀錄/).waitFor();
  await page.getByRole('table').getByText('設定協定水平').first().waitFor();
  await page.screenshot({ path: '/tmp/admin-audit-zh.png', fullPage: false });

  // A token made by the SWD officer, seen and revoked by the admin.
  const token = await asSwd('POST', '/tokens', { name: 'nightly export' });
  expect(token.status).toBe(201);
  await page.goto(`${server.url}/account/tokens`);
  await page.getByText('沒有使用中的權杖。').waitFor();
  await page.getByLabel('顯示所有用戶的權杖').check();
  const row = page.getByRole('row', { name: /nightly export/ });
  await row.getByText('swd@demo.example.org').waitFor();
  await row.getByRole('button', { name: '撤銷 nightly export' }).click();
  await row.getByRole('button', { name: '確定撤銷' }).click();
  await page.getByText('權杖「nightly export」已撤銷。').waitFor();
  const check = await fetch(`${server.url}/api/v1/auth/me`, {
    headers: { authorization: `Bearer ${token.body.token}` },
  });
  expect(check.status).toBe(401);
  await page.close();
});

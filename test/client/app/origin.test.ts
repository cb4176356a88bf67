import { beforeAll, expect, test } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { launchBrowser } from '../../support/browser.ts';
import { startTestServer } from '../../support/server.ts';

// The server's PUBLIC_URL is http://127.0.0.1:PORT; a person who opens http://localhost:PORT
// (or the machine's network address) is refused, and told what to do in their language.

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: BrowserContext;
beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

for (const [language, said] of [
  ['zh-HK', '請改用伺服器啟動時 PUBLIC_URL 所設定的網址開啟本系統'],
  ['en', 'Open the app at the address set in PUBLIC_URL'],
] as const) {
  test(`signing in at another address than PUBLIC_URL says to open PUBLIC_URL (${language})`, async () => {
    const other = server.url.replace('127.0.0.1', 'localhost');
    const page = await browser.newPage();
    await page.goto(`${other}/sign-in`);
    await page.evaluate((l) => localStorage.setItem('fsa.language', l), language);
    await page.reload();
    const coordinator = server.demoUsers[1];
    await page.locator('#email').fill(coordinator.email);
    await page.locator('#password').fill(coordinator.password);
    await page.locator('button[type=submit]').click();
    const alert = page.getByRole('alert');
    await alert.getByText(said, { exact: false }).waitFor();
    expect(await alert.innerText()).not.toMatch(/Origin header|你無權進行此操作/);
    await page.screenshot({ path: `/tmp/coord-origin-${language}.png` });
    await page.close();
  });
}

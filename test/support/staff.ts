// Helpers for the staff app's Chromium tests: signing in through the page, and calling the API
// as a user (cookie and Origin) for what a test prepares around the interface.
import type { BrowserContext, Page } from 'playwright-core';

/** Signs in through the sign-in page in the given staff language and waits for the home page. */
export async function signInAs(
  browser: BrowserContext,
  page: Page,
  url: string,
  user: { email: string; password: string },
  language: 'en' | 'zh-HK' = 'en',
) {
  await browser.clearCookies();
  await page.goto(`${url}/sign-in`);
  await page.evaluate((l) => localStorage.setItem('fsa.language', l), language);
  await page.reload();
  await page.locator('input[type=email], input[autocomplete=username]').first().fill(user.email);
  await page.locator('input[type=password]').first().fill(user.password);
  await page.locator('form button[type=submit]').first().click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
}

/** An API caller signed in as `user` (a session cookie; writes carry the Origin). */
export async function apiAs(url: string, user: { email: string; password: string }) {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  if (!login.ok) throw new Error(`sign-in as ${user.email}: ${login.status}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', origin: url, cookie },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: res.status, body: (await res.json().catch(() => null)) as any };
  };
}

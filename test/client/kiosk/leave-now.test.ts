// "Leave now": one tap on a half-filled form and the chooser is back, with no dialog a bystander
// could read, and nothing of the abandoned form on screen, in IndexedDB, in the outbox, in the
// browser's other storage or on the server.
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, expect, test } from 'vitest';
import { launchBrowser } from '../../support/browser.ts';
import { startTestServer } from '../../support/server.ts';
import { openKiosk } from './fixtures.ts';
import { chooser, chooserReady, expectNoTrace, gotoKiosk, languageButton } from './participant.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: BrowserContext;
let kiosk: Awaited<ReturnType<typeof openKiosk>>;
beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  kiosk = await openKiosk(server.url, ['zh-HK', 'en', 'ur']);
}, 300_000);

const LEAVE: Record<string, string> = { 'zh-HK': '立即離開', en: 'Leave now', ur: 'ابھی چھوڑ دیں' };

/** Everything the kiosk's IndexedDB holds, store by store, as JSON text. */
async function indexedDbContents(page: Page): Promise<Record<string, string>> {
  return page.evaluate(async () => {
    const databases = await indexedDB.databases();
    const out: Record<string, string> = {};
    for (const { name } of databases) {
      if (!name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const store of db.objectStoreNames) {
        const all = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        out[`${name}/${store}`] = JSON.stringify(all);
      }
      db.close();
    }
    return out;
  });
}

test.each(['zh-HK', 'en', 'ur'])(
  'in %s, "Leave now" on a half-filled form goes straight back to the chooser and keeps nothing',
  async (locale) => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 800, height: 1280 });
    await gotoKiosk(page, `${server.url}${kiosk.kioskPath}`);
    await chooserReady(page);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.dismiss();
    });

    await languageButton(page, locale).click();
    await page.locator('[data-name="stress"]').waitFor();
    const secret = `private words ${locale} ${Date.now()}`;
    await page.locator('[data-name="stress"] label:has(input[value="agree"])').click();
    await page.locator('[data-name="comments"] textarea').fill(secret);
    // Scrolled to the end of the form, the control is still on screen.
    await page.locator('[data-name="comments"] textarea').scrollIntoViewIfNeeded();
    const leave = page.getByRole('button', { name: LEAVE[locale], exact: true });
    expect(await leave.isVisible()).toBe(true);
    const box = (await leave.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(1280);
    expect(box.height).toBeGreaterThanOrEqual(48);
    await page.screenshot({ path: `/tmp/kiosk-a11y-leave-${locale}.png` });

    await leave.click();
    // At once: the chooser, in the default language, and no dialog of ours or the browser's.
    await chooser(page).waitFor({ timeout: 1000 });
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-HK');
    await expectNoTrace(page, secret);

    // Nothing stored on the tablet: the outbox is empty and no store holds the answers.
    const stored = await indexedDbContents(page);
    expect(stored['fsa-kiosk/outbox']).toBe('[]');
    for (const [store, contents] of Object.entries(stored)) {
      expect(contents, store).not.toContain(secret);
      expect(contents, store).not.toContain('"stress":"agree"');
    }
    const webStorage = await page.evaluate(() =>
      JSON.stringify({ ...localStorage, ...sessionStorage }),
    );
    expect(webStorage).not.toContain(secret);
    // … and nothing sent.
    expect(await kiosk.responses()).toEqual([]);

    // The next participant starts from a blank form.
    await languageButton(page, locale).click();
    await page.locator('[data-name="stress"]').waitFor();
    expect(await page.locator('input:checked').count()).toBe(0);
    expect(await page.locator('[data-name="comments"] textarea').inputValue()).toBe('');
    await page.close();
  },
);

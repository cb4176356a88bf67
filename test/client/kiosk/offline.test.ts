// The kiosk with the server unreachable: answers wait in the tablet's outbox (through a reload),
// and once the server is back each is stored exactly once. Staff still get in offline with the
// PIN the server accepted on this tablet before, for a few tries only. The server is really stopped:
// Playwright's setOffline does not reach the service worker's requests.
import type { Page } from 'playwright-core';
import { beforeAll, expect, test } from 'vitest';
import { launchBrowser } from '../../support/browser.ts';
import { startTestServer } from '../../support/server.ts';
import { openKiosk } from './fixtures.ts';
import {
  answerForm,
  chooser,
  chooserReady,
  gotoKiosk,
  languageButton,
  WORDS,
} from './participant.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let kiosk: Awaited<ReturnType<typeof openKiosk>>;
beforeAll(async () => {
  server = await startTestServer();
  kiosk = await openKiosk(server.url, ['zh-HK', 'en', 'id', 'ur']);
});

/** The staff panel's count of responses waiting (the only thing staff see of them). */
async function pendingOnPanel(page: Page): Promise<number> {
  return Number(await page.locator('[data-pending]').getAttribute('data-pending'));
}

async function unlockStaffPanel(page: Page) {
  await page.getByRole('button', { name: '職員' }).click();
  const dialog = page.getByRole('dialog', { name: '只限職員' });
  await dialog.getByLabel('密碼（PIN）').fill(kiosk.pin);
  await dialog.getByRole('button', { name: '解鎖' }).click();
  await page.locator('[data-pending]').waitFor();
  return dialog;
}

test('offline, three participants complete the form, a reload still works, and once the server returns exactly three responses are stored, each once', async () => {
  const browser = await launchBrowser();
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await gotoKiosk(page, `${server.url}${kiosk.kioskPath}`);
  await chooserReady(page);
  // The service worker must have cached the kiosk and control the page before the network goes.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
    .toBe(true);
  // Staff enter the PIN once while online: only then can this tablet check it by itself.
  await unlockStaffPanel(page);
  await page.getByRole('button', { name: '返回填寫站' }).click();

  await server.stop();
  const answers = [
    { locale: 'en', stress: 'agree', family: 'agree', comments: 'offline one' },
    { locale: 'id', stress: 'disagree', family: 'strongly_agree', comments: 'offline two' },
    { locale: 'ur', stress: 'no_opinion', family: 'disagree', comments: 'offline three' },
  ];
  for (const { locale, ...answer } of answers) {
    await answerForm(page, locale, answer);
    // Saved on the tablet, and the participant is told the network is away.
    await page.locator('.offline-notice').waitFor();
    await page.getByRole('button', { name: WORDS[locale]!.done, exact: true }).click();
    await chooser(page).waitFor();
  }

  // A reload with no server: the service worker serves the kiosk, IndexedDB the questionnaire.
  await page.reload();
  await chooser(page).waitFor();
  await languageButton(page, 'en').click();
  await page.locator('[data-name="stress"]').waitFor();
  await page.getByRole('button', { name: 'Change language' }).click();
  await chooser(page).waitFor();
  const dialog = await unlockStaffPanel(page);
  expect(await pendingOnPanel(page)).toBe(3);

  await server.restart();
  await dialog.getByRole('button', { name: '立即傳送' }).click();
  await expect.poll(() => pendingOnPanel(page), { timeout: 30_000 }).toBe(0);

  const stored = await kiosk.responses();
  expect(stored.map((r) => r.answers.comments).sort()).toEqual([
    'offline one',
    'offline three',
    'offline two',
  ]);
  expect(new Set(stored.map((r) => r.id)).size).toBe(3);
  const urdu = stored.find((r) => r.answers.comments === 'offline three')!;
  expect(urdu).toMatchObject({
    locale: 'ur',
    answers: { stress: 'no_opinion', family: 'disagree' },
  });

  // Another reload and send: nothing is stored twice.
  await page.reload();
  await chooser(page).waitFor();
  await unlockStaffPanel(page);
  expect(await pendingOnPanel(page)).toBe(0);
  expect((await kiosk.responses()).length).toBe(3);

  // Offline again: wrong PINs are counted on the tablet, and after five in a row it forgets the
  // PIN, so even the right one needs the server (or signing in) from then on.
  await page.getByRole('button', { name: '返回填寫站' }).click();
  await server.stop();
  await page.getByRole('button', { name: '職員' }).click();
  const locked = page.getByRole('dialog', { name: '只限職員' });
  for (let left = 4; left >= 0; left--) {
    await locked.getByLabel('密碼（PIN）').fill('111111');
    await locked.getByRole('button', { name: '解鎖' }).click();
    await locked
      .getByText(left > 0 ? `沒有網絡時尚餘嘗試次數：${left}。` : '這部平板電腦未能自行核對密碼', {
        exact: false,
      })
      .waitFor();
  }
  // A fresh dialog (no message yet), so the message seen is the answer to the right PIN.
  await locked.getByRole('button', { name: '返回填寫站' }).click();
  await page.getByRole('button', { name: '職員' }).click();
  await locked.getByLabel('密碼（PIN）').fill(kiosk.pin);
  await locked.getByRole('button', { name: '解鎖' }).click();
  await locked.getByText('這部平板電腦未能自行核對密碼', { exact: false }).waitFor();
  expect(await page.locator('[data-pending]').count()).toBe(0);
  await server.restart();
  await locked.getByLabel('密碼（PIN）').fill(kiosk.pin);
  await locked.getByRole('button', { name: '解鎖' }).click();
  await page.locator('[data-pending]').waitFor();
});

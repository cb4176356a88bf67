import { beforeAll, expect, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../../support/browser.ts';
import { startTestServer } from '../../support/server.ts';
import { apiAs, signInAs } from '../../support/staff.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: BrowserContext;
beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

const HEADER = 'unit,reference,category,referredOn,referralSource,firstContactOn,firstContactMeans';

/** A cases file for the demo unit: one good row, and a second row with the given reference. */
const casesFile = (good: string, second: string) =>
  Buffer.from(
    `${HEADER}\r\nDEMO-SPEAR,${good},abuser,2025-05-02,school,2025-05-06,phone_call\r\n` +
      `DEMO-SPEAR,${second},child,2025-05-03,self,,\r\n`,
  );

async function choose(page: Page, label: string | RegExp, name: string, buffer: Buffer) {
  await page.getByLabel(label).setInputFiles({ name, mimeType: 'text/csv', buffer });
}

test('a coordinator checks a file, sees the bad row, corrects it and imports it', async () => {
  const coordinator = server.demoUsers[1];
  const page = await browser.newPage();
  await signInAs(browser, page, server.url, coordinator, 'en');
  await page.goto(`${server.url}/records/import`);
  await page.getByRole('heading', { name: 'Import cases and attendance', level: 1 }).waitFor();
  const suffix = Date.now().toString(36).toUpperCase();
  const good = `IMP-${suffix}-1`;

  // Row 3's reference is an HKID number: the check says so, and stores nothing.
  await choose(page, 'File (.csv or .xlsx)', 'cases.csv', casesFile(good, 'A1234567'));
  await page.getByRole('button', { name: 'Check the file' }).click();
  await page.getByText('1 problem: nothing was stored.').waitFor();
  const row = page.getByRole('table').getByRole('row').nth(1);
  expect(await row.getByRole('cell').allInnerTexts()).toEqual([
    '3',
    'Case reference reference',
    'A1234567',
    'Looks like an HKID number: use the NGO’s own case code.',
  ]);
  await page.screenshot({ path: '/tmp/records-import-en.png', fullPage: true });
  const call = await apiAs(server.url, coordinator);
  expect((await call('GET', `/cases?reference=${good}`)).body.items).toEqual([]);

  // Corrected, the file is clean; importing it stores both cases.
  await choose(page, 'File (.csv or .xlsx)', 'cases.csv', casesFile(good, `IMP-${suffix}-2`));
  await page.getByRole('button', { name: 'Check the file' }).click();
  await page.getByText('The file is clean: 2 rows, ready to import.').waitFor();
  await page.getByText('It will store: 2 cases, 1 first contact.').waitFor();
  await page.getByRole('button', { name: 'Import 2 rows' }).click();
  await page.getByText('Imported: 2 cases, 1 first contact.').waitFor();
  await page.screenshot({ path: '/tmp/records-import-done-en.png', fullPage: true });
  const stored = (await call('GET', `/cases?reference=IMP-${suffix}`)).body.items;
  expect(stored.map((c: { reference: string }) => c.reference).sort()).toEqual([
    good,
    `IMP-${suffix}-2`,
  ]);

  // The same file again: recognised, nothing stored twice.
  await page.getByRole('button', { name: 'Check the file' }).click();
  await page.getByText(/This file was imported on .*; nothing was stored again/).waitFor();
  expect((await call('GET', `/cases?reference=IMP-${suffix}`)).body.items).toHaveLength(2);
  await page.close();
});

test('in Chinese, the problems are said in Chinese', async () => {
  const coordinator = server.demoUsers[1];
  const page = await browser.newPage();
  await signInAs(browser, page, server.url, coordinator, 'zh-HK');
  await page.goto(`${server.url}/records/import`);
  await page.getByRole('heading', { name: '匯入個案及出席紀錄', level: 1 }).waitFor();
  const file = Buffer.from(
    'unit,reference,programme,module,date,hours,endedOn\r\n' +
      'DEMO-SPEAR,NOBODY-ZH-1,learning_6h,basic,2025-06-01,7,\r\n' +
      'ELSEWHERE,NOBODY-ZH-2,learning_6h,expert,2025-06-31,0.25,\r\n',
  );
  await page.getByLabel('出席紀錄（單元時數）').check();
  await choose(page, '檔案（.csv 或 .xlsx）', 'attendance.csv', file);
  await page.getByRole('button', { name: '檢查檔案' }).click();
  await page.getByText('有 5 個問題，未有儲存任何資料。').waitFor();
  await page.getByRole('cell', { name: '貴機構沒有此代號的單位。' }).waitFor();
  await page.getByRole('cell', { name: '時數須以半小時為單位，且多於 0。' }).waitFor();
  await page.screenshot({ path: '/tmp/records-import-zh.png', fullPage: true });
  await page.close();
});

import type { BrowserContext } from 'playwright-core';
import { beforeAll, expect, test } from 'vitest';
import { launchBrowser } from '../../support/browser.ts';
import { startTestServer } from '../../support/server.ts';
import { apiAs, signInAs } from '../../support/staff.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: BrowserContext;
beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

const operator = async (code: string) =>
  (await (await apiAs(server.url, server.demoUsers[0]))('GET', `/operators/${code}`)).body;

test('an admin renames an operator, adds a unit and changes a unit’s area and districts', async () => {
  const page = await browser.newPage();
  await signInAs(browser, page, server.url, server.demoUsers[0]);
  await page.goto(`${server.url}/admin/operators`);

  await page.getByRole('button', { name: /^Rename Ridgeview/ }).click();
  const rename = page.getByRole('region', { name: /^Rename Ridgeview/ });
  await rename.getByLabel('Name in English').fill('Ridgeview Community Services');
  await rename.getByLabel('Name in Traditional Chinese').fill('');
  await rename.getByRole('button', { name: 'Save' }).click();
  await rename.getByText('Name in Traditional Chinese: Fill in this field.').waitFor();
  await rename.getByLabel('Name in Traditional Chinese').fill('嶺景社區服務');
  await rename.getByRole('button', { name: 'Save' }).click();
  await page
    .getByRole('status')
    .getByText('The operator RIDGEVIEW is now called Ridgeview Community Services.')
    .waitFor();
  await page.getByRole('heading', { name: 'Ridgeview Community Services (RIDGEVIEW)' }).waitFor();
  expect((await operator('RIDGEVIEW')).name).toEqual({
    en: 'Ridgeview Community Services',
    'zh-HK': '嶺景社區服務',
  });

  await page.getByRole('button', { name: 'Add a unit to Ridgeview Community Services' }).click();
  const add = page.getByRole('region', { name: 'Add a unit to Ridgeview Community Services' });
  await add.getByLabel('Unit code').fill('RIDGEVIEW-CP7');
  await add.getByLabel('Programme').selectOption('CHILDPRO');
  await add.getByRole('button', { name: 'Add unit' }).click();
  await page.getByText('Unit RIDGEVIEW-CP7 is added to Ridgeview Community Services.').waitFor();
  await page.getByRole('row', { name: /RIDGEVIEW-CP7/ }).waitFor();

  await page
    .getByRole('button', { name: 'Change the area and districts of RIDGEVIEW-SPEAR-D' })
    .click();
  const edit = page.getByRole('region', { name: 'Area and districts of RIDGEVIEW-SPEAR-D' });
  await edit.getByLabel('Region').selectOption('');
  const before = (await operator('RIDGEVIEW')).units.find(
    (u: { code: string }) => u.code === 'RIDGEVIEW-SPEAR-D',
  );
  const checked = edit.getByRole('checkbox', { checked: true });
  while ((await checked.count()) > 0) await checked.first().uncheck();
  await edit.getByRole('checkbox', { name: 'Sai Kung' }).check();
  await page.screenshot({ path: '/tmp/home-operators-edit-en.png', fullPage: true });
  await edit.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Unit RIDGEVIEW-SPEAR-D is saved.').waitFor();
  const after = (await operator('RIDGEVIEW')).units.find(
    (u: { code: string }) => u.code === 'RIDGEVIEW-SPEAR-D',
  );
  expect(before.region).not.toBeNull();
  expect(after).toMatchObject({ region: null, districts: ['sai_kung'] });
  // The form closes and the focus goes back to the button that opened it.
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.id))
    .toBe('edit-unit-RIDGEVIEW-SPEAR-D');
  await page.close();
});

test('in Chinese, the unit editor names its fields and saves', async () => {
  const page = await browser.newPage();
  await signInAs(browser, page, server.url, server.demoUsers[0], 'zh-HK');
  await page.goto(`${server.url}/admin/operators`);
  await page.getByRole('button', { name: '更改 WESTBAY-SPEAR-E 的區域及地區' }).click();
  const edit = page.getByRole('region', { name: 'WESTBAY-SPEAR-E 的區域及地區' });
  await edit.getByText('服務單位的代號及計劃不會改變').waitFor();
  await edit.getByLabel('服務區域').selectOption('A');
  await page.screenshot({ path: '/tmp/home-operators-edit-zh.png', fullPage: false });
  await edit.getByRole('button', { name: '儲存' }).click();
  await page.getByText('服務單位 WESTBAY-SPEAR-E 已儲存。').waitFor();
  const westbay = await operator('WESTBAY');
  expect(westbay.units.find((u: { code: string }) => u.code === 'WESTBAY-SPEAR-E').region).toBe(
    'A',
  );
  await page.close();
});

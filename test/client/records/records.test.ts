import { randomBytes } from 'node:crypto';
import { beforeAll, expect, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { fiscalYearOf } from '../../../server/domain/fiscal-year.ts';
import { hongKongDate } from '../../../server/domain/working-days.ts';
import { launchBrowser } from '../../support/browser.ts';
import { startTestServer } from '../../support/server.ts';
import { apiAs, signInAs } from '../../support/staff.ts';

// A coordinator records a case from referral to completion through the screens, and the year at
// a glance moves with it; a reference shaped like an HKID number is refused in the reader's
// language and nothing is stored; SWD sees the same year as counts, never a case reference.

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: BrowserContext;
beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

const coordinator = () => server.demoUsers[1];
const swd = () => server.demoUsers[2];

/** What the year at a glance says for DEMO-SPEAR: a standard's actual, a first-contact count. */
async function glance(page: Page) {
  await page.goto(`${server.url}/outputs`);
  await expect.poll(() => page.locator('#glance-unit').inputValue()).toBe('DEMO-SPEAR');
  await page.locator('.glance-table').waitFor();
  const actual = (n: number) =>
    page
      .locator('.glance-table tbody tr', { hasText: `OS${n} ` })
      .locator('td.numeric')
      .first()
      .innerText();
  const count = (label: string) =>
    page.locator('.contact-count', { hasText: label }).locator('dd').innerText();
  return {
    os1: await actual(1),
    os2: await actual(2),
    due: await count('Cases due'),
    inTime: await count('Contacted in time'),
    text: await page.locator('main').innerText(),
  };
}

test('a case recorded from referral to completion moves the year at a glance', async () => {
  const page = await browser.newPage();
  await signInAs(browser, page, server.url, coordinator(), 'en');
  const before = await glance(page);
  expect(before).toMatchObject({ os1: '0', due: '0', inTime: '0' });
  expect(before.os2).toBe('no module ended yet');

  // Referred today (Hong Kong): the case, the first contact and the module all fall this year.
  const reference = `BT-${randomBytes(3).toString('hex').toUpperCase()}`;
  await page.goto(`${server.url}/cases`);
  await page.locator('#new-case-unit').selectOption('DEMO-SPEAR');
  await page.locator('#new-case-reference').fill(reference);
  await page.locator('#new-case-category').selectOption('abuser');
  await page.locator('#new-case-referralSource').selectOption('social_worker');
  await page.getByRole('button', { name: 'Add the case' }).click();
  await page.getByRole('heading', { name: `Case ${reference}` }).waitFor();
  await expect.poll(() => page.locator('.record-summary').innerText()).toContain('Waiting');

  await page.locator('#contact-means').selectOption('phone_call');
  await page.getByRole('button', { name: 'Record the contact' }).click();
  await expect
    .poll(() => page.locator('.record-summary').innerText())
    .toContain('Contacted in time');

  await page.getByRole('button', { name: 'Enrol', exact: true }).click();
  const module = page.getByRole('article', {
    name: 'Learning programme (6 hours), Basic module',
  });
  await module.waitFor();
  for (const attended of ['1.5', '3', '4.5']) {
    await module.locator('select[id$="-hours"]').selectOption('1.5');
    await module.getByRole('button', { name: 'Record the attendance' }).click();
    await expect.poll(() => module.innerText()).toContain(`${attended} of 6 hours attended.`);
  }
  await module.getByRole('button', { name: 'Record the end' }).click();
  await expect
    .poll(() => module.innerText())
    .toContain(`The module ended on ${hongKongDate(new Date())}.`);

  // One completer (OS1), who attended 4.5 of 6 hours (OS2: 100%), contacted in time.
  const after = await glance(page);
  expect(after).toMatchObject({ os1: '1', os2: '100.0% (1 of 1)', due: '1', inTime: '1' });

  // Found again by the start of its reference.
  await page.goto(`${server.url}/cases`);
  await page.locator('#case-search-reference').fill('ZZ');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByText('No case matches.').waitFor();
  await page.locator('#case-search-reference').fill(reference.slice(0, 5));
  await page.getByRole('button', { name: 'Search' }).click();
  const row = page.getByRole('row', { name: new RegExp(`^${reference} `) });
  await expect.poll(() => row.innerText()).toContain('Contacted in time');

  // The same year for SWD: the counts, and no case reference anywhere on the page.
  const swdPage = await browser.newPage();
  await signInAs(browser, swdPage, server.url, swd(), 'en');
  const seen = await glance(swdPage);
  expect(seen).toMatchObject({ os1: '1', due: '1', inTime: '1' });
  expect(seen.text).not.toContain(reference);
  expect(seen.text).toContain('Counts only: case references stay with the operator.');
  await swdPage.close();
  await page.close();
});

test('an HKID-shaped reference is refused by the server, said in the reader’s language, and nothing is stored', async () => {
  const page = await browser.newPage();
  await signInAs(browser, page, server.url, coordinator(), 'zh-HK');
  await page.goto(`${server.url}/cases`);
  await page.locator('#new-case-unit').selectOption('DEMO-SPEAR');
  await page.locator('#new-case-reference').fill('A1234567');
  await page.locator('#new-case-category').selectOption('victim');
  await page.locator('#new-case-referralSource').selectOption('self');
  await page.getByRole('button', { name: '新增個案' }).click();
  const summary = page.getByRole('alert');
  await expect.poll(() => summary.innerText()).toContain('個案編號不可像香港身份證號碼');
  await expect
    .poll(() => page.locator('#new-case-reference-error').innerText())
    .toContain('個案編號不可像香港身份證號碼');

  // In English after switching language and sending again.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Add the case' }).click();
  await expect
    .poll(() => summary.innerText())
    .toContain('A case reference must not look like an HKID number');

  const api = await apiAs(server.url, coordinator());
  const year = fiscalYearOf(new Date());
  const found = await api('GET', `/cases?reference=A123&fiscalYear=${year}`);
  expect(found).toEqual({ status: 200, body: { items: [] } });
  await page.close();
});

import { randomBytes } from 'node:crypto';
import { beforeAll, expect, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { fiscalYearLabel, fiscalYearOf } from '../../../server/domain/fiscal-year.ts';
import { hongKongDate } from '../../../server/domain/working-days.ts';
import { launchBrowser } from '../../support/browser.ts';
import { startTestServer } from '../../support/server.ts';
import { apiAs, signInAs } from '../../support/staff.ts';

// On a case's page the coordinator links an attendance to one of the unit's sessions of that
// module (a labelled picker, used from the keyboard), and clears a module's end date after a
// dialog says what that does to the year's output counts; both in zh-HK and English.

const SHOTS = '/tmp/recui/shots';
let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: BrowserContext;
let api: Awaited<ReturnType<typeof apiAs>>;
const today = hongKongDate(new Date());
const year = fiscalYearOf(new Date());

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  api = await apiAs(server.url, server.demoUsers[1]);
});

async function activity(unit: string, kind: string, title: string) {
  const made = await api('POST', '/activities', {
    unit,
    kind,
    title,
    date: today,
    questionnaires: [],
  });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  return made.body.id as string;
}

/** A DEMO-SPEAR case referred today, enrolled in the learning programme's basic module. */
async function enrolledCase(endedOn: string | null = null) {
  const reference = `CM-${randomBytes(3).toString('hex').toUpperCase()}`;
  const created = await api('POST', '/cases', {
    unit: 'DEMO-SPEAR',
    reference,
    category: 'abuser',
    referredOn: today,
    referralSource: 'self',
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.id as string;
  const enrolled = await api('POST', `/cases/${id}/enrolments`, {
    programme: 'learning_6h',
    module: 'basic',
  });
  expect(enrolled.status).toBe(201);
  const enrolment = enrolled.body.id as string;
  return { id, reference, enrolment, endedOn };
}

const moduleOf = (page: Page, name: string) => page.getByRole('article', { name });

test('an attendance is linked to one of the unit’s sessions of the module, chosen from the keyboard', async () => {
  const session = await activity('DEMO-SPEAR', 'learning_programme_session', 'Week 3: calm talk');
  await activity('DEMO-SPEAR', 'support_activity', 'Family day');
  const { id } = await enrolledCase();

  const page = await browser.newPage();
  await signInAs(browser, page, server.url, server.demoUsers[1], 'zh-HK');
  await page.goto(`${server.url}/cases/${id}`);
  const zhModule = moduleOf(page, '學習計劃（6 小時），基本課程');
  await zhModule.waitFor();
  const zhPicker = zhModule.getByLabel('活動節數（選填）');
  await expect
    .poll(() => zhPicker.locator('option').allTextContents())
    .toEqual(['不連結活動節數', `${today}：Week 3: calm talk`]);
  await page.screenshot({ path: `${SHOTS}/case-session-zh.png`, fullPage: true });

  await page.getByRole('button', { name: 'English' }).click();
  const module = moduleOf(page, 'Learning programme (6 hours), Basic module');
  const picker = module.getByLabel('Activity session (optional)');
  // Only the unit's sessions of this module: the support activity is not one.
  await expect
    .poll(() => picker.locator('option').allTextContents())
    .toEqual(['Not linked to a session', `${today}: Week 3: calm talk`]);
  await picker.focus();
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => picker.inputValue()).toBe(session);
  expect(await module.getByLabel('Date of the session').inputValue()).toBe(today);
  await module.getByLabel('Hours attended').focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  await expect.poll(() => module.getByLabel('Hours attended').inputValue()).toBe('1.5');
  await module.getByRole('button', { name: 'Record the attendance' }).focus();
  await page.keyboard.press('Enter');
  await expect
    .poll(() => module.locator('.record-list').innerText())
    .toContain(`${today}: 1.5 hours, in Week 3: calm talk`);
  await page.screenshot({ path: `${SHOTS}/case-session-en.png`, fullPage: true });

  const stored = await api('GET', `/cases/${id}`);
  expect(stored.body.enrolments[0].sessions).toEqual([
    expect.objectContaining({ date: today, hours: 1.5, activity: session }),
  ]);
  await page.close();
});

/** OS1 of DEMO-SPEAR this year, from the API. */
async function completers() {
  const outputs = await api('GET', `/outputs?programme=SPEAR&fiscalYear=${year}&unit=DEMO-SPEAR`);
  expect(outputs.status).toBe(200);
  return outputs.body.standards[0].actual as number;
}

test('clearing a module’s end date says what it does to the year’s counts, and the count moves back', async () => {
  const { id, enrolment } = await enrolledCase();
  const attended = await api('POST', `/cases/${id}/enrolments/${enrolment}/sessions`, {
    date: today,
    hours: 4.5,
  });
  expect(attended.status).toBe(201);
  const ended = await api('PATCH', `/cases/${id}/enrolments/${enrolment}`, { endedOn: today });
  expect(ended.status).toBe(204);
  const before = await completers();

  const page = await browser.newPage();
  await signInAs(browser, page, server.url, server.demoUsers[1], 'zh-HK');
  await page.goto(`${server.url}/cases/${id}`);
  const zhModule = moduleOf(page, '學習計劃（6 小時），基本課程');
  await zhModule.getByRole('button', { name: '清除完結日期' }).click();
  const zhDialog = page.getByRole('dialog', { name: '清除這個環節的完結日期？' });
  await expect
    .poll(() => zhDialog.innerText())
    .toContain(`${fiscalYearLabel(year)} 年度的服務量標準 1 會少計一名完成者`);
  await page.screenshot({ path: `${SHOTS}/case-clear-end-zh.png` });
  // Escape keeps the end date.
  await page.keyboard.press('Escape');
  await zhDialog.waitFor({ state: 'detached' });
  expect(await completers()).toBe(before);

  await page.getByRole('button', { name: 'English' }).click();
  const module = moduleOf(page, 'Learning programme (6 hours), Basic module');
  await module.getByRole('button', { name: 'Clear the end date' }).click();
  const dialog = page.getByRole('dialog', { name: 'Clear the end date of this module?' });
  const said = await dialog.innerText();
  expect(said).toContain(`The module is recorded as ended on ${today}.`);
  expect(said).toContain(
    `Output standard 1 for ${fiscalYearLabel(year)} will count one completer fewer, and standard 2's share will leave out one completer who attended 4.5 hours or more.`,
  );
  await page.screenshot({ path: `${SHOTS}/case-clear-end-en.png` });
  // The confirm button has the focus: Enter clears.
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'detached' });
  await expect.poll(() => module.innerText()).toContain('The module has not ended yet.');
  await module.getByRole('button', { name: 'Record the end' }).waitFor();
  expect(await completers()).toBe(before - 1);
  const stored = await api('GET', `/cases/${id}`);
  expect(stored.body.enrolments[0].endedOn).toBeNull();
  await page.close();
});

test('a child who attended less than 3 of the 4 hours: clearing the end leaves standard 4 as it is, and says so', async () => {
  const created = await api('POST', '/cases', {
    unit: 'DEMO-SPEAR',
    reference: `CK-${randomBytes(3).toString('hex').toUpperCase()}`,
    category: 'child',
    referredOn: today,
    referralSource: 'school',
  });
  const id = created.body.id as string;
  const enrolled = await api('POST', `/cases/${id}/enrolments`, {
    programme: 'children_4h',
    module: 'basic',
    endedOn: today,
  });
  expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
  const attended = await api('POST', `/cases/${id}/enrolments/${enrolled.body.id}/sessions`, {
    date: today,
    hours: 2,
  });
  expect(attended.status).toBe(201);

  const page = await browser.newPage();
  await signInAs(browser, page, server.url, server.demoUsers[1], 'en');
  await page.goto(`${server.url}/cases/${id}`);
  const module = moduleOf(page, "Children's programme (4 hours), Basic module");
  await module.getByRole('button', { name: 'Clear the end date' }).click();
  const dialog = page.getByRole('dialog', { name: 'Clear the end date of this module?' });
  await expect
    .poll(() => dialog.innerText())
    .toContain(
      `Output standard 4 for ${fiscalYearLabel(year)} does not change: this child attended less than 3 of the 4 hours.`,
    );
  await dialog.getByRole('button', { name: 'Keep it' }).click();
  await dialog.waitFor({ state: 'detached' });
  await expect.poll(() => module.innerText()).toContain(`The module ended on ${today}.`);
  await page.close();
});

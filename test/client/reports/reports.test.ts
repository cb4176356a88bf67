import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { beforeAll, expect, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { fiscalYearOf } from '../../../server/domain/fiscal-year.ts';
import { launchBrowser } from '../../support/browser.ts';
import { startTestServer } from '../../support/server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: BrowserContext;
beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

/** Calls the API as a demo user (cookie and Origin), for what the test prepares around the UI. */
async function api(email: string, password: string) {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ email, password }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', origin: server.url, cookie },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = await res.json().catch(() => null);
    expect(res.ok, `${method} ${path}: ${res.status} ${JSON.stringify(json)}`).toBe(true);
    return json;
  };
}

async function signIn(page: Page, email: string, password: string) {
  await browser.clearCookies();
  await page.goto(`${server.url}/sign-in`);
  await page.evaluate(() => localStorage.setItem('fsa.language', 'en'));
  await page.reload();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Home' }).waitFor();
}

const STANDARD_1 = ['stop_violence_skills', 'anger_management', 'peaceful_communication'];
const same = (answer: string) => Object.fromEntries(STANDARD_1.map((name) => [name, answer]));

/**
 * Six learning-programme responses of the demo operator in the current financial year. Standard
 * 1 (three items, majority rule): three agree, two do not, one answers none of its items.
 */
async function prepareResponses() {
  const [coordinator, swd] = [server.demoUsers[1], server.demoUsers[2]];
  const asCoordinator = await api(coordinator.email, coordinator.password);
  const asSwd = await api(swd.email, swd.password);
  const { id } = await asCoordinator('POST', '/questionnaires', {
    template: 'spear-learning-programme',
  });
  await asCoordinator('POST', `/questionnaires/${id}/versions/1/submit`);
  await asSwd('POST', `/questionnaires/${id}/versions/1/approve`, {});
  // A moment just past, kept inside the current financial year (its start is 1 April, 00:00 HKT).
  const year = fiscalYearOf(new Date());
  const yearStart = Date.parse(`${year}-04-01T00:00:00+08:00`);
  const completedAt = new Date(Math.max(Date.now() - 120_000, yearStart + 1000));
  const date = new Date(completedAt.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const activity = await asCoordinator('POST', '/activities', {
    unit: 'DEMO-SPEAR',
    kind: 'learning_programme_session',
    title: 'Learning programme (reports test)',
    date,
    questionnaires: [{ id, version: 1 }],
  });
  const answers = [
    { ...same('strongly_agree'), programme_satisfaction: 'agree' },
    { ...same('agree'), programme_satisfaction: 'agree' },
    { ...same('agree'), peaceful_communication: 'disagree' },
    { ...same('disagree'), peaceful_communication: 'no_opinion' },
    same('no_opinion'),
    { programme_satisfaction: 'strongly_disagree' },
  ];
  for (const answer of answers) {
    await asCoordinator('POST', `/activities/${activity.id}/responses`, {
      id: randomUUID(),
      questionnaire: { id, version: 1 },
      locale: 'zh-HK',
      answers: answer,
      completedAt: completedAt.toISOString(),
    });
  }
  return { year, asSwd };
}

test('SWD reads a cell of the outcome table, opens its drill-down and downloads the workbook', async () => {
  const { year, asSwd } = await prepareResponses();
  const outcomes = await asSwd('GET', `/outcomes?programme=SPEAR&fiscalYear=${year}&operator=DEMO`);
  const figures = outcomes.standards.find((s: { number: number }) => s.number === 1);
  expect(figures).toMatchObject({ agreed: 3, respondents: 5, nonRespondents: 1, met: false });

  const page = await browser.newPage();
  const swd = server.demoUsers[2];
  await signIn(page, swd.email, swd.password);
  await page.goto(`${server.url}/reports`);
  await page.getByRole('heading', { name: 'Outcome reports' }).waitFor();
  const yearLabel = `${year}-${String((year + 1) % 100).padStart(2, '0')}`;
  const table = page.getByRole('table', {
    name: `Support Programme for Enhancing Peaceable Relationship: outcome standards, financial year ${yearLabel}`,
  });
  await table.waitFor();

  // The demo operator's cell of standard 1 says what GET /outcomes says.
  const percent = `${figures.percent.toFixed(1)}%`;
  // The button is named by a hidden standard/operator prefix and the figures it shows.
  const cell = table.getByRole('button', { name: /^Standard 1, .*\(DEMO\):/ });
  const name = await cell.evaluate((b) => b.textContent ?? '');
  expect(name).toMatch(/^Standard 1, Demo Family Services \(fictional, demo data\) \(DEMO\): /);
  for (const part of [percent, `n = ${figures.respondents}`, 'too few to tell'])
    expect(name).toContain(part);
  // The territory row is there for SWD, with the same figures (one operator has data).
  await table.getByRole('rowheader', { name: 'Territory-wide' }).waitFor();

  // The drill-down: focus on its heading, the counts, the item bars and the quarters.
  await cell.click();
  const heading = page.getByRole('heading', { name: /^Standard 1: Demo Family Services/ });
  await heading.waitFor();
  await expect.poll(() => heading.evaluate((h) => h === document.activeElement)).toBe(true);
  await page.getByText(`3 of 5 respondents agreed (${percent}).`).waitFor();
  await page.getByText('1 person did not answer any item of this standard').waitFor();
  const items = page.getByRole('list', { name: 'Answers per item' }).getByRole('listitem');
  await expect.poll(() => items.count()).toBe(3);
  expect(await items.first().isVisible()).toBe(true);
  // The responses were just given, in a quarter still open: SWD sees every item suppressed, said
  // so in words, never as zeros, with a note on what is counted.
  for (const item of await items.all())
    expect(await item.innerText()).toContain(
      'Not shown: fewer than 5 people answered this item in any quarter that has ended',
    );
  await page
    .getByText(
      /^(Counted: the quarters that have ended|No quarter of this financial year has ended yet)/,
    )
    .waitFor();
  const quarters = page.getByRole('table', { name: /^Each quarter and the year to its end/ });
  expect(await quarters.isVisible()).toBe(true);
  await page.getByRole('img', { name: /cumulative percentage who agreed/ }).waitFor();

  // The Excel download of the current selection is a real workbook (a ZIP file).
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Excel (xlsx)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`outcomes-SPEAR-${yearLabel}.xlsx`);
  const file = await readFile((await download.path())!);
  expect(file.length).toBeGreaterThan(0);
  expect(file.subarray(0, 2).toString('latin1')).toBe('PK');
  await page.close();
});

test('a year nobody has answered says so, instead of a grid of empty cells', async () => {
  const swd = server.demoUsers[2];
  const page = await browser.newPage();
  await signIn(page, swd.email, swd.password);
  await page.goto(`${server.url}/reports`);
  // Two years back: the test server's demo brings no sample years, so nobody answered then.
  const year = fiscalYearOf(new Date()) - 2;
  await page.getByLabel('Financial year').selectOption(String(year));
  await page.getByRole('status').filter({ hasText: 'No responses for' }).waitFor();
  // No grid of empty cells: the outcome table is not drawn at all.
  expect(await page.getByRole('button', { name: /^Standard 1, / }).count()).toBe(0);
  await page.close();
});

import { beforeAll, expect, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../../support/browser.ts';
import { startTestServer } from '../../support/server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: BrowserContext;
beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

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

/** Calls the API as a demo user (cookie and Origin), for what the test prepares around the UI. */
async function api(email: string, password: string) {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ email, password }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', origin: server.url, cookie },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: await res.json().catch(() => null) };
  };
}

test('a coordinator designs from a template, fixes the stale translations, submits; SWD sees the difference and approves', async () => {
  const [coordinator, swd] = [server.demoUsers[1], server.demoUsers[2]];
  const page = await browser.newPage();
  await signIn(page, coordinator.email, coordinator.password);
  await page.goto(`${server.url}/questionnaires`);
  await page.getByRole('button', { name: /Use this template.*service users/ }).click();
  const chinese = page.getByLabel('Traditional Chinese text (cope_stress)');
  await chinese.waitFor();
  // The live rule check says what is wrong in the interface's own words, after the item's name.
  const panel = page.getByRole('complementary', { name: 'Rule check' });
  const english = page.getByLabel('English text (cope_stress)');
  const original = await english.inputValue();
  await english.fill('');
  await panel.getByText(/cope_stress.*: has no text in English\.$/).waitFor();
  await english.fill(original);
  await panel.getByText('No problems: ready to submit (your changes are saved first).').waitFor();
  await chinese.fill('這項服務幫助我更好地處理因伴侶之間的衝突而引起的壓力。');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Saved').first().waitFor();
  // The translations of the changed text turn stale, and the rule check says so.
  await page.locator('.cell-stale').first().waitFor();
  await expect.poll(() => panel.getAttribute('data-state')).toBe('problems');
  await page.getByRole('button', { name: 'Confirm all stale translations' }).click();
  await expect.poll(() => page.locator('.cell-stale').count()).toBe(0);
  await panel.getByText('No problems: ready to submit.').waitFor();
  await page.getByRole('button', { name: 'Submit for approval' }).click();
  await page.getByText('Version 1 has been submitted for approval. SWD will review it.').waitFor();
  const id = new URL(page.url()).pathname.split('/')[2]!;

  // SWD approves version 1; the coordinator then changes an item in version 2 (through the API).
  const asSwd = await api(swd.email, swd.password);
  const approved = await asSwd('POST', `/questionnaires/${id}/versions/1/approve`, {});
  expect(approved.status, JSON.stringify(approved.body) + id).toBe(200);
  const asCoordinator = await api(coordinator.email, coordinator.password);
  expect((await asCoordinator('POST', `/questionnaires/${id}/versions`, {})).status).toBe(201);
  const v2 = (await asCoordinator('GET', `/questionnaires/${id}/versions/2`)).body;
  const item = v2.definition.survey.pages[0].elements.find(
    (e: { name: string }) => e.name === 'family_cohesion',
  );
  item.title.en = 'Our family feels closer since the service.';
  const joined = v2.definition.survey.pages
    .flatMap((p: { elements: { name: string }[] }) => p.elements)
    .find((e: { name: string }) => e.name === 'how_joined');
  joined.choices[1].text.en = 'I came on my own';
  expect(
    (await asCoordinator('PUT', `/questionnaires/${id}/versions/2`, { definition: v2.definition }))
      .status,
  ).toBe(200);
  expect((await asCoordinator('POST', `/questionnaires/${id}/versions/2/submit`)).status).toBe(200);

  await signIn(page, swd.email, swd.password);
  await page.goto(`${server.url}/reviews`);
  await page
    .getByRole('link', { name: /\(version 2\)/ })
    .first()
    .click();
  await page.getByRole('heading', { name: 'Changes since version 1' }).waitFor();
  const diff = page.getByRole('table', { name: 'Differences between version 1 and version 2' });
  await diff.getByText('Our family feels closer since the service.').first().waitFor();
  await expect.poll(() => diff.getByText('family_cohesion').count()).toBeGreaterThan(0);
  // One changed choice stands out of its list, on both sides.
  const marked = diff.locator('.diff-after .diff-entry-changed');
  await marked.filter({ hasText: 'I came on my own' }).waitFor();
  expect(await marked.count()).toBe(1);
  expect(await diff.locator('.diff-before .diff-entry-changed').count()).toBe(1);
  await page.getByRole('button', { name: 'Approve', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Yes, approve' }).click();
  await page.getByText('Version 2 is approved.').waitFor();
  expect(
    (await asCoordinator('GET', `/questionnaires/${id}`)).body.versions.map(
      (v: { status: string }) => v.status,
    ),
  ).toEqual(['approved', 'approved']);
  await page.close();
});

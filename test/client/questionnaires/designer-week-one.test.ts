import { beforeAll, expect, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../../support/browser.ts';
import { startTestServer } from '../../support/server.ts';

// The designer in daily use: edits are never lost silently by following a link, and the live
// rule check and submit agree, both in the reader's language, naming questions by their titles.

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: BrowserContext;
let cookie: string;

const ZH = '[id="designer-survey.pages.0.elements.0.title-zh-HK"]';
const EN = '[id="designer-survey.pages.0.elements.0.title-en"]';

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const coordinator = server.demoUsers[1];
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ email: coordinator.email, password: coordinator.password }),
  });
  cookie = login.headers.get('set-cookie')!.split(';')[0]!;
});

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', origin: server.url, cookie },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

async function newDraft(): Promise<string> {
  const created = await api('POST', '/questionnaires', { template: 'spear-service-users' });
  expect(created.status).toBe(201);
  return `/questionnaires/${created.body.id}/versions/1`;
}

async function designer(language: 'en' | 'zh-HK', path: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${server.url}/sign-in`);
  await page.evaluate((l) => localStorage.setItem('fsa.language', l), language);
  await page.goto(`${server.url}${path}`);
  const field = page.locator(EN);
  await field.or(page.locator('#email')).waitFor();
  if (!(await field.isVisible())) {
    const coordinator = server.demoUsers[1];
    await page.locator('#email').fill(coordinator.email);
    await page.locator('#password').fill(coordinator.password);
    await page.locator('button[type=submit]').click();
    await field.waitFor();
  }
  return page;
}

const savedTitle = async (path: string) =>
  (await api('GET', path)).body.definition.survey.pages[0].elements[0].title.en as string;

test('leaving the designer by a link with unsaved edits asks first: stay, leave without saving, or save and leave', async () => {
  const path = await newDraft();
  const original = await savedTitle(path);
  const page = await designer('en', path);
  await page.locator(EN).fill('Edited but not saved.');
  await page.getByRole('link', { name: 'Activities' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Leave with unsaved changes?' });
  await dialog.waitFor();
  await page.screenshot({ path: '/tmp/coord-leave-en.png' });
  await dialog.getByRole('button', { name: 'Stay on this page' }).click();
  await dialog.waitFor({ state: 'hidden' });
  expect(new URL(page.url()).pathname).toBe(path);
  expect(await page.locator(EN).inputValue()).toBe('Edited but not saved.');

  // The browser's back button is held the same way (the designer reached by a link).
  await page.getByRole('link', { name: 'Activities' }).first().click();
  await dialog.getByRole('button', { name: 'Leave without saving' }).click();
  await page.goto(`${server.url}/questionnaires`);
  await page.locator(`a[href="${path}"]`).click();
  await page.locator(EN).fill('Edited, then back.');
  await page.goBack();
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Stay on this page' }).click();
  expect(new URL(page.url()).pathname).toBe(path);
  expect(await page.locator(EN).inputValue()).toBe('Edited, then back.');

  await page.getByRole('link', { name: 'Activities' }).first().click();
  await dialog.getByRole('button', { name: 'Leave without saving' }).click();
  await page.waitForURL(`${server.url}/activities`);
  expect(await savedTitle(path)).toBe(original);

  await page.goto(`${server.url}${path}`);
  await page.locator(EN).fill('Edited and saved on the way out.');
  await page.getByRole('link', { name: 'Activities' }).first().click();
  await dialog.getByRole('button', { name: 'Save and leave' }).click();
  await page.waitForURL(`${server.url}/activities`);
  expect(await savedTitle(path)).toBe('Edited and saved on the way out.');

  // Saved edits leave without a question.
  await page.goto(`${server.url}${path}`);
  await page.getByRole('link', { name: 'Activities' }).first().click();
  await page.waitForURL(`${server.url}/activities`);
  await page.close();

  const zh = await designer('zh-HK', path);
  await zh.locator(EN).fill('未儲存');
  await zh.getByRole('link', { name: '活動' }).first().click();
  const zhDialog = zh.getByRole('dialog', { name: '有未儲存的修改，要離開嗎？' });
  await zhDialog.waitFor();
  await zhDialog.getByRole('button', { name: '不儲存並離開' }).waitFor();
  await zh.screenshot({ path: '/tmp/coord-leave-zh.png' });
  await zh.close();
});

test('the live check already names the translations a changed Chinese text makes stale, and submit refuses in the same words', async () => {
  const path = await newDraft();
  const page = await designer('zh-HK', path);
  const panel = page.locator('.rule-panel');
  await expect.poll(() => panel.getAttribute('data-state')).toBe('clear');
  await page.locator(ZH).fill('這項服務幫助我更好地處理壓力。');
  // Not saved: the panel says what submitting would refuse, before anything is saved.
  await expect.poll(() => panel.getAttribute('data-state'), { timeout: 15_000 }).toBe('problems');
  await panel
    .getByText(/中文文字在翻譯成.*英文.*之後有所修改/)
    .first()
    .waitFor();
  await panel
    .getByText('「這項服務幫助我更好地處理壓力。」（cope_stress）', { exact: false })
    .first()
    .waitFor();
  await page.screenshot({ path: '/tmp/coord-rules-zh.png' });

  await page.getByRole('button', { name: '提交審批' }).click();
  const refusal = page.locator('.error-summary');
  await refusal.waitFor();
  const said = await refusal.innerText();
  expect(said).toContain('「這項服務幫助我更好地處理壓力。」（cope_stress）');
  expect(said).toContain('中文文字在翻譯成英文之後有所修改');
  expect(said).not.toMatch(/survey\.pages|translations\.|The en text|translated from/);
  await page.close();

  // In English, the same draft (now saved, stale) says so in English, by the question's title.
  const en = await designer('en', path);
  const enPanel = en.locator('.rule-panel');
  await enPanel
    .getByText(/the Chinese text changed since it was translated into .*English/)
    .first()
    .waitFor();
  await en.getByRole('button', { name: 'Submit for approval' }).click();
  const enSaid = await en.locator('.error-summary').innerText();
  expect(enSaid).toMatch(
    /“The service helped me cope with stress.*” \(cope_stress\)[^,]*, English: the Chinese text changed/,
  );
  expect(enSaid).not.toMatch(/survey\.pages|translations\./);
  await en.screenshot({ path: '/tmp/coord-rules-en.png', fullPage: false });
  await en.close();
});

test('unmapping the last question of a standard says its scoring rule goes, and Undo brings both back', async () => {
  const text = (en: string) => ({ 'zh-HK': `${en}（中）`, en });
  const likert = (name: string, outcomeStandard: number) => ({
    type: 'likert',
    name,
    outcomeStandard,
    title: text(`Question ${name}`),
  });
  const created = await api('POST', '/questionnaires', {
    definition: {
      programme: 'SPEAR',
      population: 'service_users',
      locales: ['zh-HK', 'en'],
      scoring: { '3': 'majority' },
      survey: {
        title: text('Two items for standard 3'),
        pages: [{ elements: [likert('a', 3), likert('b', 3), likert('c', 4)] }],
      },
    },
  });
  expect(created.status).toBe(201);
  const page = await designer('en', `/questionnaires/${created.body.id}/versions/1`);
  const outcomeOf = (i: number) =>
    page.locator(`[id="designer-survey.pages.0.elements.${i}.outcomeStandard"]`);
  await outcomeOf(0).selectOption('');
  expect(await page.getByRole('status').filter({ hasText: 'scoring rule' }).count()).toBe(0);
  await outcomeOf(1).selectOption('');
  const notice = page
    .getByRole('status')
    .filter({ hasText: 'scoring rule (Majority) was removed' });
  await notice.waitFor();
  await notice.getByRole('button', { name: 'Undo' }).click();
  await notice.waitFor({ state: 'detached' });
  expect(await outcomeOf(1).inputValue()).toBe('3');
  await page.close();
});

test("ticking the children's faces shows them in the preview, as the kiosk and the paper form do", async () => {
  for (const language of ['en', 'zh-HK'] as const) {
    const page = await designer(language, await newDraft());
    const faces = page.locator('[id="designer-survey.likertStyle"]');
    const scales = page.locator('.survey-preview .likert-faces');
    await page.locator('.survey-preview .sd-question').first().waitFor();
    expect(await scales.count()).toBe(0);
    await faces.check();
    await scales.first().waitFor();
    // Each of the five labels draws its face before its words.
    const drawn = await scales
      .first()
      .locator('.sd-selectbase__label')
      .evaluateAll((labels) =>
        labels.map((label) => getComputedStyle(label, '::before').backgroundImage),
      );
    expect(drawn).toHaveLength(5);
    for (const image of drawn) expect(image).toContain('data:image/svg+xml');
    await page
      .locator('.survey-preview .sd-question')
      .first()
      .screenshot({ path: `test-results/designer-faces-${language}.png` });
    await faces.uncheck();
    await expect.poll(() => scales.count()).toBe(0);
    await page.close();
  }
});

import { beforeAll, expect, test } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { launchBrowser } from '../../support/browser.ts';
import { startTestServer } from '../../support/server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: BrowserContext;
beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

test('the paper form draws round boxes for single choice and square ones for multiple choice', async () => {
  const coordinator = server.demoUsers[1];
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ email: coordinator.email, password: coordinator.password }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const headers = { 'content-type': 'application/json', origin: server.url, cookie };
  const created = await (
    await fetch(`${server.url}/api/v1/questionnaires`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ template: 'spear-service-users' }),
    })
  ).json();
  const path = `${server.url}/api/v1/questionnaires/${created.id}/versions/1`;
  const version = await (await fetch(path, { headers })).json();
  const text = (zh: string, en: string) =>
    Object.fromEntries(version.definition.locales.map((l: string) => [l, l === 'zh-HK' ? zh : en]));
  version.definition.survey.pages[0].elements.push({
    type: 'checkbox',
    name: 'heard_from',
    title: text('你從哪裏得知這項服務？', 'Where did you hear of this service?'),
    choices: [
      { value: 'friend', text: text('朋友', 'A friend') },
      { value: 'leaflet', text: text('單張', 'A leaflet') },
    ],
  });
  const saved = await fetch(path, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ definition: version.definition }),
  });
  expect(saved.status, await saved.text()).toBe(200);

  const page = await browser.newPage();
  await page.goto(`${server.url}/sign-in`);
  await page.locator('#email').fill(coordinator.email);
  await page.locator('#password').fill(coordinator.password);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  await page.goto(`${server.url}/print/${created.id}/versions/1`);
  await page.locator('.paper-box').first().waitFor();
  const shapes = await page.locator('.paper-box').evaluateAll((boxes) =>
    boxes.map((box) => ({
      round: getComputedStyle(box).borderTopLeftRadius !== '0px',
      several: box.closest('li, div')?.textContent?.match(/A friend|A leaflet|朋友|單張/) !== null,
    })),
  );
  const single = shapes.filter((s) => !s.several);
  const multiple = shapes.filter((s) => s.several);
  expect(single.length).toBeGreaterThan(20); // four scales of five, and how_joined
  expect(single.every((s) => s.round)).toBe(true);
  expect(multiple).toHaveLength(2);
  expect(multiple.every((s) => !s.round)).toBe(true);
  await page.screenshot({ path: '/tmp/coord-paper.png', fullPage: true });
});

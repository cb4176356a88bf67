import { beforeAll, expect, test } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { launchBrowser } from '../../support/browser.ts';
import { startTestServer } from '../../support/server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: BrowserContext;
let coordinatorCookie: string;
let questionnaireId: string;

/** Signs in over HTTP and keeps the session cookie, as a script of the operator's would. */
async function signIn(email: string, password: string): Promise<string> {
  const response = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ email, password }),
  });
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

async function call(cookie: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: {
      cookie,
      origin: server.url,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const coordinator = server.demoUsers[1];
  const swd = server.demoUsers[2];
  coordinatorCookie = await signIn(coordinator.email, coordinator.password);
  // An approved questionnaire for SPeaR's service users (support activities use it).
  const created = await call(coordinatorCookie, 'POST', '/questionnaires', {
    template: 'spear-service-users',
  });
  expect(created.status).toBe(201);
  questionnaireId = created.body.id;
  const versionPath = `/questionnaires/${created.body.id}/versions/1`;
  expect((await call(coordinatorCookie, 'POST', `${versionPath}/submit`)).status).toBe(200);
  const swdCookie = await signIn(swd.email, swd.password);
  expect((await call(swdCookie, 'POST', `${versionPath}/approve`, {})).status).toBe(200);
});

test('a coordinator records an activity, opens its kiosk and types in a paper form', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/sign-in`);
  await page.evaluate(() => localStorage.setItem('fsa.language', 'en'));
  await page.reload();
  const coordinator = server.demoUsers[1];
  await page.getByLabel('Email').fill(coordinator.email);
  await page.getByLabel('Password').fill(coordinator.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Operator: DEMO').waitFor();

  // Record the activity: the approved questionnaire is offered for a support activity.
  await page.getByRole('link', { name: 'Activities' }).first().click();
  await page.getByRole('heading', { name: 'Record an activity' }).waitFor();
  await page.getByLabel('Unit').selectOption('DEMO-SPEAR');
  await page.getByLabel('Kind of activity').selectOption('support_activity');
  await page.getByLabel('Title', { exact: true }).fill('Parent group, week 3');
  await page
    .getByRole('checkbox', { name: /Service Feedback Questionnaire \(version 1\)/ })
    .check();
  await page.getByRole('button', { name: 'Record the activity' }).click();
  await page.getByRole('heading', { name: 'Parent group, week 3', level: 1 }).waitFor();
  const activityId = new URL(page.url()).pathname.split('/').pop()!;

  // Open a kiosk: a QR code and the link, shown this once.
  await page.getByRole('button', { name: 'Open a kiosk' }).click();
  await page.getByRole('img', { name: 'QR code that opens the kiosk on a tablet' }).waitFor();
  const link = await page.getByRole('textbox', { name: 'Kiosk link' }).inputValue();
  expect(link).toMatch(new RegExp(`^${server.url}/kiosk/[A-Za-z0-9_-]{10,}$`));
  await page.getByText('This code is shown only now').waitFor();
  const code = link.split('/kiosk/')[1]!;
  expect((await fetch(`${server.url}/api/v1/kiosk/${code}`)).status).toBe(200);
  await page.getByRole('cell', { name: 'Open', exact: true }).waitFor();

  // A submission the server refuses waits in the quarantine, its problem in the page's words.
  const { questionnaires } = await (await fetch(`${server.url}/api/v1/kiosk/${code}`)).json();
  const [offered] = questionnaires as {
    id: string;
    version: number;
    definition: { survey: { pages: { elements: { type: string; name: string }[] }[] } };
  }[];
  const item = offered!.definition.survey.pages[0]!.elements.find((e) => e.type === 'likert')!;
  const refused = await fetch(`${server.url}/api/v1/kiosk/${code}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      id: crypto.randomUUID(),
      questionnaire: { id: offered!.id, version: offered!.version },
      locale: 'en',
      answers: { [item.name]: 'maybe' },
      completedAt: new Date().toISOString(),
    }),
  });
  expect(refused.status).toBe(422);
  await page.reload();
  await page.getByText(`The answer to “${item.name}” is not one of the answers offered.`).waitFor();

  // Type in one paper form: one answer, the rest left blank as on the paper.
  const form = page.getByRole('group', { name: 'Paper form 1' });
  await form.getByText('Strongly agree').first().click();
  await page.getByRole('button', { name: 'Save this form' }).click();
  await page.getByText('1 form entered').waitFor();
  await page.getByRole('group', { name: 'Paper form 2' }).waitFor();
  await page.getByRole('cell', { name: 'Paper', exact: true }).waitFor();

  const stored = await call(coordinatorCookie, 'GET', `/activities/${activityId}/responses`);
  expect(stored.status).toBe(200);
  expect(stored.body.items).toHaveLength(1);
  const [response] = stored.body.items;
  expect(response).toMatchObject({ source: 'paper', voided: false, locale: 'en' });
  expect(Object.values(response.answers)).toEqual(['strongly_agree']);
  // Completed on the activity's day in Hong Kong (at noon, or earlier if noon is still to come).
  const activity = await call(coordinatorCookie, 'GET', `/activities/${activityId}`);
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Hong_Kong' });
  expect(day.format(new Date(response.completedAt))).toBe(activity.body.date);
  expect(activity.body.responses).toBe(1);

  // Void it (a reason is required), then close the kiosk early (after confirming).
  await page.getByRole('button', { name: /^Void/ }).click();
  await page.getByRole('button', { name: 'Void the response' }).click();
  await page.getByText('Reason for voiding').first().waitFor();
  await page.getByLabel('Reason for voiding').fill('Typed in twice.');
  await page.getByRole('button', { name: 'Void the response' }).click();
  await page.getByText('Response voided: it no longer counts.').waitFor();
  await page
    .getByRole('button', { name: /^Close/ })
    .first()
    .click();
  await page.getByRole('button', { name: 'Close the kiosk' }).click();
  await page.getByText('Kiosk closed.').waitFor();
  expect((await fetch(`${server.url}/api/v1/kiosk/${code}`)).status).toBe(410);
  expect(
    (await call(coordinatorCookie, 'GET', `/activities/${activityId}/responses`)).body.items[0]
      .voided,
  ).toBe(true);
  await page.close();
});

test('the quarantine comes a page at a time and says what the server left out', async () => {
  const created = await call(coordinatorCookie, 'POST', '/activities', {
    unit: 'DEMO-SPEAR',
    kind: 'support_activity',
    title: 'Quarantine pages',
    date: new Date().toISOString().slice(0, 10),
    questionnaires: [{ id: questionnaireId, version: 1 }],
  });
  expect(created.status).toBe(201);
  const activityId = created.body.id;
  const opened = await call(coordinatorCookie, 'POST', `/activities/${activityId}/kiosk`, {});
  const refuse = (extra: Record<string, unknown>) =>
    fetch(`${server.url}/api/v1/kiosk/${opened.body.code}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: crypto.randomUUID(),
        questionnaire: { id: questionnaireId, version: 1 },
        locale: 'en',
        answers: {},
        completedAt: new Date(Date.now() + 3600_000).toISOString(),
        ...extra,
      }),
    });
  expect((await refuse({ junk: 'x'.repeat(1000) })).status).toBe(422);
  for (let i = 0; i < 21; i++) expect((await refuse({})).status).toBe(422);

  const page = await browser.newPage();
  await page.goto(`${server.url}/sign-in`);
  await page.evaluate(() => localStorage.setItem('fsa.language', 'en'));
  await page.goto(`${server.url}/activities/${activityId}`);
  // Signed in already when the test before ran in this browser.
  const email = page.getByLabel('Email');
  const title = page.getByRole('heading', { name: 'Quarantine pages', level: 1 });
  await email.or(title).first().waitFor();
  if (await email.isVisible()) {
    const coordinator = server.demoUsers[1];
    await email.fill(coordinator.email);
    await page.getByLabel('Password').fill(coordinator.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Operator: DEMO').waitFor();
    await page.goto(`${server.url}/activities/${activityId}`);
  }
  await page.getByText('22 submissions are waiting for your decision.').waitFor();
  const entries = page.locator('article.quarantined');
  await page.getByRole('button', { name: 'Show more submissions' }).waitFor();
  expect(await entries.count()).toBe(20);
  await page
    .getByText(
      'The server kept only what a response can hold and left out 1 part of this submission: junk.',
    )
    .waitFor();
  await page.getByRole('button', { name: 'Show more submissions' }).click();
  await expect.poll(() => entries.count()).toBe(22);
  expect(await page.getByRole('button', { name: 'Show more submissions' }).count()).toBe(0);
  await page.close();
});

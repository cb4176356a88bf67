// What a participant meets around and inside the form, in Chromium: a language chooser that
// speaks every language and names the activity, a question before a blank form is sent, and
// choices whose whole row answers a tap.
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, expect, test } from 'vitest';
import { launchBrowser } from '../../support/browser.ts';
import { startTestServer } from '../../support/server.ts';
import { openKiosk } from './fixtures.ts';
import { chooser, chooserReady, gotoKiosk, WORDS } from './participant.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: BrowserContext;
let kiosk: Awaited<ReturnType<typeof openKiosk>>;

/** A single-choice question besides the scale, and a multiple-choice one. */
const CHOICES = [
  {
    type: 'radiogroup',
    name: 'referral',
    title: { 'zh-HK': '你怎樣知道這個活動？', en: 'How did you hear about this activity?' },
    choices: [
      { value: 'self', text: { 'zh-HK': '自己報名', en: 'I signed up myself' } },
      { value: 'worker', text: { 'zh-HK': '社工轉介', en: 'A social worker' } },
    ],
  },
  {
    type: 'checkbox',
    name: 'topics',
    title: { 'zh-HK': '你想多了解甚麼？', en: 'What would you like to know more about?' },
    choices: [
      { value: 'parenting', text: { 'zh-HK': '親子', en: 'Parenting' } },
      { value: 'work', text: { 'zh-HK': '工作', en: 'Work' } },
    ],
  },
];

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  kiosk = await openKiosk(server.url, ['zh-HK', 'en', 'id', 'ur']);
});

async function openTablet(path = kiosk.kioskPath): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 800, height: 1280 });
  await gotoKiosk(page, `${server.url}${path}`);
  await chooserReady(page);
  return page;
}

test('the chooser names the activity and each language invites in its own words; the staff button reads without Chinese', async () => {
  const page = await openTablet();
  await page.getByRole('heading', { name: 'Family support group', level: 1 }).waitFor();
  const invitations: Record<string, { name: string; invite: string }> = {
    'zh-HK': { name: '繁體中文', invite: '請按這裏用中文填寫' },
    en: { name: 'English', invite: 'Tap here for English' },
    id: { name: 'Bahasa Indonesia', invite: 'Ketuk di sini untuk Bahasa Indonesia' },
    ur: { name: 'اردو', invite: 'اردو کے لیے یہاں دبائیں' },
  };
  const buttons = chooser(page).getByRole('button');
  expect(await buttons.count()).toBe(4);
  for (const [code, { name, invite }] of Object.entries(invitations)) {
    const button = page.getByRole('button', { name: `${name} ${invite}`, exact: true });
    expect(await button.getAttribute('lang')).toBe(code);
    expect(await button.getAttribute('dir')).toBe(code === 'ur' ? 'rtl' : 'ltr');
  }
  // Staff: a padlock and the word in English as well as Chinese.
  const staff = page.getByRole('button', { name: '職員 Staff', exact: true });
  expect(await staff.locator('svg').count()).toBe(1);
  expect(await staff.locator('[lang="en"]').innerText()).toBe('Staff');
  await page.close();
});

test.each([
  {
    locale: 'en',
    title: 'You have not answered any question',
    back: 'Go back to the questions',
    leave: 'Finish without sending',
  },
  {
    locale: 'ur',
    title: 'آپ نے ابھی تک کسی سوال کا جواب نہیں دیا',
    back: 'سوالات پر واپس جائیں',
    leave: 'بھیجے بغیر ختم کریں',
  },
])(
  'a blank form is not sent: the kiosk asks in $locale, and finishing sends nothing',
  async ({ locale, title, back, leave }) => {
    const page = await openTablet();
    const posted: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().includes('/responses'))
        posted.push(request.url());
    });
    const before = (await kiosk.responses()).length;
    const names: Record<string, string> = { en: 'English', ur: 'اردو' };
    await page.getByRole('button', { name: names[locale] }).click();
    await page.locator('[data-name="comments"] textarea').fill('   '); // spaces are no answer
    const complete = page.getByRole('button', { name: WORDS[locale]!.complete, exact: true });
    await complete.click();
    const ask = page.getByRole('dialog', { name: title });
    await ask.waitFor();
    expect(await page.getAttribute('html', 'dir')).toBe(locale === 'ur' ? 'rtl' : 'ltr');
    // Going back keeps the form, to be answered.
    await ask.getByRole('button', { name: back }).click();
    await ask.waitFor({ state: 'detached' });
    await page.locator('[data-name="stress"]').waitFor();
    // Finishing anyway sends nothing and makes way for the next person.
    await complete.click();
    await ask.getByRole('button', { name: leave }).click();
    await chooser(page).waitFor();
    await page.waitForTimeout(1000);
    expect(posted).toEqual([]);
    expect((await kiosk.responses()).length).toBe(before);
    await page.close();
  },
);

test('every choice, single or multiple, is a full-width target at least 48 px tall that answers a tap anywhere on it', async () => {
  const withChoices = await openKiosk(server.url, ['zh-HK', 'en'], '135791', CHOICES);
  const page = await openTablet(withChoices.kioskPath);
  await page.getByRole('button', { name: /繁體中文/ }).click();
  for (const question of ['referral', 'topics']) {
    const row = (await page
      .locator(`[data-name="${question}"] .sd-question__content`)
      .boundingBox())!;
    const labels = await page.locator(`[data-name="${question}"] label.sd-selectbase__label`).all();
    expect(labels.length).toBe(2);
    for (const label of labels) {
      const box = (await label.boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(48);
      expect(box.width).toBeGreaterThanOrEqual(row.width - 2);
      // A tap at the far end of the row, well away from the words, chooses it.
      await label.click({ position: { x: box.width - 12, y: box.height / 2 } });
      expect(await label.locator('input').isChecked()).toBe(true);
    }
  }
  expect(await page.locator('[data-name="referral"] input:checked').getAttribute('value')).toBe(
    'worker',
  );
  expect(await page.locator('[data-name="topics"] input:checked').count()).toBe(2);
  await page.close();
});

// Read aloud, with speechSynthesis stubbed in the page (headless Chromium has no voices): a
// button on each question where the tablet has its own voice for the form's language, reading
// the question and its choices in that language; no button where the only voice is a network
// one (it would send the text off the tablet) or where there is none; nothing fetched to speak.
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, expect, test } from 'vitest';
import { launchBrowser } from '../../support/browser.ts';
import { startTestServer } from '../../support/server.ts';
import { openKiosk, TEXTS } from './fixtures.ts';
import { chooser, chooserReady, gotoKiosk, languageButton, SCALE } from './participant.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: BrowserContext;
let kiosk: Awaited<ReturnType<typeof openKiosk>>;
beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  kiosk = await openKiosk(server.url, ['zh-HK', 'en', 'ur']);
}, 300_000);

const READ: Record<string, string> = { 'zh-HK': '朗讀', en: 'Read aloud', ur: 'پڑھ کر سنائیں' };

interface Voice {
  name: string;
  lang: string;
  localService: boolean;
}

/** A tablet whose speechSynthesis has `voices` and records what it is asked to say. */
async function tabletWithVoices(voices: Voice[]): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 800, height: 1280 });
  await page.addInitScript((list: Voice[]) => {
    const spoken: { text: string; lang: string; voice: string }[] = [];
    (window as unknown as { spoken: typeof spoken }).spoken = spoken;
    class Utterance {
      text: string;
      lang = '';
      voice: Voice | null = null;
      constructor(text: string) {
        this.text = text;
      }
    }
    Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance });
    Object.defineProperty(window, 'speechSynthesis', {
      value: {
        getVoices: () => list,
        speak: (u: Utterance) => spoken.push({ text: u.text, lang: u.lang, voice: u.voice!.name }),
        cancel: () => undefined,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
      },
    });
  }, voices);
  await gotoKiosk(page, `${server.url}${kiosk.kioskPath}`);
  await chooserReady(page);
  return page;
}

const VOICES: Voice[] = [
  { name: 'Cantonese (on the tablet)', lang: 'zh-HK', localService: true },
  { name: 'Mandarin (on the tablet)', lang: 'zh-CN', localService: true },
  { name: 'Urdu (on the tablet)', lang: 'ur_PK', localService: true },
  { name: 'English (online)', lang: 'en-GB', localService: false },
];

test.each(['zh-HK', 'ur'])(
  'in %s, with a voice on the tablet, each question has a button reading it and its choices in that language',
  async (locale) => {
    const page = await tabletWithVoices(VOICES);
    const offTablet: string[] = [];
    await languageButton(page, locale).click();
    await page.locator('[data-name="stress"]').waitFor();
    const buttons = page.getByRole('button', { name: READ[locale], exact: true });
    expect(await buttons.count()).toBe(3); // both scale questions and the comment
    const button = page.locator('[data-name="stress"]').getByRole('button', { name: READ[locale] });
    const box = (await button.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(48);
    await page.screenshot({ path: `/tmp/kiosk-a11y-aloud-${locale}.png` });

    page.on('request', (request) => {
      if (!request.url().startsWith(server.url)) offTablet.push(request.url());
    });
    await button.click();
    const spoken = await page.evaluate(
      () =>
        (window as unknown as { spoken: { text: string; lang: string; voice: string }[] }).spoken,
    );
    expect(spoken).toHaveLength(1);
    const [said] = spoken;
    expect(said!.voice).toBe(
      locale === 'ur' ? 'Urdu (on the tablet)' : 'Cantonese (on the tablet)',
    );
    expect(said!.lang).toBe(locale === 'ur' ? 'ur_PK' : 'zh-HK');
    expect(said!.text).toContain(TEXTS[locale]!.stress);
    for (const label of Object.values(SCALE[locale]!)) expect(said!.text).toContain(label);
    expect(offTablet).toEqual([]);
    await page.close();
  },
  300_000,
);

test('with only a network voice for English, or no voice at all, there is no read-aloud button', async () => {
  const page = await tabletWithVoices(VOICES);
  await languageButton(page, 'en').click();
  await page.locator('[data-name="stress"]').waitFor();
  expect(await page.getByRole('button', { name: READ.en }).count()).toBe(0);
  expect(await page.locator('.read-aloud').count()).toBe(0);
  await page.close();

  const silent = await tabletWithVoices([]);
  for (const locale of ['zh-HK', 'ur']) {
    await languageButton(silent, locale).click();
    await silent.locator('[data-name="stress"]').waitFor();
    expect(await silent.locator('.read-aloud').count()).toBe(0);
    expect(await silent.getByRole('button', { name: READ[locale] }).count()).toBe(0);
    await silent
      .getByRole('button', { name: locale === 'ur' ? 'ابھی چھوڑ دیں' : '立即離開' })
      .click();
    await chooser(silent).waitFor();
  }
  await silent.close();
}, 300_000);

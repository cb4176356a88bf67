// The children's scale: a ChildPRO children's questionnaire whose definition asks for faces
// shows each five-point question as five big faces (very happy to very sad), in zh-HK, English
// and Urdu (right to left), keeps the words as each radio's name, and stores the usual values when
// a child taps the faces.
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, expect, test } from 'vitest';
import { launchBrowser } from '../../support/browser.ts';
import { startTestServer } from '../../support/server.ts';
import { childrenDefinition, openKiosk } from './fixtures.ts';
import { chooser, chooserReady, gotoKiosk, languageButton, SCALE, WORDS } from './participant.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: BrowserContext;
let kiosk: Awaited<ReturnType<typeof openKiosk>>;
const LOCALES = ['zh-HK', 'en', 'ur'];
beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  kiosk = await openKiosk(server.url, LOCALES, '246813', [], childrenDefinition(LOCALES), {
    unit: 'DEMO-CHILDPRO',
    kind: 'group_individual_session',
  });
}, 300_000);

/** A choice's button (its label, face and words) in one question. */
const face = (page: Page, question: string, value: string) =>
  page.locator(`[data-name="${question}"] label:has(input[value="${value}"])`);

test.each(['zh-HK', 'en', 'ur'])(
  'in %s, a child answers by tapping faces, and the answers are stored with the usual values',
  async (locale) => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 800, height: 1280 });
    await gotoKiosk(page, `${server.url}${kiosk.kioskPath}`);
    await chooserReady(page);
    await languageButton(page, locale).click();
    await page.locator('[data-name="stress"]').waitFor();

    // Five faces per question, each a large target, each drawn (a data: SVG), each radio still
    // named by its words.
    expect(await page.locator('.kiosk-faces').count()).toBe(2);
    const values = ['strongly_agree', 'agree', 'no_opinion', 'disagree', 'strongly_disagree'];
    for (const value of values) {
      const button = face(page, 'stress', value);
      const image = await button.evaluate((el) => getComputedStyle(el, '::before').backgroundImage);
      expect(image, value).toContain('data:image/svg+xml');
      const box = (await button.boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(120);
      expect(box.width).toBeGreaterThanOrEqual(100);
    }
    const scale = page.getByRole('radiogroup', { name: /./ }).first();
    for (const label of Object.values(SCALE[locale]!))
      expect(await scale.getByRole('radio', { name: label, exact: true }).count()).toBe(1);
    // One row, in reading order: very happy first (on the left, on the right in Urdu).
    const happy = (await face(page, 'stress', 'strongly_agree').boundingBox())!;
    const sad = (await face(page, 'stress', 'strongly_disagree').boundingBox())!;
    expect(Math.abs(happy.y - sad.y)).toBeLessThan(2);
    expect(locale === 'ur' ? happy.x > sad.x : happy.x < sad.x).toBe(true);

    // Tap the faces themselves (the top of each button), not the words.
    const tap = async (question: string, value: string) => {
      const box = (await face(page, question, value).boundingBox())!;
      await page.mouse.click(box.x + box.width / 2, box.y + 40);
    };
    await tap('stress', 'strongly_agree');
    await tap('family', 'disagree');
    expect(
      await page.locator('[data-name="stress"] input[value="strongly_agree"]').isChecked(),
    ).toBe(true);
    await page.screenshot({ path: `/tmp/kiosk-a11y-faces-${locale}.png` });
    await page.getByRole('button', { name: WORDS[locale]!.complete, exact: true }).click();
    await page.getByRole('heading', { name: WORDS[locale]!.thanks }).waitFor();

    await expect
      .poll(async () => (await kiosk.responses()).filter((r) => r.locale === locale))
      .toHaveLength(1);
    const [stored] = (await kiosk.responses()).filter((r) => r.locale === locale);
    expect(stored!.answers).toEqual({ stress: 'strongly_agree', family: 'disagree' });
    await page.close();
  },
  300_000,
);

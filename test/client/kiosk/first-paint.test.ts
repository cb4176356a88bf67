// The language chooser is painted by the kiosk's first small file as soon as the kiosk's data is
// in, before React has arrived (client/kiosk/firstPaint.ts), and React then takes over with the
// same markup and no blank screen in between. React's chunk is held back here, as a slow network
// would, to see the page before and after it.
import { beforeAll, expect, test } from 'vitest';
import { launchBrowser } from '../../support/browser.ts';
import { startTestServer } from '../../support/server.ts';
import { openKiosk } from './fixtures.ts';
import { gotoKiosk } from './participant.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let kiosk: Awaited<ReturnType<typeof openKiosk>>;

beforeAll(async () => {
  server = await startTestServer();
  kiosk = await openKiosk(server.url, ['zh-HK', 'en', 'id', 'ur']);
}, 120_000);

// The page's markup, attributes sorted, without aria-disabled (the only intended difference).
// A string: the test runner would wrap named functions in a helper the page does not have.
const MARKUP = `(() => {
  const walk = (node) => {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent;
    if (node.nodeType !== Node.ELEMENT_NODE) return '';
    const attributes = [...node.attributes]
      .filter((a) => a.name !== 'aria-disabled')
      .map((a) => a.name + '="' + a.value + '"')
      .sort()
      .join(' ');
    return '<' + node.localName + ' ' + attributes + '>' + [...node.childNodes].map(walk).join('') + '</' + node.localName + '>';
  };
  return walk(document.getElementById('root'));
})()`;

// Records whether the chooser, once on screen, was ever missing when the page could paint.
const WATCH = `(() => {
  window.__chooserGap = false;
  window.__chooserSeen = false;
  new MutationObserver(() => {
    const shown = !!document.querySelector('#root .chooser');
    if (shown) window.__chooserSeen = true;
    else if (window.__chooserSeen) window.__chooserGap = true;
  }).observe(document, { subtree: true, childList: true });
})()`;

test('the chooser appears before React has arrived, inert, and React replaces it with the same markup and no blank screen', async () => {
  const browser = await launchBrowser();
  const page = await browser.newPage();
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let heldReact = false;
  await page.route(/\/assets\/react-[^/]+\.js$/, async (route) => {
    heldReact = true;
    await held;
    await route.continue();
  });
  await page.addInitScript(WATCH);
  await gotoKiosk(page, `${server.url}${kiosk.kioskPath}`);

  // React is held: what shows is the first file's chooser.
  await page.locator('#root .chooser').waitFor();
  expect(heldReact, 'kiosk.html must preload the React chunk (vite.config.ts, FRAMEWORK)').toBe(
    true,
  );
  const first = (await page.evaluate(MARKUP)) as string;
  expect(await page.locator('#chooser-title').textContent()).toBe('Family support group');
  const buttons = page.locator('button.language');
  expect(await buttons.evaluateAll((all) => all.map((b) => b.getAttribute('lang')))).toEqual([
    'zh-HK',
    'en',
    'id',
    'ur',
  ]);
  expect(
    await page
      .locator('#root button')
      .evaluateAll((all) => all.every((b) => b.getAttribute('aria-disabled') === 'true')),
    'buttons before React do nothing, and say so',
  ).toBe(true);
  expect(await page.locator('[data-name="stress"]').count()).toBe(0);

  release();
  // React's chooser: the same buttons, now enabled.
  await page.locator('button.language[lang="en"]:not([aria-disabled])').waitFor();
  const second = (await page.evaluate(MARKUP)) as string;
  expect(second).toBe(first);
  expect(await page.evaluate('window.__chooserGap')).toBe(false);

  // And it works: a tap opens the form.
  await page.locator('button.language[lang="en"]').click();
  await page.locator('[data-name="stress"]').waitFor();
  expect(await page.getAttribute('html', 'lang')).toBe('en');
}, 120_000);

test("the kiosk's data is asked for once: the page's Link header preloads it and the first script takes that answer", async () => {
  const browser = await launchBrowser();
  const page = await browser.newPage();
  const asked: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/v1/kiosk/')) asked.push(request.url());
  });
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (/preload/i.test(message.text())) warnings.push(message.text());
  });
  const response = await page.goto(`${server.url}${kiosk.kioskPath}`);
  const code = kiosk.kioskPath.split('/').pop();
  expect(response!.headers().link).toBe(
    `</api/v1/kiosk/${code}>; rel=preload; as=fetch; crossorigin`,
  );
  await page.locator('.chooser button:not([aria-disabled])').first().waitFor();
  await page.waitForLoadState('networkidle');
  expect(asked).toHaveLength(1);
  expect(warnings).toEqual([]);
  await browser.close();
});

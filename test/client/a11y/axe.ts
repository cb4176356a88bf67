// axe-core (WCAG 2.0/2.1 A and AA) on every screen of the product (issue 21), shared by the
// test/client/a11y/axe-*.test.ts files: each staff screen for each role in zh-HK and en (a file
// per role, so the long runs spread over the workers), and the kiosk in all ten languages at
// tablet size. The count of violations is printed per screen and any violation fails.
// axe injects a script, which the product's Content-Security-Policy forbids: the browser here
// bypasses CSP (and only here).
import { readFileSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, expect, test } from 'vitest';
import { NATIVE_NAMES } from '../../../client/kiosk/i18n.ts';
import { SUPPORTED_LOCALES } from '../../../server/domain/definition.ts';
import { fiscalYearOf } from '../../../server/domain/fiscal-year.ts';
import { launchBrowser } from '../../support/browser.ts';
import { startTestServer } from '../../support/server.ts';
import { apiAs, signInAs } from '../../support/staff.ts';
import { kioskDefinition, openKiosk, TEXTS } from '../kiosk/fixtures.ts';
import { chooser, chooserReady, gotoKiosk } from '../kiosk/participant.ts';

/**
 * The router's `paths` and `patterns`, read from its source (it needs a window to load): each key
 * with its address.
 */
function routerTable(name: 'paths' | 'patterns'): Record<string, string> {
  const source = readFileSync('client/app/router.tsx', 'utf8');
  const body = new RegExp(`export const ${name} = \\{([^}]*)\\}`).exec(source)![1]!;
  return Object.fromEntries([...body.matchAll(/(\w+): '([^']+)'/g)].map((m) => [m[1], m[2]]));
}
export const paths = routerTable('paths');
export const patterns = routerTable('patterns');
const pathTo = (pattern: string, values: Record<string, string | number>) =>
  pattern.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(String(values[name])));

const staff = {
  'zh-HK': JSON.parse(readFileSync('client/i18n/locales/zh-HK/staff.json', 'utf8')),
  en: JSON.parse(readFileSync('client/i18n/locales/en/staff.json', 'utf8')),
} as Record<'zh-HK' | 'en', { forbidden: { title: string } }>;
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const UNIT = 'DEMO-SPEAR';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: BrowserContext;
let kiosk: Awaited<ReturnType<typeof openKiosk>>;
let caseId: string;

/** The kiosk's questionnaire in all ten languages (the languages without test texts in English). */
function tenLanguageDefinition() {
  const locales = [...SUPPORTED_LOCALES];
  const definition = kioskDefinition(['zh-HK', 'en']);
  const ten = (key: keyof (typeof TEXTS)['en']) =>
    Object.fromEntries(locales.map((l) => [l, (TEXTS[l] ?? TEXTS.en!)[key]]));
  definition.locales = locales;
  definition.survey.title = ten('title');
  const [stress, family, comments] = definition.survey.pages[0]!.elements as {
    title: Record<string, string>;
  }[];
  stress!.title = ten('stress');
  family!.title = ten('family');
  comments!.title = ten('comments');
  return definition;
}

/**
 * Starts a server with the demo's sample years, a browser that bypasses CSP (for axe's script),
 * a kiosk in all ten languages and a case: what every screen needs to show something.
 */
function setUp() {
  beforeAll(async () => {
    server = await startTestServer({ sampleYears: true });
    browser = await launchBrowser({ bypassCSP: true });
    kiosk = await openKiosk(
      server.url,
      [...SUPPORTED_LOCALES],
      '246813',
      [],
      tenLanguageDefinition(),
    );
    const coordinator = await apiAs(server.url, server.demoUsers[1]);
    const created = await coordinator('POST', '/cases', {
      unit: UNIT,
      reference: 'AXE-0001',
      category: 'abuser',
      referredOn: new Date().toISOString().slice(0, 10),
      referralSource: 'school',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    caseId = created.body.id as string;
  }, 300_000);
}

/** Runs axe on what the page shows now; prints and returns the violations. */
async function check(page: Page, screen: string): Promise<string[]> {
  // Legacy mode runs axe in the page itself; the default opens a blank page for every check to
  // finish the run in, which took a second of every check here (our pages have no iframes of
  // another origin, the case that mode is for).
  const { violations } = await new AxeBuilder({ page })
    .withTags(TAGS)
    .options({ resultTypes: ['violations'] })
    .setLegacyMode(true)
    .analyze();
  console.log(`axe: ${violations.length} violations: ${screen}`);
  return violations.map(
    (v) =>
      `${screen}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(' | ')}`,
  );
}

/** Opens a staff page and waits until it has drawn its heading and settled. */
async function open(page: Page, path: string) {
  await page.goto(`${server.url}${path}`);
  await page.locator('main h1, h1').first().waitFor({ timeout: 15_000 });
  await page.waitForLoadState('networkidle');
}

const ROLES = ['admin', 'coordinator', 'swd'] as const;
type Role = (typeof ROLES)[number];

/**
 * The screens each role may open, by the router's key (client/app/App.tsx): axe checks these for
 * that role, and the refusal page once (it is one component, whatever screen refused).
 */
const OPENS: Record<Role, readonly string[]> = {
  admin: [
    'home',
    'changePassword',
    'tokens',
    'users',
    'operators',
    'audit',
    'agreedLevels',
    'closureDays',
    'questionnaires',
    'designer',
    'print',
    'pack',
  ],
  coordinator: [
    'home',
    'changePassword',
    'tokens',
    'questionnaires',
    'designer',
    'print',
    'activities',
    'activity',
    'reports',
    'territory',
    'trends',
    'pack',
    'cases',
    'case',
    'serviceEvents',
    'outputs',
    'recordsImport',
  ],
  swd: [
    'home',
    'changePassword',
    'tokens',
    'reviews',
    'review',
    'print',
    'reports',
    'territory',
    'trends',
    'pack',
    'outputs',
  ],
};

/** The router's keys of the screens that axe checks for some role. */
export const checkedScreens = () => new Set(ROLES.flatMap((role) => OPENS[role]));

/** Every staff screen, by the router's key, with the address it is checked at. */
function staffScreens(): [string, string][] {
  const v = { id: kiosk.questionnaireId, v: 1 };
  return [
    ['home', paths.home!],
    ['changePassword', paths.changePassword!],
    ['tokens', paths.tokens!],
    ['users', paths.users!],
    ['operators', paths.operators!],
    ['audit', paths.audit!],
    ['agreedLevels', paths.agreedLevels!],
    ['closureDays', paths.closureDays!],
    ['questionnaires', paths.questionnaires!],
    ['designer', pathTo(patterns.designer!, v)],
    ['reviews', paths.reviews!],
    ['review', pathTo(patterns.review!, v)],
    ['print', pathTo(patterns.print!, v)],
    ['activities', paths.activities!],
    // The activity page holds its kiosk, paper entry, responses and quarantine.
    ['activity', pathTo(patterns.activity!, { id: kiosk.activityId })],
    ['reports', paths.reports!],
    ['territory', paths.territory!],
    ['trends', paths.trends!],
    ['pack', pathTo(patterns.pack!, { unit: UNIT, fiscalYear: fiscalYearOf(new Date()) })],
    ['cases', paths.cases!],
    ['case', pathTo(patterns.case!, { id: caseId })],
    ['serviceEvents', paths.serviceEvents!],
    ['outputs', paths.outputs!],
    ['recordsImport', paths.recordsImport!],
  ];
}

/**
 * Axe as one role (a demo user), in zh-HK and in en: the sign-in page, every screen the role may
 * open, and the refusal page of the first screen it may not.
 */
export function staffScreensAs(role: Role) {
  setUp();
  const r = ROLES.indexOf(role);
  for (const language of ['zh-HK', 'en'] as const) {
    test(`axe finds no violation on any staff screen for ${role} in ${language}`, async () => {
      const page = await browser.newPage();
      const found: string[] = [];
      await browser.clearCookies();
      await page.goto(`${server.url}${paths.signIn!}`);
      await page.evaluate((l) => localStorage.setItem('fsa.language', l), language);
      await open(page, paths.signIn!);
      found.push(...(await check(page, `signIn ${language}`)));
      await signInAs(browser, page, server.url, server.demoUsers[r]!, language);
      const screens = staffScreens();
      const refused = screens.find(([key]) => !OPENS[role].includes(key))!;
      const refusal = staff[language].forbidden.title;
      for (const [key, path] of [...screens.filter(([k]) => OPENS[role].includes(k)), refused]) {
        await open(page, path);
        // The table above agrees with the app: the role is refused exactly the screens left out.
        const heading = await page.locator('main h1, h1').first().textContent();
        expect(heading === refusal, `${key} for ${role}`).toBe(key === refused[0]);
        found.push(...(await check(page, `${key} ${path} (${role}, ${language})`)));
      }
      await page.close();
      expect(found).toEqual([]);
    }, 600_000);
  }
}

/** Axe on the kiosk in all ten languages: the chooser, the form and the thank-you. */
export function kioskScreens() {
  setUp();
  test('axe finds no violation on the kiosk in any of the ten languages (chooser, form, thank-you)', async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 800, height: 1280 });
    const found: string[] = [];
    await gotoKiosk(page, `${server.url}${kiosk.kioskPath}`);
    await chooserReady(page);
    found.push(...(await check(page, 'kiosk chooser')));
    for (const locale of SUPPORTED_LOCALES) {
      await page.getByRole('button', { name: new RegExp(`^${NATIVE_NAMES[locale]} `) }).click();
      await page.locator('[data-name="stress"]').waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe(locale);
      found.push(...(await check(page, `kiosk form (${locale})`)));
      await page.locator('[data-name="stress"] label:has(input[type=radio])').first().click();
      await page.locator('[data-name="family"] label:has(input[type=radio])').first().click();
      await page.locator('.sd-navigation__complete-btn').click();
      await page.locator('[data-name="stress"]').waitFor({ state: 'detached' });
      await page.locator('#thanks-title').waitFor();
      found.push(...(await check(page, `kiosk thank-you (${locale})`)));
      // Back to the chooser for the next participant: a tap, unless the thank-you already went
      // back by itself while axe ran (it does after a few seconds, and axe is slow on a busy CI).
      const thanks = page.locator('.kiosk-screen.thanks');
      if (await thanks.isVisible()) await thanks.click({ timeout: 5_000 }).catch(() => undefined);
      await chooser(page).waitFor();
      found.push(...(await check(page, `kiosk chooser after ${locale}`)));
    }
    await page.close();
    expect(found).toEqual([]);
  }, 600_000);
}

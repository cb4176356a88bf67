import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Debian's Chromium, headless, with a new empty profile; closed after the test file. A missing
 * Chromium fails the test (never a skip): .ci/run installs it.
 */
export async function launchBrowser(
  options: { locale?: string; bypassCSP?: boolean } = {},
): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`,
    );
  }
  const context = await chromium.launchPersistentContext(
    mkdtempSync(path.join(tmpdir(), 'fsa-chromium-')),
    {
      executablePath: CHROMIUM,
      headless: true,
      locale: options.locale ?? 'en-GB',
      // Only for checkers that inject a script (axe): the product's CSP forbids it.
      bypassCSP: options.bypassCSP ?? false,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  );
  afterAll(() => context.close());
  return context;
}

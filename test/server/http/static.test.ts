import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp, publicFiles } from '../../../server/app.ts';
import { createLogger } from '../../../server/lib/log.ts';
import { testApp, testConfig, type TestApp } from '../../support/app.ts';

// A built client as Vite leaves it, with what a build folder may also hold that no browser needs.
const build = mkdtempSync(path.join(tmpdir(), 'fsa-client-'));
const outside = mkdtempSync(path.join(tmpdir(), 'fsa-outside-'));
const files: Record<string, string> = {
  'index.html': '<!doctype html><title>staff</title>',
  'kiosk.html': '<!doctype html><title>kiosk</title>',
  'kiosk-sw.js': 'self.addEventListener("install", () => {});',
  'kiosk.webmanifest': '{"name":"kiosk"}',
  'kiosk-icon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
  'assets/kiosk-abc123.js': 'console.log("kiosk")',
  'assets/kiosk-abc123.css': 'body{}',
  'assets/kiosk-abc123.js.map': '{"sources":["../../client/kiosk/main.tsx"]}',
  'assets/.hidden': 'hidden',
  '.vite/manifest.json': JSON.stringify({
    'kiosk.html': { file: 'assets/kiosk-abc123.js', css: ['assets/kiosk-abc123.css'] },
  }),
  '.vite/ssr-manifest.json': '{}',
  '.env': 'SECRET=1',
  '.git/config': '[core]',
};
for (const [name, text] of Object.entries(files)) {
  mkdirSync(path.dirname(path.join(build, name)), { recursive: true });
  writeFileSync(path.join(build, name), text);
}
writeFileSync(path.join(outside, 'secret.txt'), 'outside the client');
symlinkSync(path.join(outside, 'secret.txt'), path.join(build, 'assets', 'linked.js'));
symlinkSync(outside, path.join(build, 'linked-folder'));
afterAll(() => {
  rmSync(build, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

let t: TestApp;
let get: (p: string, method?: string) => Promise<Response>;
beforeAll(async () => {
  t = await testApp();
  const app = createApp({
    db: t.db,
    config: testConfig({ clientDir: build }),
    log: createLogger('silent'),
  });
  get = (p, method = 'GET') => Promise.resolve(app.request(p, { method }));
});

describe('only the client’s public files are served', () => {
  test('the pages, assets, icons and the service worker are served', async () => {
    for (const name of Object.keys(files).filter((n) => !/(^|\/)\.|\.map$/.test(n))) {
      const res = await get(`/${name}`);
      expect(res.status, name).toBe(200);
      expect(await res.text(), name).toBe(files[name]);
    }
    expect(await (await get('/')).text()).toBe(files['index.html']);
  });

  test('build metadata, dotfiles, source maps and what links outside the folder are 404', async () => {
    for (const p of [
      '/.vite/manifest.json',
      '/.vite/ssr-manifest.json',
      '/.vite/',
      '/.vite',
      '/.env',
      '/.git/config',
      '/assets/.hidden',
      '/assets/kiosk-abc123.js.map',
      '/assets/linked.js',
      '/linked-folder/secret.txt',
      '/assets/%2e%2e/.env',
      '/assets/..%2f.env',
      '/%2evite/manifest.json',
    ]) {
      for (const method of ['GET', 'HEAD']) {
        const res = await get(p, method);
        expect(res.status, `${method} ${p}`).toBe(404);
        expect(await res.text(), p).not.toMatch(/kiosk-abc123|SECRET|core|outside|staff/);
      }
    }
  });

  test('a missing file is 404, not the app’s page; the app’s own routes still get its page', async () => {
    expect((await get('/assets/kiosk-000000.js')).status).toBe(404);
    expect((await get('/favicon.ico')).status).toBe(404);
    for (const route of ['/admin/users', '/activities/6f1c2a7e-0d7e-4b1e-9a57-1f0c3e2d4b5a']) {
      const res = await get(route);
      expect(res.status, route).toBe(200);
      expect(await res.text()).toBe(files['index.html']);
    }
  });

  test('the kiosk’s list of files to keep offline still comes from the manifest, and each is served', async () => {
    const res = await get('/kiosk-assets.json');
    const listed = ((await res.json()) as { files: string[] }).files;
    expect(listed.sort()).toEqual(
      ['/kiosk.html', '/assets/kiosk-abc123.js', '/assets/kiosk-abc123.css'].sort(),
    );
    for (const file of listed) expect((await get(file)).status, file).toBe(200);
  });

  test('publicFiles lists regular files only, outside dot-folders, without source maps', () => {
    expect([...publicFiles(build)].sort()).toEqual(
      Object.keys(files)
        .filter((n) => !/(^|\/)\.|\.map$/.test(n))
        .map((n) => `/${n}`)
        .sort(),
    );
  });
});

test('the real build (npm test builds it): its manifest is 404, every file the kiosk keeps is served', async () => {
  const app = createApp({ db: t.db, config: testConfig(), log: createLogger('silent') });
  expect((await app.request('/.vite/manifest.json')).status).toBe(404);
  const listed = ((await (await app.request('/kiosk-assets.json')).json()) as { files: string[] })
    .files;
  expect(listed.length).toBeGreaterThan(2);
  for (const file of [...listed, '/kiosk-sw.js', '/kiosk.webmanifest', '/'])
    expect((await app.request(file)).status, file).toBe(200);
  expect([...publicFiles(path.resolve(testConfig().clientDir))].join(' ')).not.toMatch(
    /manifest\.json|\.map\b/,
  );
});

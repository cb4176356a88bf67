import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
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

/** The body as the browser would read it: decompressed by its Content-Encoding. */
async function decoded(res: Response): Promise<string> {
  const body = Buffer.from(await res.arrayBuffer());
  const encoding = res.headers.get('content-encoding');
  if (encoding === 'br') return brotliDecompressSync(body).toString();
  if (encoding === 'gzip') return gunzipSync(body).toString();
  expect(encoding, 'no other encoding').toBeNull();
  return body.toString();
}

const YEAR = 'public, max-age=31536000, immutable';

describe('sent compressed as the browser accepts, cached for a year only under a hashed name', () => {
  // A build as vite.config.ts leaves it: text files with .br and .gz copies beside them.
  const dir = mkdtempSync(path.join(tmpdir(), 'fsa-compressed-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const text = (n: number) => `/* ${'the kiosk '.repeat(n)} */`;
  const built: Record<string, { body: string; copies: boolean; hashed: boolean }> = {
    'index.html': {
      body: `<!doctype html><title>staff</title>${text(50)}`,
      copies: true,
      hashed: false,
    },
    'kiosk.html': {
      body: `<!doctype html><title>kiosk</title>${text(50)}`,
      copies: true,
      hashed: false,
    },
    'kiosk-sw.js': { body: text(80), copies: true, hashed: false },
    'kiosk.webmanifest': { body: `{"name":"kiosk"}`, copies: false, hashed: false },
    'assets/kiosk-Bq3xT9aZ.js': { body: text(200), copies: true, hashed: true },
    'assets/kiosk-D5oJfXlL.css': { body: text(200), copies: true, hashed: true },
    'assets/chunk-0a1b2c3d.js': { body: text(200), copies: true, hashed: true },
    // Not hashed (a lowercase word is no hash): never cached for a year.
    'assets/vendor-original.js': { body: text(200), copies: true, hashed: false },
    'assets/notes.txt': { body: text(200), copies: true, hashed: false },
  };
  for (const [name, { body, copies }] of Object.entries(built)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), body);
    if (!copies) continue;
    writeFileSync(path.join(dir, `${name}.br`), brotliCompressSync(body));
    writeFileSync(path.join(dir, `${name}.gz`), gzipSync(body));
  }
  // A font: no copies (WOFF2 is compressed already), hashed.
  writeFileSync(path.join(dir, 'assets/noto-sans-latin-400-normal-BTkUljjl.woff2'), 'wOF2');

  let app: ReturnType<typeof createApp>;
  beforeAll(() => {
    app = createApp({
      db: t.db,
      config: testConfig({ clientDir: dir }),
      log: createLogger('silent'),
    });
  });
  const fetchAs = (p: string, accept?: string) =>
    Promise.resolve(app.request(p, { headers: accept ? { 'accept-encoding': accept } : {} }));
  const urls = (name: string) =>
    name === 'kiosk.html'
      ? ['/kiosk/abc']
      : name === 'index.html'
        ? ['/', '/admin/users']
        : [`/${name}`];

  test.each(Object.entries(built))('%s', async (name, { body, copies, hashed }) => {
    for (const url of urls(name)) {
      for (const [accept, expected] of [
        ['br', 'br'],
        ['gzip, deflate, br, zstd', 'br'],
        ['gzip', 'gzip'],
        [undefined, null],
        ['identity', null],
      ] as const) {
        const res = await fetchAs(url, accept);
        expect(res.status, url).toBe(200);
        expect(res.headers.get('content-encoding'), `${url} ${accept}`).toBe(
          copies ? expected : null,
        );
        expect(await decoded(res), url).toBe(body);
        if (copies) expect(res.headers.get('vary'), url).toMatch(/accept-encoding/i);
        expect(res.headers.get('cache-control'), url).toBe(hashed ? YEAR : 'no-cache');
      }
    }
  });

  test('a font goes as it is, for a year; the compressed copies have no address of their own', async () => {
    const font = await fetchAs('/assets/noto-sans-latin-400-normal-BTkUljjl.woff2', 'br');
    expect(font.headers.get('content-encoding')).toBeNull();
    expect(font.headers.get('cache-control')).toBe(YEAR);
    for (const copy of [
      '/assets/kiosk-Bq3xT9aZ.js.br',
      '/assets/kiosk-Bq3xT9aZ.js.gz',
      '/kiosk.html.br',
    ])
      expect((await fetchAs(copy, 'br')).status, copy).toBe(404);
  });
});

describe('the API compresses its larger GET answers', () => {
  test('a large JSON document goes in Brotli or gzip as accepted, a small one as it is', async () => {
    const app = createApp({
      db: t.db,
      config: testConfig({ clientDir: build }),
      log: createLogger('silent'),
    });
    const get = (p: string, accept?: string) =>
      Promise.resolve(app.request(p, { headers: accept ? { 'accept-encoding': accept } : {} }));
    const plain = await get('/api/v1/openapi.json');
    expect(plain.headers.get('content-encoding')).toBeNull();
    const document = await plain.text();
    expect(document.length).toBeGreaterThan(1024);
    for (const [accept, encoding] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
    ] as const) {
      const res = await get('/api/v1/openapi.json', accept);
      expect(res.headers.get('content-encoding')).toBe(encoding);
      expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
      const packed = Number(res.headers.get('content-length'));
      expect(packed).toBeLessThan(document.length / 3);
      expect(await decoded(res)).toBe(document);
    }
    const small = await get('/api/v1/health', 'br');
    expect(small.status).toBe(200);
    expect(small.headers.get('content-encoding')).toBeNull();
  });
});

test('the real build: every public file is sent compressed when accepted, with Vary, and cached for a year only when hashed', async () => {
  const root = path.resolve(testConfig().clientDir);
  const app = createApp({ db: t.db, config: testConfig(), log: createLogger('silent') });
  const files = [...publicFiles(root)];
  expect(files.some((f) => f.endsWith('.js.br') || f.endsWith('.js.gz'))).toBe(false);
  let compressed = 0;
  for (const file of files) {
    const raw = readFileSync(path.join(root, file));
    const text = /\.(js|css|html|json|svg|webmanifest)$/.test(file);
    const hashed = /^\/assets\/.*-[\w-]{8}\.\w+$/.test(file) && !/-[a-z-]{8}\.\w+$/.test(file);
    const plain = await app.request(file);
    expect(plain.headers.get('content-encoding'), file).toBeNull();
    expect(Buffer.from(await plain.arrayBuffer()).equals(raw), file).toBe(true);
    const br = await app.request(file, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers.get('cache-control'), file).toBe(hashed ? YEAR : 'no-cache');
    if (!text) continue;
    expect(br.headers.get('vary'), file).toMatch(/accept-encoding/i);
    if (raw.length > 1024) {
      expect(br.headers.get('content-encoding'), file).toBe('br');
      compressed += 1;
    }
    expect(await decoded(br), file).toBe(raw.toString());
  }
  expect(compressed).toBeGreaterThan(5);
  for (const page of ['/', '/kiosk/abc']) {
    const res = await app.request(page, { headers: { 'accept-encoding': 'br' } });
    expect(res.headers.get('cache-control'), page).toBe('no-cache');
    expect(res.headers.get('vary'), page).toMatch(/accept-encoding/i);
  }
});

import react from '@vitejs/plugin-react';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const API_TARGET = 'http://localhost:8080';
const client = (file: string) => fileURLToPath(new URL(`./client/${file}`, import.meta.url));

const ROOT = fileURLToPath(new URL('./', import.meta.url));
const inRepo = (id: string) => (id.startsWith(ROOT) ? id.slice(ROOT.length) : id);

/**
 * Fails the build (and the dev server's request) when a Node module, or a server module outside
 * server/domain/, is about to be resolved into a client bundle: the seam's last line of defence
 * (scripts/check-imports.mjs and the tsconfig projects are the first).
 */
function browserSafe(): Plugin {
  const nodeModule = (source: string, importer: string) =>
    `${source} (a Node module) is imported by ${inRepo(importer)}: the client runs in a browser`;
  return {
    name: 'fsa:browser-safe',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer) return null;
      if (source.startsWith('node:')) this.error(nodeModule(source, importer));
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      const id = inRepo(resolved?.id.split('?')[0] ?? '');
      if (id.startsWith('__vite-browser-external')) this.error(nodeModule(source, importer));
      if (id.startsWith('server/') && !id.startsWith('server/domain/'))
        this.error(
          `${id} is imported by ${inRepo(importer)}: the client may import only server/domain/ ` +
            '(anything else of server/ with `import type`)',
        );
      return resolved;
    },
  };
}

/**
 * The @font-face rules the kiosk's ten languages need, per @fontsource package (by subset name):
 * Latin (with Vietnamese) from Noto Sans, and from each other family only its own script, so no
 * Cyrillic or Greek, and no second Latin. The browser then fetches, by unicode-range, only the
 * files for the characters on screen. The WOFF fallbacks go too: every browser the kiosk
 * supports reads WOFF2.
 */
const FONT_SUBSETS: Record<string, RegExp> = {
  'noto-sans': /^(latin|latin-ext|vietnamese)$/,
  'noto-sans-tc': /^\[\d+\]$/, // the Chinese characters, in about a hundred slices
  'noto-sans-devanagari': /^devanagari$/,
  'noto-sans-gurmukhi': /^gurmukhi$/,
  'noto-sans-thai': /^thai$/,
  'noto-nastaliq-urdu': /^arabic$/,
};

function kioskFonts(): Plugin {
  return {
    name: 'fsa:kiosk-fonts',
    enforce: 'pre', // before Vite's CSS plugin resolves the url()s
    transform(code, id) {
      const family = /@fontsource\/([^/]+)\/\d+\.css$/.exec(id)?.[1];
      const keep = family ? FONT_SUBSETS[family] : undefined;
      if (!keep) return null;
      return code.replace(
        /\/\* (\S+?)-\d+-normal \*\/\s*@font-face\s*\{[^}]*\}\s*/g,
        (rule, name: string) =>
          keep.test(name.slice(family!.length + 1))
            ? rule.replace(/,\s*url\([^)]*\.woff\) format\('woff'\)/, '')
            : '',
      );
    },
  };
}

/**
 * SurveyJS's stylesheet styles every question type; a questionnaire may use only the types of
 * ELEMENT_TYPES (server/domain/definition.ts). A rule whose every selector names a type outside
 * that list (ranking, slider, file, matrix, dynamic panel, image picker, tag box, multiple text,
 * signature, image) is dropped; rules inside @media and the like are looked at the same way.
 */
const UNUSED_SURVEY_CLASSES =
  /\.(sv-ranking|sd-ranking|sd-slider|sd-file|sd-table|sd-matrix|sd-paneldynamic|sd-imagepicker|sd-tagbox|sd-multipletext|sd-signaturepad|sd-image)[\w-]*/;

export function pruneSurveyCss(css: string): string {
  let out = '';
  let depth = 0;
  let start = 0;
  for (let i = 0; i < css.length; i += 1) {
    if (css[i] === '{') depth += 1;
    else if (css[i] === '}' && --depth === 0) {
      const rule = css.slice(start, i + 1);
      const open = rule.indexOf('{');
      const prelude = rule.slice(0, open);
      if (prelude.trimStart().startsWith('@'))
        out += /^\s*@(media|supports|layer|container)/.test(prelude)
          ? `${prelude}{${pruneSurveyCss(rule.slice(open + 1, -1))}}`
          : rule;
      else if (!prelude.split(',').every((selector) => UNUSED_SURVEY_CLASSES.test(selector)))
        out += rule;
      start = i + 1;
    }
  }
  return out + css.slice(start);
}

function surveyCss(): Plugin {
  return {
    name: 'fsa:survey-css',
    enforce: 'pre',
    transform(code, id) {
      return id.split('?')[0]!.endsWith('survey-core.fontless.min.css')
        ? pruneSurveyCss(code)
        : null;
    },
  };
}

const COMPRESSIBLE = /\.(js|mjs|css|html|json|svg|webmanifest|txt|xml)$/;

/**
 * Writes a Brotli (.br) and a gzip (.gz) copy beside every text file of the build, once, so the
 * server sends them as the browser accepts (server/app.ts) without compressing per request. A
 * copy that would not be smaller is not written.
 */
function precompress(): Plugin {
  const br = promisify(brotliCompress);
  const gz = promisify(gzip);
  let outDir = '';
  const files = async (dir: string): Promise<string[]> =>
    (
      await Promise.all(
        (await readdir(dir, { withFileTypes: true })).map((entry) => {
          const full = path.join(dir, entry.name);
          if (entry.isDirectory()) return entry.name.startsWith('.') ? [] : files(full);
          return COMPRESSIBLE.test(entry.name) ? [full] : [];
        }),
      )
    ).flat();
  return {
    name: 'fsa:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      await Promise.all(
        (await files(outDir)).map(async (file) => {
          const bytes = await readFile(file);
          const size = (await stat(file)).size;
          const variants: [string, Buffer][] = [
            [
              '.br',
              await br(bytes, {
                params: {
                  [constants.BROTLI_PARAM_QUALITY]: 11,
                  [constants.BROTLI_PARAM_SIZE_HINT]: size,
                },
              }),
            ],
            ['.gz', await gz(bytes, { level: 9 })],
          ];
          for (const [suffix, packed] of variants)
            if (packed.length < size) await writeFile(file + suffix, packed);
        }),
      );
    },
  };
}

/**
 * Adds <link rel="modulepreload"> to a page for a module its entry imports dynamically, and for
 * that module's own imports: the browser fetches them with the entry, which meanwhile can start
 * what needs no framework (the kiosk asks for its data; client/kiosk/main.tsx). The entry is
 * made `async`, so it does not wait for the page's stylesheet either.
 */
function preloadApp(pages: Record<string, string>): Plugin {
  return {
    name: 'fsa:preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, { filename, bundle, chunk: entry }) {
        const module = pages[path.basename(filename)];
        if (!module || !bundle || !entry) return;
        // `async`: the entry runs as soon as it is here, not after the stylesheet.
        const script = `<script type="module" crossorigin src="/${entry.fileName}">`;
        if (!html.includes(script)) throw new Error(`${filename}: no ${script}`);
        html = html.replace(script, script.replace('<script ', '<script async '));
        const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
        const app = chunks.find((c) => c.facadeModuleId === client(module));
        if (!app) throw new Error(`${module} is not a chunk of its own`);
        const files = new Set<string>();
        const add = (file: string) => {
          if (files.has(file) || file === entry.fileName || entry.imports.includes(file)) return;
          files.add(file);
          for (const next of chunks.find((c) => c.fileName === file)?.imports ?? []) add(next);
        };
        add(app.fileName);
        // Largest first: the browser opens six connections to a server speaking HTTP/1.1, and
        // the largest file should not be the one that waits for a free one.
        const size = (file: string) => {
          const chunk = chunks.find((c) => c.fileName === file);
          return chunk?.type === 'chunk' ? chunk.code.length : 0;
        };
        return {
          html,
          tags: [...files]
            .sort((a, b) => size(b) - size(a))
            .map((file) => ({
              tag: 'link',
              attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` },
              injectTo: 'head' as const,
            })),
        };
      },
    },
  };
}

/**
 * React, React DOM and i18next in one chunk that both pages share: both need all three, and on a
 * slow network each file costs (HTTP/1.1 gives a page six connections at once, and the seventh
 * file waits for one). The kiosk's chooser is first painted without any of them (firstPaint.ts).
 */
const FRAMEWORK = /node_modules[\\/](react|react-dom|scheduler|i18next)[\\/]/;

/**
 * The kiosk's first file needs the product's languages (server/domain/definition.ts) and Vite's
 * helper for loading the rest: one small chunk rather than two.
 */
const SHARED = (id: string) =>
  id === '\0vite/preload-helper.js' || id === client('../server/domain/definition.ts');

// The client is a multi-page app: each entry (the staff app now, the kiosk later) is split
// so a page loads only what it needs.
export default defineConfig({
  root: 'client',
  plugins: [
    browserSafe(),
    kioskFonts(),
    surveyCss(),
    react(),
    preloadApp({ 'kiosk.html': 'kiosk/KioskApp.tsx' }),
    precompress(),
  ],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    // Fonts are files of their own, fetched by unicode-range only when needed: inlined, every
    // small slice of Chinese would be in the kiosk's CSS whether shown or not.
    assetsInlineLimit: (file) => (/\.woff2?$/.test(file) ? false : undefined),
    // The service worker reads the manifest to precache the kiosk's assets.
    manifest: true,
    // Every browser the kiosk supports knows <link rel="modulepreload">: no polyfill to fetch.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      input: {
        index: client('index.html'),
        kiosk: client('kiosk.html'),
        'kiosk-sw': client('kiosk/sw.ts'),
      },
      output: {
        // The service worker needs a stable address; everything else is content-hashed.
        entryFileNames: (chunk) =>
          chunk.name === 'kiosk-sw' ? 'kiosk-sw.js' : 'assets/[name]-[hash].js',
        codeSplitting: {
          groups: [
            { name: 'react', test: FRAMEWORK },
            { name: 'shared', test: SHARED },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': {
        target: API_TARGET,
        // The server refuses cookie-authenticated writes whose Origin is not its own. In
        // development the page's origin is Vite's, so a request from Vite's own page is
        // forwarded with the server's origin; any other origin is passed on untouched.
        configure: (proxy) => {
          proxy.on('proxyReq', (proxyReq, req) => {
            const origin = req.headers.origin;
            if (origin && req.headers.host && origin === `http://${req.headers.host}`) {
              proxyReq.setHeader('origin', API_TARGET);
            }
          });
        },
      },
    },
  },
});

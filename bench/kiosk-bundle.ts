// The kiosk's first-visit JavaScript, gzip -9: the entry and its static imports, the chunks the
// default language (Traditional Chinese) loads before the first question can be answered (the
// kiosk's zh-HK strings and survey-core's Traditional Chinese dictionary), and the service
// worker. Reads the built client (npm run build first); fails over the budget.
//   npx tsx bench/kiosk-bundle.ts
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** The budget for a first visit, in kB (1 kB = 1000 bytes) of gzip -9. */
export const BUDGET_KB = 480;

const ROOT = 'dist/client';
const MANIFEST = path.join(ROOT, '.vite', 'manifest.json');

interface Chunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
}

/** The dynamic chunks the default language fetches, by the end of their manifest key. */
const DEFAULT_LANGUAGE_CHUNKS = [
  'kiosk/locales/zh-HK.json',
  'survey-core/fesm/i18n/traditional-chinese.mjs',
];

function main(): number {
  if (!existsSync(MANIFEST)) {
    console.error(`${MANIFEST} is missing: run \`npm run build\` first.`);
    return 2;
  }
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, Chunk>;
  const files = new Map<string, string>(); // file → why it is loaded
  const visit = (key: string, why: string) => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the manifest`);
    if (files.has(chunk.file)) return;
    files.set(chunk.file, why);
    for (const next of chunk.imports ?? []) visit(next, why);
  };
  visit('kiosk.html', 'kiosk entry and its static imports');
  for (const suffix of DEFAULT_LANGUAGE_CHUNKS) {
    const key = Object.keys(manifest).find((k) => k.endsWith(suffix));
    if (!key) throw new Error(`No chunk for ${suffix}: is it still loaded lazily?`);
    visit(key, 'default language (zh-HK)');
  }
  files.set('kiosk-sw.js', 'service worker');

  let total = 0;
  const rows = [...files].map(([file, why]) => {
    const bytes = readFileSync(path.join(ROOT, file));
    const gzip = gzipSync(bytes, { level: 9 }).length;
    total += gzip;
    return { file, why, raw: bytes.length, gzip };
  });
  rows.sort((a, b) => b.gzip - a.gzip);
  const kB = (n: number) => (n / 1000).toFixed(1).padStart(7);
  console.log('Kiosk first visit: JavaScript loaded before the first question can be answered');
  console.log(`${'gzip -9 kB'.padStart(10)} ${'raw kB'.padStart(8)}  file (why)`);
  for (const row of rows)
    console.log(
      `${kB(row.gzip).padStart(10)} ${kB(row.raw).padStart(8)}  ${row.file} (${row.why})`,
    );
  const over = total / 1000 > BUDGET_KB;
  console.log(
    `${kB(total).padStart(10)}           total; budget ${BUDGET_KB} kB: ${over ? 'OVER' : 'within'}`,
  );
  return over ? 1 : 0;
}

process.exitCode = main();

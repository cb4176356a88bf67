// The kiosk's first visit in bytes as the server sends them (the built client through the real
// app, asking as Chromium does: `Accept-Encoding: gzip, deflate, br, zstd`), body bytes without
// headers. Two steps: what the language chooser needs (kiosk.html and what it loads: the entry,
// its preloaded modules, its CSS), and what follows while the participant chooses, before the
// first question (the form library and its CSS, the fonts' @font-face rules, the default
// language's SurveyJS dictionary, the service worker). The font files themselves are counted by
// bench/kiosk-first-visit.ts, which sees which ones the browser asks for. Reads the built client (npm run build first); fails over the budgets.
//   npx tsx bench/kiosk-bundle.ts
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createApp } from '../server/app.ts';
import { readConfig } from '../server/config.ts';
import type { Db } from '../server/db/open.ts';
import { createLogger } from '../server/lib/log.ts';

/** Budgets in kB (1 kB = 1000 bytes) as sent: before the chooser, and in all. */
export const CHOOSER_BUDGET_KB = 120;
export const TOTAL_BUDGET_KB = 480;

const ROOT = 'dist/client';
const MANIFEST = path.join(ROOT, '.vite', 'manifest.json');
const ACCEPT = 'gzip, deflate, br, zstd';

interface Chunk {
  file: string;
  css?: string[];
  imports?: string[];
}

async function main(): Promise<number> {
  if (!existsSync(MANIFEST)) {
    console.error(`${MANIFEST} is missing: run \`npm run build\` first.`);
    return 2;
  }
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, Chunk>;
  // Static files never reach the database: the app is built without one.
  const app = createApp({
    db: undefined as unknown as Db,
    config: readConfig({ PORT: '8080', LOG_LEVEL: 'silent', CLIENT_DIR: ROOT }),
    log: createLogger('silent'),
  });

  const chooser = new Map<string, string>([['/kiosk/CODE', 'kiosk.html (the page)']]);
  const html = readFileSync(path.join(ROOT, 'kiosk.html'), 'utf8');
  for (const [, kind, file] of html.matchAll(
    /<(?:script[^>]* type="module"[^>]*src|link rel="(modulepreload|stylesheet)"[^>]*href)="([^"]+)"/g,
  ))
    chooser.set(file!, kind ?? 'entry');

  const later = new Map<string, string>();
  const visit = (key: string, why: string) => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the manifest`);
    const add = (file: string) => chooser.has(`/${file}`) || later.set(`/${file}`, why);
    if (later.has(`/${chunk.file}`) || chooser.has(`/${chunk.file}`)) return;
    add(chunk.file);
    for (const css of chunk.css ?? []) add(css);
    for (const next of chunk.imports ?? []) visit(next, why);
  };
  visit('kiosk/KioskSurvey.tsx', 'the form library');
  visit('kiosk/fonts.ts', "the fonts' @font-face rules");
  const dictionary = Object.keys(manifest).find((k) => k.endsWith('i18n/traditional-chinese.mjs'));
  if (!dictionary) throw new Error('No chunk for the Chinese dictionary: is it still lazy?');
  visit(dictionary, 'default language (zh-HK)');
  later.set('/kiosk-sw.js', 'service worker');

  const measure = async (files: Map<string, string>) =>
    Promise.all(
      [...files].map(async ([file, why]) => {
        const res = await app.request(file, { headers: { 'accept-encoding': ACCEPT } });
        if (!res.ok) throw new Error(`${file}: ${res.status}`);
        const sent = (await res.arrayBuffer()).byteLength;
        const raw = file.startsWith('/kiosk/')
          ? readFileSync(path.join(ROOT, 'kiosk.html')).length
          : readFileSync(path.join(ROOT, file)).length;
        return { file, why, sent, raw, encoding: res.headers.get('content-encoding') ?? 'none' };
      }),
    );
  const kB = (n: number) => (n / 1000).toFixed(1).padStart(8);
  let total = 0;
  let over = false;
  for (const [title, files, budget] of [
    ['Before the language chooser', chooser, CHOOSER_BUDGET_KB],
    ['Then, while the participant chooses', later, undefined],
  ] as const) {
    const rows = (await measure(files)).sort((a, b) => b.sent - a.sent);
    const sum = rows.reduce((n, r) => n + r.sent, 0);
    total += sum;
    console.log(`\n${title}`);
    console.log(`${'sent kB'.padStart(8)} ${'raw kB'.padStart(8)}  encoding  file (why)`);
    for (const r of rows)
      console.log(`${kB(r.sent)} ${kB(r.raw)}  ${r.encoding.padEnd(8)}  ${r.file} (${r.why})`);
    const verdict = budget === undefined ? '' : `; budget ${budget} kB: `;
    const exceeded = budget !== undefined && sum / 1000 > budget;
    over ||= exceeded;
    console.log(
      `${kB(sum)}           sent${verdict}${budget === undefined ? '' : exceeded ? 'OVER' : 'within'}`,
    );
  }
  const exceeded = total / 1000 > TOTAL_BUDGET_KB;
  over ||= exceeded;
  console.log(
    `\n${kB(total)}           sent before the first question (fonts aside); budget ${TOTAL_BUDGET_KB} kB: ${exceeded ? 'OVER' : 'within'}`,
  );
  return over ? 1 : 0;
}

process.exitCode = await main();

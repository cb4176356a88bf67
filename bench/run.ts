// `npm run bench`: runs every bench script in bench/ one after another and fails if any failed.
//   npm run bench                      all of them
//   npm run bench -- kiosk-bundle      only the named ones (file names without .ts)
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const tsx = path.join(here, '..', 'node_modules', '.bin', 'tsx');

const wanted = process.argv.slice(2);
const scripts = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .map((f) => f.slice(0, -3))
  .filter((name) => wanted.length === 0 || wanted.includes(name))
  .sort();

const unknown = wanted.filter((name) => !scripts.includes(name));
if (unknown.length) {
  console.error(`No such bench script: ${unknown.join(', ')}`);
  process.exit(2);
}

const failed: string[] = [];
for (const name of scripts) {
  console.log(`\n== bench/${name}.ts`);
  const result = spawnSync(tsx, [path.join(here, `${name}.ts`)], { stdio: 'inherit' });
  if (result.status !== 0) failed.push(name);
}
console.log(failed.length ? `\nFailed: ${failed.join(', ')}` : `\nAll ${scripts.length} passed.`);
process.exit(failed.length ? 1 : 0);

// Builds the client with Vite when dist/client is missing or older than its sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target))
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** Runs `vite build` unless dist/client/index.html is newer than everything the build reads. */
export function ensureClientBuilt() {
  const built = newestMtime('dist/client/index.html');
  const sources = Math.max(
    newestMtime('client'),
    newestMtime('vite.config.ts'),
    newestMtime('surveys'),
    newestMtime('package-lock.json'),
  );
  if (built > sources) return;
  console.log('Building the client…');
  const result = spawnSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'],
    {
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}

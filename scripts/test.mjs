// `npm test`: builds the client when needed, starts a throwaway PostgreSQL (unless
// TEST_DATABASE_URL names one), and runs every vitest project: the API suite on the embedded
// database and again on PostgreSQL, and the browser tests in Chromium.
import { spawnSync } from 'node:child_process';
import { ensureClientBuilt } from './client-build.mjs';
import { startPostgres } from './postgres.mjs';

ensureClientBuilt();

let server = null;
const env = { ...process.env };
if (!env.TEST_DATABASE_URL) {
  server = await startPostgres();
  env.TEST_DATABASE_URL = server.url;
  console.log(`Tests use ${server.version} at ${server.url}`);
}

let status = 1;
try {
  const result = spawnSync(
    process.execPath,
    ['node_modules/vitest/vitest.mjs', 'run', ...process.argv.slice(2)],
    { stdio: 'inherit', env },
  );
  status = result.status ?? 1;
} finally {
  await server?.stop();
}
process.exit(status);

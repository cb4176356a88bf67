import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

// The API suite runs twice, on the embedded PGlite and on a real PostgreSQL server
// (TEST_DATABASE_URL, started by scripts/test.mjs); the browser suite runs once. The files
// share each worker's modules (no isolation): every file opens its own database (and the
// browser files their own server and Chromium), and importing the server afresh for each of
// them was more than half of the API suite's time. A file that mocks
// a module (vi.mock) runs in a project of its own, isolated: they are found by reading them.
const MOCKING = readdirSync('test/server', { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => path.posix.join('test/server', f.split(path.sep).join('/')))
  .filter((f) => readFileSync(f, 'utf8').includes('vi.mock('));
const apiProjects = (db: 'pglite' | 'postgres') =>
  [false, true].map((isolate) => ({
    extends: true as const,
    test: {
      name: isolate ? `api-${db}-isolated` : `api-${db}`,
      include: isolate ? MOCKING : ['test/server/**/*.test.ts'],
      exclude: isolate ? [] : MOCKING,
      isolate,
      env: { TEST_DB: db },
      globalSetup: [`test/support/setup-${db}.ts`],
    },
  }));

export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // A poll waits on a real server and a real browser on a shared 2-core machine: confirming a
    // template's nine stale languages is nine saves, well over vitest's default 1 s under load.
    expect: { poll: { timeout: 15_000 } },
    server: { deps: { inline: ['kysely'] } },
    projects: [
      ...apiProjects('pglite'),
      ...apiProjects('postgres'),
      {
        extends: true,
        test: {
          name: 'browser',
          isolate: false,
          include: ['test/client/**/*.test.ts', 'test/scripts/**/*.test.ts'],
          env: { TEST_DB: 'pglite' },
          globalSetup: ['test/support/setup-pglite.ts'],
          testTimeout: 90_000,
        },
      },
    ],
  },
});

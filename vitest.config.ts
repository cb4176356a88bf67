import { defineConfig } from 'vitest/config';

// The API suite runs twice, on the embedded PGlite and on a real PostgreSQL server
// (TEST_DATABASE_URL, started by scripts/test.mjs); the browser suite runs once.
const apiProject = (db: 'pglite' | 'postgres') => ({
  extends: true as const,
  test: {
    name: `api-${db}`,
    include: ['test/server/**/*.test.ts'],
    env: { TEST_DB: db },
    globalSetup: [`test/support/setup-${db}.ts`],
  },
});

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
      apiProject('pglite'),
      apiProject('postgres'),
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/client/**/*.test.ts', 'test/scripts/**/*.test.ts'],
          env: { TEST_DB: 'pglite' },
          globalSetup: ['test/support/setup-pglite.ts'],
          testTimeout: 90_000,
        },
      },
    ],
  },
});

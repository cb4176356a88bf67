import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll } from 'vitest';
import { createApp } from '../../server/app.ts';
import { createLogger } from '../../server/lib/log.ts';
import { DEMO_USERS, seedDemo } from '../../server/demo/seed.ts';
import { freshDatabase } from './db.ts';
import { testConfig } from './app.ts';

/**
 * The real server on a free loopback port, on a fresh database with the demo data, stopped after
 * the test file. `stop()` and `restart()` take the server off the network and bring it back on
 * the same port and database (a tablet losing its connection). The client must be built (npm
 * test does it).
 */
export async function startTestServer({ sampleYears = false }: { sampleYears?: boolean } = {}) {
  const opened = await freshDatabase();
  const probe = testConfig();
  // The demo operators and sign-ins, by default without the sample years: most tests count
  // their own responses; `sampleYears` loads the demo's two years (its outlier, its small unit).
  await seedDemo(opened.db, probe.passwordHashing, { sampleYears });
  let server: ServerType | null = null;
  const listen = (port: number) =>
    new Promise<number>((resolve) => {
      server = serve(
        { fetch: (req) => app.fetch(req), port, hostname: '127.0.0.1' },
        (info: AddressInfo) => resolve(info.port),
      );
    });
  const port = await listen(0);
  const config = testConfig({
    port,
    publicUrl: `http://127.0.0.1:${port}`,
    origin: `http://127.0.0.1:${port}`,
  });
  const app = createApp({ db: opened.db, config, log: createLogger('silent') });
  const stop = async () => {
    const current = server;
    server = null;
    if (!current) return;
    (current as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    await new Promise((resolve) => current.close(resolve));
  };
  afterAll(async () => {
    await stop();
    await opened.close();
  });
  return {
    url: config.publicUrl,
    db: opened.db,
    demoUsers: DEMO_USERS,
    stop,
    restart: async () => {
      await listen(port);
    },
  };
}

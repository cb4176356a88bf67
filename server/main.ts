import type { AddressInfo } from 'node:net';
import { createApp } from './app.ts';
import { deleteExpiredSessions, deleteOldFailures, deleteStaleDevices } from './auth/repository.ts';
import { DEVICE_DAYS, SIGN_IN_LIMIT } from './auth/routes.ts';
import { readConfig } from './config.ts';
import { openConfiguredDatabase } from './db/connect.ts';
import { createHttpServer } from './http/server.ts';
import { DEMO_OPERATOR, DEMO_USERS, isEmpty, seedDemo } from './demo/seed.ts';
import { findOperatorId } from './operators/repository.ts';
import { createLogger } from './lib/log.ts';
import { ensureBootstrapAdmin } from './users/bootstrap.ts';

const config = readConfig();
const log = createLogger(config.logLevel);

const { db, kind, close } = await openConfiguredDatabase(config);
log.info('database ready', { kind, ...(kind === 'pglite' ? { dataDir: config.dataDir } : {}) });

const empty = await isEmpty(db);
await ensureBootstrapAdmin(db, config, log);
const wantDemo = config.seedDemo ?? (kind === 'pglite' && empty);
const seeded = wantDemo
  ? await seedDemo(db, config.passwordHashing, { sampleYears: config.demoSampleYears })
  : false;
const demoPresent = (await findOperatorId(db, DEMO_OPERATOR)) !== null;

const app = createApp({ db, config, log });
const server = createHttpServer(app.fetch, config.http);
server.listen(config.port, () => {
  log.info('listening', { port: (server.address() as AddressInfo).port, ...config.http });
  const lines = [`FSA Outcomes is serving at ${config.publicUrl}`];
  if (wantDemo) {
    lines.push(
      seeded
        ? 'Demo data loaded. Demo sign-ins (public, for trying the product):'
        : 'Demo sign-ins:',
    );
    for (const u of DEMO_USERS) lines.push(`  ${u.role.padEnd(12)} ${u.email}  ${u.password}`);
  }
  process.stdout.write(lines.join('\n') + '\n');
});

const housekeeping = setInterval(() => {
  Promise.all([
    deleteExpiredSessions(db),
    deleteOldFailures(db, SIGN_IN_LIMIT.windowMinutes),
    deleteStaleDevices(db, DEVICE_DAYS),
  ]).catch((error: Error) => log.warn('housekeeping failed', { error: error.message }));
}, 10 * 60_000);
housekeeping.unref();

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info('stopping', { signal });
  server.close();
  await close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

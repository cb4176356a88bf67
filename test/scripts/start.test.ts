import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { DEMO_USERS } from '../../server/demo/seed.ts';
import { fiscalYearOf } from '../../server/domain/fiscal-year.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'fsa-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Starts the real server process (as npm start does, minus the client build) and waits for it. */
async function startServer(port: number): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 120_000);
    child.stdout!.on('data', () => {
      if (output.includes('serving at')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return { child, output: () => output };
}

async function stop(child: ChildProcess) {
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

test('npm start serves on the embedded database with a demo year of data, and a restart keeps everything', async () => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const origin = `http://localhost:${port}`;
  const first = await startServer(port);
  try {
    expect(first.output()).toContain(`serving at http://localhost:${port}`);
    for (const u of DEMO_USERS) expect(first.output()).toContain(u.password);
    expect((await fetch(`${base}/api/v1/health`)).status).toBe(200);
    const programmes = await (await fetch(`${base}/api/v1/programmes`)).json();
    expect(programmes.items.map((p: { code: string }) => p.code)).toEqual(
      expect.arrayContaining(['SPEAR', 'CHILDPRO']),
    );
    const admin = DEMO_USERS[0];
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ email: admin.email, password: admin.password }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const created = await fetch(`${base}/api/v1/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, cookie },
      body: JSON.stringify({
        email: 'kept@test.example.org',
        password: 'kept across restarts',
        role: 'swd',
      }),
    });
    expect(created.status).toBe(201);

    // The demo year: SWD's reports have several operators and regions, hundreds of responses,
    // standards met and missed, this financial year and last.
    const swd = DEMO_USERS[2];
    const swdLogin = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ email: swd.email, password: swd.password }),
    });
    const swdCookie = swdLogin.headers.get('set-cookie')!.split(';')[0]!;
    type Figures = { respondents: number; nonRespondents: number; met: boolean | null };
    type Row = { code: string; standards: (Figures & { number: number })[] };
    const current = fiscalYearOf(new Date());
    let responses = 0;
    for (const fiscalYear of [current - 1, current]) {
      const table = (await (
        await fetch(`${base}/api/v1/outcomes/table?programme=SPEAR&fiscalYear=${fiscalYear}`, {
          headers: { cookie: swdCookie },
        })
      ).json()) as { operators: Row[]; regions: Row[]; territory: Row['standards'] };
      const active = (rows: Row[]) =>
        rows.filter((r) => r.standards.some((s) => s.respondents > 0)).length;
      expect(active(table.operators)).toBeGreaterThanOrEqual(4);
      expect(active(table.regions)).toBeGreaterThanOrEqual(4);
      const met = table.operators.flatMap((o) => o.standards.map((s) => s.met));
      expect(met).toContain(true);
      expect(met).toContain(false);
      // Each SPeaR response is asked standard 3 or standard 5, never both.
      for (const s of table.territory.filter((s) => s.number === 3 || s.number === 5))
        responses += s.respondents + s.nonRespondents;
    }
    expect(responses).toBeGreaterThanOrEqual(200);
  } finally {
    await stop(first.child);
  }

  const second = await startServer(port);
  try {
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ email: 'kept@test.example.org', password: 'kept across restarts' }),
    });
    expect(login.status).toBe(200);
    const adminLogin = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ email: DEMO_USERS[0].email, password: DEMO_USERS[0].password }),
    });
    const cookie = adminLogin.headers.get('set-cookie')!.split(';')[0]!;
    const users = await (await fetch(`${base}/api/v1/users`, { headers: { cookie } })).json();
    expect(users.items).toHaveLength(DEMO_USERS.length + 1);
    const operators = await (
      await fetch(`${base}/api/v1/operators`, { headers: { cookie } })
    ).json();
    expect(operators.items.filter((o: { code: string }) => o.code === 'DEMO')).toHaveLength(1);
  } finally {
    await stop(second.child);
  }
}, 300_000);

// Server CPU per kiosk submission, A/B between checkouts of this repository (for finding what
// made the hot path slower; not run by `npm run bench`): each checkout's server (its own code,
// its own database on one throwaway PostgreSQL) takes the same wrk load, in rounds that rotate
// the order, so all meet the machine's same spells. Compare within a round: on a loaded machine
// CPU time per response drifts too (2-4 times the quiet machine's figure at load average 20).
//   npx tsx bench/support/cpu-ab.ts <checkout dir> <checkout dir> … [--seconds 5] [--rounds 4]
//     [--clients 16] [--profile <dir>] [--nice -10] [--node-flags "--trace-gc"]
// --profile: each server runs with node --cpu-prof, and <dir>/<n>-<checkout>/responses.json
// holds the measured runs' windows (µs of the monotonic clock the profile's timestamps use) and
// responses, to divide a function's self time in those windows by. A checkout of an older
// commit: git worktree add <dir> <commit> --detach, and a node_modules symbolic link.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../../test/support/process.ts';
import { prepareKiosk } from '../../test/support/remote.ts';
// @ts-expect-error plain JavaScript helper shared with npm test
import { startPostgres } from '../../scripts/postgres.mjs';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  if (i === -1) return fallback;
  const value = args[i + 1]!;
  args.splice(i, 2);
  return value;
};
const SECONDS = Number(option('seconds', '5'));
const ROUNDS = Number(option('rounds', '4'));
const CLIENTS = Number(option('clients', '16'));
const PROFILE = option('profile', '');
/** A niceness for everything this bench starts (negative: ahead of the machine's other work). */
const NICE = option('nice', '');
/** More flags for each server's node, e.g. "--trace-gc". */
const NODE_FLAGS = option('node-flags', '').split(' ').filter(Boolean);
const checkouts = args.map((a) => path.resolve(a));
if (checkouts.length === 0) throw new Error('Name at least one checkout.');

const cpuOf = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

const postgres = await startPostgres({ durable: true });
const renice = (pid: number) => {
  if (NICE) spawnSync('renice', ['-n', NICE, '-p', String(pid)]);
};
{
  // PostgreSQL's postmaster: the backends it forks later inherit its niceness.
  const probe = new pg.Client({ connectionString: postgres.url });
  await probe.connect();
  const { pid } = (await probe.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!;
  const ppid = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
  await probe.end();
  renice(ppid);
  for (const child of spawnSync('pgrep', ['-P', String(ppid)], { encoding: 'utf8' }).stdout.split(
    '\n',
  ))
    if (child) renice(Number(child));
}
renice(process.pid);
const dir = mkdtempSync(path.join(tmpdir(), 'fsa-ab-'));
const servers: ChildProcess[] = [];

async function startServer(checkout: string, n: number) {
  const database = `ab_${n}`;
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  await admin.query(`create database ${database}`);
  await admin.end();
  const url = new URL(postgres.url);
  url.pathname = `/${database}`;
  const port = await freePort();
  const logFile = path.join(dir, `server-${n}.log`);
  const profileDir = PROFILE ? path.resolve(PROFILE, `${n}-${path.basename(checkout)}`) : '';
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const server = spawn(
    process.execPath,
    [
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
      ...NODE_FLAGS,
      '--import',
      'tsx',
      'server/main.ts',
    ],
    {
      cwd: checkout,
      env: {
        ...process.env,
        DATABASE_URL: url.toString(),
        PORT: String(port),
        SEED_DEMO: 'true',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', openSync(logFile, 'w'), 'inherit'],
    },
  );
  servers.push(server);
  renice(server.pid!);
  await new Promise<void>((resolve, reject) => {
    const poll = setInterval(() => {
      if (!readFileSync(logFile, 'utf8').includes('serving at')) return;
      clearInterval(poll);
      resolve();
    }, 100);
    server.on('exit', (code) => {
      clearInterval(poll);
      reject(new Error(`${checkout} exited with ${code}`));
    });
  });
  const base = `http://127.0.0.1:${port}`;
  const { questionnaire, code } = await prepareKiosk(base, `http://localhost:${port}`);
  const script = path.join(dir, `submit-${n}.lua`);
  writeFileSync(
    script,
    `
local counter = 0
math.randomseed(os.time() + ${n})
local prefix = string.format("%08x", math.random(0, 0x7fffffff))
local answers = '{"cope_stress":"agree","handle_feelings":"strongly_agree","family_relationships":"no_opinion","family_cohesion":"agree","comments":"ok"}'
request = function()
  counter = counter + 1
  local id = string.format("%s-0000-4000-8000-%012x", prefix, counter)
  local body = '{"id":"' .. id .. '","questionnaire":{"id":"${questionnaire.id}","version":1},"locale":"zh-HK","answers":' .. answers .. ',"completedAt":"${new Date().toISOString()}"}'
  return wrk.format("POST", "/api/v1/kiosk/${code}/responses", {["Content-Type"] = "application/json"}, body)
end
`,
  );
  return {
    logFile,
    label: path.basename(checkout),
    pid: server.pid!,
    base,
    script,
    profileDir,
    runs: [] as number[],
    sent: 0,
    /** The measured runs, in µs of the monotonic clock the profiles' timestamps use. */
    windows: [] as [number, number][],
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

try {
  const targets = [];
  for (const [n, checkout] of checkouts.entries()) targets.push(await startServer(checkout, n));
  for (const t of targets) spawnSync('wrk', ['-t1', '-c8', '-d3s', '-s', t.script, t.base]);
  console.log(`wrk -t1 -c${CLIENTS}, ${SECONDS} s per run, ${ROUNDS} rounds`);
  for (let round = 0; round < ROUNDS; round++) {
    // Each round in a rotated order, so no checkout always follows the same one.
    for (let k = 0; k < targets.length; k++) {
      const t = targets[(round + k) % targets.length]!;
      const before = cpuOf(t.pid);
      const start = Number(process.hrtime.bigint() / 1000n);
      const out = spawnSync(
        'wrk',
        ['-t1', `-c${CLIENTS}`, `-d${SECONDS}s`, '-s', t.script, t.base],
        { encoding: 'utf8' },
      ).stdout;
      const used = cpuOf(t.pid) - before;
      t.windows.push([start, Number(process.hrtime.bigint() / 1000n)]);
      const sent = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
      const errors = /Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? '0';
      const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
      const us = Math.round((used / sent) * 1e6);
      t.runs.push(us);
      t.sent += sent;
      console.log(
        `  ${t.label.padEnd(16)} ${rps.toFixed(0).padStart(5)} responses/s, non-2xx ${errors}, server CPU ${us} µs/response`,
      );
    }
  }
  for (const t of targets) {
    // With --trace-gc: the collections each server made, per response measured (and warm-up).
    const gc = readFileSync(t.logFile, 'utf8').split('\n');
    const kinds = ['Scavenge', 'Mark-Compact', 'Mark-sweep'].map(
      (kind) => `${kind} ${gc.filter((l) => l.includes(kind)).length}`,
    );
    if (NODE_FLAGS.includes('--trace-gc')) {
      const measured = gc.slice(gc.findIndex((l) => l.includes('serving at')));
      const pause = measured
        .map((l) => /MB, ([\d.]+) \/ ([\d.]+) ms/.exec(l))
        .reduce((sum, m) => sum + (m ? Number(m[1]) : 0), 0);
      console.log(
        `${t.label}: ${kinds.join(', ')} (since start); after start-up ${pause.toFixed(0)} ms of pauses; last: ${gc
          .filter((l) => /Scavenge|Mark/.test(l))
          .slice(-2)
          .join(' | ')}`,
      );
    }
  }
  for (const t of targets)
    console.log(
      `${t.label.padEnd(16)} server CPU µs/response: median ${median(t.runs)} (runs: ${t.runs.join(', ')})`,
    );
  // What a profile's time is divided by: every response of the measured runs (and the warm-up's).
  for (const t of targets)
    if (t.profileDir)
      writeFileSync(
        path.join(t.profileDir, 'responses.json'),
        JSON.stringify({ sent: t.sent, windows: t.windows }),
      );
} finally {
  for (const server of servers) server.kill('SIGTERM');
  await Promise.all(
    servers.map((s) => (s.exitCode === null ? new Promise((r) => s.once('exit', r)) : null)),
  );
  await postgres.stop();
}

import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, expect, test } from 'vitest';
import { openDatabase } from '../../server/db/open.ts';
import { percent, verdict } from '../../server/domain/compute.ts';
import { postgresUrl, withDatabase } from '../support/global-setup.ts';
import { freePort, startServerProcess, stopProcess } from '../support/process.ts';
import { prepareKiosk } from '../support/remote.ts';
// @ts-expect-error plain JavaScript helper shared with npm test
import { startPostgres } from '../../scripts/postgres.mjs';

// Kept small for CI; the full run is FAULT_RESPONSES=10000 FAULT_CLIENTS=32 (README, "Benchmarks").
const RESPONSES = Number(process.env.FAULT_RESPONSES ?? 400);
const CLIENTS = Number(process.env.FAULT_CLIENTS ?? 16);
const VALUES = [
  'strongly_agree',
  'agree',
  'no_opinion',
  'disagree',
  'strongly_disagree',
  null,
] as const;
const ITEMS = {
  3: ['cope_stress', 'handle_feelings'],
  4: ['family_relationships', 'family_cohesion'],
} as const;

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** Random answers for the template's four outcome items. */
function randomAnswers(i: number) {
  const answers: Record<string, string> = {};
  for (const name of [...ITEMS[3], ...ITEMS[4]]) {
    const value = VALUES[(i * 7 + name.length * 13 + Math.floor(Math.random() * 6)) % 6];
    if (value) answers[name] = value;
  }
  return answers;
}

/**
 * Sends RESPONSES submissions from CLIENTS concurrent clients that retry every failure until the
 * server acknowledges (201 or 200); `fault` runs once a third have been acknowledged.
 */
async function sendAll(
  base: string,
  kiosk: { code: string; questionnaire: { id: string; version: number } },
  fault: () => Promise<void>,
) {
  const bodies = Array.from({ length: RESPONSES }, (_, i) => ({
    id: randomUUID(),
    questionnaire: kiosk.questionnaire,
    locale: 'zh-HK',
    answers: randomAnswers(i),
    completedAt: new Date().toISOString(),
  }));
  let next = 0;
  let acknowledged = 0;
  let faulted: Promise<void> | null = null;
  const statuses = new Map<number, number>();
  const client = async () => {
    for (let i = next++; i < bodies.length; i = next++) {
      for (let attempt = 0; ; attempt++) {
        try {
          const res = await fetch(`${base}/api/v1/kiosk/${kiosk.code}/responses`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(bodies[i]),
          });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status === 201 || res.status === 200) break;
          expect(res.status, await res.text()).toBeGreaterThanOrEqual(500); // only server failures are retried
        } catch {
          // connection refused or reset while the server is down
        }
        expect(attempt).toBeLessThan(2000);
        await new Promise((r) => setTimeout(r, 25));
      }
      acknowledged++;
      if (!faulted && acknowledged >= RESPONSES / 3) faulted = fault();
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  await faulted;
  return { bodies, statuses };
}

/** The outcome figures computed from what was sent, with the product's own scoring rule. */
function expectedFigures(bodies: { answers: Record<string, string> }[]) {
  return Object.entries(ITEMS).map(([standard, items]) => {
    const verdicts = bodies.map((b) => verdict(b.answers, [...items], 'majority'));
    const agreed = verdicts.filter((v) => v === 'agreed').length;
    const respondents = verdicts.filter((v) => v !== 'no_answer').length;
    return {
      number: Number(standard),
      agreed,
      respondents,
      nonRespondents: bodies.length - respondents,
      percent: percent(agreed, respondents),
    };
  });
}

async function checkStored(
  base: string,
  swdCookie: string,
  countStored: () => Promise<number>,
  bodies: { answers: Record<string, string> }[],
) {
  expect(await countStored()).toBe(RESPONSES);
  const res = await fetch(`${base}/api/v1/outcomes?programme=SPEAR&fiscalYear=2026&operator=DEMO`, {
    headers: { cookie: swdCookie },
  });
  const body = await res.json();
  const figures = body.standards
    .filter((s: { number: number }) => s.number === 3 || s.number === 4)
    .map((s: Record<string, unknown>) => ({
      number: s.number,
      agreed: s.agreed,
      respondents: s.respondents,
      nonRespondents: s.nonRespondents,
      percent: s.percent,
    }));
  expect(figures).toEqual(expectedFigures(bodies));
}

test(`PostgreSQL: ${RESPONSES} kiosk responses from ${CLIENTS} retrying clients, the server killed with SIGKILL midway: each stored exactly once`, async () => {
  const admin = await openDatabase({ url: postgresUrl() });
  const name = `fsa_faults_${randomUUID().slice(0, 8)}`;
  await sql`create database ${sql.id(name)}`.execute(admin.db);
  cleanups.push(async () => {
    await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db);
    await admin.close();
  });
  const url = withDatabase(postgresUrl(), name);
  const port = await freePort();
  const env = {
    DATABASE_URL: url,
    PORT: String(port),
    SEED_DEMO: 'true',
    DEMO_SAMPLE_YEARS: 'false',
  };
  let server = await startServerProcess(env);
  cleanups.push(() => stopProcess(server));
  const base = `http://127.0.0.1:${port}`;
  const origin = `http://localhost:${port}`;
  const kiosk = await prepareKiosk(base, origin);
  const { bodies } = await sendAll(base, kiosk, async () => {
    await stopProcess(server, 'SIGKILL');
    server = await startServerProcess(env);
  });
  const db = await openDatabase({ url });
  cleanups.push(() => db.close());
  const count = async () =>
    (await sql<{ n: number }>`select count(*)::int as n from responses`.execute(db.db)).rows[0]!.n;
  await checkStored(base, kiosk.swdCookie, count, bodies);
});

test(`the embedded database: the same SIGKILL midway loses nothing that was acknowledged`, async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fsa-faults-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const port = await freePort();
  const env = {
    DATA_DIR: dataDir,
    PORT: String(port),
    DATABASE_URL: '',
    DEMO_SAMPLE_YEARS: 'false',
  };
  let server = await startServerProcess(env);
  const base = `http://127.0.0.1:${port}`;
  const origin = `http://localhost:${port}`;
  const kiosk = await prepareKiosk(base, origin);
  const { bodies } = await sendAll(base, kiosk, async () => {
    await stopProcess(server, 'SIGKILL');
    server = await startServerProcess(env);
  });
  await stopProcess(server);
  const db = await openDatabase({ dataDir });
  const count = async () =>
    (await sql<{ n: number }>`select count(*)::int as n from responses`.execute(db.db)).rows[0]!.n;
  expect(await count()).toBe(RESPONSES);
  await db.close();
  server = await startServerProcess(env);
  cleanups.push(() => stopProcess(server));
  await checkStored(base, kiosk.swdCookie, async () => RESPONSES, bodies);
});

test('PostgreSQL restarted under the server: health says so meanwhile, and the server reconnects by itself', async () => {
  const pg = await startPostgres();
  cleanups.push(() => pg.stop());
  const port = await freePort();
  const server = await startServerProcess({
    DATABASE_URL: pg.url,
    PORT: String(port),
    SEED_DEMO: 'true',
    DEMO_SAMPLE_YEARS: 'false',
  });
  cleanups.push(() => stopProcess(server));
  const base = `http://127.0.0.1:${port}`;
  const health = async () => (await fetch(`${base}/api/v1/health`)).status;
  expect(await health()).toBe(200);
  const kiosk = await prepareKiosk(base, `http://localhost:${port}`);
  pg.pause();
  const down = await fetch(`${base}/api/v1/health`);
  expect(down.status).toBe(503);
  expect(await down.json()).toEqual({ status: 'unavailable', database: 'unreachable' });
  const refused = await fetch(`${base}/api/v1/kiosk/${kiosk.code}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      id: randomUUID(),
      questionnaire: kiosk.questionnaire,
      locale: 'zh-HK',
      answers: {},
      completedAt: new Date().toISOString(),
    }),
  });
  expect(refused.status).toBe(503); // the tablet keeps it and retries
  pg.resume();
  await expect.poll(health, { timeout: 10_000 }).toBe(200);
  const stored = await fetch(`${base}/api/v1/kiosk/${kiosk.code}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      id: randomUUID(),
      questionnaire: kiosk.questionnaire,
      locale: 'zh-HK',
      answers: { cope_stress: 'agree' },
      completedAt: new Date().toISOString(),
    }),
  });
  expect(stored.status).toBe(201);
});

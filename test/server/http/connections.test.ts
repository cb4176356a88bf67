import { once } from 'node:events';
import type { Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Hono } from 'hono';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { readConfig, type HttpLimits } from '../../../server/config.ts';
import { createHttpServer } from '../../../server/http/server.ts';
import { createLogger } from '../../../server/lib/log.ts';
import { testApp, type TestApp } from '../../support/app.ts';

// Small limits, so each test takes about a second; production's are in config.ts.
const LIMITS: HttpLimits = {
  headersTimeoutMs: 400,
  requestTimeoutMs: 1500,
  keepAliveTimeoutMs: 200,
  maxConnections: 50,
};
/** Node closes an idle keep-alive connection this long after the timeout it advertises. */
const NODE_KEEP_ALIVE_GRACE_MS = 1000;
/** How late a close may be seen on this shared machine (Node sweeps every tenth of the headers timeout). */
const SLACK_MS = 1000;

const logged: { msg: string; status?: number; path?: string }[] = [];
let t: TestApp;
beforeAll(async () => {
  t = await testApp(
    {},
    createLogger('info', {}, (line) => logged.push(JSON.parse(line))),
  );
});

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** The real app on its Node server with these limits, listening on a free port. */
async function listen(limits: Partial<HttpLimits> = {}, fetch = t.app.fetch) {
  const server = createHttpServer(fetch, { ...LIMITS, ...limits });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port };
}

interface Watched {
  socket: Socket;
  /** Everything the server sent, so far. */
  received: () => string;
  /** Milliseconds from connecting to the server closing the connection, or null if still open at the deadline. */
  closedWithin: (deadlineMs: number) => Promise<number | null>;
}

/** A raw TCP connection whose bytes and closing are recorded. */
async function open(port: number): Promise<Watched> {
  const socket = connect(port, '127.0.0.1');
  let data = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (data += chunk));
  socket.on('error', () => undefined); // a reset is one way of being closed
  const closed = once(socket, 'close').then(() => performance.now());
  await once(socket, 'connect');
  const started = performance.now();
  return {
    socket,
    received: () => data,
    closedWithin: async (deadlineMs) => {
      const end = await Promise.race([closed, sleep(deadlineMs, null)]);
      return end === null ? null : Math.round(end - started);
    },
  };
}

/** Sends one byte every `everyMs` until the connection closes or `bytes` are sent. */
async function drip(socket: Socket, text: string, everyMs: number) {
  for (const char of text) {
    if (socket.destroyed || !socket.writable) return;
    socket.write(char);
    await sleep(everyMs);
  }
}

describe('a slow or idle client cannot hold a connection', () => {
  test('a body dripped one byte a second is answered 408 and closed at the request timeout', async () => {
    const { port } = await listen();
    const c = await open(port);
    c.socket.write(
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\n' +
        'Content-Type: application/json\r\nContent-Length: 64\r\n\r\n',
    );
    void drip(c.socket, '{"email":"someone@example.org","password":"a password of sixteen"}', 1000);
    const closedAt = await c.closedWithin(LIMITS.requestTimeoutMs + SLACK_MS);
    expect(closedAt).not.toBeNull();
    expect(closedAt!).toBeGreaterThanOrEqual(LIMITS.requestTimeoutMs - 50);
    expect(c.received()).toMatch(/^HTTP\/1\.1 408 /);
    // Logged as what the client was told, not as the database being unreachable.
    await sleep(50);
    expect(logged.filter((e) => e.path === '/api/v1/auth/login')).toMatchObject([
      { msg: 'request', status: 408 },
    ]);
  });

  test('a connection that sends no request, or drips its headers, is closed at the headers timeout', async () => {
    const { port } = await listen();
    const silent = await open(port);
    const dripping = await open(port);
    void drip(dripping.socket, 'GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\n', 50);
    const deadline = LIMITS.headersTimeoutMs + SLACK_MS;
    const [silentAt, drippingAt] = await Promise.all([
      silent.closedWithin(deadline),
      dripping.closedWithin(deadline),
    ]);
    expect(silentAt).not.toBeNull();
    expect(drippingAt).not.toBeNull();
    expect(dripping.received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  test('an idle keep-alive connection is closed after the keep-alive timeout', async () => {
    const { port } = await listen();
    const c = await open(port);
    c.socket.write('GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\n\r\n');
    while (!c.received().includes('{"status":"ok"}')) await sleep(10);
    expect(c.received()).toMatch(/^HTTP\/1\.1 200 /);
    const closedAt = await c.closedWithin(
      LIMITS.keepAliveTimeoutMs + NODE_KEEP_ALIVE_GRACE_MS + SLACK_MS,
    );
    expect(closedAt).not.toBeNull();
  });

  test('an answer that takes longer than the request timeout, once the request is in, is not cut off', async () => {
    const slow = new Hono().get('/slow', async (c) => {
      await sleep(LIMITS.requestTimeoutMs + 300);
      return c.text('done');
    });
    const { port } = await listen({}, slow.fetch);
    const c = await open(port);
    c.socket.write('GET /slow HTTP/1.1\r\nHost: localhost\r\n\r\n');
    await c.closedWithin(LIMITS.requestTimeoutMs + 600);
    expect(c.received()).toMatch(/^HTTP\/1\.1 200 [^]*done$/);
  });
});

describe('the connection cap', () => {
  test('connections beyond the cap are closed at once; a freed place is served again', async () => {
    const cap = 3;
    const { server, port } = await listen({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 10_000,
      maxConnections: cap,
    });
    const held = [];
    for (let i = 0; i < cap; i++) {
      const accepted = once(server, 'connection');
      held.push(await open(port));
      await accepted;
    }
    const refused = await open(port);
    expect(await refused.closedWithin(500)).not.toBeNull();
    expect(refused.received()).toBe('');
    for (const c of held) expect(c.socket.destroyed).toBe(false);

    held[0]!.socket.destroy();
    while ((await new Promise<number>((r) => server.getConnections((_, n) => r(n)))) >= cap)
      await sleep(10);
    const next = await open(port);
    next.socket.write(
      'GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n',
    );
    expect(await next.closedWithin(2000)).not.toBeNull();
    expect(next.received()).toMatch(/^HTTP\/1\.1 200 /);
  });
});

test('the limits come from the environment, with defaults for tablets on a slow network', () => {
  expect(readConfig({}).http).toEqual({
    headersTimeoutMs: 15_000,
    requestTimeoutMs: 60_000,
    keepAliveTimeoutMs: 5_000,
    maxConnections: 1000,
  });
  const set = readConfig({
    HEADERS_TIMEOUT_SECONDS: '10',
    REQUEST_TIMEOUT_SECONDS: '30.5',
    KEEP_ALIVE_TIMEOUT_SECONDS: '2',
    MAX_CONNECTIONS: '200',
  });
  expect(set.http).toEqual({
    headersTimeoutMs: 10_000,
    requestTimeoutMs: 30_500,
    keepAliveTimeoutMs: 2_000,
    maxConnections: 200,
  });
  expect(() =>
    readConfig({ HEADERS_TIMEOUT_SECONDS: '90', REQUEST_TIMEOUT_SECONDS: '60' }),
  ).toThrow(/HEADERS_TIMEOUT_SECONDS/);
  expect(() => readConfig({ MAX_CONNECTIONS: '0' })).toThrow(/MAX_CONNECTIONS/);
});

import { randomBytes } from 'node:crypto';
import type { z } from '@hono/zod-openapi';
import type { ClientResponse } from 'hono/client';
import { testClient } from 'hono/testing';
import { afterAll, expect } from 'vitest';
import { createApp } from '../../server/app.ts';
import { readConfig, type Config } from '../../server/config.ts';
import type { Db } from '../../server/db/open.ts';
import type { Role } from '../../server/db/schema.ts';
import type { ErrorSchema } from '../../server/http/schemas.ts';
import { createLogger } from '../../server/lib/log.ts';
import { createOperator } from '../../server/operators/service.ts';
import { createUser } from '../../server/users/service.ts';
import { freshDatabase } from './db.ts';

export const ORIGIN = 'http://localhost:8080';

/** Cheap argon2id for tests only: production's cost stays in config.ts. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...readConfig({ PORT: '8080', LOG_LEVEL: 'silent' }),
    passwordHashing: { memoryCost: 1024, timeCost: 1 },
    ...overrides,
  };
}

/** A short random suffix, so each test's codes and emails are its own. */
export const unique = () => randomBytes(4).toString('hex');

export type TestApp = Awaited<ReturnType<typeof testApp>>;

/**
 * An app on a fresh database for one test file (closed after the file), with helpers to make
 * data and to call the API as someone.
 */
export async function testApp(configOverrides: Partial<Config> = {}, log = createLogger('silent')) {
  const opened = await freshDatabase();
  afterAll(() => opened.close());
  const config = testConfig(configOverrides);
  const app = createApp({ db: opened.db, config, log });
  const db: Db = opened.db;

  /** Calls the API; `as` sends a session cookie (with Origin) or a bearer token. */
  async function call(
    method: string,
    path: string,
    options: {
      body?: unknown;
      as?: Caller;
      origin?: string | null;
      headers?: Record<string, string>;
      /** Sent as it is: JSON unless `headers` give another content-type (a file upload). */
      rawBody?: string | Uint8Array<ArrayBuffer>;
    } = {},
  ) {
    const headers: Record<string, string> = { ...options.headers };
    if ((options.body !== undefined || options.rawBody !== undefined) && !headers['content-type'])
      headers['content-type'] = 'application/json';
    if (options.as?.cookie) {
      headers.cookie = options.as.cookie;
      if (options.origin !== null) headers.origin = options.origin ?? ORIGIN;
    } else if (options.as?.token) {
      headers.authorization = `Bearer ${options.as.token}`;
    }
    if (options.origin && !options.as) headers.origin = options.origin;
    const response = await app.request(`/api/v1${path}`, {
      method,
      headers,
      body:
        options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const text = await response.text();
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: response.status, body: json, headers: response.headers, text };
  }

  /**
   * Hono's typed test client of /api/v1 (`testClient` over the app): paths, inputs and answers
   * come from the routes' schemas. `as` sends a session cookie (with Origin) or a bearer token.
   */
  function api(as?: Caller) {
    const headers: Record<string, string> = {};
    if (as?.cookie) Object.assign(headers, { cookie: as.cookie, origin: ORIGIN });
    else if (as?.token) headers.authorization = `Bearer ${as.token}`;
    return testClient(app, undefined, undefined, { headers }).api.v1;
  }

  async function signIn(email: string, password: string): Promise<Caller> {
    const response = await api().auth.login.$post({ json: { email, password } });
    if (!response.ok)
      throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
    const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
    const { user } = await response.json();
    return { cookie, user };
  }

  /** Creates a user with this role (and operator) and signs them in. */
  async function user(role: Role, operator: string | null = null): Promise<Caller> {
    const email = `${role}-${unique()}@test.example.org`;
    const password = `password-${unique()}-long`;
    await createUser(db, null, { email, password, role, operator }, config.passwordHashing);
    return { ...(await signIn(email, password)), email, password };
  }

  /** Creates an operator with one SPeaR unit (region A) and one ChildPRO unit. */
  async function operator(code = `OP${unique()}`.toUpperCase()) {
    await db.transaction().execute((trx) =>
      createOperator(trx, {
        code,
        name: { en: `Operator ${code}`, 'zh-HK': `機構 ${code}` },
        units: [
          { code: `${code}-S`, programme: 'SPEAR', region: 'A' },
          { code: `${code}-C`, programme: 'CHILDPRO', region: '1' },
        ],
      }),
    );
    return code;
  }

  return { app, db, config, call, api, signIn, user, operator, kind: opened.kind };
}

export interface Caller {
  cookie?: string;
  token?: string;
  email?: string;
  password?: string;
  user?: { id: string; email: string; role: Role; operator: string | null };
}

/** The body a response type declares for one status (JSON answers only). */
type Declared<R, S> =
  R extends ClientResponse<infer T, infer Status, infer F>
    ? Status extends S
      ? F extends 'json'
        ? T
        : undefined
      : never
    : never;

/** Error statuses are documented on every route but typed on none: their body is the contract's. */
type BodyAt<R, S> = [Declared<R, S>] extends [never] ? z.infer<typeof ErrorSchema> : Declared<R, S>;

/**
 * Expects a typed client's answer to have this status, and gives its body typed as the route
 * declares it for that status (the test fails with the body's text otherwise).
 */
export async function answered<R extends ClientResponse<unknown, number, string>, S extends number>(
  response: R | Promise<R>,
  status: S,
): Promise<BodyAt<R, S>> {
  const answer = await response;
  const text = await answer.text();
  expect(answer.status, text).toBe(status);
  return (text ? JSON.parse(text) : undefined) as BodyAt<R, S>;
}

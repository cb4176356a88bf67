import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  DATABASE_URL: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  SEED_DEMO: bool.optional(),
  DEMO_SAMPLE_YEARS: bool.default(true),
  BOOTSTRAP_ADMIN_EMAIL: z.string().email().optional(),
  BOOTSTRAP_ADMIN_PASSWORD: z.string().min(12).optional(),
  PUBLIC_URL: z.string().url().optional(),
  // true/yes means one proxy (1 hop); a number, that many proxies in a row; false/no/0, none.
  TRUST_PROXY: z
    .union([
      z.enum(['true', 'yes']).transform(() => 1),
      z.enum(['false', 'no']).transform(() => 0),
      z.coerce.number().int().min(0).max(10),
    ])
    .default(0),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  CLIENT_DIR: z.string().min(1).default('./dist/client'),
  RETENTION_YEARS: z.coerce.number().int().min(1).max(100).default(7),
  HEADERS_TIMEOUT_SECONDS: z.coerce.number().positive().max(600).default(15),
  REQUEST_TIMEOUT_SECONDS: z.coerce.number().positive().max(3600).default(60),
  KEEP_ALIVE_TIMEOUT_SECONDS: z.coerce.number().positive().max(600).default(5),
  MAX_CONNECTIONS: z.coerce.number().int().min(1).default(1000),
});

/** The whole configuration of one server process, read once from the environment. */
export interface Config {
  port: number;
  databaseUrl: string | null;
  dataDir: string;
  /** Undefined means "decide from the database": seed an empty embedded database. */
  seedDemo: boolean | undefined;
  /** Whether the demo brings its sample years of activities and responses, or only its accounts. */
  demoSampleYears: boolean;
  bootstrapAdmin: { email: string; password: string } | null;
  publicUrl: string;
  /** The origin (scheme://host:port) cookie-authenticated writes must come from. */
  origin: string;
  secureCookies: boolean;
  /**
   * How many proxies in front of the server append to X-Forwarded-For (0: none, the socket's
   * peer is the client). The client's address is the entry that many from the right.
   */
  trustProxy: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  sessionHours: number;
  clientDir: string;
  /** Financial years of responses kept; older ones are purged by `admin purge-responses`. */
  retentionYears: number;
  /** What one connection may hold: see createHttpServer in server/http/server.ts. */
  http: HttpLimits;
  /** argon2id cost; tests lower it, production never does. */
  passwordHashing: { memoryCost: number; timeCost: number };
}

/** How long a connection may take and how many may be open at once. */
export interface HttpLimits {
  /** From the connection's first byte (or the end of its previous request) to the last header. */
  headersTimeoutMs: number;
  /** From the same start to the last byte of the body; 408 and closed after it. */
  requestTimeoutMs: number;
  /** How long a connection may sit idle between requests. */
  keepAliveTimeoutMs: number;
  /** Open connections beyond this are closed as soon as they are accepted. */
  maxConnections: number;
}

/** Parses the environment into a frozen Config, or throws naming every bad variable. */
export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')),
  );
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  if (Boolean(e.BOOTSTRAP_ADMIN_EMAIL) !== Boolean(e.BOOTSTRAP_ADMIN_PASSWORD)) {
    throw new Error(
      'Invalid configuration: set both BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD',
    );
  }
  if (e.HEADERS_TIMEOUT_SECONDS > e.REQUEST_TIMEOUT_SECONDS) {
    throw new Error(
      'Invalid configuration: HEADERS_TIMEOUT_SECONDS must not exceed REQUEST_TIMEOUT_SECONDS',
    );
  }
  const publicUrl = e.PUBLIC_URL ?? `http://localhost:${e.PORT}`;
  return Object.freeze({
    port: e.PORT,
    databaseUrl: e.DATABASE_URL ?? null,
    dataDir: e.DATA_DIR,
    seedDemo: e.SEED_DEMO,
    demoSampleYears: e.DEMO_SAMPLE_YEARS,
    bootstrapAdmin:
      e.BOOTSTRAP_ADMIN_EMAIL && e.BOOTSTRAP_ADMIN_PASSWORD
        ? { email: e.BOOTSTRAP_ADMIN_EMAIL, password: e.BOOTSTRAP_ADMIN_PASSWORD }
        : null,
    publicUrl,
    origin: new URL(publicUrl).origin,
    secureCookies: new URL(publicUrl).protocol === 'https:',
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    sessionHours: e.SESSION_HOURS,
    clientDir: e.CLIENT_DIR,
    retentionYears: e.RETENTION_YEARS,
    http: {
      headersTimeoutMs: e.HEADERS_TIMEOUT_SECONDS * 1000,
      requestTimeoutMs: e.REQUEST_TIMEOUT_SECONDS * 1000,
      keepAliveTimeoutMs: e.KEEP_ALIVE_TIMEOUT_SECONDS * 1000,
      maxConnections: e.MAX_CONNECTIONS,
    },
    passwordHashing: { memoryCost: 19456, timeCost: 2 },
  });
}

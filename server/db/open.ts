import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql, type Transaction as KyselyTransaction } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.ts';
import type { Database } from './schema.ts';

/** The database, or a transaction on it: what every repository function takes first. */
export type Db = Kysely<Database>;
/** A transaction: what a function that locks rows, or must write with others, takes. */
export type Transaction = KyselyTransaction<Database>;

/** An open database: the Kysely handle, which engine it is, and how to close it. */
export interface OpenDatabase {
  db: Db;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
  /** The embedded database's whole data directory as a gzipped tarball (PGlite only). */
  dump?: () => Promise<Blob>;
}

const INT8 = 20;
const DATE = 1082;

/** Opens PostgreSQL at `url`, or the embedded PGlite in `dataDir` (in memory when null). */
export async function openDatabase(
  target: { url: string } | { dataDir: string | null; loadDataDir?: Blob },
): Promise<OpenDatabase> {
  if ('url' in target) return openPostgres(target.url);
  if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(target.dataDir ? { dataDir: target.dataDir } : {}),
    ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}),
    // Both drivers return the same JavaScript values: bigint as number, date as 'YYYY-MM-DD'.
    parsers: { [INT8]: (v: string) => Number(v), [DATE]: (v: string) => v },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return { db, kind: 'pglite', close: () => db.destroy(), dump: () => pglite.dumpDataDir('gzip') };
}

function openPostgres(url: string): OpenDatabase {
  const types = {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === INT8) return (v: string) => Number(v);
      if (oid === DATE) return (v: string) => v;
      return pg.types.getTypeParser(oid, format);
    },
  };
  const pool = new pg.Pool({
    connectionString: url,
    types,
    max: 10,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its server (a PostgreSQL restart) must not end the process; the pool
  // drops that client and the next query opens a new one.
  pool.on('error', () => {});
  pool.on('connect', runMarkedStatementsPrepared);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', close: () => db.destroy() };
}

const PREPARED = /^\/\* prepared: ([a-z_]+) \*\//;

/**
 * Statements that start with a `/* prepared: name *\/` comment run as named prepared
 * statements: each connection parses and plans such a statement once, not on every call. Only
 * constant statement texts carry the comment (the hot paths); everything else runs as before.
 */
function runMarkedStatementsPrepared(client: pg.PoolClient) {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (text: unknown, ...rest: unknown[]) => {
    const name = typeof text === 'string' ? PREPARED.exec(text)?.[1] : undefined;
    return name ? query({ name, text, values: rest[0] }) : query(text, ...rest);
  };
}

/** True when the database answers a trivial query within `timeoutMs`. */
export async function isReachable(db: Db, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([
      sql`select 1`.execute(db).then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

import { mkdirSync, writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { openDatabase, type OpenDatabase } from '../../server/db/open.ts';
import { loadReferenceData, readReferenceData } from '../../server/programmes/reference.ts';
import { POSTGRES_TEMPLATE, TMP_DIR } from './paths.ts';

/**
 * Prepares, once per run, a migrated database holding the reference data, which every test file
 * copies: a PGlite data-directory dump, or a PostgreSQL template database.
 */
export async function prepareTemplate(kind: 'pglite' | 'postgres'): Promise<string | null> {
  const prepare = async (opened: OpenDatabase) => {
    await migrateToLatest(opened.db);
    await loadReferenceData(opened.db, await readReferenceData());
  };
  if (kind === 'postgres') {
    const url = postgresUrl();
    const admin = await openDatabase({ url });
    await sql`drop database if exists ${sql.id(POSTGRES_TEMPLATE)} with (force)`.execute(admin.db);
    await sql`create database ${sql.id(POSTGRES_TEMPLATE)}`.execute(admin.db);
    await admin.close();
    const template = await openDatabase({ url: withDatabase(url, POSTGRES_TEMPLATE) });
    await prepare(template);
    await template.close();
    return null;
  }
  const template = await openDatabase({ dataDir: null });
  await prepare(template);
  const dump = await template.dump!();
  mkdirSync(TMP_DIR, { recursive: true });
  // One file per run, so concurrent runs never read each other's half-written dump.
  const file = `${TMP_DIR}pglite-template-${process.pid}.tar.gz`;
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await template.close();
  return file;
}

/** The PostgreSQL server the tests use; a clear failure when there is none (never a skip). */
export function postgresUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests with `npm test`.');
  return url;
}

export function withDatabase(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

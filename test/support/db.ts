import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { openDatabase, type OpenDatabase } from '../../server/db/open.ts';
import { postgresUrl, withDatabase } from './global-setup.ts';
import { inject } from 'vitest';
import { POSTGRES_TEMPLATE } from './paths.ts';

/** Which database this test run is on: set per vitest project. */
export const testDbKind = (process.env.TEST_DB ?? 'pglite') as 'pglite' | 'postgres';

/**
 * A fresh database for one test file, copied from the prepared template: an in-memory PGlite
 * loaded from the dump, or a new PostgreSQL database made from the template (dropped on close).
 */
export async function freshDatabase(): Promise<OpenDatabase> {
  if (testDbKind === 'pglite') {
    return openDatabase({
      dataDir: null,
      loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]),
    });
  }
  const url = postgresUrl();
  const name = `fsa_test_${randomBytes(6).toString('hex')}`;
  const admin = await openDatabase({ url });
  await sql`create database ${sql.id(name)} template ${sql.id(POSTGRES_TEMPLATE)}`.execute(
    admin.db,
  );
  await admin.close();
  const opened = await openDatabase({ url: withDatabase(url, name) });
  return {
    ...opened,
    async close() {
      await opened.close();
      const cleanup = await openDatabase({ url });
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(cleanup.db);
      await cleanup.close();
    },
  };
}

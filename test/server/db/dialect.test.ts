import { sql } from 'kysely';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { OpenDatabase } from '../../../server/db/open.ts';
import { freshDatabase } from '../../support/db.ts';

let opened: OpenDatabase;
beforeAll(async () => {
  opened = await freshDatabase();
  await sql`create table dialect_probe (x int not null)`.execute(opened.db);
});
afterAll(() => opened.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('a write made while another request holds a transaction survives its rollback', async () => {
  const { db } = opened;
  let inside!: () => void;
  const started = new Promise<void>((resolve) => (inside = resolve));
  const rolledBack = db.transaction().execute(async (trx) => {
    await sql`insert into dialect_probe values (1)`.execute(trx);
    inside();
    await sleep(100);
    throw new Error('roll back');
  });
  await started;
  const outside = sql`insert into dialect_probe values (2)`.execute(db);
  const [first, second] = await Promise.allSettled([rolledBack, outside]);
  expect(first.status).toBe('rejected');
  expect(second.status).toBe('fulfilled');
  const rows = await sql<{ x: number }>`select x from dialect_probe order by x`.execute(db);
  expect(rows.rows.map((r) => r.x)).toEqual([2]);
});

test('many concurrent transactions all commit, none lost', async () => {
  const { db } = opened;
  await sql`delete from dialect_probe`.execute(db);
  await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      db.transaction().execute(async (trx) => {
        await sql`insert into dialect_probe values (${i})`.execute(trx);
        await sleep(1);
      }),
    ),
  );
  const count = await sql<{ n: number }>`select count(*)::int as n from dialect_probe`.execute(db);
  expect(count.rows[0]!.n).toBe(40);
});

test('both drivers return the same JavaScript values', async () => {
  const row = await sql<{ n: number; big: number; d: string; j: { a: number } }>`
    select count(*)::int as n, 9007199254740::bigint as big, date '2026-04-01' as d, '{"a":1}'::jsonb as j
  `.execute(opened.db);
  expect(row.rows[0]).toEqual({ n: 1, big: 9007199254740, d: '2026-04-01', j: { a: 1 } });
});

import type { Db, Transaction } from '../db/open.ts';
import type { LocalisedText } from '../db/schema.ts';
import type { Scope } from '../http/context.ts';

export interface NewUnit {
  code: string;
  programme: string;
  region: string | null;
  districts: string[];
}

export async function findOperatorId(db: Db, code: string): Promise<string | null> {
  const row = await db
    .selectFrom('operators')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Operators within the caller's scope, each with its units. */
export async function listOperators(db: Db, scope: Scope, code?: string) {
  let q = db.selectFrom('operators').selectAll().orderBy('code');
  if (scope !== 'all') q = q.where('id', '=', scope.operatorId);
  if (code !== undefined) q = q.where('code', '=', code);
  const operators = await q.execute();
  if (operators.length === 0) return [];
  const units = await db
    .selectFrom('units')
    .selectAll()
    .where(
      'operator_id',
      'in',
      operators.map((o) => o.id),
    )
    .orderBy('code')
    .execute();
  return operators.map((o) => ({
    id: o.id,
    code: o.code,
    name: o.name,
    demo: o.demo,
    units: units
      .filter((u) => u.operator_id === o.id)
      .map((u) => ({
        code: u.code,
        programme: u.programme_code,
        region: u.region,
        districts: u.districts,
      })),
  }));
}

export async function insertOperator(
  trx: Transaction,
  operator: { code: string; name: LocalisedText; demo?: boolean },
) {
  const row = await trx
    .insertInto('operators')
    .values({
      code: operator.code,
      name: JSON.stringify(operator.name),
      demo: operator.demo ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateOperatorName(trx: Transaction, id: string, name: LocalisedText) {
  await trx
    .updateTable('operators')
    .set({ name: JSON.stringify(name) })
    .where('id', '=', id)
    .execute();
}

export async function insertUnits(trx: Transaction, operatorId: string, units: NewUnit[]) {
  if (units.length === 0) return;
  await trx
    .insertInto('units')
    .values(
      units.map((u) => ({
        operator_id: operatorId,
        code: u.code,
        programme_code: u.programme,
        region: u.region,
        districts: JSON.stringify(u.districts),
      })),
    )
    .execute();
}

/** Which of these codes are already taken by an operator or a unit (codes are system-wide). */
export async function takenCodes(db: Db, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const [ops, units] = await Promise.all([
    db.selectFrom('operators').select('code').where('code', 'in', codes).execute(),
    db.selectFrom('units').select('code').where('code', 'in', codes).execute(),
  ]);
  return new Set([...ops, ...units].map((r) => r.code));
}

import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

/** An operator's unit by its code, for changing (locked until the transaction ends). */
export async function findUnitForUpdate(
  trx: Transaction<Database>,
  operatorId: string,
  code: string,
) {
  return trx
    .selectFrom('units')
    .select(['id', 'code', 'programme_code', 'region', 'districts'])
    .where('operator_id', '=', operatorId)
    .where('code', '=', code)
    .forUpdate()
    .executeTakeFirst();
}

/** Sets a unit's area (region or team) and District Council districts. */
export async function updateUnitArea(
  trx: Transaction<Database>,
  id: string,
  area: { region: string | null; districts: string[] },
) {
  await trx
    .updateTable('units')
    .set({ region: area.region, districts: JSON.stringify(area.districts) })
    .where('id', '=', id)
    .execute();
}

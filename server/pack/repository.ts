// The pack's own records: the coordinator's explanation and action plan per standard not met,
// and the unit's particulars. All SQL of the pack lives here.
import type { Db, Transaction } from '../db/open.ts';

type Executor = Db | Transaction;

/** A unit with its operator's code and name, or undefined. */
export function unitWithOperator(db: Executor, code: string) {
  return db
    .selectFrom('units as u')
    .innerJoin('operators as o', 'o.id', 'u.operator_id')
    .select([
      'u.id',
      'u.code',
      'u.region',
      'u.programme_code',
      'u.operator_id',
      'o.code as operator_code',
      'o.name as operator_name',
    ])
    .where('u.code', '=', code)
    .executeTakeFirst();
}

/** The unit's explanations for a financial year, by standard key. */
export async function explanationsOf(db: Executor, unitId: string, fiscalYear: number) {
  const rows = await db
    .selectFrom('pack_explanations')
    .select(['standard', 'explanation', 'action_plan', 'updated_at'])
    .where('unit_id', '=', unitId)
    .where('fiscal_year', '=', fiscalYear)
    .execute();
  return new Map(
    rows.map((r) => [
      r.standard,
      {
        explanation: r.explanation,
        actionPlan: r.action_plan,
        updatedAt: new Date(r.updated_at).toISOString(),
      },
    ]),
  );
}

/** Writes (or replaces) one explanation; both texts empty removes it. */
export async function saveExplanation(
  trx: Transaction,
  row: {
    unitId: string;
    fiscalYear: number;
    standard: string;
    explanation: string;
    actionPlan: string;
    userId: string | null;
  },
) {
  if (!row.explanation && !row.actionPlan) {
    await trx
      .deleteFrom('pack_explanations')
      .where('unit_id', '=', row.unitId)
      .where('fiscal_year', '=', row.fiscalYear)
      .where('standard', '=', row.standard)
      .execute();
    return;
  }
  await trx
    .insertInto('pack_explanations')
    .values({
      unit_id: row.unitId,
      fiscal_year: row.fiscalYear,
      standard: row.standard,
      explanation: row.explanation,
      action_plan: row.actionPlan,
      updated_by: row.userId,
    })
    .onConflict((oc) =>
      oc.columns(['unit_id', 'fiscal_year', 'standard']).doUpdateSet({
        explanation: row.explanation,
        action_plan: row.actionPlan,
        updated_by: row.userId,
        updated_at: new Date(),
      }),
    )
    .execute();
}

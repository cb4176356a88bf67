import { type Transaction } from 'kysely';
import type { CaseToStore, EnrolmentToStore } from '../domain/case-import.ts';
import type { Db } from '../db/open.ts';
import type { Database } from '../db/schema.ts';
import type { ImportKind } from '../domain/case-import.ts';

type Executor = Db | Transaction<Database>;

/** The operator's units with their programme. */
export function operatorUnits(db: Executor, operatorId: string) {
  return db
    .selectFrom('units')
    .select(['id', 'code', 'programme_code'])
    .where('operator_id', '=', operatorId)
    .execute();
}

/** The service-user categories of each of the programmes. */
export async function categoriesByProgramme(db: Executor, programmes: string[]) {
  const byProgramme = new Map<string, string[]>(programmes.map((p) => [p, []]));
  if (!programmes.length) return byProgramme;
  const rows = await db
    .selectFrom('service_lists')
    .select(['programme_code', 'code'])
    .where('programme_code', 'in', programmes)
    .where('list', '=', 'serviceUserCategories')
    .orderBy('position')
    .execute();
  for (const r of rows) byProgramme.get(r.programme_code)!.push(r.code);
  return byProgramme;
}

/** Which of these references the operator has stored. */
export async function storedReferences(db: Executor, operatorId: string, references: string[]) {
  if (!references.length) return new Set<string>();
  const rows = await db
    .selectFrom('cases')
    .select('reference')
    .where('operator_id', '=', operatorId)
    .where('reference', 'in', references)
    .execute();
  return new Set(rows.map((r) => r.reference));
}

/** The operator's cases with these references, with their unit, programme and enrolments. */
export async function casesWithEnrolments(db: Executor, operatorId: string, references: string[]) {
  if (!references.length) return [];
  const cases = await db
    .selectFrom('cases as c')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .select([
      'c.id',
      'c.reference',
      'c.category',
      'c.referred_on',
      'c.unit_id',
      'u.code as unit',
      'u.programme_code as programme',
    ])
    .where('c.operator_id', '=', operatorId)
    .where('c.reference', 'in', references)
    .execute();
  const enrolments = cases.length
    ? await db
        .selectFrom('enrolments')
        .select(['id', 'case_id', 'programme', 'module', 'half_hours', 'created_at'])
        .where(
          'case_id',
          'in',
          cases.map((c) => c.id),
        )
        .execute()
    : [];
  return cases.map((c) => ({
    ...c,
    enrolments: enrolments.filter((e) => e.case_id === c.id),
  }));
}

/** The import of this file (by its SHA-256) the operator made before, if any. */
export function findImport(db: Executor, operatorId: string, kind: ImportKind, sha256: string) {
  return db
    .selectFrom('case_imports')
    .select(['id', 'rows', 'stored', 'created_at'])
    .where('operator_id', '=', operatorId)
    .where('kind', '=', kind)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
}

/**
 * Records the file as imported; undefined when it was already (a retry that raced the first
 * send waits for its commit here and then finds the row).
 */
export function claimImport(
  trx: Transaction<Database>,
  values: {
    operatorId: string;
    kind: ImportKind;
    sha256: string;
    rows: number;
    stored: Record<string, number>;
    userId: string;
  },
) {
  return trx
    .insertInto('case_imports')
    .values({
      operator_id: values.operatorId,
      kind: values.kind,
      sha256: values.sha256,
      rows: values.rows,
      stored: JSON.stringify(values.stored),
      created_by: values.userId,
    })
    .onConflict((oc) => oc.columns(['operator_id', 'kind', 'sha256']).doNothing())
    .returning('id')
    .executeTakeFirst();
}

const CHUNK = 1000;
const chunks = <T>(items: T[]) =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) =>
    items.slice(i * CHUNK, (i + 1) * CHUNK),
  );

/**
 * Stores a file's cases with their first contacts. Returns how many cases were new: fewer than
 * given means a reference was taken meanwhile (the caller rolls back).
 */
export async function insertCases(
  trx: Transaction<Database>,
  operatorId: string,
  unitIds: ReadonlyMap<string, string>,
  cases: (CaseToStore & { contactDueOn: string })[],
  userId: string,
) {
  let stored = 0;
  for (const chunk of chunks(cases)) {
    const inserted = await trx
      .insertInto('cases')
      .values(
        chunk.map((c) => ({
          operator_id: operatorId,
          unit_id: unitIds.get(c.unit)!,
          reference: c.reference,
          category: c.category,
          referred_on: c.referredOn,
          referral_source: c.referralSource,
          contact_due_on: c.contactDueOn,
          first_contact_on: c.firstContact?.date ?? null,
          created_by: userId,
        })),
      )
      .onConflict((oc) => oc.columns(['operator_id', 'reference']).doNothing())
      .returning(['id', 'reference', 'unit_id'])
      .execute();
    stored += inserted.length;
    const byReference = new Map(inserted.map((r) => [r.reference, r]));
    const contacts = chunk.flatMap((c) => {
      const row = byReference.get(c.reference);
      return c.firstContact && row
        ? [
            {
              case_id: row.id,
              unit_id: row.unit_id,
              date: c.firstContact.date,
              means: c.firstContact.means,
              created_by: userId,
            },
          ]
        : [];
    });
    if (contacts.length) await trx.insertInto('case_contacts').values(contacts).execute();
  }
  return stored;
}

/** A new enrolment of a case, with no hours yet. */
export async function insertEnrolment(
  trx: Transaction<Database>,
  e: EnrolmentToStore,
  unitId: string,
  userId: string,
) {
  const { id } = await trx
    .insertInto('enrolments')
    .values({
      case_id: e.caseId,
      unit_id: unitId,
      programme: e.programme,
      module: e.module,
      ended_on: e.endedOn,
      created_by: userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function setEnded(trx: Transaction<Database>, enrolmentId: string, endedOn: string) {
  await trx
    .updateTable('enrolments')
    .set({ ended_on: endedOn })
    .where('id', '=', enrolmentId)
    .execute();
}

export async function insertSessions(
  trx: Transaction<Database>,
  sessions: { enrolmentId: string; date: string; halfHours: number }[],
  userId: string,
) {
  for (const chunk of chunks(sessions))
    await trx
      .insertInto('attendance')
      .values(
        chunk.map((s) => ({
          enrolment_id: s.enrolmentId,
          date: s.date,
          half_hours: s.halfHours,
          activity_id: null,
          created_by: userId,
        })),
      )
      .execute();
}

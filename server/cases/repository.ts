import { sql, type Insertable, type Transaction } from 'kysely';
import type { Db } from '../db/open.ts';
import type { Database } from '../db/schema.ts';
import type { Scope } from '../http/context.ts';

type Executor = Db | Transaction<Database>;
/** A new row of one of the service-record tables. */
type New<T extends keyof Database> = Insertable<Database[T]>;

/** A unit by code, within the caller's scope. */
export function unitInScope(db: Executor, scope: Scope, code: string) {
  let q = db
    .selectFrom('units')
    .select(['id', 'code', 'operator_id', 'programme_code'])
    .where('code', '=', code);
  if (scope !== 'all') q = q.where('operator_id', '=', scope.operatorId);
  return q.executeTakeFirst();
}

/** An activity by id, within the caller's scope (another operator's is not found). */
export function activityInScope(db: Executor, scope: Scope, id: string) {
  let q = db.selectFrom('activities').select(['id', 'kind', 'unit_id']).where('id', '=', id);
  if (scope !== 'all') q = q.where('operator_id', '=', scope.operatorId);
  return q.executeTakeFirst();
}

/** What the case screens show of a case (`c`) and its unit (`u`). */
const CASE_COLUMNS = [
  'c.id',
  'c.reference',
  'c.category',
  'c.referred_on',
  'c.referral_source',
  'c.contact_due_on',
  'c.first_contact_on',
  'u.code as unit',
] as const;

/** Cases with their units. */
const casesAndUnits = (db: Executor) =>
  db.selectFrom('cases as c').innerJoin('units as u', 'u.id', 'c.unit_id');

/** A case by id, within the caller's scope, with its unit's code and programme. */
export function caseInScope(db: Executor, scope: Scope, id: string) {
  let q = casesAndUnits(db)
    .select([...CASE_COLUMNS, 'c.operator_id', 'c.unit_id', 'u.programme_code as programme'])
    .where('c.id', '=', id);
  if (scope !== 'all') q = q.where('c.operator_id', '=', scope.operatorId);
  return q.executeTakeFirst();
}
export type CaseRow = NonNullable<Awaited<ReturnType<typeof caseInScope>>>;

/** Codes of one of a programme's service lists. */
export async function listCodes(db: Executor, programme: string, list: string) {
  const rows = await db
    .selectFrom('service_lists')
    .select('code')
    .where('programme_code', '=', programme)
    .where('list', '=', list)
    .orderBy('position')
    .execute();
  return rows.map((r) => r.code);
}

export async function closureDates(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('closure_days').select('date').execute();
  return rows.map((r) => r.date);
}

export interface CaseFilter {
  unit?: string | undefined;
  reference?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Cases within scope, newest referral first (at most 500: search narrows). */
export function listCases(db: Executor, scope: Scope, filter: CaseFilter) {
  let q = casesAndUnits(db)
    .select(CASE_COLUMNS)
    .orderBy('c.referred_on', 'desc')
    .orderBy('c.reference')
    .limit(500);
  if (scope !== 'all') q = q.where('c.operator_id', '=', scope.operatorId);
  if (filter.unit) q = q.where('u.code', '=', filter.unit);
  if (filter.reference) {
    const pattern = `${filter.reference.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    q = q.where(sql<boolean>`lower(c.reference) like lower(${pattern})`);
  }
  if (filter.from) q = q.where('c.referred_on', '>=', filter.from);
  if (filter.to) q = q.where('c.referred_on', '<=', filter.to);
  return q.execute();
}

/** A case's contacts, enrolments with their attendance, and referrals. */
export async function caseDetails(db: Executor, caseId: string) {
  const [contacts, enrolments, attendance, referrals] = await Promise.all([
    db
      .selectFrom('case_contacts')
      .select(['id', 'date', 'means'])
      .where('case_id', '=', caseId)
      .orderBy('date')
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('enrolments')
      .select(['id', 'programme', 'module', 'ended_on', 'half_hours'])
      .where('case_id', '=', caseId)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('attendance as a')
      .innerJoin('enrolments as e', 'e.id', 'a.enrolment_id')
      .select(['a.id', 'a.enrolment_id', 'a.date', 'a.half_hours', 'a.activity_id'])
      .where('e.case_id', '=', caseId)
      .orderBy('a.date')
      .orderBy('a.created_at')
      .execute(),
    db
      .selectFrom('case_referrals')
      .select(['id', 'date', 'service', 'means'])
      .where('case_id', '=', caseId)
      .orderBy('date')
      .orderBy('created_at')
      .execute(),
  ]);
  return { contacts, enrolments, attendance, referrals };
}

/**
 * Adds attendance to an enrolment unless it would go beyond the module's hours: the check and
 * the sum are one statement, so two sessions recorded at once cannot both slip under the limit.
 * Returns false when the limit would be passed.
 */
export async function addHalfHours(
  trx: Transaction<Database>,
  enrolmentId: string,
  halfHours: number,
  maxHalfHours: number,
) {
  const row = await trx
    .updateTable('enrolments')
    .set({ half_hours: sql`half_hours + ${halfHours}` })
    .where('id', '=', enrolmentId)
    .where(sql<boolean>`half_hours + ${halfHours} <= ${maxHalfHours}`)
    .returning('half_hours')
    .executeTakeFirst();
  return row !== undefined;
}

/** Every case referred in [from, to], for recomputing deadlines. */
export function casesReferredBetween(db: Executor, from: string, to: string) {
  return db
    .selectFrom('cases')
    .select(['id', 'referred_on', 'contact_due_on'])
    .where('referred_on', '>=', from)
    .where('referred_on', '<=', to)
    .execute();
}

/** Sets a case's first-contact deadline. */
export async function setContactDueOn(db: Executor, id: string, dueOn: string) {
  await db.updateTable('cases').set({ contact_due_on: dueOn }).where('id', '=', id).execute();
}

/** Events within scope, newest first (at most 1,000). */
export function listEvents(db: Executor, scope: Scope, filter: CaseFilter) {
  let q = db
    .selectFrom('service_events as e')
    .innerJoin('units as u', 'u.id', 'e.unit_id')
    .select([
      'e.id',
      'u.code as unit',
      'e.kind',
      'e.date',
      'e.sessions',
      'e.participants',
      'e.form',
      'e.open_event',
      'e.activity_id',
    ])
    .orderBy('e.date', 'desc')
    .limit(1000);
  if (scope !== 'all') q = q.where('e.operator_id', '=', scope.operatorId);
  if (filter.unit) q = q.where('u.code', '=', filter.unit);
  if (filter.from) q = q.where('e.date', '>=', filter.from);
  if (filter.to) q = q.where('e.date', '<=', filter.to);
  return q.execute();
}

/** Records a case; undefined when the operator already has a case with its reference. */
export function insertCase(db: Executor, values: New<'cases'>) {
  return db
    .insertInto('cases')
    .values(values)
    .onConflict((oc) => oc.columns(['operator_id', 'reference']).doNothing())
    .returning('id')
    .executeTakeFirst();
}

/** Records a contact attempt and keeps the case's first contact the earliest one. */
export async function insertContact(trx: Transaction<Database>, values: New<'case_contacts'>) {
  const id = await insertRow(trx, 'case_contacts', values);
  await trx
    .updateTable('cases')
    .set({
      first_contact_on: sql<string>`least(coalesce(first_contact_on, ${values.date}::date), ${values.date}::date)`,
    })
    .where('id', '=', values.case_id)
    .execute();
  return id;
}

/** The service-record tables whose rows are inserted as given, keyed by a generated id. */
type Recorded = 'case_contacts' | 'enrolments' | 'attendance' | 'case_referrals' | 'service_events';

/** Inserts one row of a service-record table and returns its id. */
async function insertRow<T extends Recorded>(
  db: Executor,
  table: T,
  values: New<T>,
): Promise<string> {
  const { id } = await db
    .insertInto(table)
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export const insertEnrolment = (db: Executor, values: New<'enrolments'>) =>
  insertRow(db, 'enrolments', values);

/** One enrolment of the case (another case's is not found). */
export function enrolmentOfCase(db: Executor, caseId: string, enrolmentId: string) {
  return db
    .selectFrom('enrolments')
    .select(['id', 'programme', 'half_hours', 'ended_on'])
    .where('id', '=', enrolmentId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
}

/** Records (or clears, with null) the day the module ended. */
export async function setEnrolmentEnd(db: Executor, enrolmentId: string, endedOn: string | null) {
  await db
    .updateTable('enrolments')
    .set({ ended_on: endedOn })
    .where('id', '=', enrolmentId)
    .execute();
}

export const insertAttendance = (trx: Transaction<Database>, values: New<'attendance'>) =>
  insertRow(trx, 'attendance', values);

export const insertReferral = (db: Executor, values: New<'case_referrals'>) =>
  insertRow(db, 'case_referrals', values);

export const insertEvent = (db: Executor, values: New<'service_events'>) =>
  insertRow(db, 'service_events', values);

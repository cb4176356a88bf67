// Cases, the unit of service (issue 15): pseudonymous records of referral, first contact,
// enrolment and attendance, referrals on, and the unit's events. Coordinators keep their own
// operator's; nothing here is ever shown to SWD but as counts (server/outputs/).
import type { Db } from '../db/open.ts';
import { conflict, notFound, ruleBroken, ruleDetail, type ErrorDetail } from '../errors.ts';
import { scopeOf, type Actor, type Scope } from '../http/context.ts';
import { caseReferenceProblems } from '../domain/case-reference.ts';
import {
  attendanceDateProblems,
  beyondModuleHours,
  categoryProblems,
  contactProblems,
  endProblems as endDateProblems,
  moduleProblems as moduleRuleProblems,
  MODULES,
  notInFuture as futureProblems,
  referenceTaken,
  unitUnknown,
} from '../domain/case-rules.ts';
import { moduleHalfHours, type ModuleProgramme } from '../domain/service-records.ts';
import { addDays, addWorkingDays, hongKongDate } from '../domain/working-days.ts';
import { holidayData, workingCalendar } from '../outputs/reference.ts';
import { findProgramme } from '../programmes/repository.ts';
import * as repo from './repository.ts';

const refuse = (message: string, details: ErrorDetail[]) => {
  if (details.length) throw ruleBroken(message, details);
};

/** A date after today in Hong Kong is refused: a record says what happened. */
const notInFuture = (date: string, path: string) =>
  futureProblems(date, path, hongKongDate(new Date()));

/** The first-contact deadline: the nth working day after the referral. */
export async function contactDueOn(db: Db, referredOn: string) {
  return addWorkingDays(
    referredOn,
    holidayData().workingDays.firstContactWithin,
    workingCalendar(await repo.closureDates(db)),
  );
}

/** Recomputes the first-contact deadlines a closure day can move (referrals up to 60 days before). */
export async function recomputeContactDeadlines(db: Db, date: string) {
  for (const c of await repo.casesReferredBetween(db, addDays(date, -60), date)) {
    const due = await contactDueOn(db, c.referred_on);
    if (due !== c.contact_due_on) await repo.setContactDueOn(db, c.id, due);
  }
}

async function caseOrNotFound(db: Db, scope: Scope, id: string) {
  const found = await repo.caseInScope(db, scope, id);
  if (!found) throw notFound('The case');
  return found;
}

export interface NewCase {
  unit: string;
  reference: string;
  category: string;
  referredOn: string;
  referralSource: string;
}

export async function createCase(db: Db, actor: Actor, body: NewCase) {
  const scope = scopeOf(actor);
  const unit = await repo.unitInScope(db, scope, body.unit);
  if (!unit) throw ruleBroken('The unit does not exist.', [unitUnknown(body.unit)]);
  const details = [
    ...caseReferenceProblems(body.reference),
    ...notInFuture(body.referredOn, 'referredOn'),
  ];
  const categories = await repo.listCodes(db, unit.programme_code, 'serviceUserCategories');
  details.push(...categoryProblems(unit.programme_code, categories, body.category));
  refuse('The case cannot be recorded.', details);
  const dueOn = await contactDueOn(db, body.referredOn);
  const inserted = await repo.insertCase(db, {
    operator_id: unit.operator_id,
    unit_id: unit.id,
    reference: body.reference,
    category: body.category,
    referred_on: body.referredOn,
    referral_source: body.referralSource,
    contact_due_on: dueOn,
    created_by: actor.userId,
  });
  if (!inserted) throw conflict(referenceTaken(body.reference).message, 'case_reference_taken');
  return inserted.id;
}

export async function addContact(
  db: Db,
  actor: Actor,
  caseId: string,
  body: { date: string; means: string },
) {
  const found = await caseOrNotFound(db, scopeOf(actor), caseId);
  const details = [
    ...notInFuture(body.date, 'date'),
    ...contactProblems(body.date, found.referred_on),
  ];
  refuse('The contact cannot be recorded.', details);
  return db.transaction().execute((trx) =>
    repo.insertContact(trx, {
      case_id: found.id,
      unit_id: found.unit_id,
      date: body.date,
      means: body.means,
      created_by: actor.userId,
    }),
  );
}

const moduleProblems = (found: repo.CaseRow, programme: ModuleProgramme) =>
  moduleRuleProblems(found, programme);

export async function addEnrolment(
  db: Db,
  actor: Actor,
  caseId: string,
  body: { programme: ModuleProgramme; module: 'basic' | 'advanced'; endedOn?: string | null },
) {
  const found = await caseOrNotFound(db, scopeOf(actor), caseId);
  const details = moduleProblems(found, body.programme);
  if (body.endedOn) details.push(...endProblems(found, body.endedOn));
  refuse('The enrolment cannot be recorded.', details);
  return repo.insertEnrolment(db, {
    case_id: found.id,
    unit_id: found.unit_id,
    programme: body.programme,
    module: body.module,
    ended_on: body.endedOn ?? null,
    created_by: actor.userId,
  });
}

const endProblems = (found: repo.CaseRow, endedOn: string) =>
  endDateProblems(found.referred_on, endedOn, hongKongDate(new Date()));

async function enrolmentOf(db: Db, found: repo.CaseRow, enrolmentId: string) {
  const enrolment = await repo.enrolmentOfCase(db, found.id, enrolmentId);
  if (!enrolment) throw notFound('The enrolment');
  return enrolment;
}

/** Records (or clears, with null) the day the module ended: it counts in that financial year. */
export async function setEnrolmentEnd(
  db: Db,
  actor: Actor,
  caseId: string,
  enrolmentId: string,
  endedOn: string | null,
) {
  const found = await caseOrNotFound(db, scopeOf(actor), caseId);
  await enrolmentOf(db, found, enrolmentId);
  if (endedOn) refuse('The end cannot be recorded.', endProblems(found, endedOn));
  await repo.setEnrolmentEnd(db, enrolmentId, endedOn);
}

export async function addAttendance(
  db: Db,
  actor: Actor,
  caseId: string,
  enrolmentId: string,
  body: { date: string; hours: number; activity?: string | undefined },
) {
  const scope = scopeOf(actor);
  const found = await caseOrNotFound(db, scope, caseId);
  const enrolment = await enrolmentOf(db, found, enrolmentId);
  const details = attendanceDateProblems(body.date, found.referred_on, hongKongDate(new Date()));
  if (body.activity) {
    const activity = await repo.activityInScope(db, scope, body.activity);
    const kind = MODULES[found.programme]?.[enrolment.programme]?.activityKind;
    if (!activity)
      details.push(
        ruleDetail('activity', `You have no activity ${body.activity}.`, 'activity_not_found'),
      );
    else if (activity.unit_id !== found.unit_id)
      details.push(
        ruleDetail('activity', 'The activity belongs to another unit.', 'activity_other_unit'),
      );
    else if (activity.kind !== kind)
      details.push(
        ruleDetail(
          'activity',
          `A ${enrolment.programme} session happens in a ${kind} activity, not ${activity.kind}.`,
          'activity_kind_mismatch',
        ),
      );
  }
  const halfHours = Math.round(body.hours * 2);
  const max = moduleHalfHours(enrolment.programme);
  const beyond = () => beyondModuleHours(enrolment.programme, enrolment.half_hours);
  if (enrolment.half_hours + halfHours > max) details.push(beyond());
  refuse('The attendance cannot be recorded.', details);
  return db.transaction().execute(async (trx) => {
    if (!(await repo.addHalfHours(trx, enrolment.id, halfHours, max)))
      throw ruleBroken('The attendance cannot be recorded.', [beyond()]);
    return repo.insertAttendance(trx, {
      enrolment_id: enrolment.id,
      date: body.date,
      half_hours: halfHours,
      activity_id: body.activity ?? null,
      created_by: actor.userId,
    });
  });
}

export async function addReferral(
  db: Db,
  actor: Actor,
  caseId: string,
  body: { date: string; service: string; means: 'oral' | 'written' },
) {
  const found = await caseOrNotFound(db, scopeOf(actor), caseId);
  const details = notInFuture(body.date, 'date');
  const services = await repo.listCodes(db, found.programme, 'communitySupportServices');
  if (!services.includes(body.service))
    details.push(
      ruleDetail(
        'service',
        `${body.service} is not a community support service of ${found.programme}; choose one of ${services.join(', ')}.`,
        'service_unknown',
      ),
    );
  if (body.date < found.referred_on)
    details.push(
      ruleDetail(
        'date',
        `A referral on cannot come before the case's own referral (${found.referred_on}).`,
        'referral_before_case',
      ),
    );
  refuse('The referral cannot be recorded.', details);
  return repo.insertReferral(db, {
    case_id: found.id,
    unit_id: found.unit_id,
    date: body.date,
    service: body.service,
    means: body.means,
    created_by: actor.userId,
  });
}

export interface NewEvent {
  unit: string;
  kind: string;
  date: string;
  sessions: number;
  participants: number | null;
  form: 'group' | 'individual';
  openEvent: boolean;
  activity?: string | undefined;
}

export async function createEvent(db: Db, actor: Actor, body: NewEvent) {
  const scope = scopeOf(actor);
  const unit = await repo.unitInScope(db, scope, body.unit);
  if (!unit) throw ruleBroken('The unit does not exist.', [unitUnknown(body.unit)]);
  const programme = (await findProgramme(db, unit.programme_code))!;
  const details = notInFuture(body.date, 'date');
  if (!programme.activityKinds.some((k) => k.code === body.kind))
    details.push(
      ruleDetail(
        'kind',
        `${programme.code} has no activity kind ${body.kind}; choose one of ${programme.activityKinds.map((k) => k.code).join(', ')}.`,
        'kind_unknown',
      ),
    );
  if (body.openEvent && body.participants !== null)
    details.push(
      ruleDetail(
        'participants',
        'An open event has no set number of participants: leave participants null.',
        'open_event_participants',
      ),
    );
  if (body.activity) {
    const activity = await repo.activityInScope(db, scope, body.activity);
    if (!activity)
      details.push(
        ruleDetail('activity', `You have no activity ${body.activity}.`, 'activity_not_found'),
      );
    else if (activity.unit_id !== unit.id)
      details.push(
        ruleDetail('activity', 'The activity belongs to another unit.', 'activity_other_unit'),
      );
  }
  refuse('The event cannot be recorded.', details);
  return repo.insertEvent(db, {
    operator_id: unit.operator_id,
    unit_id: unit.id,
    kind: body.kind,
    date: body.date,
    sessions: body.sessions,
    participants: body.participants,
    form: body.form,
    open_event: body.openEvent,
    activity_id: body.activity ?? null,
    created_by: actor.userId,
  });
}

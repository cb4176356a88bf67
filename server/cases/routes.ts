import { notFound } from '../errors.ts';
import { scopeOf, type Deps } from '../http/context.ts';
import { newRouter } from '../http/routes.ts';
import { fiscalYearDates } from '../domain/fiscal-year.ts';
import type { REFERRAL_SOURCES } from '../domain/service-records.ts';
import { firstContactStatus, hongKongDate } from '../domain/working-days.ts';
import * as repo from './repository.ts';
import {
  addAttendance,
  addContact,
  addEnrolment,
  addReferral,
  createCase,
  createEvent,
  endEnrolment,
  getCase,
  listCases,
  listEvents,
} from './schemas.ts';
import * as service from './service.ts';

type CaseListRow = Awaited<ReturnType<typeof repo.listCases>>[number];
const toCase = (c: CaseListRow, today: string) => ({
  id: c.id,
  unit: c.unit,
  reference: c.reference,
  category: c.category,
  referredOn: c.referred_on,
  referralSource: c.referral_source as (typeof REFERRAL_SOURCES)[number],
  contactDueOn: c.contact_due_on,
  firstContactOn: c.first_contact_on,
  firstContact: firstContactStatus(
    { dueOn: c.contact_due_on, firstContactOn: c.first_contact_on },
    today,
  ),
});

export function caseRoutes({ db }: Deps) {
  return newRouter()
    .openapi(createCase, async (c) =>
      c.json({ id: await service.createCase(db, c.get('actor')!, c.req.valid('json')) }, 201),
    )
    .openapi(listCases, async (c) => {
      const query = c.req.valid('query');
      const period = query.fiscalYear ? fiscalYearDates(query.fiscalYear) : undefined;
      const today = hongKongDate(new Date());
      const rows = await repo.listCases(db, scopeOf(c.get('actor')!), {
        unit: query.unit,
        reference: query.reference,
        from: period?.from,
        to: period?.to,
      });
      const items = rows
        .map((r) => toCase(r, today))
        .filter((r) => !query.firstContact || r.firstContact === query.firstContact);
      return c.json({ items }, 200);
    })
    .openapi(getCase, async (c) => {
      const found = await repo.caseInScope(db, scopeOf(c.get('actor')!), c.req.valid('param').id);
      if (!found) throw notFound('The case');
      const details = await repo.caseDetails(db, found.id);
      return c.json(
        {
          ...toCase(found, hongKongDate(new Date())),
          contacts: details.contacts,
          enrolments: details.enrolments.map((e) => ({
            id: e.id,
            programme: e.programme,
            module: e.module,
            endedOn: e.ended_on,
            hours: e.half_hours / 2,
            sessions: details.attendance
              .filter((a) => a.enrolment_id === e.id)
              .map((a) => ({
                id: a.id,
                date: a.date,
                hours: a.half_hours / 2,
                activity: a.activity_id,
              })),
          })),
          referrals: details.referrals,
        },
        200,
      );
    })
    .openapi(addContact, async (c) => {
      const { id } = c.req.valid('param');
      return c.json(
        { id: await service.addContact(db, c.get('actor')!, id, c.req.valid('json')) },
        201,
      );
    })
    .openapi(addEnrolment, async (c) => {
      const { id } = c.req.valid('param');
      return c.json(
        { id: await service.addEnrolment(db, c.get('actor')!, id, c.req.valid('json')) },
        201,
      );
    })
    .openapi(endEnrolment, async (c) => {
      const { id, enrolmentId } = c.req.valid('param');
      await service.setEnrolmentEnd(
        db,
        c.get('actor')!,
        id,
        enrolmentId,
        c.req.valid('json').endedOn,
      );
      return c.body(null, 204);
    })
    .openapi(addAttendance, async (c) => {
      const { id, enrolmentId } = c.req.valid('param');
      const body = c.req.valid('json');
      const session = await service.addAttendance(db, c.get('actor')!, id, enrolmentId, body);
      return c.json({ id: session }, 201);
    })
    .openapi(addReferral, async (c) => {
      const { id } = c.req.valid('param');
      return c.json(
        { id: await service.addReferral(db, c.get('actor')!, id, c.req.valid('json')) },
        201,
      );
    })
    .openapi(createEvent, async (c) =>
      c.json({ id: await service.createEvent(db, c.get('actor')!, c.req.valid('json')) }, 201),
    )
    .openapi(listEvents, async (c) => {
      const query = c.req.valid('query');
      const scope = scopeOf(c.get('actor')!);
      const period = query.fiscalYear ? fiscalYearDates(query.fiscalYear) : undefined;
      const rows = await repo.listEvents(db, scope, {
        unit: query.unit,
        from: period?.from,
        to: period?.to,
      });
      return c.json(
        {
          items: rows.map((e) => ({
            id: e.id,
            unit: e.unit,
            kind: e.kind,
            date: e.date,
            sessions: e.sessions,
            participants: e.participants,
            form: e.form,
            openEvent: e.open_event,
            activity: e.activity_id,
          })),
        },
        200,
      );
    });
}

// The contract of cases and service events (issue 15): the zod schemas of its requests and
// responses, and each route's declaration. Its handlers are in routes.ts.
import { z } from '@hono/zod-openapi';
import { defineRoute } from '../http/routes.ts';
import {
  CodeSchema,
  errors,
  json,
  jsonBody,
  listOf,
  QueryCodeSchema,
  Uuid,
} from '../http/schemas.ts';
import {
  CONTACT_MEANS,
  EVENT_FORMS,
  MODULE_LEVELS,
  MODULE_PROGRAMMES,
  REFERRAL_MEANS,
  REFERRAL_SOURCES,
  type ModuleProgramme,
} from '../domain/service-records.ts';

const COORDINATOR = { roles: ['coordinator'], tenancy: 'operator' } as const;

/** A calendar date that exists, in 2000-2100 ('2026-02-30' and '0000-01-01' are refused). */
export const DateSchema = z
  .string()
  .regex(/^(20\d\d|2100)-\d{2}-\d{2}$/, 'Use YYYY-MM-DD, a year from 2000 to 2100.')
  .refine((d) => {
    const time = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(time) && new Date(time).toISOString().startsWith(d);
  }, 'No such date.')
  .openapi({ example: '2026-05-14' });
const Id = z.string().regex(Uuid, 'Not an id.');
const CaseParams = z.object({ id: Id });
const EnrolmentParams = z.object({ id: Id, enrolmentId: Id });
const Created = json(z.object({ id: z.string() }), 'Recorded');

export const FirstContactSchema = z.enum(['in_time', 'late', 'overdue', 'waiting']);
export const CaseSchema = z
  .object({
    id: z.string(),
    unit: z.string(),
    reference: z.string().openapi({ description: 'The NGO’s own pseudonymous case code' }),
    category: z.string(),
    referredOn: z.string(),
    referralSource: z.enum(REFERRAL_SOURCES),
    contactDueOn: z.string().openapi({ description: 'The 10th working day after the referral' }),
    firstContactOn: z.string().nullable(),
    firstContact: FirstContactSchema,
  })
  .openapi('Case');

export const CaseDetailSchema = CaseSchema.extend({
  contacts: z.array(z.object({ id: z.string(), date: z.string(), means: z.string() })),
  enrolments: z.array(
    z.object({
      id: z.string(),
      programme: z.enum(MODULE_PROGRAMMES as [ModuleProgramme, ...ModuleProgramme[]]),
      module: z.enum(MODULE_LEVELS),
      endedOn: z.string().nullable(),
      hours: z.number(),
      sessions: z.array(
        z.object({
          id: z.string(),
          date: z.string(),
          hours: z.number(),
          activity: z.string().nullable(),
        }),
      ),
    }),
  ),
  referrals: z.array(
    z.object({ id: z.string(), date: z.string(), service: z.string(), means: z.string() }),
  ),
}).openapi('CaseDetail');

export const ServiceEventSchema = z
  .object({
    id: z.string(),
    unit: z.string(),
    kind: z.string(),
    date: z.string(),
    sessions: z.number().int(),
    participants: z.number().int().nullable(),
    form: z.enum(EVENT_FORMS),
    openEvent: z.boolean(),
    activity: z.string().nullable(),
  })
  .openapi('ServiceEvent');

export const createCase = defineRoute(COORDINATOR, {
  method: 'post',
  path: '/cases',
  summary: 'Record a case (pseudonymous: the NGO’s case code, never a name, HKID, phone or e-mail)',
  request: {
    body: jsonBody(
      z.object({
        unit: CodeSchema,
        reference: z.string().max(200),
        category: z
          .string()
          .max(40)
          .openapi({ description: 'A service-user category of the programme (note 11)' }),
        referredOn: DateSchema,
        referralSource: z.enum(REFERRAL_SOURCES),
      }),
    ),
  },
  responses: { 201: Created, ...errors(401, 403, 409, 422) },
});

export const listCases = defineRoute(COORDINATOR, {
  method: 'get',
  path: '/cases',
  summary:
    'The operator’s cases: search by reference, by unit, by financial year of referral, by first-contact status',
  request: {
    query: z.object({
      unit: QueryCodeSchema.optional(),
      reference: z
        .string()
        .min(1)
        .max(40)
        .optional()
        .openapi({ description: 'The start of a reference, any case' }),
      fiscalYear: z.coerce.number().int().min(2000).max(2100).optional(),
      firstContact: FirstContactSchema.optional(),
    }),
  },
  responses: { 200: json(listOf(CaseSchema), 'Cases'), ...errors(401, 403, 422) },
});

export const getCase = defineRoute(COORDINATOR, {
  method: 'get',
  path: '/cases/{id}',
  summary: 'One case with its contacts, enrolments, attendance and referrals',
  request: { params: CaseParams },
  responses: { 200: json(CaseDetailSchema, 'The case'), ...errors(401, 403, 404, 422) },
});

export const addContact = defineRoute(COORDINATOR, {
  method: 'post',
  path: '/cases/{id}/contacts',
  summary: 'Record a contact attempt (note 22: an acknowledgement to the referrer is not one)',
  request: {
    params: CaseParams,
    body: jsonBody(z.object({ date: DateSchema, means: z.enum(CONTACT_MEANS) })),
  },
  responses: { 201: Created, ...errors(401, 403, 404, 422) },
});

export const addEnrolment = defineRoute(COORDINATOR, {
  method: 'post',
  path: '/cases/{id}/enrolments',
  summary: 'Enrol the case in a 6-hour learning programme or 4-hour children’s programme module',
  request: {
    params: CaseParams,
    body: jsonBody(
      z.object({
        programme: z.enum(MODULE_PROGRAMMES as [ModuleProgramme, ...ModuleProgramme[]]),
        module: z.enum(MODULE_LEVELS),
        endedOn: DateSchema.nullable()
          .optional()
          .openapi({ description: 'The day the module ended; it counts in that financial year' }),
      }),
    ),
  },
  responses: { 201: Created, ...errors(401, 403, 404, 422) },
});

export const endEnrolment = defineRoute(COORDINATOR, {
  method: 'patch',
  path: '/cases/{id}/enrolments/{enrolmentId}',
  summary: 'Record (or clear) the day the module ended',
  request: {
    params: EnrolmentParams,
    body: jsonBody(z.object({ endedOn: DateSchema.nullable() })),
  },
  responses: { 204: { description: 'Recorded' }, ...errors(401, 403, 404, 422) },
});

export const addAttendance = defineRoute(COORDINATOR, {
  method: 'post',
  path: '/cases/{id}/enrolments/{enrolmentId}/sessions',
  summary:
    'Record hours attended (half hours), within the module’s hours, optionally in one of the operator’s activities',
  request: {
    params: EnrolmentParams,
    body: jsonBody(
      z.object({
        date: DateSchema,
        hours: z
          .number()
          .positive()
          .max(6)
          .refine((h) => Number.isInteger(h * 2), 'Record hours in half hours.'),
        activity: Id.optional(),
      }),
    ),
  },
  responses: { 201: Created, ...errors(401, 403, 404, 422) },
});

export const addReferral = defineRoute(COORDINATOR, {
  method: 'post',
  path: '/cases/{id}/referrals',
  summary: 'Record a referral of the case to a community support service (notes 12-13)',
  request: {
    params: CaseParams,
    body: jsonBody(
      z.object({ date: DateSchema, service: z.string().max(40), means: z.enum(REFERRAL_MEANS) }),
    ),
  },
  responses: { 201: Created, ...errors(401, 403, 404, 422) },
});

export const createEvent = defineRoute(COORDINATOR, {
  method: 'post',
  path: '/service-events',
  summary:
    'Record an event the output standards count (promotion, support/education activity, education activity, …)',
  request: {
    body: jsonBody(
      z.object({
        unit: CodeSchema,
        kind: z.string().max(40),
        date: DateSchema.openapi({ description: 'The day it was held (its last session)' }),
        sessions: z.number().int().min(1).max(1000),
        participants: z.number().int().min(0).max(1_000_000).nullable().openapi({
          description: 'null for an open event with no set number of participants',
        }),
        form: z.enum(EVENT_FORMS),
        openEvent: z.boolean().openapi({
          description: 'A carnival, exhibition or other event open to anyone (note 14)',
        }),
        activity: Id.optional(),
      }),
    ),
  },
  responses: { 201: Created, ...errors(401, 403, 422) },
});

export const listEvents = defineRoute(COORDINATOR, {
  method: 'get',
  path: '/service-events',
  summary: 'The operator’s events',
  request: {
    query: z.object({
      unit: QueryCodeSchema.optional(),
      fiscalYear: z.coerce.number().int().min(2000).max(2100).optional(),
    }),
  },
  responses: { 200: json(listOf(ServiceEventSchema), 'Events'), ...errors(401, 403, 422) },
});

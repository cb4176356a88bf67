// The contract of activities: the zod schemas of its requests and responses, and each route's
// declaration (path, who may call it, documented answers). Its handlers are in routes.ts.
import { z } from '@hono/zod-openapi';
import { defineRoute } from '../http/routes.ts';
import { errors, IdParams, json, jsonBody, listOf, LocalisedTextSchema } from '../http/schemas.ts';
import { PIN_PATTERN } from '../kiosk/pin.ts';
import { ResponseSubmissionSchema } from '../responses/service.ts';

export const COORDINATOR = ['coordinator'] as const;

export const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const Params = IdParams;

export const ActivitySchema = z
  .object({
    id: z.string().uuid(),
    unit: z.string(),
    programme: z.string(),
    kind: z.string(),
    title: z.string(),
    date: z.string(),
    createdAt: z.string(),
    responses: z.number().int().openapi({ description: 'Responses stored and not voided' }),
    quarantined: z
      .number()
      .int()
      .openapi({ description: 'Refused kiosk submissions waiting for a decision' }),
    questionnaires: z.array(
      z.object({
        id: z.string(),
        version: z.number().int(),
        status: z.string(),
        population: z.string(),
        title: LocalisedTextSchema,
      }),
    ),
    kiosks: z.array(
      z.object({
        id: z.string(),
        openedAt: z.string(),
        expiresAt: z.string(),
        closedAt: z.string().nullable(),
        open: z.boolean(),
      }),
    ),
  })
  .openapi('Activity');

export const create = defineRoute(
  { roles: COORDINATOR, tenancy: 'operator' },
  {
    method: 'post',
    path: '/activities',
    summary:
      'Record an activity (session) of one of your units, with the approved questionnaires it uses',
    request: {
      body: jsonBody(
        z.object({
          unit: z.string().max(40),
          kind: z.string().max(60),
          title: z.string().trim().min(1).max(200),
          date: z
            .string()
            .regex(DATE, 'Use YYYY-MM-DD.')
            .refine((d) => !Number.isNaN(Date.parse(d)), 'Not a real date.'),
          questionnaires: z
            .array(z.object({ id: z.string().max(64), version: z.number().int().min(1) }))
            .max(10),
        }),
      ),
    },
    responses: {
      201: json(z.object({ id: z.string().uuid() }), 'Created'),
      ...errors(401, 403, 422),
    },
  },
);

export const list = defineRoute(
  { roles: COORDINATOR, tenancy: 'operator' },
  {
    method: 'get',
    path: '/activities',
    summary: "Your operator's activities, newest first",
    responses: { 200: json(listOf(ActivitySchema), 'Activities'), ...errors(401, 403) },
  },
);

export const get = defineRoute(
  { roles: COORDINATOR, tenancy: 'operator' },
  {
    method: 'get',
    path: '/activities/{id}',
    summary: 'One activity with its questionnaires, kiosks and counts',
    request: { params: Params },
    responses: { 200: json(ActivitySchema, 'The activity'), ...errors(401, 403, 404) },
  },
);

export const kiosk = defineRoute(
  { roles: COORDINATOR, tenancy: 'operator' },
  {
    method: 'post',
    path: '/activities/{id}/kiosk',
    summary:
      'Open a kiosk for the activity: a code (shown once) that opens the tablet form without signing in',
    request: {
      params: Params,
      body: {
        ...jsonBody(
          z.object({
            minutes: z.number().int().min(1).max(10_080).optional(),
            pin: z.string().regex(PIN_PATTERN, 'Use 6 to 12 digits.').optional(),
          }),
        ),
        required: false,
      },
    },
    responses: {
      201: json(
        z.object({ code: z.string(), url: z.string(), link: z.string(), expiresAt: z.string() }),
        'Opened',
      ),
      ...errors(401, 403, 404, 422),
    },
  },
);

export const paper = defineRoute(
  { roles: COORDINATOR, tenancy: 'operator' },
  {
    method: 'post',
    path: '/activities/{id}/responses',
    summary: 'Type in a paper form (same contract as the kiosk, without the kiosk’s time window)',
    // Strict in its one declaration, shared with the kiosk route (unknown fields are 422 on both).
    request: { params: Params, body: json(ResponseSubmissionSchema) },
    responses: {
      201: json(z.object({ id: z.string().uuid() }), 'Stored'),
      200: json(z.object({ id: z.string().uuid() }), 'Already stored (a repeat)'),
      ...errors(401, 403, 404, 409, 422),
    },
  },
);

export const responses = defineRoute(
  { roles: COORDINATOR, tenancy: 'operator' },
  {
    method: 'get',
    path: '/activities/{id}/responses',
    summary:
      "The activity's responses with their answers (coordinators only; SWD never sees responses)",
    request: { params: Params },
    responses: {
      200: json(
        listOf(
          z.object({
            id: z.string(),
            questionnaire: z.object({ id: z.string(), version: z.number().int() }),
            locale: z.string(),
            completedAt: z.string(),
            receivedAt: z.string(),
            source: z.enum(['kiosk', 'paper', 'quarantine']),
            voided: z.boolean(),
            voidReason: z.string().nullable(),
            answers: z.record(z.string(), z.unknown()),
          }),
        ),
        'Responses',
      ),
      ...errors(401, 403, 404),
    },
  },
);

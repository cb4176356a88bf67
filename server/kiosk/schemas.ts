// The contract of kiosk: the zod schemas of its requests and responses, and each route's
// declaration (path, who may call it, documented answers). Its handlers are in routes.ts.
import { z } from '@hono/zod-openapi';
import { defineRoute } from '../http/routes.ts';
import { errors, json, jsonBody } from '../http/schemas.ts';
import { PIN_LIMIT } from './pin.ts';

export const CodeParams = z.object({ code: z.string().max(64) });

export const KIOSK = { roles: 'anyone', tenancy: 'kiosk' } as const;

export const KioskSchema = z
  .object({
    activity: z.object({ title: z.string(), date: z.string() }),
    questionnaires: z.array(
      z.object({
        id: z.string(),
        version: z.number().int(),
        locales: z.array(z.string()).openapi({
          description: 'The languages offered to participants: reviewed translations only',
        }),
        definition: z.record(z.string(), z.unknown()),
      }),
    ),
    serverTime: z.string(),
    expiresAt: z.string(),
    hasPin: z.boolean().openapi({
      description:
        'Whether staff may leave kiosk mode with a PIN; the PIN (or anything derived from it) is never sent: POST /kiosk/{code}/staff-check checks it',
    }),
  })
  .openapi('Kiosk');

export const get = defineRoute(KIOSK, {
  method: 'get',
  path: '/kiosk/{code}',
  summary: "The kiosk's activity and approved questionnaires, and the server's time (no sign-in)",
  request: { params: CodeParams },
  responses: { 200: json(KioskSchema, 'The kiosk'), ...errors(404, 410) },
});

export const submit = defineRoute(KIOSK, {
  method: 'post',
  path: '/kiosk/{code}/responses',
  summary:
    'Submit one response (a ResponseSubmission): 201 new, 200 repeat, 409 id reused, 410 closed, 422 does not fit; refusals are quarantined, 429 (with Retry-After) when the kiosk’s quarantine is at its bound: keep the submission and send it again later',
  request: {
    params: CodeParams,
    // Described, not validated here: a submission that does not fit is quarantined, not just
    // refused (storeKioskResponse), and the edge has parsed the body already.
    body: {
      content: {
        'application/json': { schema: { $ref: '#/components/schemas/ResponseSubmission' } },
      },
      required: true,
    },
  },
  responses: {
    201: json(z.object({ id: z.string().uuid() }), 'Stored'),
    200: json(z.object({ id: z.string().uuid() }), 'Already stored (a repeat)'),
    ...errors(400, 404, 409, 410, 413, 422, 429),
  },
});

export const staffCheck = defineRoute(KIOSK, {
  method: 'post',
  path: '/kiosk/{code}/staff-check',
  summary: `Check the staff PIN typed on the tablet: 204 right, 403 wrong, 429 after ${PIN_LIMIT.tries} wrong PINs for this kiosk in ${PIN_LIMIT.windowMinutes} minutes (then even the right one), 410 a week after the kiosk ended`,
  request: {
    params: CodeParams,
    body: { ...jsonBody(z.object({ pin: z.string().max(64) })), required: true },
  },
  responses: { 204: { description: 'Right' }, ...errors(400, 403, 404, 410, 422, 429) },
});

export const closeById = defineRoute(
  { roles: ['coordinator'], tenancy: 'operator' },
  {
    method: 'post',
    path: '/activities/{id}/kiosks/{kioskId}/close',
    summary: 'Close a kiosk early from the activity page, where its code is no longer known',
    request: { params: z.object({ id: z.string().max(64), kioskId: z.string().max(64) }) },
    responses: { 204: { description: 'Closed' }, ...errors(401, 403, 404) },
  },
);

export const close = defineRoute(
  { roles: ['coordinator'], tenancy: 'operator' },
  {
    method: 'post',
    path: '/kiosk/{code}/close',
    summary: 'Close a kiosk early (coordinator of its operator)',
    request: { params: CodeParams },
    responses: { 204: { description: 'Closed' }, ...errors(401, 403, 404) },
  },
);

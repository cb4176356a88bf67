import { z } from '@hono/zod-openapi';
import type { Deps } from '../http/context.ts';
import { scopeOf } from '../http/context.ts';
import { defineRoute, newRouter } from '../http/routes.ts';
import { errors, json, jsonBody, listOf, LocalisedTextSchema } from '../http/schemas.ts';
import { notFound } from '../errors.ts';
import { PIN_PATTERN } from '../kiosk/pin.ts';
import { openKiosk } from '../kiosk/service.ts';
import { listResponses } from '../responses/repository.ts';
import { ResponseSubmissionSchema, storeResponse } from '../responses/service.ts';
import { listActivities } from './repository.ts';
import { activityInScope, createActivity } from './service.ts';

const COORDINATOR = ['coordinator'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const Params = z.object({ id: z.string().max(64) });

const ActivitySchema = z
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

type ActivityRow = Awaited<ReturnType<typeof listActivities>>[number];
const toActivity = (a: ActivityRow, now = new Date()) => ({
  id: a.id,
  unit: a.unit,
  programme: a.programme,
  kind: a.kind,
  title: a.title,
  date: a.date,
  createdAt: a.created_at.toISOString(),
  responses: a.responses,
  quarantined: a.quarantined,
  questionnaires: a.questionnaires.map((q) => ({
    id: q.id,
    version: q.version,
    status: q.status,
    population: q.population,
    title: { 'zh-HK': q.title_zh ?? '', en: q.title_en ?? '' },
  })),
  kiosks: a.kiosks.map((k) => ({
    id: k.id,
    openedAt: k.opened_at.toISOString(),
    expiresAt: k.expires_at.toISOString(),
    closedAt: k.closed_at?.toISOString() ?? null,
    open: !k.closed_at && k.expires_at > now,
  })),
});

const create = defineRoute(
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

const list = defineRoute(
  { roles: COORDINATOR, tenancy: 'operator' },
  {
    method: 'get',
    path: '/activities',
    summary: "Your operator's activities, newest first",
    responses: { 200: json(listOf(ActivitySchema), 'Activities'), ...errors(401, 403) },
  },
);

const get = defineRoute(
  { roles: COORDINATOR, tenancy: 'operator' },
  {
    method: 'get',
    path: '/activities/{id}',
    summary: 'One activity with its questionnaires, kiosks and counts',
    request: { params: Params },
    responses: { 200: json(ActivitySchema, 'The activity'), ...errors(401, 403, 404) },
  },
);

const kiosk = defineRoute(
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

const paper = defineRoute(
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

const responses = defineRoute(
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
            source: z.string(),
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

export function activityRoutes(deps: Deps) {
  const { db } = deps;
  return newRouter()
    .openapi(create, async (c) =>
      c.json({ id: await createActivity(db, c.get('actor')!, c.req.valid('json')) }, 201),
    )
    .openapi(list, async (c) => {
      const rows = await listActivities(db, scopeOf(c.get('actor')!));
      return c.json({ items: rows.map((a) => toActivity(a)) }, 200);
    })
    .openapi(get, async (c) => {
      const activity = await activityInScope(db, c.get('actor')!, c.req.valid('param').id);
      const [row] = await listActivities(db, scopeOf(c.get('actor')!), { id: activity.id });
      if (!row) throw notFound('The activity');
      return c.json(toActivity(row), 200);
    })
    .openapi(kiosk, async (c) => {
      const actor = c.get('actor')!;
      const activity = await activityInScope(db, actor, c.req.valid('param').id);
      const body = c.req.header('content-type')?.includes('json') ? c.req.valid('json') : {};
      return c.json(
        await openKiosk(deps, actor, activity, { minutes: body?.minutes ?? 240, pin: body?.pin }),
        201,
      );
    })
    .openapi(paper, async (c) => {
      const activity = await activityInScope(db, c.get('actor')!, c.req.valid('param').id);
      const stored = await storeResponse(
        db,
        {
          activityId: activity.id,
          operatorId: activity.operator_id,
          unitId: activity.unit_id,
          kiosk: null,
          source: 'paper',
        },
        c.req.valid('json'),
      );
      return stored.status === 201
        ? c.json({ id: stored.id }, 201)
        : c.json({ id: stored.id }, 200);
    })
    .openapi(responses, async (c) => {
      const actor = c.get('actor')!;
      const activity = await activityInScope(db, actor, c.req.valid('param').id);
      const rows = await listResponses(db, { operatorId: activity.operator_id }, activity.id);
      return c.json(
        {
          items: rows.map((r) => ({
            id: r.id,
            questionnaire: { id: r.questionnaire_id, version: r.version },
            locale: r.locale,
            completedAt: r.completed_at.toISOString(),
            receivedAt: r.received_at.toISOString(),
            source: r.source,
            voided: r.voided_at !== null,
            voidReason: r.void_reason,
            answers: r.answers,
          })),
        },
        200,
      );
    });
}

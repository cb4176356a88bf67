import { z } from '@hono/zod-openapi';
import { activityInScope } from '../activities/service.ts';
import type { Deps } from '../http/context.ts';
import { defineRoute, newRouter } from '../http/routes.ts';
import { errors, json, jsonBody, listOf, Uuid } from '../http/schemas.ts';
import { acceptQuarantined, discardQuarantined, voidStoredResponse } from './decisions.ts';
import { listQuarantine } from './repository.ts';
import { responsesWorkbook } from './export.ts';

const COORDINATOR = { roles: ['coordinator'], tenancy: 'operator' } as const;
const Params = z.object({ id: z.string().max(64) });
const Reason = z.object({ reason: z.string().trim().min(1).max(2000) });

const voidRoute = defineRoute(COORDINATOR, {
  method: 'post',
  path: '/responses/{id}/void',
  summary: 'Void a response: it stops counting in every figure (audited)',
  request: { params: Params, body: jsonBody(Reason) },
  responses: { 204: { description: 'Voided' }, ...errors(401, 403, 404, 409, 422) },
});

const exportRoute = defineRoute(COORDINATOR, {
  method: 'get',
  path: '/responses.xlsx',
  summary:
    'Every response of your operator, one row each, one column per question, value labels in a second sheet',
  responses: {
    200: {
      description: 'Workbook',
      content: {
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string() },
      },
    },
    ...errors(401, 403),
  },
});

const QuarantineSchema = z
  .object({
    id: z.string().uuid(),
    responseId: z.string().nullable(),
    body: z.unknown(),
    status: z.number().int(),
    reason: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
    receivedAt: z.string(),
    resolution: z.enum(['accepted', 'discarded']).nullable(),
    resolvedAt: z.string().nullable(),
    note: z.string().nullable(),
    dropped: z
      .object({ paths: z.array(z.string()), count: z.number().int() })
      .nullable()
      .openapi({
        description:
          'What the entry left out of the submission: only what a response could hold is kept (the contract’s fields, answers to the version’s questions); the first paths by name, and how many in all',
      }),
  })
  .openapi('QuarantinedSubmission');

/** The largest page of the quarantine list, and the page when none is asked for. */
export const QUARANTINE_PAGE = { max: 100, default: 20 };

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|([0-9a-f-]{36})$/;
const cursorOf = (row: { received_key: string; id: string }) =>
  Buffer.from(`${row.received_key}|${row.id}`).toString('base64url');

const QuarantineQuery = z.strictObject({
  state: z.enum(['waiting', 'decided']).optional().openapi({
    description: 'Only the entries waiting for a decision, or only those decided (default: both)',
  }),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, `Must be a whole number from 1 to ${QUARANTINE_PAGE.max}.`)
    .transform(Number)
    .refine(
      (n) => n >= 1 && n <= QUARANTINE_PAGE.max,
      `Must be a whole number from 1 to ${QUARANTINE_PAGE.max}.`,
    )
    .optional()
    .openapi({ description: `Entries per page, 1 to ${QUARANTINE_PAGE.max} (default 20)` }),
  after: z
    .string()
    .max(200)
    .transform((text, ctx) => {
      const match = CURSOR.exec(Buffer.from(text, 'base64url').toString());
      if (match && Uuid.test(match[2]!)) return { receivedAt: match[1]!, id: match[2]! };
      ctx.addIssue({ code: 'custom', message: 'Must be the `next` of an earlier page.' });
      return z.NEVER;
    })
    .optional()
    .openapi({ description: 'The `next` of the page before: the page starts after it' }),
});

const listRoute = defineRoute(COORDINATOR, {
  method: 'get',
  path: '/activities/{id}/quarantine',
  summary:
    'Kiosk submissions the server refused for good, waiting for (or after) a decision, a page at a time, oldest first',
  request: { params: Params, query: QuarantineQuery },
  responses: {
    200: json(
      listOf(QuarantineSchema).extend({
        next: z.string().nullable().openapi({
          description: 'Pass as `after` for the next page; null on the last page',
        }),
      }),
      'Entries',
    ),
    ...errors(401, 403, 404, 422),
  },
});

const acceptRoute = defineRoute(COORDINATOR, {
  method: 'post',
  path: '/quarantine/{id}/accept',
  summary:
    'Store a quarantined submission as a response (when it fits the contract, the kiosk window aside)',
  request: { params: Params },
  responses: {
    200: json(z.object({ responseId: z.string() }), 'Stored'),
    ...errors(401, 403, 404, 409, 422),
  },
});

const discardRoute = defineRoute(COORDINATOR, {
  method: 'post',
  path: '/quarantine/{id}/discard',
  summary: 'Discard a quarantined submission, with the reason (audited)',
  request: { params: Params, body: jsonBody(Reason) },
  responses: { 204: { description: 'Discarded' }, ...errors(401, 403, 404, 409, 422) },
});

export function responseRoutes({ db }: Deps) {
  return newRouter()
    .openapi(exportRoute, async (c) => {
      const actor = c.get('actor')!;
      const file = await responsesWorkbook(db, actor.operatorId!);
      c.header(
        'content-disposition',
        `attachment; filename="responses-${actor.operatorCode}.xlsx"`,
      );
      return c.body(new Uint8Array(file), 200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      });
    })
    .openapi(voidRoute, async (c) => {
      const { reason } = c.req.valid('json');
      await voidStoredResponse(db, c.get('actor')!, c.req.valid('param').id, reason);
      return c.body(null, 204);
    })
    .openapi(listRoute, async (c) => {
      const activity = await activityInScope(db, c.get('actor')!, c.req.valid('param').id);
      const query = c.req.valid('query');
      const limit = query.limit ?? QUARANTINE_PAGE.default;
      // One more than the page, to know whether there is a next one.
      const rows = await listQuarantine(db, { operatorId: activity.operator_id }, activity.id, {
        state: query.state,
        after: query.after,
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      return c.json(
        {
          next: rows.length > limit ? cursorOf(page[page.length - 1]!) : null,
          items: page.map((r) => ({
            id: r.id,
            responseId: r.response_id,
            body: r.body,
            status: r.status,
            reason: r.reason,
            receivedAt: r.received_at.toISOString(),
            resolution: r.resolution,
            resolvedAt: r.resolved_at?.toISOString() ?? null,
            note: r.resolution_note,
            dropped: r.dropped,
          })),
        },
        200,
      );
    })
    .openapi(acceptRoute, async (c) => {
      const stored = await acceptQuarantined(db, c.get('actor')!, c.req.valid('param').id);
      return c.json(stored, 200);
    })
    .openapi(discardRoute, async (c) => {
      const { reason } = c.req.valid('json');
      await discardQuarantined(db, c.get('actor')!, c.req.valid('param').id, reason);
      return c.body(null, 204);
    });
}

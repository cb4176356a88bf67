// The contract of responses: the zod schemas of its requests and responses, and each route's
// declaration (path, who may call it, documented answers). Its handlers are in routes.ts.
import { z } from '@hono/zod-openapi';
import { defineRoute } from '../http/routes.ts';
import {
  csvFile,
  errors,
  IdParams,
  json,
  jsonBody,
  listOf,
  Uuid,
  xlsxFile,
} from '../http/schemas.ts';

export const COORDINATOR = { roles: ['coordinator'], tenancy: 'operator' } as const;

export const Params = IdParams;

export const Reason = z.object({ reason: z.string().trim().min(1).max(2000) });

export const voidRoute = defineRoute(COORDINATOR, {
  method: 'post',
  path: '/responses/{id}/void',
  summary: 'Void a response: it stops counting in every figure (audited)',
  request: { params: Params, body: jsonBody(Reason) },
  responses: { 204: { description: 'Voided' }, ...errors(401, 403, 404, 409, 422) },
});

export const ExportQuery = z.object({
  activity: z.string().uuid().optional().openapi({ description: "Only this activity's responses" }),
  fiscalYear: z.coerce.number().int().min(2000).max(2100).optional().openapi({
    description:
      'Only responses completed in this financial year (Hong Kong time): 2026 for 2026-27',
    example: 2026,
  }),
});

export const exportRoute = defineRoute(COORDINATOR, {
  method: 'get',
  path: '/responses.xlsx',
  summary:
    "Your operator's responses (optionally one activity's or one year's), one row each, one column per question, value labels in a second sheet",
  request: { query: ExportQuery },
  responses: {
    200: xlsxFile(),
    ...errors(401, 403, 404, 422),
  },
});

export const exportCsvRoute = defineRoute(COORDINATOR, {
  method: 'get',
  path: '/responses.csv',
  summary:
    'The same rows as responses.xlsx as CSV (UTF-8 with a byte-order mark), answers as their stored values',
  request: { query: ExportQuery },
  responses: {
    200: csvFile(),
    ...errors(401, 403, 404, 422),
  },
});

export const QuarantineSchema = z
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

export const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|([0-9a-f-]{36})$/;

export const QuarantineQuery = z.strictObject({
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

export const listRoute = defineRoute(COORDINATOR, {
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

export const acceptRoute = defineRoute(COORDINATOR, {
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

export const discardRoute = defineRoute(COORDINATOR, {
  method: 'post',
  path: '/quarantine/{id}/discard',
  summary: 'Discard a quarantined submission, with the reason (audited)',
  request: { params: Params, body: jsonBody(Reason) },
  responses: { 204: { description: 'Discarded' }, ...errors(401, 403, 404, 409, 422) },
});

// The contract of audit: the zod schemas of its requests and responses, and each route's
// declaration (path, who may call it, documented answers). Its handlers are in routes.ts.
import { z } from '@hono/zod-openapi';
import { defineRoute } from '../http/routes.ts';
import { errors, json, listOf } from '../http/schemas.ts';

export const EntrySchema = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    actor: z.object({ id: z.string(), email: z.string().nullable() }).nullable(),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string().nullable(),
    operator: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .openapi('AuditEntry');

export const list = defineRoute(
  { roles: ['admin', 'coordinator'], tenancy: 'operator' },
  {
    method: 'get',
    path: '/audit',
    summary: "The audit log, newest first (admins: all; coordinators: their operator's entries)",
    request: {
      query: z.object({
        before: z.coerce
          .number()
          .int()
          .positive()
          .optional()
          .openapi({ description: 'Entries before this sequence number' }),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
    },
    responses: { 200: json(listOf(EntrySchema), 'Entries'), ...errors(401, 403, 422) },
  },
);

export const VerificationSchema = z
  .object({
    entries: z.number().int().openapi({ description: 'Entries checked before the first break' }),
    broken: z
      .object({ seq: z.number().int(), reason: z.string() })
      .nullable()
      .openapi({ description: 'The first entry whose hash does not follow, or null' }),
    checkedAt: z.string(),
  })
  .openapi('AuditVerification');

export const verify = defineRoute(
  { roles: ['admin'], tenancy: 'global' },
  {
    method: 'post',
    path: '/audit/verification',
    summary: "Check the audit log's hash chain now (admin); names the first broken entry",
    description:
      'The same check as `npm run admin -- verify-audit`; it reads the whole log. The result is ' +
      'itself recorded (`audit_verified`), so the admin home page can say when the log was last ' +
      'checked and what was found.',
    responses: { 200: json(VerificationSchema, 'The result'), ...errors(401, 403) },
  },
);

export const DecisionSchema = z
  .object({
    version: z.number().int(),
    decision: z.enum(['submitted', 'approved', 'rejected', 'retired']),
    at: z.string(),
    by: z.object({
      role: z.enum(['admin', 'swd', 'coordinator']).nullable(),
      email: z
        .string()
        .nullable()
        .openapi({ description: 'Shown to admins and SWD; null for coordinators' }),
    }),
    reason: z.string().nullable(),
    contentHash: z.string().nullable(),
  })
  .openapi('QuestionnaireDecision');

export const decisions = defineRoute(
  { roles: ['admin', 'swd', 'coordinator'], tenancy: 'operator' },
  {
    method: 'get',
    path: '/questionnaires/{id}/decisions',
    summary: "A questionnaire's submissions and SWD's decisions on its versions, oldest first",
    description: 'From the audit log: who (by role) decided what and when, with any reason.',
    request: { params: z.object({ id: z.string() }) },
    responses: { 200: json(listOf(DecisionSchema), 'Decisions'), ...errors(401, 403, 404) },
  },
);

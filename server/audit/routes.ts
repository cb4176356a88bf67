import { z } from '@hono/zod-openapi';
import { scopeOf, type Deps } from '../http/context.ts';
import { defineRoute, newRouter } from '../http/routes.ts';
import { notFound } from '../errors.ts';
import { errors, json, listOf, Uuid } from '../http/schemas.ts';
import { audited, listAudit, listDecisions, verifyAuditChain } from './repository.ts';

const EntrySchema = z
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

const list = defineRoute(
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

const VerificationSchema = z
  .object({
    entries: z.number().int().openapi({ description: 'Entries checked before the first break' }),
    broken: z
      .object({ seq: z.number().int(), reason: z.string() })
      .nullable()
      .openapi({ description: 'The first entry whose hash does not follow, or null' }),
    checkedAt: z.string(),
  })
  .openapi('AuditVerification');

const verify = defineRoute(
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

const DecisionSchema = z
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

const decisions = defineRoute(
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

export function auditRoutes({ db }: Deps) {
  return newRouter()
    .openapi(verify, async (c) => {
      const actor = c.get('actor')!;
      const { broken, entries } = await verifyAuditChain(db);
      await audited(db, actor, async () => ({
        result: null,
        event: { action: 'audit_verified', targetType: 'audit_log', details: { entries, broken } },
      }));
      return c.json({ entries, broken, checkedAt: new Date().toISOString() }, 200);
    })
    .openapi(decisions, async (c) => {
      const actor = c.get('actor')!;
      const { id } = c.req.valid('param');
      const rows = Uuid.test(id) ? await listDecisions(db, scopeOf(actor), id) : null;
      if (!rows) throw notFound('The questionnaire');
      const showEmail = actor.role !== 'coordinator';
      return c.json(
        {
          items: rows.map((r) => ({
            version: Number(r.target_id!.split('/')[1]),
            decision: r.action.replace('questionnaire_', '') as
              'submitted' | 'approved' | 'rejected' | 'retired',
            at: r.at.toISOString(),
            by: { role: r.role, email: showEmail ? r.actor_email : null },
            reason: typeof r.details.reason === 'string' ? r.details.reason : null,
            contentHash: typeof r.details.contentHash === 'string' ? r.details.contentHash : null,
          })),
        },
        200,
      );
    })
    .openapi(list, async (c) => {
      const rows = await listAudit(db, scopeOf(c.get('actor')!), c.req.valid('query'));
      return c.json(
        {
          items: rows.map((r) => ({
            seq: r.seq,
            at: r.at.toISOString(),
            actor: r.actor_id ? { id: r.actor_id, email: r.actor_email } : null,
            action: r.action,
            targetType: r.target_type,
            targetId: r.target_id,
            operator: r.operator_code,
            details: r.details,
          })),
        },
        200,
      );
    });
}

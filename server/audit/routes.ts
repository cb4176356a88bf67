import { z } from '@hono/zod-openapi';
import { scopeOf, type Deps } from '../http/context.ts';
import { defineRoute, newRouter } from '../http/routes.ts';
import { errors, json, listOf } from '../http/schemas.ts';
import { listAudit } from './repository.ts';

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

export function auditRoutes({ db }: Deps) {
  return newRouter().openapi(list, async (c) => {
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

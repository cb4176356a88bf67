import { scopeOf, type Deps } from '../http/context.ts';
import { newRouter } from '../http/routes.ts';
import { notFound } from '../errors.ts';
import { Uuid } from '../http/schemas.ts';
import { audited, listAudit, listDecisions, verifyAuditChain } from './repository.ts';
import { list, verify, decisions } from './schemas.ts';

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

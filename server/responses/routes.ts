import { z } from '@hono/zod-openapi';
import { activityInScope } from '../activities/service.ts';
import { audited } from '../audit/repository.ts';
import { conflict, notFound } from '../errors.ts';
import { scopeOf, type Deps } from '../http/context.ts';
import { newRouter } from '../http/routes.ts';
import { Uuid } from '../http/schemas.ts';
import {
  findQuarantined,
  findResponse,
  listQuarantine,
  resolveQuarantined,
  voidResponse,
} from './repository.ts';
import { storeResponse } from './service.ts';
import { responsesCsv, responsesWorkbook, type ExportFilter } from './export.ts';
import { removeVerdicts } from '../outcomes/repository.ts';
import {
  voidRoute,
  exportCsvRoute,
  ExportQuery,
  exportRoute,
  QUARANTINE_PAGE,
  listRoute,
  acceptRoute,
  discardRoute,
} from './schemas.ts';

const cursorOf = (row: { received_key: string; id: string }) =>
  Buffer.from(`${row.received_key}|${row.id}`).toString('base64url');

/** Which responses an export asked for, its activity checked to be the caller's; and its file name. */
async function exportScope(
  db: Deps['db'],
  actor: NonNullable<Parameters<typeof scopeOf>[0]>,
  query: z.infer<typeof ExportQuery>,
): Promise<{ filter: ExportFilter; name: string }> {
  if (query.activity) await activityInScope(db, actor, query.activity);
  const name = ['responses', actor.operatorCode, query.fiscalYear, query.activity?.slice(0, 8)]
    .filter((part) => part !== undefined && part !== null)
    .join('-');
  return { filter: { activityId: query.activity, fiscalYear: query.fiscalYear }, name };
}

export function responseRoutes({ db }: Deps) {
  async function quarantinedInScope(actor: Parameters<typeof scopeOf>[0], id: string) {
    const entry = Uuid.test(id) ? await findQuarantined(db, scopeOf(actor), id) : undefined;
    if (!entry) throw notFound('The quarantined submission');
    if (entry.resolved_at) throw conflict(`This submission was already ${entry.resolution}.`);
    return entry;
  }

  return newRouter()
    .openapi(exportRoute, async (c) => {
      const actor = c.get('actor')!;
      const { filter, name } = await exportScope(db, actor, c.req.valid('query'));
      const file = await responsesWorkbook(db, actor.operatorId!, filter);
      c.header('content-disposition', `attachment; filename="${name}.xlsx"`);
      return c.body(new Uint8Array(file), 200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      });
    })
    .openapi(exportCsvRoute, async (c) => {
      const actor = c.get('actor')!;
      const { filter, name } = await exportScope(db, actor, c.req.valid('query'));
      const csv = await responsesCsv(db, actor.operatorId!, filter);
      c.header('content-disposition', `attachment; filename="${name}.csv"`);
      return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8' });
    })
    .openapi(voidRoute, async (c) => {
      const actor = c.get('actor')!;
      const { id } = c.req.valid('param');
      const { reason } = c.req.valid('json');
      await audited(db, actor, async (trx) => {
        const response = Uuid.test(id) ? await findResponse(trx, scopeOf(actor), id) : undefined;
        if (!response) throw notFound('The response');
        if (response.voided_at) throw conflict('The response is already void.');
        await voidResponse(trx, id, reason, actor.userId);
        await removeVerdicts(trx, id);
        return {
          result: null,
          event: {
            action: 'response_voided',
            targetType: 'response',
            targetId: id,
            operatorId: response.operator_id,
            details: { reason },
          },
        };
      });
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
      const actor = c.get('actor')!;
      const entry = await quarantinedInScope(actor, c.req.valid('param').id);
      const activity = await activityInScope(db, actor, entry.activity_id);
      const stored = await storeResponse(
        db,
        {
          activityId: activity.id,
          operatorId: activity.operator_id,
          unitId: activity.unit_id,
          kiosk: null,
          source: 'quarantine',
        },
        entry.body,
      );
      await audited(db, actor, async (trx) => {
        await resolveQuarantined(trx, entry.id, 'accepted', actor.userId, null);
        return {
          result: null,
          event: {
            action: 'quarantine_accepted',
            targetType: 'quarantine',
            targetId: entry.id,
            operatorId: entry.operator_id,
            details: { response: stored.id },
          },
        };
      });
      return c.json({ responseId: stored.id }, 200);
    })
    .openapi(discardRoute, async (c) => {
      const actor = c.get('actor')!;
      const entry = await quarantinedInScope(actor, c.req.valid('param').id);
      const { reason } = c.req.valid('json');
      await audited(db, actor, async (trx) => {
        await resolveQuarantined(trx, entry.id, 'discarded', actor.userId, reason);
        return {
          result: null,
          event: {
            action: 'quarantine_discarded',
            targetType: 'quarantine',
            targetId: entry.id,
            operatorId: entry.operator_id,
            details: { reason },
          },
        };
      });
      return c.body(null, 204);
    });
}

import { z } from '@hono/zod-openapi';
import { activityInScope } from '../activities/service.ts';
import { scopeOf, type Deps } from '../http/context.ts';
import { newRouter } from '../http/routes.ts';
import { acceptQuarantined, discardQuarantined, voidStoredResponse } from './decisions.ts';
import { listQuarantine } from './repository.ts';
import { responsesCsv, responsesWorkbook, type ExportFilter } from './export.ts';
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

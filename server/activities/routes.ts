import type { Deps } from '../http/context.ts';
import { scopeOf } from '../http/context.ts';
import { newRouter } from '../http/routes.ts';
import { notFound } from '../errors.ts';
import { openKiosk } from '../kiosk/service.ts';
import { listResponses } from '../responses/repository.ts';
import { storeResponse } from '../responses/service.ts';
import { listActivities } from './repository.ts';
import { activityInScope, createActivity } from './service.ts';
import { create, list, get, kiosk, paper, responses } from './schemas.ts';

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

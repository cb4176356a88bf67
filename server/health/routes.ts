import { z } from '@hono/zod-openapi';
import { isReachable } from '../db/open.ts';
import type { Deps } from '../http/context.ts';
import { defineRoute, newRouter } from '../http/routes.ts';
import { json } from '../http/schemas.ts';

const health = defineRoute(
  { roles: 'anyone', tenancy: 'public' },
  {
    method: 'get',
    path: '/health',
    summary: 'Ready to serve: 200 when the database answers, 503 while it cannot be reached',
    responses: {
      200: json(z.object({ status: z.literal('ok') }), 'Ready'),
      503: json(
        z.object({ status: z.literal('unavailable'), database: z.literal('unreachable') }),
        'Database unreachable',
      ),
    },
  },
);

export function healthRoutes({ db }: Deps) {
  return newRouter().openapi(health, async (c) =>
    (await isReachable(db))
      ? c.json({ status: 'ok' as const }, 200)
      : c.json({ status: 'unavailable' as const, database: 'unreachable' as const }, 503),
  );
}

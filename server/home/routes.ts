import type { Deps } from '../http/context.ts';
import { defineRoute, newRouter } from '../http/routes.ts';
import { errors, json } from '../http/schemas.ts';
import { HomeSchema } from './schemas.ts';
import { whatWaits } from './service.ts';

const home = defineRoute(
  { roles: ['admin', 'swd', 'coordinator'], tenancy: 'operator' },
  {
    method: 'get',
    path: '/home',
    summary: 'What waits for the caller: the lists of the home page, by role',
    description:
      'SWD: versions waiting for review. Coordinator (its own operator only): SWD’s recent ' +
      'decisions with their reasons, refused kiosk submissions waiting per activity, kiosks ' +
      'still open. Admin: users who must change a reset password, and the last audit check.',
    responses: { 200: json(HomeSchema, 'What waits'), ...errors(401, 403) },
  },
);

export function homeRoutes({ db }: Deps) {
  return newRouter().openapi(home, async (c) => c.json(await whatWaits(db, c.get('actor')!), 200));
}

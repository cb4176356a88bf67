// What waits for the signed-in person (GET /home), typed by the server's own schema.
import { request } from '../app/api.ts';
import type { Home } from '../../server/home/schemas.ts';

/** The home page's lists, by role: each present only for the roles it concerns. */
export type Waiting = Home;

export const homeApi = {
  waiting: () => request<Waiting>('GET', '/home'),
};

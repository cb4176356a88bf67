// What waits for the signed-in person (GET /home), typed by the server's own route.
import { client, ok, type Answer } from '../app/api.ts';

/** The home page's lists, by role: each present only for the roles it concerns. */
export type Waiting = Answer<typeof client.home.$get>;

export const homeApi = {
  waiting: () => ok(client.home.$get()),
};

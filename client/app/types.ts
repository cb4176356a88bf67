// The API's shapes that the staff app's pages name, each derived from the server's routes through
// the typed client (client/app/api.ts): none is declared here, so none can drift from the server.
import type { client, Answer, Item } from './api.ts';

/** A list answer: `{ items: [...] }`. */
export interface List<T> {
  items: T[];
}

/** The signed-in person. */
export type SessionUser = Answer<typeof client.auth.me.$get>['user'];

export type Role = SessionUser['role'];
export const ROLES: readonly Role[] = ['admin', 'swd', 'coordinator'];

/** A name in several languages, at least `zh-HK` and `en`. */
export type LocalisedText = Partial<Record<string, string>>;

export type User = Item<Answer<typeof client.users.$get>>;

export type Operator = Item<Answer<typeof client.operators.$get>>;

export type Unit = Operator['units'][number];

export type Programme = Item<Answer<typeof client.programmes.$get>>;

/** An outcome standard with its agreed level now and from each financial year on. */
export type OutcomeStandard = Programme['outcomeStandards'][number];

/** One of SWD's districts with its District Council districts. */
export type District = Item<Answer<typeof client.districts.$get>>;

/** An API token as listed (never its secret). */
export type ApiToken = Item<Answer<typeof client.tokens.$get>>;

/** One entry of the audit log. */
export type AuditEntry = Item<Answer<typeof client.audit.$get>>;

export type AuditVerification = Answer<typeof client.audit.verification.$post>;

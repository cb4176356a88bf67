// The staff app's calls to /api/v1, through Hono's typed client over the server's routes: the
// paths, what each takes and what it answers all come from the routes' zod schemas (AppType), so
// a server change that breaks a page fails `npm run typecheck`. Nothing here re-declares a shape.
import { hc, type ClientResponse, type InferRequestType } from 'hono/client';
import type { SuccessStatusCode } from 'hono/utils/http-status';
import type { AppType } from '../../server/app.ts';
import type { ErrorDetail } from '../../server/domain/error-detail.ts';

export type { ErrorDetail };

/**
 * The values a rule's sentence names, for i18next: as the server gave them, with the language
 * codes of `locale` and `locales` turned into names (`language`, `languages`).
 */
export function ruleValues(
  params: ErrorDetail['params'],
  languageName: (code: string) => string,
  separator = ', ',
) {
  const { locale, locales, ...values } = params ?? {};
  return {
    ...values,
    language: typeof locale === 'string' ? languageName(locale) : '',
    languages: (Array.isArray(locales) ? locales : []).map(languageName).join(separator),
  };
}

/** An error answered by the API in the contract's shape, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface CallOptions {
  /** False where a 401 is an answer rather than an expired session (signing in, the first check). */
  redirectOn401?: boolean;
}

let onUnauthorised: () => void = () => undefined;
let onPasswordChangeRequired: () => void = () => undefined;

/** Sets what happens when the API says the person must first change a reset password. */
export function setPasswordChangeHandler(handler: () => void) {
  onPasswordChangeRequired = handler;
}

/** Sets what happens when the session has ended (the app sends the person to sign in). */
export function setUnauthorisedHandler(handler: () => void) {
  onUnauthorised = handler;
}

/** Tells the app its session has ended (signed out elsewhere in the page): off to sign in. */
export function sessionEnded() {
  onUnauthorised();
}

/** fetch with the session cookie; throws an ApiError unless 2xx (status 0: no network). */
function fetcher({ redirectOn401 = true }: CallOptions) {
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    let response: Response;
    try {
      response = await fetch(input, { ...init, credentials: 'same-origin' });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError(0, 'network_error', 'The server could not be reached.');
    }
    if (!response.ok) {
      const error = await readError(response);
      if (response.status === 401 && redirectOn401) onUnauthorised();
      if (error.code === 'password_change_required') onPasswordChangeRequired();
      throw error;
    }
    return response;
  };
}

const clientOptions = { headers: { Accept: 'application/json' } };

/** The typed client of /api/v1 (`hc<AppType>`): every call throws an ApiError unless 2xx. */
export const client = hc<AppType>('/api/v1', { ...clientOptions, fetch: fetcher({}) });

/** The same client for calls where a 401 is an answer: signing in, asking who is signed in. */
export const quietClient = hc<AppType>('/api/v1', {
  ...clientOptions,
  fetch: fetcher({ redirectOn401: false }),
});

type Endpoint = (...args: never[]) => Promise<ClientResponse<unknown, number, string>>;

/** The body of a 2xx answer of a response type (204 and bodiless answers: undefined). */
type Success<R> =
  R extends ClientResponse<infer T, infer S, infer F>
    ? S extends SuccessStatusCode
      ? F extends 'json'
        ? T
        : undefined
      : never
    : never;

/** What an endpoint answers when it succeeds: `Answer<typeof client.operators.$get>`. */
export type Answer<F extends Endpoint> = Success<Awaited<ReturnType<F>>>;

/** What an endpoint takes as its JSON body. */
export type JsonBody<F extends Endpoint> =
  InferRequestType<F> extends { json: infer J } ? J : never;

/** One item of a list answer (`{ items: [...] }`). */
export type Item<L> = L extends { items: (infer T)[] } ? T : never;

/** The body of a call's 2xx answer (non-2xx answers were thrown by the client's fetch). */
export async function ok<R extends ClientResponse<unknown, number, string>>(
  response: Promise<R>,
): Promise<Success<R>> {
  const answer = await response;
  const text = answer.status === 204 ? '' : await answer.text();
  return (text ? JSON.parse(text) : undefined) as Success<R>;
}

/** An AbortSignal as a call's options. */
export const signalled = (signal?: AbortSignal) => (signal ? { init: { signal } } : {});

async function readError(response: Response): Promise<ApiError> {
  try {
    const body: unknown = await response.json();
    const error = (body as { error?: unknown } | null)?.error as
      Record<string, unknown> | undefined;
    if (error && typeof error.code === 'string') {
      const details = Array.isArray(error.details)
        ? error.details.filter(
            (d): d is ErrorDetail => typeof d?.path === 'string' && typeof d?.message === 'string',
          )
        : [];
      return new ApiError(response.status, error.code, String(error.message ?? ''), details);
    }
  } catch {
    // Not JSON (a proxy's error page, say): described by its status below.
  }
  return new ApiError(
    response.status,
    'http_error',
    response.statusText || `HTTP ${response.status}`,
  );
}

export type NewUser = JsonBody<typeof client.users.$post>;
export type NewOperator = JsonBody<typeof client.operators.$post>;
export type NewUnit = NewOperator['units'][number];
export type OperatorChange = JsonBody<(typeof client.operators)[':code']['$patch']>;

/** The endpoints the staff app's own pages use (each feature has its own in its api.ts). */
export const api = {
  signIn: (email: string, password: string) =>
    ok(quietClient.auth.login.$post({ json: { email, password } })),
  signOut: () => ok(quietClient.auth.logout.$post()),
  me: (signal?: AbortSignal) => ok(quietClient.auth.me.$get(undefined, signalled(signal))),
  changePassword: (currentPassword: string, newPassword: string) =>
    ok(client.auth.password.$post({ json: { currentPassword, newPassword } })),
  users: () => ok(client.users.$get()),
  createUser: (user: NewUser) => ok(client.users.$post({ json: user })),
  setUserDisabled: (id: string, disabled: boolean) =>
    ok(client.users[':id'].$patch({ param: { id: enc(id) }, json: { disabled } })),
  operators: () => ok(client.operators.$get()),
  createOperator: (operator: NewOperator) => ok(client.operators.$post({ json: operator })),
  resetPassword: (id: string, password: string) =>
    ok(client.users[':id'].password.$post({ param: { id: enc(id) }, json: { password } })),
  updateOperator: (code: string, change: OperatorChange) =>
    ok(client.operators[':code'].$patch({ param: { code: enc(code) }, json: change })),
  programmes: () => ok(client.programmes.$get()),
  setAgreedLevel: (
    programme: string,
    standard: number,
    level: JsonBody<(typeof client.programmes)[':code']['standards'][':number']['$patch']>,
  ) =>
    ok(
      client.programmes[':code'].standards[':number'].$patch({
        param: { code: enc(programme), number: String(standard) },
        json: level,
      }),
    ),
  tokens: (all = false) => ok(client.tokens.$get({ query: all ? { all: 'true' } : {} })),
  createToken: (name: string, expiresInDays?: number) =>
    ok(client.tokens.$post({ json: expiresInDays ? { name, expiresInDays } : { name } })),
  revokeToken: (id: string) => ok(client.tokens[':id'].$delete({ param: { id: enc(id) } })),
  audit: (before?: number) =>
    ok(
      client.audit.$get({
        query: { limit: '100', ...(before ? { before: String(before) } : {}) },
      }),
    ),
  verifyAudit: () => ok(client.audit.verification.$post()),
  districts: () => ok(client.districts.$get()),
};

/** A path parameter as the address needs it (hc puts values in the path as they are). */
export const enc = (value: string | number) => encodeURIComponent(value);

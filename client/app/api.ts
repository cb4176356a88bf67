import type {
  ApiToken,
  AuditEntry,
  AuditVerification,
  District,
  List,
  Operator,
  Programme,
  Role,
  SessionUser,
  User,
} from './types.ts';

/** One broken rule of a 422 (or other) error: where, and what, in the server's words. */
export interface ErrorDetail {
  path: string;
  message: string;
  /** A questionnaire or response rule's code, which the pages say in the reader's language. */
  rule?: string;
  /** The values that rule names; `locale` and `locales` hold language codes. */
  params?: Record<string, string | number | string[]>;
}

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

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
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

/** Calls `/api/v1{path}` with JSON and the session cookie; throws an ApiError unless 2xx. */
export async function request<T>(
  method: Method,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (options.signal) init.signal = options.signal;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', 'The server could not be reached.');
  }
  if (!response.ok) {
    const error = await readError(response);
    if (response.status === 401 && options.redirectOn401 !== false) onUnauthorised();
    if (error.code === 'password_change_required') onPasswordChangeRequired();
    throw error;
  }
  const text = response.status === 204 ? '' : await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

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

export interface NewUser {
  email: string;
  password: string;
  role: Role;
  operator?: string;
}

export interface NewUnit {
  code: string;
  programme: string;
  region?: string;
  districts?: string[];
}

export interface NewOperator {
  code: string;
  name: { en: string; 'zh-HK': string };
  units: NewUnit[];
}

/** The endpoints the staff app uses. */
export const api = {
  signIn: (email: string, password: string) =>
    request<{ user: SessionUser }>('POST', '/auth/login', {
      body: { email, password },
      redirectOn401: false,
    }),
  signOut: () => request<void>('POST', '/auth/logout', { redirectOn401: false }),
  me: (signal?: AbortSignal) =>
    request<{ user: SessionUser }>('GET', '/auth/me', {
      redirectOn401: false,
      ...(signal ? { signal } : {}),
    }),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<void>('POST', '/auth/password', { body: { currentPassword, newPassword } }),
  users: () => request<List<User>>('GET', '/users'),
  createUser: (user: NewUser) => request<{ id: string }>('POST', '/users', { body: user }),
  setUserDisabled: (id: string, disabled: boolean) =>
    request<User>('PATCH', `/users/${encodeURIComponent(id)}`, { body: { disabled } }),
  operators: () => request<List<Operator>>('GET', '/operators'),
  createOperator: (operator: NewOperator) =>
    request<Operator>('POST', '/operators', { body: operator }),
  resetPassword: (id: string, password: string) =>
    request<User>('POST', `/users/${encodeURIComponent(id)}/password`, { body: { password } }),
  updateOperator: (code: string, change: { name?: NewOperator['name']; addUnits?: NewUnit[] }) =>
    request<Operator>('PATCH', `/operators/${encodeURIComponent(code)}`, { body: change }),
  programmes: () => request<List<Programme>>('GET', '/programmes'),
  setAgreedLevel: (
    programme: string,
    standard: number,
    level: { agreedPercent: number | null; fromFiscalYear: number },
  ) =>
    request<Programme>(
      'PATCH',
      `/programmes/${encodeURIComponent(programme)}/standards/${standard}`,
      { body: level },
    ),
  tokens: (all = false) => request<List<ApiToken>>('GET', all ? '/tokens?all=true' : '/tokens'),
  createToken: (name: string, expiresInDays?: number) =>
    request<{ token: string; id: string; expiresAt: string }>('POST', '/tokens', {
      body: expiresInDays ? { name, expiresInDays } : { name },
    }),
  revokeToken: (id: string) => request<void>('DELETE', `/tokens/${encodeURIComponent(id)}`),
  audit: (before?: number) =>
    request<List<AuditEntry>>('GET', `/audit?limit=100${before ? `&before=${before}` : ''}`),
  verifyAudit: () => request<AuditVerification>('POST', '/audit/verification'),
  districts: () => request<List<District>>('GET', '/districts'),
};

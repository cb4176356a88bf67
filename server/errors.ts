import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorDetail } from './domain/error-detail.ts';
import type { Logger } from './lib/log.ts';

// Re-exported so server modules keep importing error shapes from one place.
export { ruleDetail, type ErrorDetail, type RuleParams } from './domain/error-detail.ts';

/** An error the contract names: it becomes `{"error": {code, message, details}}` with `status`. */
export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new AppError(400, 'bad_request', message);
export const unauthorised = (message = 'Sign in first.') =>
  new AppError(401, 'unauthorised', message);
export const forbidden = (message = 'You are not allowed to do this.') =>
  new AppError(403, 'forbidden', message);
export const passwordChangeRequired = () =>
  new AppError(
    403,
    'password_change_required',
    'An admin reset your password: choose a new one first (POST /auth/password).',
  );
export const notFound = (what: string) => new AppError(404, 'not_found', `${what} was not found.`);
export const conflict = (message: string, code = 'conflict') => new AppError(409, code, message);
export const ruleBroken = (message: string, details: ErrorDetail[], code = 'rule_broken') =>
  new AppError(422, code, message, details);
export const tooManyRequests = (message: string) => new AppError(429, 'too_many_requests', message);

/** The JSON body of an error response. */
export function errorBody(error: AppError) {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details?.length ? { details: error.details } : {}),
      ...error.extra,
    },
  };
}

/** Maps whatever a handler threw to the contract's error shape; unknown errors become a bare 500. */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof AppError) return c.json(errorBody(err), err.status);
  if (err instanceof HTTPException) {
    const known = fromHttpException(err);
    return c.json(errorBody(known), known.status);
  }
  if (isDatabaseUnavailable(err)) {
    return c.json(
      errorBody(
        new AppError(
          503,
          'database_unavailable',
          'The database cannot be reached; try again shortly.',
        ),
      ),
      503,
    );
  }
  const log = c.get('log' as never) as Logger | undefined;
  log?.error('unhandled error', { error: err.message, stack: err.stack });
  return c.json(
    errorBody(new AppError(500, 'internal_error', 'Something went wrong on our side.')),
    500,
  );
}

function fromHttpException(err: HTTPException): AppError {
  if (err.status === 400) return badRequest('The request body is not readable JSON.');
  if (err.status === 413)
    return new AppError(413, 'payload_too_large', 'The request is too large.');
  const status = err.status as ContentfulStatusCode;
  return new AppError(status, 'http_error', err.message || 'The request was refused.');
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);

/** The database is down or restarting (not a bug): the caller should retry. */
export function isDatabaseUnavailable(err: Error): boolean {
  const code = (err as { code?: unknown }).code;
  return (
    (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) ||
    /Connection terminated|timeout exceeded when trying to connect/i.test(err.message)
  );
}

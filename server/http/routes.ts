import { createRoute, OpenAPIHono, type RouteConfig, type z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Role } from '../db/schema.ts';
import {
  AppError,
  badRequest,
  forbidden,
  passwordChangeRequired,
  ruleBroken,
  unauthorised,
  type ErrorDetail,
} from '../errors.ts';
import { RESERVED_KEYS } from '../lib/reserved-keys.ts';
import type { AppEnv } from './context.ts';
import { errors, type ErrorStatus, type FileAnswer } from './schemas.ts';

/**
 * Who may call a route, declared beside the route itself. `tenancy` says how a coordinator is
 * kept to its own operator: 'operator' routes reach operator-owned records and scope every query;
 * 'global' routes reach nothing operator-owned (reference data, one's own account); 'kiosk' routes
 * are reached by a kiosk code instead of an account; 'public' routes need nobody.
 */
export interface Access {
  roles: readonly Role[] | 'anyone';
  tenancy: 'operator' | 'global' | 'kiosk' | 'public';
}

const SIGNED_IN: Record<string, string[]>[] = [{ session: [] }, { bearer: [] }];

/** Every declared route, by "METHOD /path": the list the tenancy tests enumerate. */
export const declaredRoutes = new Map<string, Access>();
/** Whether each declared route reads a JSON request body (file uploads are not JSON). */
export const routeTakesBody = new Map<string, boolean>();
/** The query parameters each declared route reads (the tenancy tests send them blank and twice). */
export const routeQueryKeys = new Map<string, string[]>();

/** How deeply a request's JSON may nest; deeper is refused before any code walks it. */
export const MAX_JSON_DEPTH = 64;

/**
 * createRoute with its access rule. One guard middleware is made from the route (its access
 * rule, its query parameters, whether it reads a body), and every refusal that guard or the
 * route's validators can answer is added to the route's documented responses here, where they
 * are mounted, so the document cannot miss one. The rule is also recorded in `declaredRoutes`
 * and published in the OpenAPI document as `x-access`.
 */
export function defineRoute<
  P extends string,
  R extends Omit<RouteConfig, 'path' | 'middleware'> & { path: P },
>(access: Access, route: R) {
  const key = `${route.method.toUpperCase()} ${route.path}`;
  // A body declared in other types than JSON is a file (an import): its type is checked (415)
  // and the route reads the bytes itself.
  const bodyTypes = Object.keys(route.request?.body?.content ?? {});
  const takesBody = bodyTypes.includes('application/json');
  const fileTypes = takesBody ? [] : bodyTypes;
  declaredRoutes.set(key, access);
  routeTakesBody.set(key, takesBody);
  const roles = access.roles === 'anyone' ? null : access.roles;
  const allowedBeforeChange = ALLOWED_BEFORE_PASSWORD_CHANGE.has(key);
  const queryNames = new Set(parameterNames(route.request?.query));
  routeQueryKeys.set(key, [...queryNames]);
  const refusals: ErrorStatus[] = [
    ...(roles ? ([401, 403] as const) : []),
    // Unknown query parameters; malformed path, query or body values (the validators).
    422,
    ...(takesBody ? ([400] as const) : []),
    ...(fileTypes.length ? ([415] as const) : []),
  ];
  return createRoute({
    ...route,
    // One layer, in the contract's order: who is calling (401, 403), then the address, then the
    // body, which is read only once the caller may call the route at all.
    middleware: [
      createMiddleware<AppEnv>(async (c, next) => {
        if (roles) authorise(c, roles, allowedBeforeChange);
        refuseUnknownQuery(c, queryNames);
        if (queryNames.size) singleQueryValues(c);
        if (takesBody) await readJsonBody(c);
        else if (fileTypes.length) refuseOtherTypes(c, fileTypes);
        await next();
      }),
    ],
    responses: { ...errors(...refusals), ...route.responses } as R['responses'],
    security: roles ? SIGNED_IN : [],
    'x-access': access,
  });
}

/**
 * A report's download: a GET that answers a file (its CSV or workbook) for the same query as
 * the report's JSON; 401, 403 and 422 as the report.
 */
export function downloadRoute<P extends string, Q extends z.ZodObject, F extends FileAnswer>(
  access: Access,
  route: { path: P; summary: string; query: Q; file: F },
) {
  return defineRoute(access, {
    method: 'get',
    path: route.path,
    summary: route.summary,
    request: { query: route.query },
    responses: { 200: route.file, ...errors(401, 403, 422) },
  });
}

/** What a user whose password an admin reset may still call (sign-out needs nobody). */
export const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set(['GET /auth/me', 'POST /auth/password']);

/**
 * 401 without a caller, 403 for a caller whose role is not among `roles`, and 403
 * `password_change_required` for a caller who must first replace a one-time password.
 */
function authorise(c: Context<AppEnv>, roles: readonly Role[], allowedBeforeChange: boolean) {
  const actor = c.get('actor');
  if (!actor) throw unauthorised();
  if (actor.mustChangePassword && !allowedBeforeChange) throw passwordChangeRequired();
  if (!roles.includes(actor.role)) throw forbidden();
}

/** The property names of a zod object schema (seen through optional, default and pipe). */
function parameterNames(schema: unknown): string[] {
  let s = schema as { shape?: object; _zod?: { def: Record<string, unknown> } } | undefined;
  for (let i = 0; s && !s.shape && i < 10; i++) {
    const def = s._zod?.def;
    s = (def?.innerType ?? def?.in ?? def?.schema) as typeof s;
  }
  if (schema && !s?.shape) throw new Error('A query schema must be a zod object');
  return s?.shape ? Object.keys(s.shape) : [];
}

/** 422 naming each query parameter the route does not take (a typo is an error, not a no-op). */
function refuseUnknownQuery(c: Context<AppEnv>, known: Set<string>) {
  const url = c.req.url;
  const start = url.indexOf('?');
  if (start === -1) return;
  const unknown = [...new Set(new URLSearchParams(url.slice(start + 1)).keys())].filter(
    (name) => !known.has(name),
  );
  if (!unknown.length) return;
  throw ruleBroken(
    'The address has query parameters this route does not take.',
    unknown.map((name) => ({ path: name, message: `Unknown query parameter "${name}".` })),
    'invalid_request',
  );
}

/** What Hono's validator reads as JSON: anything else is not read by the route at all. */
const JSON_TYPE = /^application\/([a-z-.]+\+)?json(\s*;\s*[a-zA-Z0-9-]+=([^;]+))*$/;

// NUL and unpaired surrogates cannot be stored by PostgreSQL (text or jsonb).
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

interface JsonProblem {
  message: string;
  details?: ErrorDetail[];
}

const unstorable = (at: string): JsonProblem => ({
  message: 'The request holds characters that cannot be stored (NUL or a broken surrogate pair).',
  ...(at ? { details: [{ path: at, message: 'Holds NUL or a broken surrogate pair.' }] } : {}),
});

const childPath = (at: string, key: string) => (at ? `${at}.${key}` : key);

/**
 * What is wrong with a request's JSON before any route sees it: too deep, or unstorable. Depth
 * first, the last key of an object before its earlier ones, each value before its key, and an
 * object's reserved keys before anything inside it: the first problem found is the one named.
 * Runs on every body (every kiosk submission), so paths are built only for what it names.
 */
function jsonProblem(value: unknown, depth = 1, at = ''): JsonProblem | null {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? unstorable(at) : null;
  if (value === null || typeof value !== 'object') return null;
  if (depth > MAX_JSON_DEPTH)
    return { message: `The request nests deeper than ${MAX_JSON_DEPTH} levels.` };
  if (Array.isArray(value)) {
    for (let i = value.length - 1; i >= 0; i--) {
      const problem = jsonProblem(value[i], depth + 1, childPath(at, String(i)));
      if (problem) return problem;
    }
    return null;
  }
  const keys = Object.keys(value);
  for (const key of keys) {
    if (!RESERVED_KEYS.has(key)) continue;
    const path = childPath(at, key);
    return {
      message: `The request holds a key that cannot be stored: "${key}".`,
      details: [{ path, message: `"${key}" cannot be used as a name.` }],
    };
  }
  for (let i = keys.length - 1; i >= 0; i--) {
    const key = keys[i]!;
    const child = (value as Record<string, unknown>)[key];
    // Only objects and strings can hold a problem: no path is built for the rest.
    if (child !== null && (typeof child === 'object' || typeof child === 'string')) {
      const problem = jsonProblem(child, depth + 1, childPath(at, key));
      if (problem) return problem;
    }
    if (UNSTORABLE.test(key)) return unstorable(childPath(at, key));
  }
  return null;
}

/**
 * Reads the body of a route that takes one: 400 for a body that is not JSON (by its type, which
 * the contract's errors count as unreadable JSON, rather than a 415 it does not list) or not
 * readable, 422 for JSON too deep or unstorable; the parsed value goes in `json`. An empty body
 * is left to the route (optional bodies, and bodies whose fields are all optional).
 */
async function readJsonBody(c: Context<AppEnv>) {
  const text = await c.req.text(); // cached: the route's validator reads the same body
  if (!JSON_TYPE.test(c.req.header('content-type') ?? '')) {
    if (text.length === 0) return;
    throw badRequest('Send the body as JSON (Content-Type: application/json).');
  }
  if (!text.trim()) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badRequest('The request body is not readable JSON.');
  }
  const problem = jsonProblem(parsed);
  if (problem) throw new AppError(422, 'unacceptable_json', problem.message, problem.details);
  c.set('json', parsed);
}

/** 415 for a file upload whose Content-Type is none of the route's. */
function refuseOtherTypes(c: Context<AppEnv>, types: string[]) {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!types.includes(type))
    throw new AppError(
      415,
      'unsupported_media_type',
      `Send the file with Content-Type ${types.join(' or ')}${type ? `, not ${type}` : ''}.`,
    );
}

/** A route template ("/kiosk/{code}") as a regular expression over request paths. */
const templatePattern = (template: string) =>
  new RegExp(
    `^${template
      .split(/\{[^/}]+\}/)
      .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
      .join('[^/]+')}$`,
  );

/**
 * The methods the API serves at a path (relative to /api/v1), HEAD wherever GET is: what a 405
 * lists in its Allow header. Empty when no route has this path.
 */
export function methodsAt(path: string, extra: [string, string][] = []): string[] {
  const methods = new Set<string>();
  for (const [method, template] of [
    ...[...declaredRoutes.keys()].map((k) => k.split(' ') as [string, string]),
    ...extra,
  ]) {
    if (!templatePattern(template).test(path)) continue;
    methods.add(method);
    if (method === 'GET') methods.add('HEAD');
  }
  return [...methods].sort();
}

/**
 * Every query parameter once, with a value: an empty or blank value (`operator=`), or a
 * parameter given twice (`operator=A&operator=B`), is 422 on every route that reads a query,
 * before its schema, so no filter can turn into "no filter" or into two of them.
 */
function singleQueryValues(c: Context<AppEnv>) {
  const details = Object.entries(c.req.queries()).flatMap(([name, values]) =>
    values.length > 1
      ? [{ path: name, message: `Give ${name} once, not ${values.length} times.` }]
      : values.every((v) => v.trim() === '')
        ? [{ path: name, message: `Give ${name} a value, or leave it out.` }]
        : [],
  );
  if (details.length)
    throw ruleBroken('Some values in the address are not valid.', details, 'invalid_request');
}

/** A router whose request validation failures answer 422 (400 for unreadable JSON) in our shape. */
export function newRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (result.success) return;
      const details = result.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.') || result.target,
        message: issue.message,
      }));
      throw ruleBroken(
        result.target === 'query' || result.target === 'param'
          ? 'Some values in the address are not valid.'
          : 'Some values in the request are not valid.',
        details,
        'invalid_request',
      );
    },
  });
}

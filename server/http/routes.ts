import { createRoute, OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import type { Role } from '../db/schema.ts';
import { forbidden, ruleBroken, unauthorised } from '../errors.ts';
import type { AppEnv } from './context.ts';

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
/** Whether each declared route reads a request body. */
export const routeTakesBody = new Map<string, boolean>();
/** The query parameters each declared route reads (the tenancy tests send them blank and twice). */
export const routeQueryKeys = new Map<string, string[]>();

/**
 * createRoute with its access rule: the rule is enforced by a middleware made from it, recorded
 * in `declaredRoutes` and published in the OpenAPI document as `x-access`.
 */
export function defineRoute<
  P extends string,
  R extends Omit<RouteConfig, 'path' | 'middleware'> & { path: P },
>(access: Access, route: R) {
  const key = `${route.method.toUpperCase()} ${route.path}`;
  const query = route.request?.query as { shape?: Record<string, unknown> } | undefined;
  declaredRoutes.set(key, access);
  routeTakesBody.set(key, Boolean(route.request?.body));
  routeQueryKeys.set(key, Object.keys(query?.shape ?? {}));
  const checks = [
    // A public route needs no check: one middleware layer fewer on every kiosk submission.
    ...(access.roles === 'anyone' ? [] : [authorise(access.roles)]),
    // After the role check, so a caller without the role learns nothing from its query string.
    ...(query ? [singleQueryValues] : []),
  ];
  return createRoute({
    ...route,
    middleware: checks,
    security: access.roles === 'anyone' ? [] : SIGNED_IN,
    'x-access': access,
  });
}

/** 401 without a caller, 403 for a caller whose role is not among `roles`. */
function authorise(roles: readonly Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const actor = c.get('actor');
    if (!actor) throw unauthorised();
    if (!roles.includes(actor.role)) throw forbidden();
    await next();
  });
}

/**
 * Every query parameter once, with a value: an empty or blank value (`operator=`), or a
 * parameter given twice (`operator=A&operator=B`), is 422 on every route that reads a query,
 * before its schema, so no filter can turn into "no filter" or into two of them.
 */
const singleQueryValues = createMiddleware<AppEnv>(async (c, next) => {
  const details = Object.entries(c.req.queries()).flatMap(([name, values]) =>
    values.length > 1
      ? [{ path: name, message: `Give ${name} once, not ${values.length} times.` }]
      : values.every((v) => v.trim() === '')
        ? [{ path: name, message: `Give ${name} a value, or leave it out.` }]
        : [],
  );
  if (details.length)
    throw ruleBroken('Some values in the address are not valid.', details, 'invalid_request');
  await next();
});

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

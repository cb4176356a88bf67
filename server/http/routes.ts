import { createRoute, OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import type { Role } from '../db/schema.ts';
import { forbidden, passwordChangeRequired, ruleBroken, unauthorised } from '../errors.ts';
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

/**
 * createRoute with its access rule: the rule is enforced by a middleware made from it, recorded
 * in `declaredRoutes` and published in the OpenAPI document as `x-access`.
 */
export function defineRoute<
  P extends string,
  R extends Omit<RouteConfig, 'path' | 'middleware'> & { path: P },
>(access: Access, route: R) {
  declaredRoutes.set(`${route.method.toUpperCase()} ${route.path}`, access);
  routeTakesBody.set(`${route.method.toUpperCase()} ${route.path}`, Boolean(route.request?.body));
  return createRoute({
    ...route,
    // A public route needs no check: one middleware layer fewer on every kiosk submission.
    middleware:
      access.roles === 'anyone'
        ? []
        : [authorise(access.roles, `${route.method.toUpperCase()} ${route.path}`)],
    security: access.roles === 'anyone' ? [] : SIGNED_IN,
    'x-access': access,
  });
}

/** What a user whose password an admin reset may still call (sign-out needs nobody). */
export const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set(['GET /auth/me', 'POST /auth/password']);

/**
 * 401 without a caller, 403 for a caller whose role is not among `roles`, and 403
 * `password_change_required` for a caller who must first replace a one-time password.
 */
function authorise(roles: readonly Role[], key: string) {
  const allowedBeforeChange = ALLOWED_BEFORE_PASSWORD_CHANGE.has(key);
  return createMiddleware<AppEnv>(async (c, next) => {
    const actor = c.get('actor');
    if (!actor) throw unauthorised();
    if (actor.mustChangePassword && !allowedBeforeChange) throw passwordChangeRequired();
    if (!roles.includes(actor.role)) throw forbidden();
    await next();
  });
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

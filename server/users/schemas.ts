// The contract of users: the zod schemas of its requests and responses, and each route's
// declaration (path, who may call it, documented answers). Its handlers are in routes.ts.
import { z } from '@hono/zod-openapi';
import { NewPasswordSchema } from '../auth/schemas.ts';
import { defineRoute } from '../http/routes.ts';
import { CodeSchema, EmailSchema, errors, json, jsonBody, listOf } from '../http/schemas.ts';

export const UserSchema = z
  .object({
    id: z.string().uuid(),
    email: z.string(),
    role: z.enum(['admin', 'swd', 'coordinator']),
    operator: z.string().nullable(),
    disabled: z.boolean(),
    mustChangePassword: z
      .boolean()
      .openapi({ description: 'An admin reset the password; the user has not changed it yet' }),
    createdAt: z.string(),
  })
  .openapi('User');

export const list = defineRoute(
  { roles: ['admin', 'coordinator'], tenancy: 'operator' },
  {
    method: 'get',
    path: '/users',
    summary: "Users: every one for admins, a coordinator's own operator's for coordinators",
    responses: { 200: json(listOf(UserSchema), 'Users'), ...errors(401, 403) },
  },
);

export const create = defineRoute(
  { roles: ['admin'], tenancy: 'global' },
  {
    method: 'post',
    path: '/users',
    summary: 'Create a user (admin)',
    request: {
      body: jsonBody(
        z.object({
          email: EmailSchema,
          password: NewPasswordSchema,
          role: z.enum(['admin', 'swd', 'coordinator']),
          operator: CodeSchema.nullish(),
        }),
      ),
    },
    responses: {
      201: json(z.object({ id: z.string().uuid() }), 'Created'),
      ...errors(401, 403, 409, 422),
    },
  },
);

export const update = defineRoute(
  { roles: ['admin'], tenancy: 'global' },
  {
    method: 'patch',
    path: '/users/{id}',
    summary: 'Disable or enable a user (admin); disabling ends their sessions and tokens',
    request: {
      params: z.object({ id: z.string() }),
      body: jsonBody(z.object({ disabled: z.boolean() })),
    },
    responses: { 200: json(UserSchema, 'The user'), ...errors(401, 403, 404, 409, 422) },
  },
);

export const resetPassword = defineRoute(
  { roles: ['admin'], tenancy: 'global' },
  {
    method: 'post',
    path: '/users/{id}/password',
    summary: "Reset a user's password to a one-time password (admin)",
    description:
      'The user must change it at the next sign-in: until then every call but ' +
      '`GET /auth/me`, `POST /auth/password` and `POST /auth/logout` is answered 403 ' +
      "`password_change_required`. Ends all of the user's sessions and API tokens. An admin " +
      'changes their own password with `POST /auth/password` instead (409).',
    request: {
      params: z.object({ id: z.string() }),
      body: jsonBody(z.object({ password: NewPasswordSchema })),
    },
    responses: { 200: json(UserSchema, 'The user'), ...errors(401, 403, 404, 409, 422) },
  },
);

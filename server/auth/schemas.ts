// The contract of auth: the zod schemas of its requests and responses, and each route's
// declaration (path, who may call it, documented answers). Its handlers are in routes.ts.
import { z } from '@hono/zod-openapi';
import { defineRoute } from '../http/routes.ts';
import { errors, json, jsonBody, listOf } from '../http/schemas.ts';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './passwords.ts';

/** An API token's lifetime in days: the default, and the most one may ask for. */
export const TOKEN_DAYS = { default: 90, max: 365 };

export const UserSchema = z
  .object({
    id: z.string().uuid(),
    email: z.string(),
    role: z.enum(['admin', 'swd', 'coordinator']),
    operator: z.string().nullable().openapi({ description: "The operator's code, or null" }),
    mustChangePassword: z.boolean().openapi({
      description:
        'An admin reset the password: change it (POST /auth/password) before anything else',
    }),
  })
  .openapi('SignedInUser');

export const LoginSchema = z.object({
  email: z.string().max(254),
  password: z.string().max(PASSWORD_MAX_LENGTH),
});

export const NewPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH);

export const login = defineRoute(
  { roles: 'anyone', tenancy: 'public' },
  {
    method: 'post',
    path: '/auth/login',
    summary: 'Sign in with email and password; sets an HttpOnly session cookie',
    request: { body: jsonBody(LoginSchema) },
    responses: {
      200: json(z.object({ user: UserSchema }), 'Signed in'),
      ...errors(401, 422, 429),
    },
  },
);

export const logout = defineRoute(
  { roles: 'anyone', tenancy: 'public' },
  {
    method: 'post',
    path: '/auth/logout',
    summary: 'Sign out: ends this session',
    responses: { 204: { description: 'Signed out' } },
  },
);

export const me = defineRoute(
  { roles: ['admin', 'swd', 'coordinator'], tenancy: 'global' },
  {
    method: 'get',
    path: '/auth/me',
    summary: 'The signed-in user',
    responses: { 200: json(z.object({ user: UserSchema }), 'The caller'), ...errors(401) },
  },
);

export const password = defineRoute(
  { roles: ['admin', 'swd', 'coordinator'], tenancy: 'global' },
  {
    method: 'post',
    path: '/auth/password',
    summary: "Change one's own password; ends every other session",
    request: {
      body: jsonBody(
        z.object({
          currentPassword: z.string().max(PASSWORD_MAX_LENGTH),
          newPassword: NewPasswordSchema,
        }),
      ),
    },
    description:
      'Needs a signed-in session (an API token gets 403). Wrong current passwords count against ' +
      'the sign-in limit (429). Ends every API token of the user.',
    responses: { 204: { description: 'Changed' }, ...errors(401, 403, 422, 429) },
  },
);

export const TokenSchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    expiresAt: z.string().openapi({ description: 'After this instant the token is refused' }),
    user: z.object({
      id: z.string().uuid(),
      email: z.string(),
      role: z.enum(['admin', 'swd', 'coordinator']),
    }),
  })
  .openapi('ApiToken');

export const createToken = defineRoute(
  { roles: ['admin', 'swd', 'coordinator'], tenancy: 'global' },
  {
    method: 'post',
    path: '/tokens',
    summary: 'Create an API token for scripts; the token is shown once',
    description:
      'Needs a signed-in session: an API token cannot make tokens (403). A token acts as its ' +
      'user until it expires, is revoked, or its user is disabled or changes password.',
    request: {
      body: jsonBody(
        z.object({
          name: z.string().trim().min(1).max(100),
          expiresInDays: z
            .number()
            .int()
            .min(1)
            .max(TOKEN_DAYS.max)
            .optional()
            .openapi({ description: `Days until it expires (default ${TOKEN_DAYS.default})` }),
        }),
      ),
    },
    responses: {
      201: json(
        z.object({ token: z.string(), id: z.string().uuid(), expiresAt: z.string() }),
        'Created',
      ),
      ...errors(401, 403, 422),
    },
  },
);

export const listTokens = defineRoute(
  { roles: ['admin', 'swd', 'coordinator'], tenancy: 'global' },
  {
    method: 'get',
    path: '/tokens',
    summary: "The caller's own API tokens, or (admin, `all=true`) everyone's; never the secrets",
    description: 'Tokens that are revoked or expired are not listed.',
    request: {
      query: z.object({
        all: z
          .enum(['true', 'false'])
          .optional()
          .openapi({ description: "Admins only: every user's tokens (others get 403)" }),
      }),
    },
    responses: { 200: json(listOf(TokenSchema), 'Tokens'), ...errors(401, 403, 422) },
  },
);

export const revokeToken = defineRoute(
  { roles: ['admin', 'swd', 'coordinator'], tenancy: 'global' },
  {
    method: 'delete',
    path: '/tokens/{id}',
    summary: "Revoke one of your own API tokens (an admin: anyone's)",
    request: { params: z.object({ id: z.string() }) },
    responses: { 204: { description: 'Revoked' }, ...errors(401, 403, 404) },
  },
);

import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { audited } from '../audit/repository.ts';
import { forbidden, notFound, ruleBroken, unauthorised } from '../errors.ts';
import type { Deps } from '../http/context.ts';
import { defineRoute, newRouter } from '../http/routes.ts';
import { errors, json, jsonBody, listOf, Uuid } from '../http/schemas.ts';
import { normaliseEmail } from '../lib/email.ts';
import { randomSecret, sha256 } from '../lib/secrets.ts';
import { passwordLimiter, SIGN_IN_LIMIT } from './limits.ts';
import { deviceCookieName, sessionCookieName } from './middleware.ts';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  hashPassword,
  verifyNothing,
  verifyPassword,
} from './passwords.ts';
import * as repo from './repository.ts';
import { changePassword } from '../users/repository.ts';

export { SIGN_IN_LIMIT };

/** An API token's lifetime in days: the default, and the most one may ask for. */
export const TOKEN_DAYS = { default: 90, max: 365 };

/** How long a browser stays known to an account after its last sign-in there. */
export const DEVICE_DAYS = 180;

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

const LoginSchema = z.object({
  email: z.string().max(254),
  password: z.string().max(PASSWORD_MAX_LENGTH),
});

export const NewPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH);

const login = defineRoute(
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

const logout = defineRoute(
  { roles: 'anyone', tenancy: 'public' },
  {
    method: 'post',
    path: '/auth/logout',
    summary: 'Sign out: ends this session',
    responses: { 204: { description: 'Signed out' } },
  },
);

const me = defineRoute(
  { roles: ['admin', 'swd', 'coordinator'], tenancy: 'global' },
  {
    method: 'get',
    path: '/auth/me',
    summary: 'The signed-in user',
    responses: { 200: json(z.object({ user: UserSchema }), 'The caller'), ...errors(401) },
  },
);

const password = defineRoute(
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

const TokenSchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    expiresAt: z.string().openapi({ description: 'After this instant the token is refused' }),
    user: z.object({ id: z.string().uuid(), email: z.string(), role: z.string() }),
  })
  .openapi('ApiToken');

const createToken = defineRoute(
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

const listTokens = defineRoute(
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

const revokeToken = defineRoute(
  { roles: ['admin', 'swd', 'coordinator'], tenancy: 'global' },
  {
    method: 'delete',
    path: '/tokens/{id}',
    summary: "Revoke one of your own API tokens (an admin: anyone's)",
    request: { params: z.object({ id: z.string() }) },
    responses: { 204: { description: 'Revoked' }, ...errors(401, 403, 404) },
  },
);

export function authRoutes(deps: Deps) {
  const { db, config } = deps;
  const cookieName = sessionCookieName(config.secureCookies);
  const deviceCookie = deviceCookieName(config.secureCookies);
  const passwords = passwordLimiter(db, config.trustProxy);
  /** The device cookie this browser sent, if it looks like one. */
  const deviceOf = (c: Context) => {
    const secret = getCookie(c, deviceCookie);
    return secret && secret.length <= 100 ? { secret, hash: sha256(secret) } : null;
  };

  return newRouter()
    .openapi(login, async (c) => {
      const email = normaliseEmail(c.req.valid('json').email);
      const { password } = c.req.valid('json');
      const device = deviceOf(c);
      const user = await repo.findUserForSignIn(db, email, device?.hash ?? null);
      const attempt = await passwords.attempt(c, email, user?.knownDevice ? device!.hash : null);
      const ok = user
        ? !user.disabled_at && (await verifyPassword(user.password_hash, password))
        : (await verifyNothing(password, config.passwordHashing), false);
      if (!user || !ok) {
        await audited(db, null, async () => ({
          result: null,
          event: { action: 'sign_in_failed', targetType: 'user', targetId: user?.id ?? null },
        }));
        throw unauthorised('The email or password is not right.');
      }
      await passwords.succeeded(attempt);
      const previous = c.get('actor');
      if (previous?.sessionHash) await repo.deleteSession(db, previous.sessionHash);
      const principal = (await repo.findPrincipal(db, user.id))!;
      const session = await audited(
        db,
        { userId: principal.userId, email: principal.email },
        async (trx) => ({
          result: await repo.createSession(trx, user.id, config.sessionHours),
          event: {
            action: 'sign_in',
            targetType: 'user',
            targetId: user.id,
            operatorId: principal.operatorId,
          },
        }),
      );
      setCookie(c, cookieName, session.secret, {
        httpOnly: true,
        secure: config.secureCookies,
        sameSite: 'Lax',
        path: '/',
        expires: session.expiresAt,
      });
      // A browser's device id is kept only if it is already this account's; otherwise a new one
      // (a device id planted in the victim's browser never becomes a known device of theirs).
      const deviceSecret = user.knownDevice ? device!.secret : randomSecret(32);
      await repo.rememberDevice(db, sha256(deviceSecret), user.id);
      setCookie(c, deviceCookie, deviceSecret, {
        httpOnly: true,
        secure: config.secureCookies,
        sameSite: 'Strict',
        path: '/',
        maxAge: DEVICE_DAYS * 86_400,
      });
      return c.json({ user: publicUser(principal) }, 200);
    })
    .openapi(logout, async (c) => {
      const actor = c.get('actor');
      if (actor?.sessionHash) await repo.deleteSession(db, actor.sessionHash);
      deleteCookie(c, cookieName, { path: '/', secure: config.secureCookies });
      return c.body(null, 204);
    })
    .openapi(me, async (c) => {
      const actor = c.get('actor')!;
      return c.json({ user: publicUser(actor) }, 200);
    })
    .openapi(password, async (c) => {
      const actor = c.get('actor')!;
      if (actor.via === 'token') {
        throw forbidden('Change a password signed in, not with an API token.');
      }
      const { currentPassword, newPassword } = c.req.valid('json');
      const device = deviceOf(c);
      const user = await repo.findUserForSignIn(db, actor.email, device?.hash ?? null);
      const attempt = await passwords.attempt(
        c,
        actor.email,
        user?.knownDevice ? device!.hash : null,
      );
      if (!user || !(await verifyPassword(user.password_hash, currentPassword))) {
        throw ruleBroken('The current password is not right.', [
          { path: 'currentPassword', message: 'The current password is not right.' },
        ]);
      }
      await passwords.succeeded(attempt);
      if (newPassword === currentPassword) {
        throw ruleBroken('Choose a new password.', [
          { path: 'newPassword', message: 'The new password is the same as the current one.' },
        ]);
      }
      const hash = await hashPassword(newPassword, config.passwordHashing);
      await audited(db, actor, async (trx) => ({
        result: await changePassword(trx, actor.userId, hash, actor.sessionHash),
        event: {
          action: 'password_changed',
          targetType: 'user',
          targetId: actor.userId,
          operatorId: actor.operatorId,
        },
      }));
      return c.body(null, 204);
    })
    .openapi(createToken, async (c) => {
      const actor = c.get('actor')!;
      // A token that could mint tokens would outlive its own expiry and revocation.
      if (actor.via === 'token') throw forbidden('Create API tokens signed in, not with a token.');
      const { name, expiresInDays = TOKEN_DAYS.default } = c.req.valid('json');
      const created = await audited(db, actor, async (trx) => {
        const token = await repo.createToken(trx, actor.userId, name, expiresInDays);
        return {
          result: token,
          event: {
            action: 'token_created',
            targetType: 'api_token',
            targetId: token.id,
            operatorId: actor.operatorId,
            details: { name, expiresAt: token.expiresAt.toISOString() },
          },
        };
      });
      return c.json(
        { token: created.token, id: created.id, expiresAt: created.expiresAt.toISOString() },
        201,
      );
    })
    .openapi(listTokens, async (c) => {
      const actor = c.get('actor')!;
      const all = c.req.valid('query').all === 'true';
      if (all && actor.role !== 'admin') throw forbidden("Only admins list everyone's tokens.");
      const rows = await repo.listTokens(db, all ? null : actor.userId);
      return c.json(
        {
          items: rows.map((r) => ({
            id: r.id,
            name: r.name,
            createdAt: r.created_at.toISOString(),
            lastUsedAt: r.last_used_at?.toISOString() ?? null,
            expiresAt: r.expires_at.toISOString(),
            user: { id: r.user_id, email: r.email, role: r.role },
          })),
        },
        200,
      );
    })
    .openapi(revokeToken, async (c) => {
      const actor = c.get('actor')!;
      const { id } = c.req.valid('param');
      await audited(db, actor, async (trx) => {
        const owner = actor.role === 'admin' ? null : actor.userId;
        const revoked = Uuid.test(id) ? await repo.revokeToken(trx, owner, id) : null;
        if (!revoked) throw notFound('The token');
        return {
          result: null,
          event: {
            action: 'token_revoked',
            targetType: 'api_token',
            targetId: id,
            operatorId: revoked.operatorId,
            ...(revoked.userId !== actor.userId ? { details: { user: revoked.userId } } : {}),
          },
        };
      });
      return c.body(null, 204);
    });
}

function publicUser(p: {
  userId: string;
  email: string;
  role: 'admin' | 'swd' | 'coordinator';
  operatorCode: string | null;
  mustChangePassword: boolean;
}) {
  return {
    id: p.userId,
    email: p.email,
    role: p.role,
    operator: p.operatorCode,
    mustChangePassword: p.mustChangePassword,
  };
}

import { z } from '@hono/zod-openapi';
import { deleteCookie, setCookie } from 'hono/cookie';
import { audited } from '../audit/repository.ts';
import { notFound, ruleBroken, tooManyRequests, unauthorised } from '../errors.ts';
import type { Deps } from '../http/context.ts';
import { defineRoute, newRouter } from '../http/routes.ts';
import { errors, json, jsonBody, listOf, Uuid } from '../http/schemas.ts';
import { sha256 } from '../lib/secrets.ts';
import { clientAddress, sessionCookieName } from './middleware.ts';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  hashPassword,
  verifyNothing,
  verifyPassword,
} from './passwords.ts';
import * as repo from './repository.ts';
import { changePassword } from '../users/repository.ts';

/** Failed sign-ins allowed per email, and per client address, within the window. */
export const SIGN_IN_LIMIT = { perEmail: 5, perAddress: 30, windowMinutes: 15 };

export const UserSchema = z
  .object({
    id: z.string().uuid(),
    email: z.string(),
    role: z.enum(['admin', 'swd', 'coordinator']),
    operator: z.string().nullable().openapi({ description: "The operator's code, or null" }),
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
    responses: { 204: { description: 'Changed' }, ...errors(401, 403, 422) },
  },
);

const TokenSchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
  })
  .openapi('ApiToken');

const createToken = defineRoute(
  { roles: ['admin', 'swd', 'coordinator'], tenancy: 'global' },
  {
    method: 'post',
    path: '/tokens',
    summary: 'Create an API token for scripts; the token is shown once',
    request: { body: jsonBody(z.object({ name: z.string().trim().min(1).max(100) })) },
    responses: {
      201: json(z.object({ token: z.string(), id: z.string().uuid() }), 'Created'),
      ...errors(401, 403, 422),
    },
  },
);

const listTokens = defineRoute(
  { roles: ['admin', 'swd', 'coordinator'], tenancy: 'global' },
  {
    method: 'get',
    path: '/tokens',
    summary: "The caller's own API tokens (never the secrets)",
    responses: { 200: json(listOf(TokenSchema), 'Tokens'), ...errors(401) },
  },
);

const revokeToken = defineRoute(
  { roles: ['admin', 'swd', 'coordinator'], tenancy: 'global' },
  {
    method: 'delete',
    path: '/tokens/{id}',
    summary: 'Revoke one of your own API tokens',
    request: { params: z.object({ id: z.string() }) },
    responses: { 204: { description: 'Revoked' }, ...errors(401, 403, 404) },
  },
);

export function authRoutes(deps: Deps) {
  const { db, config } = deps;
  const cookieName = sessionCookieName(config.secureCookies);

  return newRouter()
    .openapi(login, async (c) => {
      const { email, password } = c.req.valid('json');
      const emailKey = `email:${sha256(email.trim().toLowerCase())}`;
      const addressKey = `address:${clientAddress(c, config.trustProxy)}`;
      const failures = await repo.countRecentFailures(
        db,
        [emailKey, addressKey],
        SIGN_IN_LIMIT.windowMinutes,
      );
      if (
        (failures.get(emailKey) ?? 0) >= SIGN_IN_LIMIT.perEmail ||
        (failures.get(addressKey) ?? 0) >= SIGN_IN_LIMIT.perAddress
      ) {
        throw tooManyRequests(
          `Too many failed sign-ins. Try again in ${SIGN_IN_LIMIT.windowMinutes} minutes.`,
        );
      }
      const user = await repo.findUserForSignIn(db, email.trim());
      const ok = user
        ? !user.disabled_at && (await verifyPassword(user.password_hash, password))
        : (await verifyNothing(password, config.passwordHashing), false);
      if (!user || !ok) {
        await repo.recordFailure(db, [emailKey, addressKey]);
        await audited(db, null, async () => ({
          result: null,
          event: { action: 'sign_in_failed', targetType: 'user', targetId: user?.id ?? null },
        }));
        throw unauthorised('The email or password is not right.');
      }
      await repo.clearFailures(db, emailKey);
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
      const { currentPassword, newPassword } = c.req.valid('json');
      const user = await repo.findUserForSignIn(db, actor.email);
      if (!user || !(await verifyPassword(user.password_hash, currentPassword))) {
        throw ruleBroken('The current password is not right.', [
          { path: 'currentPassword', message: 'The current password is not right.' },
        ]);
      }
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
      const { name } = c.req.valid('json');
      const created = await audited(db, actor, async (trx) => {
        const token = await repo.createToken(trx, actor.userId, name);
        return {
          result: token,
          event: {
            action: 'token_created',
            targetType: 'api_token',
            targetId: token.id,
            operatorId: actor.operatorId,
            details: { name },
          },
        };
      });
      return c.json({ token: created.token, id: created.id }, 201);
    })
    .openapi(listTokens, async (c) => {
      const rows = await repo.listTokens(db, c.get('actor')!.userId);
      return c.json(
        {
          items: rows.map((r) => ({
            id: r.id,
            name: r.name,
            createdAt: r.created_at.toISOString(),
            lastUsedAt: r.last_used_at?.toISOString() ?? null,
          })),
        },
        200,
      );
    })
    .openapi(revokeToken, async (c) => {
      const actor = c.get('actor')!;
      const { id } = c.req.valid('param');
      await audited(db, actor, async (trx) => {
        if (!Uuid.test(id) || !(await repo.revokeToken(trx, actor.userId, id))) {
          throw notFound('The token');
        }
        return {
          result: null,
          event: {
            action: 'token_revoked',
            targetType: 'api_token',
            targetId: id,
            operatorId: actor.operatorId,
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
}) {
  return { id: p.userId, email: p.email, role: p.role, operator: p.operatorCode };
}

import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { audited } from '../audit/repository.ts';
import { forbidden, notFound, ruleBroken, unauthorised } from '../errors.ts';
import type { Deps } from '../http/context.ts';
import { newRouter } from '../http/routes.ts';
import { Uuid } from '../http/schemas.ts';
import { normaliseEmail } from '../lib/email.ts';
import { randomSecret, sha256 } from '../lib/secrets.ts';
import { passwordLimiter, SIGN_IN_LIMIT } from './limits.ts';
import { deviceCookieName, sessionCookieName } from './middleware.ts';
import { hashPassword, verifyNothing, verifyPassword } from './passwords.ts';
import * as repo from './repository.ts';
import { changePassword } from '../users/repository.ts';
import {
  TOKEN_DAYS,
  login,
  logout,
  me,
  password,
  createToken,
  listTokens,
  revokeToken,
} from './schemas.ts';

export { SIGN_IN_LIMIT };

/** How long a browser stays known to an account after its last sign-in there. */
export const DEVICE_DAYS = 180;

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

import { z } from '@hono/zod-openapi';
import { audited } from '../audit/repository.ts';
import { NewPasswordSchema } from '../auth/routes.ts';
import { conflict, notFound } from '../errors.ts';
import { scopeOf, type Deps } from '../http/context.ts';
import { defineRoute, newRouter } from '../http/routes.ts';
import { CodeSchema, EmailSchema, errors, json, jsonBody, listOf, Uuid } from '../http/schemas.ts';
import { hashPassword } from '../auth/passwords.ts';
import { changePassword, countAdmins, findUser, listUsers, setDisabled } from './repository.ts';
import { createUser } from './service.ts';

const UserSchema = z
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

type UserRow = Awaited<ReturnType<typeof listUsers>>[number];
const toUser = (u: UserRow) => ({
  id: u.id,
  email: u.email,
  role: u.role,
  operator: u.operator_code,
  disabled: u.disabled_at !== null,
  mustChangePassword: u.must_change_password,
  createdAt: u.created_at.toISOString(),
});

const list = defineRoute(
  { roles: ['admin', 'coordinator'], tenancy: 'operator' },
  {
    method: 'get',
    path: '/users',
    summary: "Users: every one for admins, a coordinator's own operator's for coordinators",
    responses: { 200: json(listOf(UserSchema), 'Users'), ...errors(401, 403) },
  },
);

const create = defineRoute(
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

const update = defineRoute(
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

const resetPassword = defineRoute(
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

export function userRoutes({ db, config }: Deps) {
  return newRouter()
    .openapi(list, async (c) => {
      const rows = await listUsers(db, scopeOf(c.get('actor')!));
      return c.json({ items: rows.map(toUser) }, 200);
    })
    .openapi(create, async (c) => {
      const id = await createUser(db, c.get('actor'), c.req.valid('json'), config.passwordHashing);
      return c.json({ id }, 201);
    })
    .openapi(update, async (c) => {
      const actor = c.get('actor')!;
      const { id } = c.req.valid('param');
      const { disabled } = c.req.valid('json');
      const user = await audited(db, actor, async (trx) => {
        const before = Uuid.test(id) ? await findUser(trx, 'all', id) : undefined;
        if (!before) throw notFound('The user');
        if (disabled && id === actor.userId) throw conflict('You cannot disable your own account.');
        if (disabled && before.role === 'admin' && (await countAdmins(trx)) <= 1) {
          throw conflict('The last enabled admin cannot be disabled.');
        }
        await setDisabled(trx, id, disabled);
        return {
          result: (await findUser(trx, 'all', id))!,
          event: {
            action: disabled ? 'user_disabled' : 'user_enabled',
            targetType: 'user',
            targetId: id,
            operatorId: before.operator_id,
          },
        };
      });
      return c.json(toUser(user), 200);
    })
    .openapi(resetPassword, async (c) => {
      const actor = c.get('actor')!;
      const { id } = c.req.valid('param');
      const hash = await hashPassword(c.req.valid('json').password, config.passwordHashing);
      const user = await audited(db, actor, async (trx) => {
        const before = Uuid.test(id) ? await findUser(trx, 'all', id) : undefined;
        if (!before) throw notFound('The user');
        if (id === actor.userId) {
          throw conflict('Change your own password on the change-password page.', 'own_account');
        }
        await changePassword(trx, id, hash, null, true);
        return {
          result: (await findUser(trx, 'all', id))!,
          event: {
            action: 'password_reset',
            targetType: 'user',
            targetId: id,
            operatorId: before.operator_id,
          },
        };
      });
      return c.json(toUser(user), 200);
    });
}

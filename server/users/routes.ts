import { audited } from '../audit/repository.ts';
import { conflict, notFound } from '../errors.ts';
import { scopeOf, type Deps } from '../http/context.ts';
import { newRouter } from '../http/routes.ts';
import { Uuid } from '../http/schemas.ts';
import { hashPassword } from '../auth/passwords.ts';
import { changePassword, countAdmins, findUser, listUsers, setDisabled } from './repository.ts';
import { createUser } from './service.ts';
import { list, create, update, resetPassword } from './schemas.ts';

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

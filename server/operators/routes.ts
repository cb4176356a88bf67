import { z } from '@hono/zod-openapi';
import { audited } from '../audit/repository.ts';
import { notFound } from '../errors.ts';
import { scopeOf, type Deps } from '../http/context.ts';
import { newRouter } from '../http/routes.ts';
import { NameSchema } from '../http/schemas.ts';
import { insertUnits, listOperators, updateOperatorName } from './repository.ts';
import { checkUnits, createOperator } from './service.ts';
import { list, get, create, update } from './schemas.ts';

type OperatorRow = Awaited<ReturnType<typeof listOperators>>[number];

const toOperator = ({ id: _id, ...o }: OperatorRow) => ({
  ...o,
  name: o.name as z.infer<typeof NameSchema>,
});

export function operatorRoutes({ db }: Deps) {
  return newRouter()
    .openapi(list, async (c) => {
      const operators = await listOperators(db, scopeOf(c.get('actor')!));
      return c.json({ items: operators.map(toOperator) }, 200);
    })
    .openapi(get, async (c) => {
      const [operator] = await listOperators(
        db,
        scopeOf(c.get('actor')!),
        c.req.valid('param').code,
      );
      if (!operator) throw notFound('The operator');
      return c.json(toOperator(operator), 200);
    })
    .openapi(create, async (c) => {
      const body = c.req.valid('json');
      const operator = await audited(db, c.get('actor'), async (trx) => {
        const id = await createOperator(trx, body);
        return {
          result: (await listOperators(trx, 'all', body.code))[0]!,
          event: {
            action: 'operator_created',
            targetType: 'operator',
            targetId: body.code,
            operatorId: id,
            details: body,
          },
        };
      });
      return c.json(toOperator(operator), 201);
    })
    .openapi(update, async (c) => {
      const { code } = c.req.valid('param');
      const body = c.req.valid('json');
      const operator = await audited(db, c.get('actor'), async (trx) => {
        const [before] = await listOperators(trx, 'all', code);
        if (!before) throw notFound('The operator');
        if (body.name) await updateOperatorName(trx, before.id, body.name);
        if (body.addUnits)
          await insertUnits(trx, before.id, await checkUnits(trx, body.addUnits, 'addUnits'));
        return {
          result: (await listOperators(trx, 'all', code))[0]!,
          event: {
            action: 'operator_updated',
            targetType: 'operator',
            targetId: code,
            operatorId: before.id,
            details: body,
          },
        };
      });
      return c.json(toOperator(operator), 200);
    });
}

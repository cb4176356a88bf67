import { z } from '@hono/zod-openapi';
import { audited } from '../audit/repository.ts';
import { notFound } from '../errors.ts';
import { scopeOf, type Deps } from '../http/context.ts';
import { defineRoute, newRouter } from '../http/routes.ts';
import { CodeSchema, errors, json, jsonBody, listOf, NameSchema } from '../http/schemas.ts';
import { insertUnits, listOperators, updateOperatorName } from './repository.ts';
import { checkUnits, createOperator } from './service.ts';

const UnitSchema = z
  .object({
    code: CodeSchema,
    programme: z.string().max(40),
    region: z
      .string()
      .max(40)
      .nullish()
      .openapi({ description: 'A SPeaR region or a ChildPRO team' }),
    districts: z
      .array(z.string().max(60))
      .max(18)
      .optional()
      .openapi({ description: 'District Council district codes' }),
  })
  .openapi('Unit');

const OperatorSchema = z
  .object({
    code: z.string(),
    name: NameSchema,
    demo: z.boolean(),
    units: z.array(
      z.object({
        code: z.string(),
        programme: z.string(),
        region: z.string().nullable(),
        districts: z.array(z.string()),
      }),
    ),
  })
  .openapi('Operator');

const OperatorParams = z.object({ code: z.string().max(40) });

type OperatorRow = Awaited<ReturnType<typeof listOperators>>[number];
const toOperator = ({ id: _id, ...o }: OperatorRow) => ({
  ...o,
  name: o.name as z.infer<typeof NameSchema>,
});

const list = defineRoute(
  { roles: ['admin', 'swd', 'coordinator'], tenancy: 'operator' },
  {
    method: 'get',
    path: '/operators',
    summary: 'Operators and their units (a coordinator sees only its own)',
    responses: { 200: json(listOf(OperatorSchema), 'Operators'), ...errors(401) },
  },
);

const get = defineRoute(
  { roles: ['admin', 'swd', 'coordinator'], tenancy: 'operator' },
  {
    method: 'get',
    path: '/operators/{code}',
    summary: 'One operator with its units',
    request: { params: OperatorParams },
    responses: { 200: json(OperatorSchema, 'The operator'), ...errors(401, 404) },
  },
);

const create = defineRoute(
  { roles: ['admin'], tenancy: 'global' },
  {
    method: 'post',
    path: '/operators',
    summary: 'Create an operator with its units (admin)',
    request: {
      body: jsonBody(
        z.object({ code: CodeSchema, name: NameSchema, units: z.array(UnitSchema).max(50) }),
      ),
    },
    responses: { 201: json(OperatorSchema, 'Created'), ...errors(401, 403, 409, 422) },
  },
);

const update = defineRoute(
  { roles: ['admin'], tenancy: 'global' },
  {
    method: 'patch',
    path: '/operators/{code}',
    summary:
      'Rename an operator or add units (admin); units are never removed, responses refer to them',
    request: {
      params: OperatorParams,
      body: jsonBody(
        z.object({ name: NameSchema.optional(), addUnits: z.array(UnitSchema).max(50).optional() }),
      ),
    },
    responses: { 200: json(OperatorSchema, 'The operator'), ...errors(401, 403, 404, 409, 422) },
  },
);

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

// The contract of operators: the zod schemas of its requests and responses, and each route's
// declaration (path, who may call it, documented answers). Its handlers are in routes.ts.
import { z } from '@hono/zod-openapi';
import { defineRoute } from '../http/routes.ts';
import { CodeSchema, errors, json, jsonBody, listOf, NameSchema } from '../http/schemas.ts';

export const UnitSchema = z
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

export const OperatorSchema = z
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

export const OperatorParams = z.object({ code: z.string().max(40) });

export const list = defineRoute(
  { roles: ['admin', 'swd', 'coordinator'], tenancy: 'operator' },
  {
    method: 'get',
    path: '/operators',
    summary: 'Operators and their units (a coordinator sees only its own)',
    responses: { 200: json(listOf(OperatorSchema), 'Operators'), ...errors(401) },
  },
);

export const get = defineRoute(
  { roles: ['admin', 'swd', 'coordinator'], tenancy: 'operator' },
  {
    method: 'get',
    path: '/operators/{code}',
    summary: 'One operator with its units',
    request: { params: OperatorParams },
    responses: { 200: json(OperatorSchema, 'The operator'), ...errors(401, 404) },
  },
);

export const create = defineRoute(
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

export const update = defineRoute(
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
